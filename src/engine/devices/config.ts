// Turns a linux node's configuration into its routing tables, the way the kernel does when the
// `ip addr add` and `ip route add` commands run: fib_add_ifaddr() for every address (local,
// broadcast and prefix routes; primary and secondary addresses) and fib_create_info() /
// fib_check_nh() for every static route, with the kernel's own error messages.

import { ipToNum, networkOf, numToIp, prefixMask, type Ipv4Addr } from '../wire/addr';
import type { IfAddr, LinuxNode, RouteSpec } from '../topology';
import { Fib, SCOPE_VALUE, upperBounds, type FibNexthop, type FibRoute, type Scope } from '../tables/fib';

export const LOOPBACK_ADDR: IfAddr = { ip: '127.0.0.1' as Ipv4Addr, len: 8 };

/** An address on a device with its role, in the kernel's ifa list order. */
export interface DevAddr extends IfAddr {
  dev: string;
  /** false for a second address in a subnet the device already has */
  primary: boolean;
  /** the primary address of the subnet (itself when primary) */
  primaryIp: Ipv4Addr;
  /** scope host for 127.0.0.0/8, else global */
  scope: Scope;
}

/**
 * Devices of a linux node in ifindex order: lo first, then the tunnels' fallback devices (tunl0,
 * made with the namespace), its interfaces, and the tunnels `ip link add` made.
 */
export function devicesOf(node: LinuxNode): { name: string; addrs: IfAddr[] }[] {
  const tunnels = node.tunnels ?? [];
  return [
    { name: 'lo', addrs: [LOOPBACK_ADDR, ...node.loAddrs] },
    ...tunnels.filter((t) => t.fallback).map((t) => ({ name: t.name, addrs: t.addrs })),
    ...node.ifaces.map((i) => ({ name: i.name, addrs: i.addrs })),
    ...tunnels.filter((t) => !t.fallback).map((t) => ({ name: t.name, addrs: t.addrs })),
  ];
}

/** Marks primaries and secondaries the way __inet_insert_ifa does. */
export function devAddrs(dev: string, addrs: IfAddr[]): DevAddr[] {
  const out: DevAddr[] = [];
  for (const a of addrs) {
    const mask = prefixMask(a.len);
    const net = (ipToNum(a.ip) & mask) >>> 0;
    let prim: DevAddr | undefined;
    for (const p of out) {
      if (p.primary && p.len === a.len && ((ipToNum(p.ip) & mask) >>> 0) === net) {
        prim = p;
        break;
      }
    }
    out.push({ ip: a.ip, len: a.len, dev, primary: !prim, primaryIp: prim ? prim.ip : a.ip, scope: a.ip.startsWith('127.') ? 'host' : 'global' });
  }
  return out;
}

/** The routes fib_add_ifaddr() creates for one address. */
export function addressRoutes(a: DevAddr): FibRoute[] {
  const out: FibRoute[] = [
    { table: 'local', type: 'local', dst: a.ip, len: 32, scope: 'host', proto: 'kernel', metric: 0, prefsrc: a.primaryIp, dev: a.dev, nhScope: 'host' },
  ];
  const n = ipToNum(a.ip);
  const mask = prefixMask(a.len);
  const net = (n & mask) >>> 0;
  if (net >>> 24 !== 0 && a.primary && (net !== n || a.len < 32)) {
    const prefix = net === n ? a.ip : numToIp(net);
    const lo = a.dev === 'lo';
    out.push({
      table: lo ? 'local' : 'main',
      type: lo ? 'local' : 'unicast',
      dst: prefix,
      len: a.len,
      scope: lo ? 'host' : 'link',
      proto: 'kernel',
      metric: 0,
      prefsrc: a.primaryIp,
      dev: a.dev,
      nhScope: 'host',
    });
    if (a.len < 31) {
      out.push({ table: 'local', type: 'broadcast', dst: numToIp((net | ~mask) >>> 0), len: 32, scope: 'link', proto: 'kernel', metric: 0, prefsrc: a.primaryIp, dev: a.dev, nhScope: 'host' });
    }
  }
  return out;
}

/** The default scope `ip route add` gives a route it was not told the scope of. */
export function defaultScope(spec: RouteSpec): Scope {
  return spec.type === 'unicast' && !spec.via && !spec.nexthops ? 'link' : 'global';
}

export type RouteResult = { kind: 'ok'; route: FibRoute } | { kind: 'error'; message: string };

/** One path as fib_check_nh leaves it (the route's own, or one of a multipath route's). */
type Nexthop = { gateway?: Ipv4Addr; dev?: string; onlink?: boolean; nhScope: Scope };

/**
 * fib_check_nh for one path of a route of this type and scope, against the tables as they are:
 * the path, or the message iproute2 prints.
 */
function checkNexthop(fib: Fib, devNames: ReadonlySet<string> | readonly string[], type: FibRoute['type'], scope: Scope, via: Ipv4Addr | undefined, dev: string | undefined, onlink: boolean | undefined): Nexthop | string {
  if (dev !== undefined && !('has' in devNames ? devNames.has(dev) : devNames.includes(dev))) return `Cannot find device "${dev}"`;
  if (type !== 'unicast') return { nhScope: 'host' };
  if (!via) {
    if (dev === undefined) return 'RTNETLINK answers: No such device';
    return onlink ? { dev, onlink: true, nhScope: 'host' } : { dev, nhScope: 'host' };
  }
  if (scope === 'host') return 'Error: Route with host scope can not have a gateway.';
  if (onlink) {
    if (SCOPE_VALUE[scope] >= SCOPE_VALUE.link) return 'Error: Nexthop has invalid scope.';
    if (dev === undefined) return 'Error: Nexthop device required for onlink.';
    if (fib.addrType(via) !== 'unicast') return 'Error: Nexthop has invalid gateway.';
    return { gateway: via, dev, onlink: true, nhScope: 'link' };
  }
  // fib_check_nh_v4_gw: the gateway must be reachable through a link- or host-scope route.
  const minScope: Scope = SCOPE_VALUE[scope] + 1 <= SCOPE_VALUE.link ? 'link' : 'host';
  const r = fib.lookup(via, dev !== undefined ? { minScope, oif: dev } : { minScope });
  if (r.kind === 'miss' || (r.route.type !== 'unicast' && r.route.type !== 'local')) return 'Error: Nexthop has invalid gateway.';
  return { gateway: via, dev: r.route.dev!, nhScope: r.route.scope };
}

/**
 * The main-table route of `ip route add` with its (first) path, its fields in the order they
 * have always had. Built field by field: object spreads made compiling a 10 000-device fabric's
 * routes several times slower.
 */
function mainRoute(spec: RouteSpec, scope: Scope, nh: Nexthop): FibRoute {
  const route = { table: 'main', type: spec.type, dst: networkOf(spec.dst.ip, spec.dst.len), len: spec.dst.len, scope, proto: spec.proto ?? 'boot', metric: spec.metric ?? 0 } as FibRoute;
  if (spec.src) route.prefsrc = spec.src;
  if (nh.gateway) route.gateway = nh.gateway;
  if (nh.dev !== undefined) route.dev = nh.dev;
  if (nh.onlink) route.onlink = true;
  route.nhScope = nh.nhScope;
  return route;
}

/** One path of a multipath route (struct fib_nh), with its weight and fib_rebalance's bound. */
function fibNexthop(nh: Nexthop, weight: number, upperBound: number): FibNexthop {
  const n = {} as FibNexthop;
  if (nh.gateway) n.gateway = nh.gateway;
  n.dev = nh.dev!;
  if (nh.onlink) n.onlink = true;
  n.nhScope = nh.nhScope;
  n.weight = weight;
  n.upperBound = upperBound;
  return n;
}

/**
 * fib_create_info + fib_check_nh for `ip route add` in the main table, checked against the
 * tables as they are when the command runs. Messages are what iproute2 prints.
 */
export function resolveRoute(fib: Fib, devNames: ReadonlySet<string> | readonly string[], spec: RouteSpec): RouteResult {
  if (spec.nexthops) return resolveMultipath(fib, devNames, spec, spec.nexthops);
  const scope = spec.scope ?? defaultScope(spec);
  const nh = checkNexthop(fib, devNames, spec.type, scope, spec.via, spec.dev, spec.onlink);
  return typeof nh === 'string' ? { kind: 'error', message: nh } : { kind: 'ok', route: mainRoute(spec, scope, nh) };
}

/**
 * fib_create_info with RTA_MULTIPATH (fib_get_nhs): every path checked as a route of its own
 * would be, then fib_rebalance's upper bounds. The route's own gateway and device are its
 * first path's.
 */
function resolveMultipath(fib: Fib, devNames: ReadonlySet<string> | readonly string[], spec: RouteSpec, paths: NonNullable<RouteSpec['nexthops']>): RouteResult {
  const scope = spec.scope ?? defaultScope(spec);
  const nexthops: FibNexthop[] = [];
  const bounds = upperBounds(paths.map((p) => p.weight ?? 1));
  for (let i = 0; i < paths.length; i++) {
    const p = paths[i]!;
    const nh = checkNexthop(fib, devNames, spec.type, scope, p.via, p.dev, p.onlink);
    if (typeof nh === 'string') return { kind: 'error', message: nh };
    nexthops.push(fibNexthop(nh, p.weight ?? 1, bounds[i]!));
  }
  const route = mainRoute(spec, scope, nexthops[0]!);
  route.nexthops = nexthops;
  return { kind: 'ok', route };
}

export interface CompiledFib {
  fib: Fib;
  addrs: DevAddr[];
  /** one message per route that the kernel would refuse, with the route's index */
  errors: { route: number; message: string }[];
}

const compiled = new WeakMap<LinuxNode, CompiledFib>();

/**
 * compileFib for a simulation: simulate() treats a topology as a value (never changed after it
 * was simulated), so the FIB of a node object is built once and shared by every run (a run never
 * changes it: redirect exceptions live beside it).
 */
export function compileFibForRun(node: LinuxNode): CompiledFib {
  let c = compiled.get(node);
  if (!c) {
    c = compileFib(node);
    compiled.set(node, c);
  }
  return c;
}

/** All address routes, then the static routes in order (what a containerlab export runs). */
export function compileFib(node: LinuxNode): CompiledFib {
  const fib = new Fib();
  const addrs = devicesOf(node).flatMap((d) => devAddrs(d.name, d.addrs));
  for (const a of addrs) for (const r of addressRoutes(a)) fib.add(r, { append: true });
  const devNames = new Set(devicesOf(node).map((d) => d.name));
  const errors: CompiledFib['errors'] = [];
  node.routes.forEach((spec, i) => {
    const res = resolveRoute(fib, devNames, spec);
    if (res.kind === 'error') errors.push({ route: i, message: res.message });
    else if (!fib.add(res.route)) errors.push({ route: i, message: 'RTNETLINK answers: File exists' });
  });
  return { fib, addrs, errors };
}

/** A node's routing tables as `ip route show table all` lists them: main, then local. */
export function nodeRoutes(node: LinuxNode): FibRoute[] {
  const { fib } = compileFib(node);
  return [...fib.routes('main'), ...fib.routes('local')];
}

/** Would `ip route add` of this route succeed on the node as it is configured now? */
export function routeCheck(node: LinuxNode, spec: RouteSpec): RouteResult {
  const { fib } = compileFib(node);
  const r = resolveRoute(fib, devicesOf(node).map((d) => d.name), spec);
  if (r.kind === 'error') return r;
  if (!fib.add(r.route)) return { kind: 'error', message: 'RTNETLINK answers: File exists' };
  return r;
}
