// Moving around the diagram with the keyboard: the device an arrow key leads to (the nearest one
// in that direction), the end of a link in that direction, a device's links in the order of its
// interfaces, and the device the focus goes to when the focused device or link is deleted. Pure:
// positions in, names out.

import type { Link, TopoNode } from '../../engine';
import type { Point } from './geometry';

export type Direction = 'left' | 'right' | 'up' | 'down';

export const ARROWS: Readonly<Record<string, Direction>> = { ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down' };

const UNIT: Record<Direction, Point> = { left: { x: -1, y: 0 }, right: { x: 1, y: 0 }, up: { x: 0, y: -1 }, down: { x: 0, y: 1 } };

export interface Placed {
  name: string;
  at: Point;
}

/**
 * The device an arrow key moves to from `from`: among the devices ahead in that direction, the
 * nearest, a step sideways counting twice a step ahead; devices within about 60° of the arrow
 * first, then any ahead. Undefined when nothing is ahead.
 */
export function nearestInDirection(from: Point, dir: Direction, devices: readonly Placed[]): string | undefined {
  const u = UNIT[dir];
  let best: { name: string; score: number; inCone: boolean } | undefined;
  for (const d of devices) {
    const dx = d.at.x - from.x;
    const dy = d.at.y - from.y;
    const ahead = dx * u.x + dy * u.y;
    if (ahead <= 0) continue;
    const aside = Math.abs(dx * u.y - dy * u.x);
    const inCone = aside <= 2 * ahead;
    const score = ahead + 2 * aside;
    if (!best || (inCone && !best.inCone) || (inCone === best.inCone && score < best.score)) best = { name: d.name, score, inCone };
  }
  return best?.name;
}

/** Which end of a link (from a at `pa` to b at `pb`) an arrow key leads to: the one further that way. */
export function endInDirection(pa: Point, pb: Point, dir: Direction): 'a' | 'b' {
  const u = UNIT[dir];
  return (pb.x - pa.x) * u.x + (pb.y - pa.y) * u.y >= 0 ? 'b' : 'a';
}

/** A device's links in the order of its interfaces (eth1, eth2, … as the inspector lists them). */
export function linksOf(node: TopoNode, links: readonly Link[]): Link[] {
  const order = new Map(node.ifaces.map((i, k) => [i.name, k]));
  const rank = (l: Link) => order.get(l.a.node === node.name ? l.a.iface : l.b.iface) ?? Infinity;
  return links.filter((l) => l.a.node === node.name || l.b.node === node.name).sort((x, y) => rank(x) - rank(y));
}

/** The device nearest a point (where a deleted device or link was). */
export function nearest(at: Point, devices: readonly Placed[]): string | undefined {
  let best: { name: string; d: number } | undefined;
  for (const x of devices) {
    const d = Math.hypot(x.at.x - at.x, x.at.y - at.y);
    if (!best || d < best.d) best = { name: x.name, d };
  }
  return best?.name;
}
