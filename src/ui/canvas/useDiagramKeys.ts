// The diagram's keyboard, as a composite widget with a roving tab stop (WAI-ARIA Authoring
// Practices, "Keyboard navigation inside components"): Tab enters the diagram on one device (the
// last one focused, else the selected one, else the first at the top left) and leaves it with the
// next Tab; the arrow keys move the focus to the nearest device in that direction; Enter or Space
// selects the focused device or link (React Flow's own keys); L goes through the focused device's
// links (Shift+L backwards), and from a link the arrow keys go to its end that way; Alt+arrows move
// the selected devices (React Flow's keyboard move, which the plain arrows would otherwise be);
// Escape clears the selection and keeps the focus. When the focused device or link is deleted (or
// taken away by undo), the focus goes to the nearest device left, or to the diagram itself,
// never to the page. Links are focusable but not tab stops. What the keys do is diagramKeys.ts,
// loaded just after the app opens.

import { useReactFlow } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState, type FocusEvent, type KeyboardEvent, type RefObject } from 'react';
import type { Link, TopoNode } from '../../engine';
import { selectLinks, selectNodes, useAppStore } from '../../store';
import type * as DiagramKeys from './diagramKeys';
import { fallbackPosition } from './geometry';

/** The device at the top left (the first one read). */
function topLeft(nodes: readonly TopoNode[]): string | undefined {
  let best: { name: string; x: number; y: number } | undefined;
  nodes.forEach((n, i) => {
    const { x, y } = n.position ?? fallbackPosition(i);
    if (!best || y < best.y - 1 || (Math.abs(y - best.y) <= 1 && x < best.x)) best = { name: n.name, x, y };
  });
  return best?.name;
}

export function useDiagramKeys(root: RefObject<HTMLElement | null>): {
  /** the device that is the diagram's tab stop */
  tabStop: string | undefined;
  onKeyDownCapture: (e: KeyboardEvent) => void;
  onFocusCapture: (e: FocusEvent) => void;
} {
  const nodes = useAppStore(selectNodes);
  const links = useAppStore(selectLinks);
  const selected = useAppStore((s) => s.selectedNodes);
  const { setCenter, getZoom } = useReactFlow();
  const [current, setCurrent] = useState<string>();
  const linkFrom = useRef<string | undefined>(undefined);
  const keys = useRef<typeof DiagramKeys | undefined>(undefined);
  useEffect(() => {
    void import('./diagramKeys').then((m) => (keys.current = m));
  }, []);
  const first = useMemo(() => topLeft(nodes), [nodes]);
  const has = (name: string | undefined) => name !== undefined && nodes.some((n) => n.name === name);
  const tabStop = has(current) ? current : (selected.find(has) ?? first);

  const context = (): DiagramKeys.DiagramKeysContext => ({ root: root.current, nodes, links, setCurrent, linkFrom, setCenter, getZoom });

  const onFocusCapture = useCallback((e: FocusEvent) => {
    const el = e.target as Element;
    if (!el.classList.contains('react-flow__node')) return;
    const name = el.getAttribute('data-id') ?? undefined;
    setCurrent(name);
    linkFrom.current = name;
  }, []);

  const onKeyDownCapture = (e: KeyboardEvent) => {
    if (keys.current?.onDiagramKey(e, context())) {
      // Not React Flow's (it would move a selected device, or blur on Escape), nor the page's.
      e.preventDefault();
      e.stopPropagation();
    }
  };

  const before = useRef<{ nodes: readonly TopoNode[]; links: readonly Link[] }>({ nodes, links });
  useEffect(() => {
    const prev = before.current;
    before.current = { nodes, links };
    // The rest of the context never changes.
    if (prev.nodes !== nodes || prev.links !== links) keys.current?.focusAfterDelete(prev, context());
  }, [nodes, links]);

  return { tabStop, onKeyDownCapture, onFocusCapture };
}
