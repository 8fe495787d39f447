// The overview in the diagram's corner: every device a dot of its role's colour on a <canvas>,
// drawn from the document's positions once per network and placed as the view moves, and the
// view as a window in a shaded <svg> mask. React Flow's own minimap draws an element per device,
// each listening to its store (every update of which asked 2 000 marks whether they changed), and
// knows nothing of the devices it is not given (a large network's under the drawing, Canvas.tsx).
// Dragging on it moves the view (the window follows the pointer), a click centres the view there,
// the wheel zooms.

import { Panel, useReactFlow, useStore, type ReactFlowState } from '@xyflow/react';
import { useEffect, useMemo, useRef, type PointerEvent as ReactPointerEvent, type WheelEvent as ReactWheelEvent } from 'react';
import type { TopoNode } from '../../engine';
import { fallbackPosition, SYMBOL_CENTRE_Y } from './geometry';
import { ROLE_COLOURS } from './icons';

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A device's mark, in flow units: about its card's box (React Flow places it by its top centre). */
const MARK = { width: 96, height: 70 };
/** Room around the network and the view, in overview pixels. */
const OFFSET = 5;

/** The box around every device's mark, in flow units. */
export function boundsOf(nodes: readonly TopoNode[]): Rect | undefined {
  if (nodes.length === 0) return undefined;
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  nodes.forEach((n, i) => {
    const p = n.position ?? fallbackPosition(i);
    x0 = Math.min(x0, p.x - MARK.width / 2);
    x1 = Math.max(x1, p.x + MARK.width / 2);
    y0 = Math.min(y0, p.y - SYMBOL_CENTRE_Y);
    y1 = Math.max(y1, p.y - SYMBOL_CENTRE_Y + MARK.height);
  });
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

const union = (a: Rect, b: Rect): Rect => {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return { x, y, width: Math.max(a.x + a.width, b.x + b.width) - x, height: Math.max(a.y + a.height, b.y + b.height) - y };
};

/** What the overview shows (flow units) in a box of `size` pixels: the network and the view, centred, with room around; `scale` is flow units per pixel. */
export function frameOf(network: Rect | undefined, view: Rect, size: { width: number; height: number }): Rect & { scale: number } {
  const r = network ? union(network, view) : view;
  const scale = Math.max(r.width / (size.width - 2 * OFFSET), r.height / (size.height - 2 * OFFSET));
  const [width, height] = [size.width * scale, size.height * scale];
  return { x: r.x - (width - r.width) / 2, y: r.y - (height - r.height) / 2, width, height, scale };
}

/** Every device's mark on a canvas of the overview's size, the network alone in its frame. */
function marksOf(nodes: readonly TopoNode[], network: Rect, size: { width: number; height: number }): HTMLCanvasElement {
  const dpr = window.devicePixelRatio || 1;
  const c = document.createElement('canvas');
  c.width = Math.round(size.width * dpr);
  c.height = Math.round(size.height * dpr);
  const ctx = c.getContext('2d');
  if (!ctx) return c;
  const { x, y, scale } = frameOf(network, network, size);
  const k = dpr / scale;
  ctx.setTransform(k, 0, 0, k, -x * k, -y * k);
  // A mark stays at least a pixel across however large the network.
  const w = Math.max(MARK.width, 1 / k);
  const h = Math.max(MARK.height, 1 / k);
  nodes.forEach((n, i) => {
    const p = n.position ?? fallbackPosition(i);
    ctx.fillStyle = ROLE_COLOURS[n.role] ?? '#94a3b8';
    ctx.fillRect(p.x - w / 2, p.y - SYMBOL_CENTRE_Y, w, h);
  });
  return c;
}

/** The view in flow units, as one string so that the overview renders only when it moves. */
const viewOf = (s: ReactFlowState) => `${-s.transform[0] / s.transform[2]} ${-s.transform[1] / s.transform[2]} ${s.width / s.transform[2]} ${s.height / s.transform[2]}`;

export function MiniMap({ nodes, size, ariaLabel }: { nodes: readonly TopoNode[]; size: { width: number; height: number }; ariaLabel: string }) {
  const { getViewport, setViewport } = useReactFlow();
  const [vx, vy, vw, vh] = useStore(viewOf).split(' ').map(Number) as [number, number, number, number];
  const network = useMemo(() => boundsOf(nodes), [nodes]);
  const frame = frameOf(network, { x: vx, y: vy, width: vw, height: vh }, size);
  const canvas = useRef<HTMLCanvasElement>(null);
  const { x, y, width, height } = frame;

  // The marks, drawn once per network into a picture of the network alone (the view left out),
  // which each frame only places: a pan beyond the network changes the frame at every step.
  const picture = useMemo(() => (network ? marksOf(nodes, network, size) : undefined), [nodes, network, size]);
  useEffect(() => {
    const el = canvas.current;
    const ctx = el?.getContext('2d');
    if (!el || !ctx) return;
    const dpr = window.devicePixelRatio || 1;
    el.width = Math.round(size.width * dpr);
    el.height = Math.round(size.height * dpr);
    if (!picture || !network) return;
    const k = (size.width / width) * dpr;
    const own = frameOf(network, network, size);
    ctx.drawImage(picture, (own.x - x) * k, (own.y - y) * k, own.width * k, own.height * k);
  }, [picture, network, x, y, width, size]);

  // Dragging moves the view with the pointer; a click without a drag centres the view there.
  const drag = useRef<{ id: number; x: number; y: number; moved: boolean } | undefined>(undefined);
  const toFlow = (e: { clientX: number; clientY: number }, el: Element) => {
    const b = el.getBoundingClientRect();
    return { x: x + (e.clientX - b.left) * frame.scale, y: y + (e.clientY - b.top) * frame.scale };
  };
  const onPointerDown = (e: ReactPointerEvent<SVGSVGElement>) => {
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { id: e.pointerId, x: e.clientX, y: e.clientY, moved: false };
  };
  const onPointerMove = (e: ReactPointerEvent<SVGSVGElement>) => {
    const d = drag.current;
    if (!d || d.id !== e.pointerId) return;
    const [dx, dy] = [e.clientX - d.x, e.clientY - d.y];
    if (!d.moved && Math.hypot(dx, dy) < 3) return;
    const v = getViewport();
    void setViewport({ x: v.x - dx * frame.scale * v.zoom, y: v.y - dy * frame.scale * v.zoom, zoom: v.zoom });
    drag.current = { ...d, x: e.clientX, y: e.clientY, moved: true };
  };
  const onPointerUp = (e: ReactPointerEvent<SVGSVGElement>) => {
    const d = drag.current;
    drag.current = undefined;
    if (!d || d.moved) return;
    const at = toFlow(e, e.currentTarget);
    const v = getViewport();
    void setViewport({ x: -(at.x - vw / 2) * v.zoom, y: -(at.y - vh / 2) * v.zoom, zoom: v.zoom }, { duration: 200 });
  };
  const onWheel = (e: ReactWheelEvent<SVGSVGElement>) => {
    const v = getViewport();
    const zoom = Math.min(2.5, Math.max(0.02, v.zoom * Math.pow(2, -e.deltaY / 500)));
    // About the view's centre.
    const [cx, cy] = [vx + vw / 2, vy + vh / 2];
    void setViewport({ x: -(cx - (vw * v.zoom) / zoom / 2) * zoom, y: -(cy - (vh * v.zoom) / zoom / 2) * zoom, zoom });
  };

  return (
    <Panel position="bottom-right" className="react-flow__minimap pw-minimap" style={size} data-testid="canvas.minimap">
      <canvas ref={canvas} style={size} aria-hidden="true" />
      <svg
        width={size.width}
        height={size.height}
        viewBox={`${x} ${y} ${width} ${height}`}
        role="img"
        aria-label={ariaLabel}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onWheel={onWheel}
      >
        <path
          className="react-flow__minimap-mask"
          d={`M${x},${y}h${width}v${height}h${-width}z M${vx},${vy}h${vw}v${vh}h${-vw}z`}
          fillRule="evenodd"
          pointerEvents="none"
          style={{ strokeWidth: frame.scale }}
        />
      </svg>
    </Panel>
  );
}
