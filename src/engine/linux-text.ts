// Linux's own text for routing and neighbour tables, as iproute2 prints them (ip/iproute.c
// print_route, ip/ipneigh.c print_neigh), trailing spaces included, so that what packetwalk shows
// can be compared line by line with a terminal on a real machine.

import { prefixText, type FibRoute } from './tables/fib';
import type { NeighView } from './sim/trace';
import type { OutputRoute } from './devices/linux';
import type { RouteError } from './sim/trace';

/** One `ip route show` line (without the newline). `showTable` as when no table filter is given. */
export function formatRoute(r: FibRoute, showTable: boolean): string {
  let s = r.type === 'unicast' ? '' : `${r.type} `;
  s += prefixText(r.dst, r.len) + ' ';
  if (r.gateway) s += `via ${r.gateway} `;
  if (r.dev && r.type !== 'blackhole' && r.type !== 'unreachable' && r.type !== 'prohibit') s += `dev ${r.dev} `;
  if (showTable && r.table !== 'main') s += `table ${r.table} `;
  if (r.proto === 'kernel') s += 'proto kernel ';
  if (r.scope !== 'global') s += `scope ${r.scope} `;
  if (r.prefsrc) s += `src ${r.prefsrc} `;
  if (r.metric) s += `metric ${r.metric} `;
  if (r.onlink) s += 'onlink ';
  return s;
}

/** `ip route show [table main|local|all]` of a routing state (main then local, kernel order). */
export function formatRoutes(routes: FibRoute[], table: 'main' | 'local' | 'all'): string {
  const rows = table === 'all' ? routes : routes.filter((r) => r.table === table);
  return rows.map((r) => formatRoute(r, table === 'all') + '\n').join('');
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
