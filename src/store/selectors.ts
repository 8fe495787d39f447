// Derived state: computed from the store on read, never stored. Selectors that build a new
// array or object must be used with useShallow (or memoised) so that components re-render only
// when the result really changes.

import type { Link, NodeState, TopoNode, Topology } from '../engine';
import { finalState, linkKey } from '../engine/pure';
import type { AppState } from './store';

const NO_NODES: readonly TopoNode[] = [];
const NO_LINKS: readonly Link[] = [];

export const selectTopology = (s: AppState): Topology | undefined => (s.doc.status === 'ready' ? s.doc.topology : undefined);

export const selectNodes = (s: AppState): readonly TopoNode[] => selectTopology(s)?.nodes ?? NO_NODES;

export const selectLinks = (s: AppState): readonly Link[] => selectTopology(s)?.links ?? NO_LINKS;

/**
 * Lookups by name and id, built once per node or link list (the lists are immutable): every canvas
 * node and link selects itself on every store change, and a linear search each time would make a
 * 1 000-device network quadratic.
 */
const nodeIndexes = new WeakMap<readonly TopoNode[], Map<string, TopoNode>>();
const linkIndexes = new WeakMap<readonly Link[], Map<string, { link: Link; parallel: string }>>();

function nodeIndex(nodes: readonly TopoNode[]): Map<string, TopoNode> {
  let m = nodeIndexes.get(nodes);
  if (!m) nodeIndexes.set(nodes, (m = new Map(nodes.map((n) => [n.name, n]))));
  return m;
}

function linkIndex(links: readonly Link[]): Map<string, { link: Link; parallel: string }> {
  let m = linkIndexes.get(links);
  if (!m) {
    const byPair = new Map<string, Link[]>();
    for (const l of links) {
      const pair = [l.a.node, l.b.node].sort().join(' ');
      byPair.set(pair, [...(byPair.get(pair) ?? []), l]);
    }
    m = new Map();
    for (const same of byPair.values()) same.forEach((l, i) => m!.set(linkKey(l), { link: l, parallel: `${i}/${same.length}` }));
    linkIndexes.set(links, m);
  }
  return m;
}

/** One node by name; the same object until that node changes. */
export const selectNode =
  (name: string) =>
  (s: AppState): TopoNode | undefined =>
    nodeIndex(selectNodes(s)).get(name);

/** One link by id; the same object until that link changes. */
export const selectLink =
  (id: string) =>
  (s: AppState): Link | undefined =>
    linkIndex(selectLinks(s)).get(id)?.link;

/**
 * "index/count" of a link among the links joining the same two devices (two cables between two
 * devices are drawn side by side).
 */
export const selectParallel =
  (id: string) =>
  (s: AppState): string =>
    linkIndex(selectLinks(s)).get(id)?.parallel ?? '0/1';

/** Can the scenario be run now? */
export const selectCanRun = (s: AppState): boolean =>
  s.lastRun.status !== 'running' && (selectTopology(s)?.scenario.length ?? 0) > 0;

export const selectIsRunning = (s: AppState): boolean => s.lastRun.status === 'running';

/** The one selected device, when exactly one device (and no link) is selected. */
export const selectInspected = (s: AppState): string | undefined =>
  s.selectedNodes.length === 1 && s.selectedLinks.length === 0 ? s.selectedNodes[0] : undefined;

/** What a node learned in the last run (its neighbour table or FDB), if the last run is done. */
export const selectLearned =
  (name: string) =>
  (s: AppState): NodeState | undefined =>
    s.lastRun.status === 'done' ? learnedOf(s.lastRun.result.final, selectTopology(s), name) : undefined;

/** A node's final tables (the shared empty state of its kind when the walk never reached it). */
function learnedOf(final: Readonly<Record<string, NodeState>>, topology: Topology | undefined, name: string): NodeState | undefined {
  if (Object.hasOwn(final, name)) return final[name];
  const node = topology?.nodes.find((n) => n.name === name);
  return node ? finalState(final, node) : undefined;
}
