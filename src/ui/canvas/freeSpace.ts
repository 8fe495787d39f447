// Where a device added from the palette (a click, or Enter on a focused palette button) goes: the
// free spot nearest the middle of the view, inside the view when there is room, where neither its
// symbol (with its connect dot) nor its card hides a device, a card, an interface name or a line.
// Loaded with the first device added so.

import i18n from '../../i18n';
import type { Role } from '../../engine';
import { newDevice } from '../../engine/pure';
import { selectTopology, type AppState } from '../../store';
import { cardSize, DIAGRAM, diagramLayout } from './diagramLabels';
import type { Box, Point } from './geometry';
import { costAt, grow, shift, type LabelLayout } from './labels';

/**
 * Where a new device goes: the free spot nearest `near` (on a grid of `step`), preferably inside
 * `within` (the view), where its symbol and its card (`footprint`, a box around its centre) hide
 * no symbol, card, interface name or line, with `margin` around it. Falls back to `near`.
 */
export function freeSpot(layout: LabelLayout, near: Point, footprint: Box, opts: { step: number; margin: number; within?: Box; rings?: number }): Point {
  const { step, margin, within, rings = 40 } = opts;
  const fits = (p: Point) => costAt(layout, grow(shift(footprint, p), margin), { enough: 1 }) === 0;
  const inside = (p: Point) => !within || contains(within, shift(footprint, p));
  let outside: Point | undefined;
  for (let r = 0; r <= rings; r++) {
    // The ring r steps away, nearest points first.
    const ring: Point[] = [];
    for (let i = -r; i <= r; i++)
      for (let j = -r; j <= r; j++) if (Math.max(Math.abs(i), Math.abs(j)) === r) ring.push({ x: near.x + i * step, y: near.y + j * step });
    ring.sort((a, b) => Math.hypot(a.x - near.x, a.y - near.y) - Math.hypot(b.x - near.x, b.y - near.y));
    for (const p of ring) {
      if (!fits(p)) continue;
      if (inside(p)) return p;
      outside ??= p;
    }
  }
  return outside ?? near;
}

const contains = (outer: Box, b: Box): boolean => b.x >= outer.x && b.y >= outer.y && b.x + b.width <= outer.x + outer.width && b.y + b.height <= outer.y + outer.height;

/** Room kept around a device added by keyboard, and the step of the grid its place is looked for on. */
const ADD_MARGIN = 20;
const ADD_STEP = 20;

/**
 * Where a device of this role added from the palette goes: the free spot nearest `near` (the
 * middle of the view), inside `view` when there is room there, where neither its symbol (with
 * its connect dot) nor its card hides anything or lies on a line (freeSpot).
 */
export function newDeviceSpot(s: AppState, lang: string, role: Role, near: Point, view?: Box): Point {
  const topology = selectTopology(s);
  if (!topology) return near;
  const card = cardSize(newDevice(topology, role, near), i18n.getFixedT(lang));
  const m = DIAGRAM;
  const [dot] = m.extras;
  const left = Math.min(-m.symbol, -card.width / 2);
  const top = Math.min(-m.symbol, dot ? dot.y : 0);
  const right = Math.max(m.symbol, card.width / 2, dot ? dot.x + dot.width : 0);
  const footprint = { x: left, y: top, width: right - left, height: m.symbol + m.gap + card.height - top };
  return freeSpot(diagramLayout(s, lang), near, footprint, { step: ADD_STEP, margin: ADD_MARGIN, ...(view ? { within: view } : {}) });
}
