// What a node had learned when a walk ended. A walk keeps the tables of the nodes it reached
// (SimResult.final): at 10 000 devices, an entry for every untouched node made the result's
// largest object and a few milliseconds of every run. Any node's state comes from finalState.

import type { FibRoute } from '../tables/fib';
import type { TopoNode } from '../topology';
import type { ConntrackView, FdbView, NeighView } from './trace';

/**
 * What a node learned during the run (its routes come from its configuration: see nodeRoutes;
 * route exceptions from redirects are `route.redirect` events). Before a run every table is empty.
 * `fdb` on a linux node: the learned entries of its bridge device (an L3 switch).
 */
export type NodeState =
  | {
      kind: 'linux';
      neigh: NeighView[];
      conntrack?: ConntrackView[];
      fdb?: FdbView[];
      /** its routes, when an interface set down or up changed them (else the configuration's) */
      routes?: FibRoute[];
    }
  | { kind: 'bridge'; fdb: FdbView[] };

// Marked pure: a bundle that imports this module through engine/pure without using it keeps none
// of it (an unmarked call at the top of a module made the bundler load a shared chunk at startup).
const none = <T>() => Object.freeze([]) as unknown as T[];
const EMPTY_LINUX: NodeState = /* @__PURE__ */ Object.freeze({ kind: 'linux', neigh: /* @__PURE__ */ none<NeighView>() });
const EMPTY_NAT: NodeState = /* @__PURE__ */ Object.freeze({ kind: 'linux', neigh: /* @__PURE__ */ none<NeighView>(), conntrack: /* @__PURE__ */ none<ConntrackView>() });
const EMPTY_BRIDGE: NodeState = /* @__PURE__ */ Object.freeze({ kind: 'bridge', fdb: /* @__PURE__ */ none<FdbView>() });

/** A node's tables when the walk ended: what it learned, or (a node the walk never reached) one shared empty state of its kind. */
export function finalState(final: Readonly<Record<string, NodeState>>, node: TopoNode): NodeState {
  if (Object.hasOwn(final, node.name)) return final[node.name]!;
  return node.kind === 'bridge' ? EMPTY_BRIDGE : node.nat?.length ? EMPTY_NAT : EMPTY_LINUX;
}
