// A linux node's static routes (main table, in `ip route add` order), as the editor changes them.

import type { Ipv4Addr } from '../wire/addr';
import type { RouteSpec, Topology } from '../topology';
import { routeText } from '../linux-text';
import { updateNode } from './update';

/** Replaces a linux node's static routes (main table, in `ip route add` order). */
export function setRoutes(t: Topology, node: string, routes: readonly RouteSpec[]): Topology {
  return updateNode(t, node, (n) => {
    if (n.kind !== 'linux') return n;
    const same = n.routes.length === routes.length && n.routes.every((r, i) => routeText(r) === routeText(routes[i]!) && r.type === routes[i]!.type);
    return same ? n : { ...n, routes: routes.slice() };
  });
}

/** Keeps only the routes not at the given indexes. */
export function dropRoutes(t: Topology, node: string, indexes: readonly number[]): Topology {
  if (!indexes.length) return t;
  const drop = new Set(indexes);
  return updateNode(t, node, (n) => (n.kind !== 'linux' ? n : { ...n, routes: n.routes.filter((_, i) => !drop.has(i)) }));
}

/** Is this the default route (0.0.0.0/0)? */
export const isDefaultRoute = (r: RouteSpec): boolean => r.dst.len === 0 && r.dst.ip === ('0.0.0.0' as Ipv4Addr);
