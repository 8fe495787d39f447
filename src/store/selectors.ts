// Derived state: computed from the store on read, never stored. Selectors that build a new
// array or object must be used with useShallow (or memoised) so that components re-render only
// when the result really changes.

import type { Link, TopoNode, Topology } from '../engine';
import type { AppState } from './store';

const NO_NODES: readonly TopoNode[] = [];
const NO_LINKS: readonly Link[] = [];

/** The id of a link, as the oracle names it: "a:if--b:if" in file order. */
export const linkId = (l: Link): string => `${l.a.node}:${l.a.iface}--${l.b.node}:${l.b.iface}`;

export const selectTopology = (s: AppState): Topology | undefined => (s.doc.status === 'ready' ? s.doc.topology : undefined);

export const selectNodes = (s: AppState): readonly TopoNode[] => selectTopology(s)?.nodes ?? NO_NODES;

export const selectLinks = (s: AppState): readonly Link[] => selectTopology(s)?.links ?? NO_LINKS;

/** One node by name; the same object until that node changes. */
export const selectNode =
  (name: string) =>
  (s: AppState): TopoNode | undefined =>
    selectNodes(s).find((n) => n.name === name);

/** One link by id; the same object until that link changes. */
export const selectLink =
  (id: string) =>
  (s: AppState): Link | undefined =>
    selectLinks(s).find((l) => linkId(l) === id);

/** Can the scenario be run now? */
export const selectCanRun = (s: AppState): boolean =>
  s.lastRun.status !== 'running' && (selectTopology(s)?.scenario.length ?? 0) > 0;

export const selectIsRunning = (s: AppState): boolean => s.lastRun.status === 'running';
