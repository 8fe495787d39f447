// The tables of every node at any point of a trace, rebuilt from the trace's own events
// (neigh.update, fdb.learn/expire, conntrack.update, route.redirect, socket.state, and a bridge's
// spanning tree from stp.root and stp.port). Each node keeps the list of
// its table versions, one per event that changed it, sharing everything that did not change:
// memory grows with the number of changes, not with steps × nodes, and "the tables at event N"
// is a binary search. A player steps back and forth on this.

import type { ConntrackView, FdbView, NeighView, SocketView, StpView, TraceEvent } from './sim/trace';
import type { SimResult } from './sim/simulate';
import type { Ipv4Addr } from './wire/addr';
import type { Topology } from './topology';

/** A route exception learned from an ICMP redirect (`ip route get` shows it as `cache <redirected>`). */
export interface RedirectView {
  dst: Ipv4Addr;
  gateway: Ipv4Addr;
}

export interface TablesView {
  neigh: NeighView[];
  fdb: FdbView[];
  conntrack: ConntrackView[];
  redirects: RedirectView[];
  /** TCP and UDP sockets (`ss -tuan`), in the order they were opened */
  sockets: SocketView[];
  /** a bridge running STP: its tree and its ports' states */
  stp?: StpView;
}

export interface TableVersion {
  /** the event (seq) after which the node's tables are these */
  seq: number;
  tables: TablesView;
}

/** Per node, its table versions in trace order (the first one, seq -1, is the empty start). */
export type TableHistory = Record<string, TableVersion[]>;

const EMPTY: TablesView = Object.freeze({ neigh: [], fdb: [], conntrack: [], redirects: [], sockets: [] }) as unknown as TablesView;

const ctKey = (c: ConntrackView) =>
  `${c.proto}|${c.orig.src}|${c.orig.dst}|${c.orig.sport ?? ''}|${c.orig.dport ?? ''}|${c.orig.id ?? ''}|${c.orig.type ?? ''}`;

/** Replays the events that change tables into each node's list of versions. */
export function tableHistory(topology: Topology, result: Pick<SimResult, 'events'>): TableHistory {
  const h: TableHistory = {};
  for (const n of topology.nodes) h[n.name] = [{ seq: -1, tables: EMPTY }];
  const current = (node: string) => {
    const list = (h[node] ??= [{ seq: -1, tables: EMPTY }]);
    return list[list.length - 1]!.tables;
  };
  const push = (node: string, seq: number, tables: TablesView) => {
    const list = h[node]!;
    if (list[list.length - 1]!.seq === seq) list[list.length - 1] = { seq, tables };
    else list.push({ seq, tables });
  };
  for (const e of result.events) apply(e, current, push);
  return h;
}

function apply(e: TraceEvent, current: (node: string) => TablesView, push: (node: string, seq: number, t: TablesView) => void): void {
  switch (e.kind) {
    case 'neigh.update': {
      if (e.from === e.to && e.pkt !== undefined && e.prevMac === undefined) return; // an ARP packet that changed nothing
      const t = current(e.node);
      const rest = t.neigh.filter((n) => !(n.dev === e.dev && n.ip === e.ip));
      const valid = e.to === 'REACHABLE' || e.to === 'STALE' || e.to === 'DELAY' || e.to === 'PROBE' || e.to === 'PERMANENT' || e.to === 'NOARP';
      const entry: NeighView = { dev: e.dev, ip: e.ip, ...(valid && e.mac ? { mac: e.mac } : {}), state: e.to };
      push(e.node, e.seq, { ...t, neigh: e.to === 'NONE' ? rest : [...rest, entry] });
      return;
    }
    case 'fdb.learn': {
      const t = current(e.node);
      push(e.node, e.seq, { ...t, fdb: [...t.fdb.filter((f) => f.mac !== e.mac || f.vlan !== e.vlan), { mac: e.mac, port: e.port, ...(e.vlan ? { vlan: e.vlan } : {}) }] });
      return;
    }
    case 'fdb.expire': {
      const t = current(e.node);
      push(e.node, e.seq, { ...t, fdb: t.fdb.filter((f) => f.mac !== e.mac || f.vlan !== e.vlan) });
      return;
    }
    case 'conntrack.update': {
      const t = current(e.node);
      const k = ctKey(e.entry);
      const rest = t.conntrack.filter((c) => ctKey(c) !== k);
      push(e.node, e.seq, { ...t, conntrack: e.change === 'destroyed' ? rest : [...rest, e.entry] });
      return;
    }
    case 'route.redirect': {
      if (e.result !== 'applied') return;
      const t = current(e.node);
      push(e.node, e.seq, { ...t, redirects: [...t.redirects.filter((r) => r.dst !== e.dst), { dst: e.dst, gateway: e.gateway }] });
      return;
    }
    case 'socket.state': {
      const t = current(e.node);
      const i = t.sockets.findIndex((x) => x.socket === e.socket);
      const sockets = i < 0 ? (e.view ? [...t.sockets, e.view] : t.sockets) : e.view ? t.sockets.map((x, j) => (j === i ? e.view! : x)) : t.sockets.filter((_, j) => j !== i);
      if (sockets !== t.sockets) push(e.node, e.seq, { ...t, sockets });
      return;
    }
    case 'stp.root': {
      const t = current(e.node);
      push(e.node, e.seq, { ...t, stp: { ports: {}, ...t.stp, bridge: e.bridge, root: e.root, rootPort: e.rootPort, cost: e.cost } });
      return;
    }
    case 'stp.port': {
      const t = current(e.node);
      const stp: StpView = t.stp ?? { bridge: '', root: '', rootPort: null, cost: 0, ports: {} };
      push(e.node, e.seq, { ...t, stp: { ...stp, ports: { ...stp.ports, [e.port]: { ...stp.ports[e.port], state: e.state, role: e.role } } } });
      return;
    }
    case 'stp.bpdu': {
      const t = current(e.node);
      const port = t.stp?.ports[e.port];
      if (!e.recorded || !t.stp || !port) return;
      push(e.node, e.seq, { ...t, stp: { ...t.stp, ports: { ...t.stp.ports, [e.port]: { ...port, recorded: e.recorded } } } });
      return;
    }
    case 'stp.topology-change': {
      const t = current(e.node);
      if (!t.stp) return;
      push(e.node, e.seq, { ...t, stp: { ...t.stp, topologyChange: { on: e.on, ageingS: e.ageingS } } });
      return;
    }
    default:
      return;
  }
}

/** A node's tables right after event `seq` (-1: before the first event). */
export function tablesAt(history: TableHistory, node: string, seq: number): TablesView {
  const list = history[node];
  if (!list) return EMPTY;
  let lo = 0;
  let hi = list.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (list[mid]!.seq <= seq) lo = mid;
    else hi = mid - 1;
  }
  return list[lo]!.tables;
}

/** The events of a node's history that changed its tables at `seq` (to mark "new at this step"). */
export function changedAt(history: TableHistory, node: string, seq: number): boolean {
  return (history[node] ?? []).some((v) => v.seq === seq);
}
