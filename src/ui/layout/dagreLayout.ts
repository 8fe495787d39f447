// Places the devices of a topology that has no positions (a containerlab file, most examples):
// left to right by hop distance from the first host, so a path reads like the walk of a packet,
// with dagre's layered layout keeping devices from overlapping and links from crossing where it
// can. Links are undirected; each is oriented from the device nearer the first host to the one
// farther away, which makes the hop distance each device's column. A network dagre cannot lay
// out (its recursion goes as deep as the longest path) gets those columns folded into bands. This module and dagre are
// loaded the first time a file needs them (autoLayout.ts; most documents carry their positions).

import type dagreModule from '@dagrejs/dagre';
import type { Position, Topology, TopoNode } from '../../engine';
import { SYMBOL_CENTRE_Y } from '../canvas/geometry';
import { isStackOverflow } from '../../engine/pure';

/** Room a device takes on the canvas (see canvas.css: symbol, name, role, one line per address). */
export function deviceSize(n: TopoNode): { width: number; height: number } {
  const lines = n.kind === 'linux' ? n.ifaces.reduce((k, i) => k + Math.max(1, i.addrs.length), 0) : 0;
  const longest = n.kind === 'linux' ? Math.max(0, ...n.ifaces.flatMap((i) => i.addrs.map((a) => `${i.name} ${a.ip}/${a.len}`.length))) : 0;
  return { width: Math.max(130, longest * 7.6 + 36), height: 112 + lines * 19 };
}

/** Hop distance of every node from the first host of its connected part (else its first node). */
export function hopDistances(t: Topology): Map<string, number> {
  const adj = new Map<string, string[]>(t.nodes.map((n) => [n.name, []]));
  for (const l of t.links) {
    adj.get(l.a.node)?.push(l.b.node);
    adj.get(l.b.node)?.push(l.a.node);
  }
  const dist = new Map<string, number>();
  const starts = [...t.nodes.filter((n) => n.role === 'host'), ...t.nodes];
  for (const start of starts) {
    if (dist.has(start.name)) continue;
    dist.set(start.name, 0);
    const queue = [start.name];
    for (let q = 0; q < queue.length; q++) {
      const cur = queue[q]!;
      for (const next of adj.get(cur) ?? []) {
        if (dist.has(next)) continue;
        dist.set(next, dist.get(cur)! + 1);
        queue.push(next);
      }
    }
  }
  return dist;
}

type Dagre = typeof dagreModule;

const NODESEP = 56;
const RANKSEP = 110;
/** Beyond this many hops from the first host dagre is not tried: its recursion goes as deep as the longest path. */
const DAGRE_MAX_HOPS = 500;
/** Columns per band of the layout used instead of dagre's (a chain of 5 000 switches folds into bands). */
const BAND_COLUMNS = 40;

/**
 * Canvas positions (symbol centres, see SYMBOL_CENTRE_Y) for every node, laid out left to right:
 * dagre's layered layout, or, for a network dagre cannot lay out (a path thousands of devices long
 * overflows its recursion), columns by hop distance folded into bands.
 */
export function layoutPositions(dagre: Dagre, t: Topology): Map<string, Position> {
  // One height for all: dagre centres each device in its row, and with equal boxes the symbols
  // (near the top of each device) line up, so a chain of devices is a straight line.
  let height = 0;
  for (const n of t.nodes) height = Math.max(height, deviceSize(n).height);
  const dist = hopDistances(t);
  let hops = 0;
  for (const d of dist.values()) hops = Math.max(hops, d);
  if (hops <= DAGRE_MAX_HOPS) {
    try {
      return dagrePositions(dagre, t, dist, height);
    } catch (e) {
      if (!isStackOverflow(e)) throw e;
    }
  }
  return columnPositions(t, dist, height);
}

/** Columns by hop distance, BAND_COLUMNS to a band, each column's devices one under the other. */
function columnPositions(t: Topology, dist: Map<string, number>, height: number): Map<string, Position> {
  const columns: TopoNode[][] = [];
  let width = 0;
  for (const n of t.nodes) {
    (columns[dist.get(n.name) ?? 0] ??= []).push(n);
    width = Math.max(width, deviceSize(n).width);
  }
  const out = new Map<string, Position>();
  let top = 0;
  for (let first = 0; first < columns.length; first += BAND_COLUMNS) {
    let tallest = 0;
    for (let c = first; c < Math.min(first + BAND_COLUMNS, columns.length); c++) {
      const column = columns[c] ?? [];
      column.forEach((n, i) => out.set(n.name, { x: Math.round((c - first) * (width + RANKSEP) + width / 2), y: top + i * (height + NODESEP) + SYMBOL_CENTRE_Y }));
      tallest = Math.max(tallest, column.length);
    }
    top += tallest * (height + NODESEP) + RANKSEP;
  }
  return out;
}

function dagrePositions(dagre: Dagre, t: Topology, dist: Map<string, number>, height: number): Map<string, Position> {
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'LR', nodesep: NODESEP, ranksep: RANKSEP, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of t.nodes) g.setNode(n.name, { width: deviceSize(n).width, height });
  const order = new Map(t.nodes.map((n, i) => [n.name, i]));
  t.links.forEach((l, i) => {
    if (l.a.node === l.b.node) return;
    const da = dist.get(l.a.node) ?? 0;
    const db = dist.get(l.b.node) ?? 0;
    // Devices at the same distance (two routers on one switch, two switches of a loop) share a
    // column: no edge between them (each has one from the column before). An edge of length 0
    // there, in a loop of three switches, made dagre throw in translateGraph.
    if (da === db) return;
    const aFirst = da < db || (da === db && (order.get(l.a.node) ?? 0) < (order.get(l.b.node) ?? 0));
    const [from, to] = aFirst ? [l.a.node, l.b.node] : [l.b.node, l.a.node];
    g.setEdge(from, to, { minlen: 1 }, `l${i}`);
  });
  dagre.layout(g);
  const out = new Map<string, Position>();
  for (const n of t.nodes) {
    const p = g.node(n.name);
    // dagre gives the centre of the device's box; its symbol sits near the top of it.
    out.set(n.name, { x: Math.round(p.x), y: Math.round(p.y - height / 2 + SYMBOL_CENTRE_Y) });
  }
  return out;
}

/** autoLayout's work, for a topology where some node has no position (see autoLayout.ts). */
export async function layoutMissing(t: Topology): Promise<Topology> {
  const { default: dagre } = await import('@dagrejs/dagre');
  const placed = t.nodes.filter((n) => n.position);
  const missing = t.nodes.filter((n) => !n.position);
  const unplaced = new Set(missing.map((n) => n.name));
  const sub: Topology = placed.length ? { ...t, nodes: missing, links: t.links.filter((l) => unplaced.has(l.a.node) && unplaced.has(l.b.node)) } : t;
  const pos = layoutPositions(dagre, sub);
  let dx = 0;
  let dy = 0;
  if (placed.length) {
    const minX = Math.min(...placed.map((n) => n.position!.x));
    const maxY = Math.max(...placed.map((n) => n.position!.y - SYMBOL_CENTRE_Y + deviceSize(n).height));
    const top = Math.min(...missing.map((n) => pos.get(n.name)!.y - SYMBOL_CENTRE_Y));
    const left = Math.min(...missing.map((n) => pos.get(n.name)!.x - deviceSize(n).width / 2));
    dx = minX - left;
    dy = maxY + 80 - top;
  }
  return {
    ...t,
    nodes: t.nodes.map((n) => (n.position ? n : ({ ...n, position: { x: pos.get(n.name)!.x + dx, y: pos.get(n.name)!.y + dy } } as TopoNode))),
  };
}
