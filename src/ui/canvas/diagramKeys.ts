// What the diagram's keys do (useDiagramKeys.ts is the hook that calls it, and says which keys):
// moving the focus among devices and links, and giving it back to the diagram when the focused
// device or link is deleted. Loaded just after the app opens (not part of its first load).

import type { KeyboardEvent } from 'react';
import type { Link, TopoNode } from '../../engine';
import { linkKey } from '../../engine/pure';
import { useAppStore } from '../../store';
import { fallbackPosition, type Point } from './geometry';
import { ARROWS, endInDirection, linksOf, nearest, nearestInDirection, type Placed } from './navigation';

/** The zoom a device is brought into view at when it is not drawn (culled, or the far view). */
const NEAR_ZOOM = 0.8;

export interface DiagramKeysContext {
  root: HTMLElement | null;
  nodes: readonly TopoNode[];
  links: readonly Link[];
  /** makes this device the diagram's tab stop */
  setCurrent: (name: string) => void;
  /** the device the focused link was reached from (L goes on through its links) */
  linkFrom: { current: string | undefined };
  setCenter: (x: number, y: number, options: { zoom: number }) => unknown;
  getZoom: () => number;
}

const placed = (nodes: readonly TopoNode[]): Placed[] => nodes.map((n, i) => ({ name: n.name, at: n.position ?? fallbackPosition(i) }));

const elementOf = (root: HTMLElement | null, kind: 'node' | 'edge', id: string): HTMLElement | null =>
  root?.querySelector<HTMLElement>(`.react-flow__${kind}[data-id="${CSS.escape(id)}"]`) ?? null;

/** Focuses a device or link now, or once it is drawn, after the view has moved to `at`. */
function focus(ctx: DiagramKeysContext, kind: 'node' | 'edge', id: string, at: Point | undefined): void {
  const el = elementOf(ctx.root, kind, id);
  el?.focus();
  if ((el && document.activeElement === el) || !at) return;
  void ctx.setCenter(at.x, at.y, { zoom: Math.max(ctx.getZoom(), NEAR_ZOOM) });
  requestAnimationFrame(() => requestAnimationFrame(() => elementOf(ctx.root, kind, id)?.focus()));
}

function focusDevice(ctx: DiagramKeysContext, name: string, devices: readonly Placed[]): void {
  focus(ctx, 'node', name, devices.find((d) => d.name === name)?.at);
}

/** Handles a key pressed on a device or a link of the diagram; true when it was the diagram's. */
export function onDiagramKey(e: KeyboardEvent, ctx: DiagramKeysContext): boolean {
  const el = e.target as Element;
  const kind = el.classList.contains('react-flow__node') ? 'node' : el.classList.contains('react-flow__edge') ? 'edge' : undefined;
  const id = el.getAttribute('data-id');
  if (!kind || !id || e.ctrlKey || e.metaKey || e.altKey) return false;
  const devices = placed(ctx.nodes);
  const at = (name: string) => devices.find((d) => d.name === name)?.at;
  const dir = ARROWS[e.key];
  if (e.key === 'Escape') {
    // React Flow would unselect and blur (the focus would fall to the page).
    useAppStore.getState().clearSelection();
  } else if (dir && kind === 'node') {
    const from = at(id);
    const next = from && nearestInDirection(from, dir, devices);
    if (next) focusDevice(ctx, next, devices);
  } else if (dir) {
    const l = ctx.links.find((x) => linkKey(x) === id);
    const a = l && at(l.a.node);
    const b = l && at(l.b.node);
    if (l && a && b) focusDevice(ctx, endInDirection(a, b, dir) === 'a' ? l.a.node : l.b.node, devices);
  } else if (e.key.toLowerCase() === 'l') {
    const node = ctx.nodes.find((n) => n.name === (kind === 'node' ? id : ctx.linkFrom.current));
    const own = node ? linksOf(node, ctx.links) : [];
    if (!node || own.length === 0) return true;
    const i = kind === 'edge' ? own.findIndex((x) => linkKey(x) === id) : -1;
    const next = own[i < 0 ? (e.shiftKey ? own.length - 1 : 0) : (i + (e.shiftKey ? -1 : 1) + own.length) % own.length]!;
    ctx.linkFrom.current = node.name;
    const a = at(next.a.node);
    const b = at(next.b.node);
    focus(ctx, 'edge', linkKey(next), a && b ? { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 } : undefined);
  } else return false;
  return true;
}

/**
 * After devices or links were deleted (or taken away by undo): when the focus went with them to
 * the page, it goes to the device left nearest to where they were, or to the diagram itself.
 */
export function focusAfterDelete(before: { nodes: readonly TopoNode[]; links: readonly Link[] }, ctx: DiagramKeysContext): void {
  const devices = placed(ctx.nodes);
  const names = new Set(ctx.nodes.map((n) => n.name));
  const ids = new Set(ctx.links.map(linkKey));
  const was = new Map(placed(before.nodes).map((d) => [d.name, d.at]));
  const gone: Point[] = [
    ...placed(before.nodes).filter((d) => !names.has(d.name)).map((d) => d.at),
    ...before.links
      .filter((l) => !ids.has(linkKey(l)))
      .flatMap((l) => {
        const a = was.get(l.a.node);
        const b = was.get(l.b.node);
        return a && b ? [{ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 }] : [];
      }),
  ];
  if (gone.length === 0) return;
  const where = { x: gone.reduce((s, p) => s + p.x, 0) / gone.length, y: gone.reduce((s, p) => s + p.y, 0) / gone.length };
  // React Flow takes the deleted elements away in its own render, after this one.
  requestAnimationFrame(() => {
    const active = document.activeElement;
    if (active && active !== document.body && active.isConnected) return;
    const next = nearest(where, devices);
    if (!next) return ctx.root?.focus();
    ctx.setCurrent(next);
    focusDevice(ctx, next, devices);
  });
}
