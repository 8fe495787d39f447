// Applies an edit only if the network still means something to Linux afterwards. The edit is a
// pure function of the topology (see engine/edit/); the worker validates the would-be topology
// and any problem it did not have before (a duplicate address, a route the kernel refuses, a MAC
// used twice) rejects the edit with the kernel's or iproute2's message, and the store does not
// change. For edits that take an address or an interface away, routes of the edited nodes that the
// kernel would no longer accept are removed instead, as Linux removes them (`ip addr del` flushes
// the routes that went through the address), and reported.

import type { Topology, TopologyIssue } from '../../engine';
import { dropRoutes, routeText } from '../../engine/pure';
import i18n from '../../i18n';
import { selectTopology, useAppStore, type EditOptions } from '../../store';
import type { SimClient } from '../../worker/protocol';

export type EditOutcome =
  /** applied (or, for a dry run, would be); `droppedRoutes` are `ip route` lines per node */
  | { kind: 'applied'; droppedRoutes: { node: string; route: string }[] }
  /** the edit changes nothing */
  | { kind: 'unchanged' }
  /** the new problems it would bring, in the kernel's words */
  | { kind: 'rejected'; messages: string[] }
  /** no topology is open */
  | { kind: 'closed' };

export interface ApplyOptions extends EditOptions {
  /** nodes whose routes may be removed when the edit makes the kernel refuse them */
  dropBrokenRoutesOf?: readonly string[];
  /** only say what would happen (for checking a field as it is typed) */
  dryRun?: boolean;
}

/** Validations of topologies already seen (a topology is immutable, so its problems are too). */
const cache = new WeakMap<Topology, Promise<TopologyIssue[]>>();

function issuesOf(client: SimClient, t: Topology): Promise<TopologyIssue[]> {
  let p = cache.get(t);
  if (!p) {
    p = client.validate(t);
    cache.set(t, p);
    p.catch(() => cache.delete(t));
  }
  return p;
}

const routeIssue = (i: TopologyIssue): { node: number; route: number } | undefined =>
  i.path[0] === 'nodes' && typeof i.path[1] === 'number' && i.path[2] === 'routes' && typeof i.path[3] === 'number'
    ? { node: i.path[1], route: i.path[3] }
    : undefined;

/** The problems `next` has that `base` has not; routes of `dropOf` nodes removed instead of reported. */
async function check(
  client: SimClient,
  base: Topology,
  next: Topology,
  dropOf: ReadonlySet<string>,
): Promise<{ topology: Topology; messages: string[]; dropped: { node: string; route: string }[] }> {
  const before = new Set((await issuesOf(client, base)).map((i) => i.message));
  const dropped: { node: string; route: string }[] = [];
  let topology = next;
  // Each pass removes the routes the kernel refuses; a removed route can make a later one fail
  // (a `dev` route that made a gateway reachable), hence the loop. Bounded by the route count.
  for (let pass = 0; pass < 64; pass++) {
    const fresh = (await issuesOf(client, topology)).filter((i) => !before.has(i.message));
    const broken = new Map<string, number[]>();
    for (const issue of fresh) {
      const r = routeIssue(issue);
      const node = r && topology.nodes[r.node];
      if (!r || !node || !dropOf.has(node.name)) continue;
      broken.set(node.name, [...(broken.get(node.name) ?? []), r.route]);
    }
    if (!broken.size) return { topology, messages: fresh.map((i) => i.message), dropped };
    for (const [name, indexes] of broken) {
      const node = topology.nodes.find((n) => n.name === name);
      if (node?.kind === 'linux') for (const k of indexes) dropped.push({ node: name, route: routeText(node.routes[k]!) });
      topology = dropRoutes(topology, name, indexes);
    }
  }
  return { topology, messages: [], dropped };
}

/**
 * Applies `fn` to the open topology if the result is as valid as the topology was. When the
 * topology changed while the worker was checking (another edit), the edit is checked again on it.
 */
export async function applyEdit(client: SimClient, fn: (t: Topology) => Topology, options: ApplyOptions = {}): Promise<EditOutcome> {
  const dropOf = new Set(options.dropBrokenRoutesOf ?? []);
  for (let attempt = 0; attempt < 5; attempt++) {
    const base = selectTopology(useAppStore.getState());
    if (!base) return { kind: 'closed' };
    const next = fn(base);
    if (next === base) return { kind: 'unchanged' };
    const { topology, messages, dropped } = await check(client, base, next, dropOf);
    if (messages.length) return { kind: 'rejected', messages };
    if (options.dryRun) return { kind: 'applied', droppedRoutes: dropped };
    if (selectTopology(useAppStore.getState()) !== base) continue;
    useAppStore.getState().edit(() => topology, options);
    return { kind: 'applied', droppedRoutes: dropped };
  }
  return { kind: 'rejected', messages: [i18n.t('edit.keptChanging')] };
}
