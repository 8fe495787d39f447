// A device's tables at a step of the walk: its neighbour cache, fdb, conntrack, sockets and a bridge's spanning tree as they were
// right after the step (from the walk's table history, by binary search: nothing is copied per
// step), its routes (which a run never changes), the entries the step consulted, and the ones it
// created or changed (compared with the tables just before the step).

import type { ConntrackView, FdbView, FibRoute, NeighView, RedirectView, SocketView, StpView, TableHistory, TablesView, TraceEvent } from '../../engine';
import { formatRouteLine } from '../../engine/pure';
import type { PlayerStep } from '../../walk/steps';

export type Mark = 'new' | 'changed';

export interface Row<T> {
  entry: T;
  /** created or changed at this step */
  mark?: Mark;
  /** looked up at this step */
  consulted: boolean;
}

export interface RouteRow extends Row<FibRoute> {
  /** as `ip route show table all` prints it */
  text: string;
}

export interface TablesAtStep {
  node: string;
  neigh: Row<NeighView>[];
  fdb: Row<FdbView>[];
  /** present for nodes that track connections (they have NAT rules) */
  conntrack?: Row<ConntrackView>[];
  /** present for nodes that have a TCP or UDP socket at some point of the walk (`ss -tuan`) */
  sockets?: Row<SocketView>[];
  redirects: RedirectView[];
  routes: RouteRow[];
  /** a bridge running STP: its tree, and which ports changed state or role at this step */
  stp?: { view: StpView; changed: ReadonlySet<string> };
}

const EMPTY: TablesView = { neigh: [], fdb: [], conntrack: [], redirects: [], sockets: [] };

/** A node's tables right after event `seq` (-1: before the first event). */
export function tablesAfter(history: TableHistory, node: string, seq: number): TablesView {
  const list = history[node];
  if (!list || list.length === 0) return EMPTY;
  let lo = 0;
  let hi = list.length - 1;
  if (list[0]!.seq > seq) return EMPTY;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (list[mid]!.seq <= seq) lo = mid;
    else hi = mid - 1;
  }
  return list[lo]!.tables;
}

export const neighKey = (n: { dev: string; ip: string }) => `${n.dev}|${n.ip}`;
/** An fdb entry is a MAC in a VLAN (the same MAC may be learned in two VLANs, on two ports). */
export const fdbKey = (f: { mac: string; vlan?: number }) => `${f.vlan ?? 0}|${f.mac}`;
export const ctKey = (c: ConntrackView) =>
  `${c.proto}|${c.orig.src}|${c.orig.dst}|${c.orig.sport ?? ''}|${c.orig.dport ?? ''}|${c.orig.id ?? ''}|${c.orig.type ?? ''}`;
const routeKey = (r: FibRoute) => `${r.table}|${r.type}|${r.dst}/${r.len}|${r.gateway ?? ''}|${r.dev ?? ''}|${r.metric}|${r.prefsrc ?? ''}`;

function rows<T>(after: readonly T[], before: readonly T[], keyOf: (x: T) => string, consulted: ReadonlySet<string>): Row<T>[] {
  const old = new Map(before.map((x) => [keyOf(x), x]));
  return after.map((entry) => {
    const k = keyOf(entry);
    const prev = old.get(k);
    const mark: Mark | undefined = prev === undefined ? 'new' : prev !== entry && JSON.stringify(prev) !== JSON.stringify(entry) ? 'changed' : undefined;
    return { entry, ...(mark ? { mark } : {}), consulted: consulted.has(k) };
  });
}

export interface TablesInput {
  events: readonly TraceEvent[];
  history: TableHistory;
  routes: Record<string, FibRoute[]>;
  /** nodes with NAT rules (they show conntrack) */
  tracking: ReadonlySet<string>;
}

/**
 * The tables of `node` at `step` (undefined: the start of the walk, every table empty). Marks
 * come from the step's own events on that node.
 */
export function tablesAtStep(input: TablesInput, node: string, step: PlayerStep | undefined): TablesAtStep {
  const afterSeq = step ? step.last : -1;
  const beforeSeq = step ? step.first - 1 : -1;
  const after = tablesAfter(input.history, node, afterSeq);
  const before = tablesAfter(input.history, node, beforeSeq);
  const neighSeen = new Set<string>();
  const fdbSeen = new Set<string>();
  const ctSeen = new Set<string>();
  const routeSeen = new Set<string>();
  const socketSeen = new Set<string>();
  if (step) {
    for (let i = step.first; i <= step.last; i++) {
      const e = input.events[i]!;
      if (!('node' in e) || e.node !== node) continue;
      if (e.kind === 'neigh.lookup') neighSeen.add(neighKey(e));
      else if (e.kind === 'fdb.forward' && e.entry) fdbSeen.add(fdbKey(e.entry));
      else if (e.kind === 'conntrack.lookup' && e.entry) ctSeen.add(ctKey(e.entry));
      else if (e.kind === 'fib.lookup' && e.result.kind === 'route') routeSeen.add(routeKey(e.result.route));
      else if (e.kind === 'socket.deliver') socketSeen.add(e.socket);
    }
  }
  const routes = input.routes[node] ?? [];
  return {
    node,
    neigh: rows(after.neigh, before.neigh, neighKey, neighSeen),
    fdb: rows(after.fdb, before.fdb, fdbKey, fdbSeen),
    ...(input.tracking.has(node) ? { conntrack: rows(after.conntrack, before.conntrack, ctKey, ctSeen) } : {}),
    ...((input.history[node] ?? []).some((v) => v.tables.sockets.length > 0) ? { sockets: rows(after.sockets, before.sockets, (x) => x.socket, socketSeen) } : {}),
    redirects: after.redirects,
    ...(after.stp ? { stp: { view: after.stp, changed: new Set(Object.keys(after.stp.ports).filter((p) => before.stp?.ports[p] !== after.stp!.ports[p])) } } : {}),
    routes: routes.map((r) => ({ entry: r, text: formatRouteLine(r), consulted: routeSeen.has(routeKey(r)) })),
  };
}
