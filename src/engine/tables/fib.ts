// The IPv4 forwarding information base of one Linux stack: the `local` table (255: own and
// broadcast addresses) consulted before `main` (254: connected routes `proto kernel scope link`
// and static routes). Within a table the longest prefix wins, then the lowest metric, then the
// route added first (net/ipv4/fib_trie.c, fib_rules.c default rules: local, main). A multipath
// route keeps its paths with their shares of the hash space (fib_rebalance); which path a packet
// takes is devices/linux/fib-multipath.ts's.

import { ipToNum, prefixMask, type Ipv4Addr } from '../wire/addr';

export type FibTable = 'local' | 'main';
export type FibRouteType = 'unicast' | 'local' | 'broadcast' | 'blackhole' | 'unreachable' | 'prohibit';
export type Scope = 'global' | 'link' | 'host';

/** Numeric scopes of include/uapi/linux/rtnetlink.h, used where the kernel compares them. */
export const SCOPE_VALUE: Record<Scope, number> = { global: 0, link: 253, host: 254 };

export interface FibRoute {
  table: FibTable;
  type: FibRouteType;
  /** network address (host bits clear) */
  dst: Ipv4Addr;
  len: number;
  /** the route's scope (`ip route` prints it) */
  scope: Scope;
  /** `kernel` for routes made from addresses, `boot` for `ip route add` without `proto`, else its name (bird, static) or number */
  proto: string;
  metric: number;
  prefsrc?: Ipv4Addr;
  gateway?: Ipv4Addr;
  dev?: string;
  onlink?: boolean;
  /** scope of the nexthop: host when the destination is on-link, link when via a gateway */
  nhScope: Scope;
  /**
   * A multipath route's paths (fib_info's fib_nh array), two or more; `gateway`, `dev`,
   * `onlink` and `nhScope` above are then the first one's (fib_info_nhc(fi, 0)).
   */
  nexthops?: FibNexthop[];
  /** RTNH_F_LINKDOWN: its device has lost its carrier (set on the copy `ip route show` prints) */
  linkdown?: boolean;
}

/** One path of a multipath route (struct fib_nh). */
export interface FibNexthop {
  gateway?: Ipv4Addr;
  dev: string;
  onlink?: boolean;
  nhScope: Scope;
  weight: number;
  /** fib_rebalance's fib_nh_upper_bound: the path takes the 31-bit hashes up to this one */
  upperBound: number;
}

/** The inputs of one multipath hash, as the trace shows them. */
export interface MultipathKeys {
  policy: 0 | 1;
  src: Ipv4Addr;
  dst: Ipv4Addr;
  /** policy 1 only */
  proto?: number;
  sport?: number;
  dport?: number;
  /** policy 0: the addresses are those of the packet an ICMP error quotes */
  fromQuote?: boolean;
}

/** The choice fib_select_multipath made, for the trace and the explanation. */
export interface MultipathChoice {
  keys: MultipathKeys;
  /** fib_multipath_hash's value: 31 bits */
  hash: number;
  /** index of the chosen path in route.nexthops */
  index: number;
}

/** A route that matched during a lookup, for the trace: which table, which route, chosen or not. */
export interface FibCandidate {
  route: FibRoute;
  /** why it was passed over, when it was */
  skipped?: 'longer-prefix-won' | 'higher-metric' | 'later-route' | 'scope' | 'oif' | 'local-table-won';
}

export type FibLookup =
  | { kind: 'found'; route: FibRoute; candidates: FibCandidate[] }
  | { kind: 'miss'; candidates: FibCandidate[] };

export interface LookupOptions {
  /** only routes whose scope is at least this (kernel flowi4_scope); default global */
  minScope?: Scope;
  /** only routes through this device (kernel flowi4_oif) */
  oif?: string;
  /** also list every matching route (for the trace); costs a little */
  withCandidates?: boolean;
}

interface Table {
  /** (network number × 33 + prefix length) → routes sorted by metric, then insertion */
  routes: Map<number, FibRoute[]>;
  /** prefix lengths present, longest first */
  lens: number[];
}

const key = (net: number, len: number) => net * 33 + len;

/** The candidates of a lookup that does not list them (one shared empty list, not one per lookup; marked pure for the bundler, as in sim/final.ts). */
const NO_CANDIDATES: readonly FibCandidate[] = /* @__PURE__ */ Object.freeze([]);

export class Fib {
  private readonly tables: Record<FibTable, Table> = {
    local: { routes: new Map(), lens: [] },
    main: { routes: new Map(), lens: [] },
  };
  /**
   * addrType's answers since the tables last changed: every ARP request a host sees asks it
   * (is the target ours?), and a string-keyed hit is cheaper than a walk of the local table.
   * Whatever changes a table must clear it.
   */
  private readonly addrTypes = new Map<Ipv4Addr, FibRouteType>();

  /**
   * Adds a route; returns false (and adds nothing) when one with the same prefix and metric
   * exists, unless `append` (the kernel appends the prefix routes of addresses, NLM_F_APPEND).
   */
  add(r: FibRoute, opts: { append?: boolean } = {}): boolean {
    const t = this.tables[r.table];
    this.addrTypes.clear();
    const k = key(ipToNum(r.dst), r.len);
    let list = t.routes.get(k);
    if (!list) {
      list = [];
      t.routes.set(k, list);
      if (!t.lens.includes(r.len)) {
        t.lens.push(r.len);
        t.lens.sort((a, b) => b - a);
      }
    }
    if (!opts.append && list.some((x) => x.metric === r.metric)) return false;
    let i = list.length;
    while (i > 0 && list[i - 1]!.metric > r.metric) i--;
    list.splice(i, 0, r);
    return true;
  }

  /** A copy whose tables change without this one's (a run's changes to a FIB that runs share). */
  clone(): Fib {
    const f = new Fib();
    for (const name of ['local', 'main'] as const) {
      const t = this.tables[name];
      f.tables[name] = { routes: new Map([...t.routes].map(([k, list]) => [k, [...list]])), lens: [...t.lens] };
    }
    return f;
  }

  /** Deletes the routes `dead` picks, from both tables (fib_flush after fib_sync_down_dev marked them). */
  removeWhere(dead: (r: FibRoute) => boolean): void {
    this.addrTypes.clear();
    for (const t of Object.values(this.tables)) {
      for (const [k, list] of t.routes) {
        const kept = list.filter((r) => !dead(r));
        if (kept.length === list.length) continue;
        if (kept.length) t.routes.set(k, kept);
        else t.routes.delete(k);
      }
    }
  }

  /** Every route of a table in the order `ip route show` prints them (trie order). */
  routes(table: FibTable): FibRoute[] {
    const out: FibRoute[] = [];
    for (const list of this.tables[table].routes.values()) for (const r of list) out.push(r);
    return out.sort((a, b) => ipToNum(a.dst) - ipToNum(b.dst) || b.len - a.len || a.metric - b.metric);
  }

  /** Looks up one table the way fib_table_lookup does. */
  lookupTable(table: FibTable, dst: Ipv4Addr, opts: LookupOptions = {}): FibLookup {
    const t = this.tables[table];
    const d = ipToNum(dst);
    const minScope = SCOPE_VALUE[opts.minScope ?? 'global'];
    const candidates: FibCandidate[] = opts.withCandidates ? [] : (NO_CANDIDATES as FibCandidate[]);
    let found: FibRoute | undefined;
    for (const len of t.lens) {
      const list = t.routes.get(key((d & prefixMask(len)) >>> 0, len));
      if (!list) continue;
      for (const r of list) {
        if (found) {
          if (opts.withCandidates) {
            candidates.push({ route: r, skipped: r.len < found.len ? 'longer-prefix-won' : r.metric > found.metric ? 'higher-metric' : 'later-route' });
          }
          continue;
        }
        if (SCOPE_VALUE[r.scope] < minScope) {
          if (opts.withCandidates) candidates.push({ route: r, skipped: 'scope' });
          continue;
        }
        if (opts.oif !== undefined && isNexthopType(r.type) && !(r.nexthops?.some((n) => n.dev === opts.oif) ?? r.dev === opts.oif)) {
          if (opts.withCandidates) candidates.push({ route: r, skipped: 'oif' });
          continue;
        }
        found = r;
        if (opts.withCandidates) candidates.push({ route: r });
        else break;
      }
      if (found && !opts.withCandidates) break;
    }
    return found ? { kind: 'found', route: found, candidates } : { kind: 'miss', candidates };
  }

  /**
   * fib_lookup with the default rules: local table, then main. The first table with a match
   * decides (even when the match is a blackhole/unreachable/prohibit route).
   */
  lookup(dst: Ipv4Addr, opts: LookupOptions = {}): FibLookup {
    const local = this.lookupTable('local', dst, opts);
    if (local.kind === 'found') {
      if (!opts.withCandidates) return local;
      const main = this.lookupTable('main', dst, opts);
      return {
        kind: 'found',
        route: local.route,
        candidates: [...local.candidates, ...main.candidates.map((c) => ({ route: c.route, skipped: c.skipped ?? ('local-table-won' as const) }))],
      };
    }
    const main = this.lookupTable('main', dst, opts);
    if (!opts.withCandidates) return main;
    return main.kind === 'found'
      ? { kind: 'found', route: main.route, candidates: [...local.candidates, ...main.candidates] }
      : { kind: 'miss', candidates: [...local.candidates, ...main.candidates] };
  }

  /** The route a table lookup would choose, without recording candidates (no allocation). */
  find(table: FibTable, dst: Ipv4Addr): FibRoute | undefined {
    const t = this.tables[table];
    const d = ipToNum(dst);
    for (const len of t.lens) {
      const list = t.routes.get(key((d & prefixMask(len)) >>> 0, len));
      if (list && list.length) return list[0];
    }
    return undefined;
  }

  /** inet_addr_type: the type of the local-table route for an address, or unicast. */
  addrType(ip: Ipv4Addr): FibRouteType {
    let type = this.addrTypes.get(ip);
    if (type === undefined) {
      type = this.find('local', ip)?.type ?? 'unicast';
      if (this.addrTypes.size >= 4096) this.addrTypes.clear();
      this.addrTypes.set(ip, type);
    }
    return type;
  }
}

/** fib_rebalance: the upper bound of each path, in order, for these weights. */
export function upperBounds(weights: readonly number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  let w = 0;
  // DIV_ROUND_CLOSEST_ULL((u64)w << 31, total) - 1
  return weights.map((x) => {
    w += x;
    return Math.floor((w * 2 ** 31 + Math.floor(total / 2)) / total) - 1;
  });
}

/** Route types that send packets somewhere (have a nexthop device). */
export const isNexthopType = (t: FibRouteType): boolean => t === 'unicast' || t === 'local' || t === 'broadcast';

/** `ip route` text of a prefix: "default", "10.0.1.0/24", or "10.0.1.10" for a /32. */
export function prefixText(dst: Ipv4Addr, len: number): string {
  if (len === 0 && dst === '0.0.0.0') return 'default';
  return len === 32 ? dst : `${dst}/${len}`;
}
