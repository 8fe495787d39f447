// Linux's own text for routing and neighbour tables, as iproute2 prints them (ip/iproute.c
// print_route, ip/ipneigh.c print_neigh), trailing spaces included, so that what packetwalk shows
// can be compared line by line with a terminal on a real machine; and a static route as the
// arguments of the `ip route add` that makes it. `ip addr` is ip-addr-text.ts (the worker's and the
// terminals', not the page's).

import { prefixText, type FibRoute } from './tables/fib';
import type { FdbView, NeighView } from './sim/trace';
import type { RouteSpec, Topology } from './topology';
import type { OutputRoute } from './devices/linux/route';
import type { RouteError } from './sim/trace';

/** One `ip route show` line (without the newline). `showTable` as when no table filter is given. */
export function formatRoute(r: FibRoute, showTable: boolean): string {
  let s = r.type === 'unicast' ? '' : `${r.type} `;
  s += prefixText(r.dst, r.len) + ' ';
  const mp = r.nexthops;
  if (r.gateway && !mp) s += `via ${r.gateway} `;
  if (r.dev && !mp && r.type !== 'blackhole' && r.type !== 'unreachable' && r.type !== 'prohibit') s += `dev ${r.dev} `;
  if (showTable && r.table !== 'main') s += `table ${r.table} `;
  if (r.proto !== 'boot') s += `proto ${r.proto} `;
  if (r.scope !== 'global') s += `scope ${r.scope} `;
  if (r.prefsrc) s += `src ${r.prefsrc} `;
  if (r.metric) s += `metric ${r.metric} `;
  if (r.onlink && !mp) s += 'onlink ';
  if (r.linkdown) s += 'linkdown ';
  // print_rta_multipath: one line per path, after the route's own attributes.
  for (const nh of mp ?? []) s += `\n\tnexthop ${nh.gateway ? `via ${nh.gateway} ` : ''}dev ${nh.dev} weight ${nh.weight} ${nh.onlink ? 'onlink ' : ''}`;
  return s;
}

/** A route on one line of `ip route show table all` (a multipath route's paths joined), without the space iproute2 ends it with. */
export const formatRouteLine = (r: FibRoute): string => formatRoute(r, true).replace(/ \n\t/g, ' ').trim();

/** `ip route show [table main|local|all]` of a routing state (main then local, kernel order). */
export function formatRoutes(routes: FibRoute[], table: 'main' | 'local' | 'all'): string {
  const rows = table === 'all' ? routes : routes.filter((r) => r.table === table);
  return rows.map((r) => formatRoute(r, table === 'all') + '\n').join('');
}

/** A route's destination as `ip route add` takes it: `default`, else a.b.c.d/len (a /32 too). */
export const routeDestText = (ip: string, len: number): string => (len === 0 && ip === '0.0.0.0' ? 'default' : `${ip}/${len}`);

/** A static route as `ip route add` arguments: `default via 10.0.1.1 dev eth1`. */
export function routeText(r: RouteSpec): string {
  const parts: string[] = [];
  if (r.type !== 'unicast') parts.push(r.type);
  parts.push(routeDestText(r.dst.ip, r.dst.len));
  if (r.via) parts.push('via', r.via);
  if (r.dev) parts.push('dev', r.dev);
  if (r.onlink) parts.push('onlink');
  if (r.scope) parts.push('scope', r.scope);
  if (r.metric !== undefined) parts.push('metric', String(r.metric));
  if (r.src) parts.push('src', r.src);
  if (r.proto !== undefined) parts.push('proto', r.proto);
  for (const nh of r.nexthops ?? []) {
    parts.push('nexthop');
    if (nh.via) parts.push('via', nh.via);
    if (nh.dev) parts.push('dev', nh.dev);
    if (nh.weight !== undefined) parts.push('weight', String(nh.weight));
    if (nh.onlink) parts.push('onlink');
  }
  return parts.join(' ');
}

/** One `ip neigh show` line. */
export function formatNeigh(n: NeighView): string {
  return `${n.ip} dev ${n.dev} ${n.mac ? `lladdr ${n.mac} ` : ''}${n.state} `;
}

export function formatNeighs(list: NeighView[]): string {
  return list.map((n) => formatNeigh(n) + '\n').join('');
}

/** strerror() of the errors route lookups return. */
export const STRERROR: Record<RouteError, string> = {
  ENETUNREACH: 'Network is unreachable',
  EHOSTUNREACH: 'No route to host',
  EACCES: 'Permission denied',
  EINVAL: 'Invalid argument',
};

/** `ip route get DST [from SRC]`: stdout, or the RTNETLINK error on stderr (exit 2). */
export function formatRouteGet(dst: string, from: string | undefined, rt: OutputRoute, now: number): { stdout: string; stderr: string; exit: number } {
  if (rt.kind === 'error') return { stdout: '', stderr: `RTNETLINK answers: ${STRERROR[rt.error]}\n`, exit: 2 };
  let s = rt.type === 'unicast' ? '' : `${rt.type} `;
  s += `${dst} `;
  if (from) s += `from ${from} `;
  if (rt.type === 'unicast' && rt.nexthop !== dst) s += `via ${rt.nexthop} `;
  s += `dev ${rt.dev} `;
  if (!from) s += `src ${rt.src} `;
  s += 'uid 0 \n';
  const flags = rt.type === 'local' ? ['local'] : rt.type === 'broadcast' ? ['local', 'brd'] : rt.viaException ? ['redirected'] : [];
  s += `    cache ${flags.length ? `<${flags.join(',')}> ` : ''}`;
  // A redirect exception lives ip_rt_gc_timeout (300 s); iproute2 prints what is left of it.
  if (rt.exceptionExpires !== undefined) s += `expires ${Math.floor((rt.exceptionExpires - now) / 1_000_000)}sec `;
  return { stdout: s + '\n', stderr: '', exit: 0 };
}

/**
 * `bridge fdb show` on a bridge node: the multicast entries of br0 and of each port, the port's
 * own address (permanent), and the learned entries (trailing space, as iproute2 prints them).
 */
export function formatBridgeFdb(t: Topology, nodeName: string, learned: FdbView[]): string {
  const node = t.nodes.find((n) => n.name === nodeName);
  if (!node || node.kind !== 'bridge') return '';
  const self = (dev: string) => [`33:33:00:00:00:01 dev ${dev} self permanent`, `01:00:5e:00:00:01 dev ${dev} self permanent`];
  const lines = [...self('br0')];
  for (const p of node.ifaces) {
    for (const e of learned.filter((x) => x.port === p.name)) lines.push(`${e.mac} dev ${p.name}${e.vlan ? ` vlan ${e.vlan}` : ''} master br0 `);
    lines.push(`${p.mac} dev ${p.name} master br0 permanent`, ...self(p.name));
  }
  return lines.join('\n') + '\n';
}
