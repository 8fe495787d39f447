// Places the devices of a topology that has no positions (a containerlab file, most examples):
// left to right by hop distance from the first host, so a path reads like the walk of a packet,
// with dagre's layered layout keeping devices from overlapping and links from crossing where it
// can. Links are undirected; each is oriented from the device nearer the first host to the one
// farther away, which makes the hop distance each device's column. This module and dagre are
// loaded the first time a file needs them (autoLayout.ts; most documents carry their positions).

import type dagreModule from '@dagrejs/dagre';
import type { Position, Topology, TopoNode } from '../../engine';
import { SYMBOL_CENTRE_Y } from '../canvas/geometry';

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
    while (queue.length) {
      const cur = queue.shift()!;
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

/** Canvas positions (symbol centres, see SYMBOL_CENTRE_Y) for every node, laid out left to right. */
export function layoutPositions(dagre: Dagre, t: Topology): Map<string, Position> {
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'LR', nodesep: 56, ranksep: 110, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  // One height for all: dagre centres each device in its row, and with equal boxes the symbols
  // (near the top of each device) line up, so a chain of devices is a straight line.
  const height = Math.max(0, ...t.nodes.map((n) => deviceSize(n).height));
  for (const n of t.nodes) g.setNode(n.name, { width: deviceSize(n).width, height });
  const dist = hopDistances(t);
  const order = new Map(t.nodes.map((n, i) => [n.name, i]));
  t.links.forEach((l, i) => {
    if (l.a.node === l.b.node) return;
    const da = dist.get(l.a.node) ?? 0;
    const db = dist.get(l.b.node) ?? 0;
    const aFirst = da < db || (da === db && (order.get(l.a.node) ?? 0) < (order.get(l.b.node) ?? 0));
    const [from, to] = aFirst ? [l.a.node, l.b.node] : [l.b.node, l.a.node];
    // Devices at the same distance (two routers on one switch) share a column: no rank between them.
    g.setEdge(from, to, { minlen: da === db ? 0 : 1 }, `l${i}`);
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
  const sub: Topology = placed.length ? { ...t, nodes: missing, links: t.links.filter((l) => missing.some((n) => n.name === l.a.node) && missing.some((n) => n.name === l.b.node)) } : t;
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
