// Where a link meets a node: links are drawn centre to centre and cut at each node's border, so
// they look right whichever way the nodes are placed (no fixed handle sides).

/**
 * A device's position is the centre of its symbol (what a network diagram lines up), which sits
 * this far below the top of the device (see .pw-node: 12px padding, a 56px symbol). Canvas nodes
 * are placed by their top centre; a multiple of the grid keeps symbols on the grid.
 */
export const SYMBOL_CENTRE_Y = 40;

/** Where a device without a stored position goes: a row, left to right (the `index`th device). */
export const fallbackPosition = (index: number): Point => ({ x: index * 250, y: 0 });

export interface Point {
  x: number;
  y: number;
}

export interface Box {
  /** top-left corner */
  x: number;
  y: number;
  width: number;
  height: number;
}

export const centre = (b: Box): Point => ({ x: b.x + b.width / 2, y: b.y + b.height / 2 });

/** Distance between two links that join the same two devices (two cables, drawn side by side). */
export const PARALLEL_GAP = 12;

/**
 * How far a link is shifted across the line between its devices' centres `ca` (of device `a`)
 * and `cb` (of `b`): link `index` of `count` between them, the same way whichever device is a.
 */
export function parallelShift(ca: Point, cb: Point, a: string, b: string, index: number, count: number): Point {
  const len = Math.hypot(cb.x - ca.x, cb.y - ca.y) || 1;
  const shift = (index - (count - 1) / 2) * PARALLEL_GAP * (a < b ? 1 : -1);
  return { x: (-(cb.y - ca.y) / len) * shift, y: ((cb.x - ca.x) / len) * shift };
}

/**
 * A link or a frame's path between devices `a` (centre `ca`) and `b` (`cb`): the line between the
 * centres, cut `cut(length)` from each end and shifted across as link `parallel` (`index/count`
 * of the links joining the same two devices) is. The diagram's links, the moving frames and the
 * zoomed-out drawing all run along it.
 */
export function linkSegment(ca: Point, cb: Point, a: string, b: string, parallel: string, cut: (length: number) => number): [Point, Point] {
  const len = Math.hypot(cb.x - ca.x, cb.y - ca.y) || 1;
  const u = { x: (cb.x - ca.x) / len, y: (cb.y - ca.y) / len };
  const [index, count] = parallel.split('/').map(Number) as [number, number];
  const n = parallelShift(ca, cb, a, b, index, count);
  const c = cut(len);
  return [
    { x: ca.x + u.x * c + n.x, y: ca.y + u.y * c + n.y },
    { x: cb.x - u.x * c + n.x, y: cb.y - u.y * c + n.y },
  ];
}

/** The point where the segment from b's centre towards `toward` leaves b, pushed out by `gap`. */
export function borderPoint(b: Box, toward: Point, gap = 0): Point {
  const c = centre(b);
  const dx = toward.x - c.x;
  const dy = toward.y - c.y;
  if (dx === 0 && dy === 0) return c;
  const hw = b.width / 2 + gap;
  const hh = b.height / 2 + gap;
  const t = Math.min(dx === 0 ? Infinity : hw / Math.abs(dx), dy === 0 ? Infinity : hh / Math.abs(dy));
  return { x: c.x + dx * t, y: c.y + dy * t };
}

export interface Size {
  width: number;
  height: number;
}
