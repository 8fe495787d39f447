// Where the diagram's labels go, so that none hides another and no line runs through one: each
// device's card (name, role, addresses) on the side of its symbol that no link leaves by and
// nothing else takes; each link's interface names on the link, next to their device, clear of
// symbols, cards, other names and other links (tags.ts places a walk's tags and badges among
// them, freeSpace.ts a device added from the palette). Placed greedily among a few candidates
// each, with a grid of cells so that a question looks only at what is near: computed once per
// change of the network (about 0.1 s for 2 000 devices), never per animation frame. Pure: the
// caller gives the sizes (the diagram's CSS, or the slide's fonts), so the canvas and the slides
// place labels the same way.

import { linkSegment, type Box, type Point, type Size } from './geometry';

/** Where a card sits around its symbol, in order of preference (under it, as on a network diagram). */
export const SIDES = ['below', 'right', 'left', 'above'] as const;
export type Side = (typeof SIDES)[number];

/**
 * A card's place: a side of its symbol, and how far it is moved along that side (right, for a
 * card under or above its symbol; down, for one beside it) from the middle (under or above) or
 * from the top (beside).
 */
export interface Placement {
  side: Side;
  shift: number;
}

/** The moves tried on each side, in order of preference, for a card of this size. */
function shifts(side: Side, card: Size): number[] {
  // Beside: lower and lower; on the left also higher (on the right the connect dot is there).
  if (side === 'right') return [0, 24, 48];
  if (side === 'left') return [0, 24, 48, -24, -48];
  // Under or above: centred, or its edge 20 px past the symbol's centre, either way.
  const edge = Math.max(0, card.width / 2 - 20);
  return [0, edge, -edge];
}

/** The sizes of the drawing the labels are placed on. */
export interface Metrics {
  /** half the side of a symbol's box, around its centre */
  symbol: number;
  /** boxes that belong to the symbol (the connect dot), relative to its centre */
  extras: readonly Box[];
  /** links start and end this far from a symbol's centre */
  cut: number;
  /** between a symbol's box and a card under or above it */
  gap: number;
  /** between a symbol's box and a card beside it */
  sideGap: number;
  /** the top of a card beside its symbol, relative to the symbol's centre */
  sideTop: number;
}

export interface LayoutDevice {
  name: string;
  /** the centre of its symbol */
  at: Point;
  /** its card's size */
  card: Size;
}

export interface LayoutEnd {
  node: string;
  iface: string;
  /** the size of its interface name's label */
  label: Size;
}

export interface LayoutLink {
  id: string;
  a: LayoutEnd;
  b: LayoutEnd;
  /** "index/count" among the links joining the same two devices */
  parallel: string;
}

/**
 * Where an interface name sits: `along` the link from its own end of the line (towards the other
 * end), and `across` it (to the left of that direction; 0 on the line).
 */
export interface EndSpot {
  along: number;
  across: number;
}

type Owner = string;
interface Placed {
  owner: Owner;
  /** the last question that met it (each item is counted once per question) */
  mark: number;
}
type Item = Placed & ({ kind: 'box'; box: Box; what: 'symbol' | 'card' | 'label' | 'tag' } | { kind: 'line'; p: Point; q: Point });

/** Cost of a candidate that hides a box, or that a line runs through. */
const HIDES = 1000;
const CROSSED = 100;
/** Room kept between labels. */
export const CLEAR = 2;
/** How far a label moves at a time along its link when its first spot is taken. */
const STEP = 6;

const CELL = 128;
/** A cell's key: its column and row in one number. */
const key = (i: number, j: number): number => (i + 0x8000) * 0x10000 + (j + 0x8000);
const cell = (v: number): number => Math.floor(v / CELL);

/** What has been placed, by cells of the drawing: each question looks only at its neighbourhood. */
export class Grid {
  private readonly cells = new Map<number, Item[]>();
  private question = 0;

  /** The keys of the cells an item lies in, into `out` (emptied first). */
  private cellsOf(item: Item, out: number[]): number[] {
    out.length = 0;
    if (item.kind === 'box') {
      const { x, y, width, height } = item.box;
      for (let i = cell(x); i <= cell(x + width); i++) for (let j = cell(y); j <= cell(y + height); j++) out.push(key(i, j));
      return out;
    }
    // A line: the cells it passes through, column by column (a long link between tiers crosses
    // many columns but few cells of each).
    const [p, q] = item.p.x <= item.q.x ? [item.p, item.q] : [item.q, item.p];
    const slope = q.x === p.x ? 0 : (q.y - p.y) / (q.x - p.x);
    for (let i = cell(p.x); i <= cell(q.x); i++) {
      const ya = q.x === p.x ? p.y : p.y + slope * (Math.max(p.x, i * CELL) - p.x);
      const yb = q.x === p.x ? q.y : p.y + slope * (Math.min(q.x, (i + 1) * CELL) - p.x);
      for (let j = cell(Math.min(ya, yb)); j <= cell(Math.max(ya, yb)); j++) out.push(key(i, j));
    }
    return out;
  }

  private readonly keys: number[] = [];

  add(item: Item): Item {
    for (const k of this.cellsOf(item, this.keys)) {
      const list = this.cells.get(k);
      if (list) list.push(item);
      else this.cells.set(k, [item]);
    }
    return item;
  }

  remove(item: Item): void {
    for (const k of this.cellsOf(item, this.keys)) {
      const list = this.cells.get(k);
      const i = list ? list.indexOf(item) : -1;
      if (i >= 0) list!.splice(i, 1);
    }
  }

  private readonly found: Item[] = [];

  /** Every item near a box, each once (in a list that the next question reuses). */
  near(b: Box): readonly Item[] {
    const question = ++this.question;
    const found = this.found;
    found.length = 0;
    for (let i = cell(b.x - CLEAR); i <= cell(b.x + b.width + CLEAR); i++) {
      for (let j = cell(b.y - CLEAR); j <= cell(b.y + b.height + CLEAR); j++) {
        const list = this.cells.get(key(i, j));
        if (!list) continue;
        for (const item of list) {
          if (item.mark === question) continue;
          item.mark = question;
          found.push(item);
        }
      }
    }
    return found;
  }
}

// ---------------------------------------------------------------------------------------------
// Geometry

/** Do two boxes overlap (closer than `margin`)? */
export const boxesOverlap = (a: Box, b: Box, margin = 0): boolean =>
  a.x < b.x + b.width + margin && b.x < a.x + a.width + margin && a.y < b.y + b.height + margin && b.y < a.y + a.height + margin;

/** Does the segment p–q pass through the box (Liang–Barsky clipping)? Called for every line near every candidate: no allocation. */
export function lineHitsBox(p: Point, q: Point, b: Box): boolean {
  const x1 = b.x + b.width;
  const y1 = b.y + b.height;
  // Most lines near a box pass it by: their extents do not even meet.
  if (Math.max(p.x, q.x) < b.x || Math.min(p.x, q.x) > x1 || Math.max(p.y, q.y) < b.y || Math.min(p.y, q.y) > y1) return false;
  // Where the line is inside the box's columns, then inside its rows: it passes through when the
  // two stretches meet (an axis it runs along, it is inside all along, as the test above showed).
  const dx = q.x - p.x;
  const dy = q.y - p.y;
  let t0 = 0;
  let t1 = 1;
  if (dx !== 0) {
    const a = (b.x - p.x) / dx;
    const c = (x1 - p.x) / dx;
    t0 = Math.max(t0, Math.min(a, c));
    t1 = Math.min(t1, Math.max(a, c));
  }
  if (dy !== 0) {
    const a = (b.y - p.y) / dy;
    const c = (y1 - p.y) / dy;
    t0 = Math.max(t0, Math.min(a, c));
    t1 = Math.min(t1, Math.max(a, c));
  }
  return t0 <= t1;
}

/** A box of this size centred on p. */
export const centredBox = (p: Point, s: Size): Box => ({ x: p.x - s.width / 2, y: p.y - s.height / 2, width: s.width, height: s.height });

/** How far a box of this size reaches from its centre along the unit vector u. */
export const reach = (s: Size, u: Point): number => (s.width / 2) * Math.abs(u.x) + (s.height / 2) * Math.abs(u.y);

/** The box with `by` more room all round. */
export const grow = (b: Box, by: number): Box => ({ x: b.x - by, y: b.y - by, width: b.width + 2 * by, height: b.height + 2 * by });

/** The box moved by p. */
export const shift = (b: Box, p: Point): Box => ({ ...b, x: b.x + p.x, y: b.y + p.y });

// ---------------------------------------------------------------------------------------------
// The layout

/** A link's line as drawn, from its a end to its b end, with its unit direction and length. */
export interface Line {
  p: Point;
  q: Point;
  u: Point;
  len: number;
}

export interface LabelLayout {
  readonly metrics: Metrics;
  readonly centres: ReadonlyMap<string, Point>;
  readonly cards: ReadonlyMap<string, Placement & { box: Box }>;
  /** each link's interface names: [a's, b's] */
  readonly ends: ReadonlyMap<string, readonly [EndSpot, EndSpot]>;
  readonly lines: ReadonlyMap<string, Line>;
  /** each link's devices: [a, b] */
  readonly linkNodes: ReadonlyMap<string, readonly [string, string]>;
  /** the label boxes of each link's ends: [a's, b's] */
  readonly labelBoxes: ReadonlyMap<string, readonly [Box, Box]>;
  /** everything placed */
  readonly grid: Grid;
}

/** The box of a card of size `s` placed so around the symbol centred on c. */
export function cardBox(m: Metrics, c: Point, s: Size, { side, shift }: Placement): Box {
  const { width, height } = s;
  switch (side) {
    case 'below':
      return { x: c.x - width / 2 + shift, y: c.y + m.symbol + m.gap, width, height };
    case 'above':
      return { x: c.x - width / 2 + shift, y: c.y - m.symbol - m.gap - height, width, height };
    case 'right':
      return { x: c.x + m.symbol + m.sideGap, y: c.y + m.sideTop + shift, width, height };
    case 'left':
      return { x: c.x - m.symbol - m.sideGap - width, y: c.y + m.sideTop + shift, width, height };
  }
}

/**
 * The cost of putting a box there: what it would hide, and the lines that would cross it (counted
 * up to `enough`: a candidate already that bad is not chosen anyway).
 */
export function cost(grid: Grid, b: Box, ignore: (item: Item) => boolean, extra: readonly Box[] = [], enough = Infinity): number {
  let c = 0;
  const near = grow(b, CLEAR);
  for (const x of extra) if (boxesOverlap(near, x)) c += HIDES;
  for (const item of grid.near(b)) {
    if (c >= enough) break;
    if (ignore(item)) continue;
    if (item.kind === 'box') {
      if (boxesOverlap(near, item.box)) c += HIDES;
    } else if (lineHitsBox(item.p, item.q, near)) c += CROSSED;
  }
  return c;
}

/**
 * The places along a link tried in turn, from `first` to `last`: a small step at a time near the
 * first (a name moves just past what is in its way), then larger ones (where links fan out, a
 * name may find room only far out).
 */
export function steps(first: number, last: number): number[] {
  const out: number[] = [];
  for (let along = first, k = 0; along <= last && k < 24; along += k < 16 ? STEP : 4 * STEP, k++) out.push(along);
  return out;
}

/** Where a point `along` and `across` a line lies, from its `end`. */
export function pointOnLink(line: Line, end: 'a' | 'b', s: EndSpot): Point {
  const [base, dx, dy] = end === 'a' ? [line.p, line.u.x, line.u.y] : [line.q, -line.u.x, -line.u.y];
  return { x: base.x + dx * s.along - dy * s.across, y: base.y + dy * s.along + dx * s.across };
}

/** What of a previous layout stays as it was (relayout.ts): cards by device, names by link. */
export interface Kept {
  cards: ReadonlyMap<string, Placement & { box: Box }>;
  names: ReadonlyMap<string, { ends: readonly [EndSpot, EndSpot]; boxes: readonly [Box, Box] }>;
}

/**
 * Places every card and interface name of a network. Cards first (each on the free side of its
 * symbol it prefers, the whole network seen twice so that a card moved aside makes room for its
 * neighbour's), then the names along their links. After an edit, `keep` says (from the links'
 * lines) what stays where it was (relayout.ts), and only the rest is placed again.
 */
export function layoutLabels(devices: readonly LayoutDevice[], links: readonly LayoutLink[], m: Metrics, keep?: (lines: ReadonlyMap<string, Line>) => Kept): LabelLayout {
  return finish(placeLabels(devices, links, m, keep));
}

/** Runs a computation made of steps (a generator that yields between them) to its end. */
export function finish<T>(steps: Generator<void, T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** layoutLabels in steps: it yields after each card or link placed, so that it can be run in slices. */
export function* placeLabels(devices: readonly LayoutDevice[], links: readonly LayoutLink[], m: Metrics, keep?: (lines: ReadonlyMap<string, Line>) => Kept): Generator<void, LabelLayout> {
  const grid = new Grid();
  const centres = new Map(devices.map((d) => [d.name, d.at]));
  for (const d of devices) {
    grid.add({ kind: 'box', box: centredBox(d.at, { width: 2 * m.symbol, height: 2 * m.symbol }), owner: d.name, what: 'symbol', mark: 0 });
    for (const e of m.extras) grid.add({ kind: 'box', box: shift(e, d.at), owner: d.name, what: 'symbol', mark: 0 });
  }
  const lines = new Map<string, Line>();
  for (const l of links) {
    const ca = centres.get(l.a.node);
    const cb = centres.get(l.b.node);
    if (!ca || !cb || l.a.node === l.b.node) continue;
    const [p, q] = linkSegment(ca, cb, l.a.node, l.b.node, l.parallel, () => m.cut);
    const len = Math.hypot(q.x - p.x, q.y - p.y);
    const line = { p, q, len, u: len > 0 ? { x: (q.x - p.x) / len, y: (q.y - p.y) / len } : { x: 1, y: 0 } };
    lines.set(l.id, line);
    grid.add({ kind: 'line', p, q, owner: l.id, mark: 0 });
  }
  const kept = keep?.(lines);

  // What stays: in the grid first, so that what is placed again keeps clear of it.
  const cards = new Map<string, Placement & { box: Box; item: Item }>();
  const ends = new Map<string, readonly [EndSpot, EndSpot]>();
  const labelBoxes = new Map<string, readonly [Box, Box]>();
  for (const [name, c] of kept?.cards ?? []) cards.set(name, { ...c, item: grid.add({ kind: 'box', box: c.box, owner: name, what: 'card', mark: 0 }) });
  for (const [id, n] of kept?.names ?? []) {
    ends.set(id, n.ends);
    labelBoxes.set(id, n.boxes);
    for (const box of n.boxes) grid.add({ kind: 'box', box, owner: id, what: 'label', mark: 0 });
  }

  // Cards: every one under its symbol, then each moved where it costs least.
  const placing = devices.filter((d) => !cards.has(d.name));
  const under: Placement = { side: 'below', shift: 0 };
  for (const d of placing) {
    const box = cardBox(m, d.at, d.card, under);
    cards.set(d.name, { ...under, box, item: grid.add({ kind: 'box', box, owner: d.name, what: 'card', mark: 0 }) });
  }
  yield;
  const ownCard = (name: string) => (item: Item) => item.kind === 'box' && item.owner === name && item.what === 'card';
  for (let pass = 0; pass < 2; pass++) {
    for (const d of placing) {
      const now = cards.get(d.name)!;
      const ignore = ownCard(d.name);
      // The second time, only cards still on something (lines across them stay where nothing better was).
      const now0 = cost(grid, now.box, ignore, [], HIDES);
      if (pass === 0 ? now0 === 0 && now.side === 'below' && now.shift === 0 : now0 < HIDES) continue;
      grid.remove(now.item);
      let best = { side: now.side, shift: now.shift, box: now.box, score: Infinity };
      // In order of preference: the first place that costs nothing is the best.
      let rank = 0;
      search: for (const side of SIDES) {
        for (const shift of shifts(side, d.card)) {
          const box = cardBox(m, d.at, d.card, { side, shift });
          const score = cost(grid, box, ignore, [], Math.min(HIDES, best.score - rank)) + rank++;
          if (score < best.score) best = { side, shift, box, score };
          if (score === rank - 1) break search;
        }
      }
      cards.set(d.name, { side: best.side, shift: best.shift, box: best.box, item: grid.add({ kind: 'box', box: best.box, owner: d.name, what: 'card', mark: 0 }) });
      yield;
    }
  }

  // Interface names: on the link next to their device, moved along it while something is there.
  for (const l of links) {
    const line = lines.get(l.id);
    if (!line || ends.has(l.id)) continue;
    const ignore = (item: Item) => item.owner === l.id && item.kind === 'line';
    const place = (end: 'a' | 'b'): [EndSpot, Box] => {
      const size = l[end].label;
      const n = { x: -line.u.y, y: line.u.x };
      const first = reach(size, line.u) + CLEAR;
      const candidates: EndSpot[] = [];
      for (const along of steps(first, line.len / 2)) candidates.push({ along, across: 0 });
      // A link too short for its names on the line: beside it, a quarter of the way along.
      const aside = Math.min(first, line.len / 4);
      const off = reach(size, n) + CLEAR;
      // Each to its own left of the line (so the two ends' names are on opposite sides), else right.
      candidates.push({ along: aside, across: off }, { along: aside, across: -off });
      let best: [EndSpot, Box] | undefined;
      let bestScore = Infinity;
      for (const [k, s] of candidates.entries()) {
        const box = centredBox(pointOnLink(line, end, s), size);
        const score = cost(grid, box, ignore, [], Math.min(HIDES, bestScore - k)) + k;
        if (score < bestScore) [best, bestScore] = [[s, box], score];
        if (score < CROSSED) break;
      }
      grid.add({ kind: 'box', box: best![1], owner: l.id, what: 'label', mark: 0 });
      return best!;
    };
    const [sa, ba] = place('a');
    const [sb, bb] = place('b');
    ends.set(l.id, [sa, sb]);
    labelBoxes.set(l.id, [ba, bb]);
    yield;
  }
  return {
    metrics: m,
    centres,
    cards: new Map([...cards].map(([k, v]) => [k, { side: v.side, shift: v.shift, box: v.box }])),
    ends,
    lines,
    linkNodes: new Map(links.map((l) => [l.id, [l.a.node, l.b.node] as const])),
    labelBoxes,
    grid,
  };
}

/**
 * What a box placed there would hide or be crossed by (see cost), besides the `extra` boxes
 * placed since the layout; the line of the link a tag `rides` is no obstacle to it.
 */
export function costAt(layout: LabelLayout, b: Box, opts: { rides?: string; extra?: readonly Box[]; enough?: number } = {}): number {
  const { rides, extra = [], enough = Infinity } = opts;
  return cost(layout.grid, b, (item) => item.kind === 'line' && item.owner === rides, extra, enough);
}

/** The point where an end's interface name sits, for a link drawn from `p` (its a end) to `q`. */
export function endPoint(p: Point, q: Point, end: 'a' | 'b', s: EndSpot): Point {
  const len = Math.hypot(q.x - p.x, q.y - p.y);
  const u = len > 0 ? { x: (q.x - p.x) / len, y: (q.y - p.y) / len } : { x: 1, y: 0 };
  return pointOnLink({ p, q, u, len }, end, s);
}
