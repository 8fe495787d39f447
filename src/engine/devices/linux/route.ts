// Routing decisions of one stack (net/ipv4/route.c, fib_frontend.c, devinet.c): the FIB lookup
// that input (ip_route_input_slow) and output (ip_route_output_key_hash) share, told to the
// trace with every candidate; the route exceptions learned from redirects (fib_nh_exception);
// source address selection (inet_select_addr) and the source checks redirects need.

import { inPrefix, isLimitedBroadcast, isLoopback, isMulticast, isZeronet, ZERO_IP, type Ipv4Addr } from '../../wire/addr';
import { isNexthopType, SCOPE_VALUE, type FibLookup, type FibRoute, type MultipathChoice, type Scope } from '../../tables/fib';
import type { Ipv4Packet } from '../../wire/types';
import type { PacketId, RouteCandidate, RouteError, TraceEventBody } from '../../sim/trace';
import { multipathHash, multipathKeys, selectNexthop, type FlowInput, type MultipathInput } from './fib-multipath';
import type { LinuxStack, NetDev } from './stack';

/** Where a locally generated packet goes (a dst_entry of an output route), or why it cannot. */
export type OutputRoute =
  | {
      kind: 'ok';
      route: FibRoute;
      /** 'local' (to ourselves, over lo), 'unicast' or 'broadcast' */
      type: 'local' | 'unicast' | 'broadcast';
      dev: string;
      src: Ipv4Addr;
      nexthop: Ipv4Addr;
      /** gateway from a redirect exception */
      viaException?: Ipv4Addr;
      exceptionExpires?: number;
    }
  | { kind: 'error'; error: RouteError };

/** What the input route of a received packet says to do with it. */
export type InputRoute =
  | { kind: 'local' | 'broadcast' }
  | { kind: 'forward'; route: FibRoute; dev: string; nexthop: Ipv4Addr; viaException?: Ipv4Addr }
  | { kind: 'error'; error: RouteError | 'martian-source' | 'martian-destination' | 'not-forwarding' };

/** A route exception (fib_nh_exception) learned from an ICMP redirect. */
export interface RouteException {
  gateway: Ipv4Addr;
  expires: number;
}

/** The error a lookup ending on a route of this type gives (fib_props[type].error). */
export function routeTypeError(t: FibRoute['type']): RouteError {
  return t === 'blackhole' ? 'EINVAL' : t === 'unreachable' ? 'EHOSTUNREACH' : t === 'prohibit' ? 'EACCES' : 'ENETUNREACH';
}

export function isLocalAddr(stack: LinuxStack, ip: Ipv4Addr): boolean {
  return stack.fib.addrType(ip) === 'local';
}

/** inet_select_addr(dev, dst, scope): the source address a device offers for a destination. */
export function selectAddr(stack: LinuxStack, dev: string, dst: Ipv4Addr | undefined, scope: Scope): Ipv4Addr {
  const d = stack.devs.get(dev);
  const limit = SCOPE_VALUE[scope];
  let addr: Ipv4Addr | undefined;
  for (const a of d?.addrs ?? []) {
    if (!a.primary) continue;
    if (SCOPE_VALUE[a.scope] > limit) continue;
    if (!dst || inPrefix(dst, a.ip, a.len)) return a.ip;
    addr ??= a.ip;
  }
  if (addr) return addr;
  // Any other device's primary address that is not link-scoped (lo comes first).
  for (const other of stack.devs.values()) {
    for (const a of other.addrs) {
      if (a.primary && SCOPE_VALUE[a.scope] <= limit && a.scope !== 'link') return a.ip;
    }
  }
  return ZERO_IP;
}

/** The path of a route a packet takes: its gateway and device, and the multipath choice if any. */
interface Path {
  gateway?: Ipv4Addr;
  dev: string;
  multipath?: MultipathChoice;
}

/**
 * fib_select_path's multipath part: a route with several nexthops gives the path
 * fib_select_multipath picks for the flow's hash (see fib-multipath.ts); any other route its one
 * nexthop. `saddr`: the source address the lookup already has (fl4->saddr).
 */
function choosePath(stack: LinuxStack, route: FibRoute, input: MultipathInput, saddr?: Ipv4Addr): Path {
  const nhs = route.nexthops;
  if (!nhs) return { ...(route.gateway ? { gateway: route.gateway } : {}), dev: route.dev! };
  const keys = multipathKeys(stack.multipathPolicy, input);
  const hash = multipathHash(keys, stack.multipathSeed || stack.sim.multipathRandSeed());
  const prefer = saddr && saddr !== ZERO_IP ? { src: saddr, of: (nh: (typeof nhs)[number]) => selectAddr(stack, nh.dev, nh.gateway, route.scope) } : undefined;
  const index = selectNexthop(nhs, hash, prefer);
  const nh = nhs[index]!;
  return { ...(nh.gateway ? { gateway: nh.gateway } : {}), dev: nh.dev, multipath: { keys, hash, index } };
}

function candidates(r: FibLookup): RouteCandidate[] {
  return r.candidates.map((c) => ({ route: c.route, chosen: !c.skipped, ...(c.skipped ? { skipped: c.skipped } : {}) }));
}

type Purpose = 'input' | 'output' | 'arp' | 'query';

/**
 * fib_lookup as both directions use it: the route (with the redirect exception of a unicast
 * route's destination), or the error a miss or a blackhole/unreachable/prohibit route gives,
 * which is traced at once. The caller traces a route with what it decided from it (`event`).
 */
function fibLookupTraced(stack: LinuxStack, dst: Ipv4Addr, pkt: PacketId | undefined, purpose: Purpose, oif?: string) {
  const r = stack.fib.lookup(dst, oif !== undefined ? { withCandidates: true, oif } : { withCandidates: true });
  const kind = 'fib.lookup' as const;
  const node = stack.name;
  const event = pkt !== undefined ? { kind, node, pkt, dst, purpose, candidates: candidates(r) } : { kind, node, dst, purpose, candidates: candidates(r) };
  if (r.kind === 'miss' || !isNexthopType(r.route.type)) {
    const error: RouteError = r.kind === 'miss' ? 'ENETUNREACH' : routeTypeError(r.route.type);
    // a lookup bound to a device that finds nothing is answered by routeOutput (onLinkOf)
    if (oif === undefined || !stack.devs.has(oif)) stack.sim.emit({ ...event, result: { kind: 'error', error } });
    return { kind: 'error' as const, error, event };
  }
  const route = r.route;
  const ex = route.type === 'unicast' ? findException(stack, route, dst) : undefined;
  return { kind: 'route' as const, route, ex, event };
}

/** ip_route_input_slow: what to do with a received packet (or an ARP request being answered). */
export function routeInput(stack: LinuxStack, dst: Ipv4Addr, src: Ipv4Addr, dev: NetDev, pkt: PacketId, purpose: 'input' | 'arp', packet?: Ipv4Packet): InputRoute {
  if (isMulticast(src) || isLimitedBroadcast(src)) return { kind: 'error', error: 'martian-source' };
  if (isLimitedBroadcast(dst) || (src === ZERO_IP && dst === ZERO_IP)) return { kind: 'broadcast' };
  if (isZeronet(src)) return { kind: 'error', error: 'martian-source' };
  if (isZeronet(dst)) return { kind: 'error', error: 'martian-destination' };
  if (isLoopback(dst)) return { kind: 'error', error: 'martian-destination' };
  if (isLoopback(src)) return { kind: 'error', error: 'martian-source' };
  if (isMulticast(dst)) return { kind: 'error', error: 'martian-destination' };
  const r = fibLookupTraced(stack, dst, pkt, purpose);
  if (r.kind === 'error') return { kind: 'error', error: dev.conf.forwarding ? r.error : 'not-forwarding' };
  const { route, ex, event } = r;
  if (route.type === 'broadcast') {
    stack.sim.emit({ ...event, result: { kind: 'route', route } });
    return { kind: 'broadcast' };
  }
  if (route.type === 'local') {
    stack.sim.emit({ ...event, result: { kind: 'route', route } });
    // fib_validate_source (rp_filter 0): our own address as source is a martian.
    if (isLocalAddr(stack, src)) return { kind: 'error', error: 'martian-source' };
    return { kind: 'local' };
  }
  // An ARP request being answered has no IP header: its addresses stand in for one.
  const path = choosePath(stack, route, packet ? { packet } : { flow: { src, proto: 0 }, dst });
  const nexthop = ex?.gateway ?? path.gateway ?? dst;
  stack.sim.emit({
    ...event,
    result: { kind: 'route', route, nexthop, dev: path.dev, ...(ex ? { viaException: ex.gateway } : {}), ...(path.multipath ? { multipath: path.multipath } : {}) },
  });
  if (!dev.conf.forwarding) return { kind: 'error', error: 'not-forwarding' };
  return { kind: 'forward', route, dev: path.dev, nexthop, ...(ex ? { viaException: ex.gateway } : {}) };
}

/**
 * ip_route_output_key_hash: where a locally generated packet to `dst` goes, and from which
 * source address. Emits the lookup into the trace. The limited broadcast 255.255.255.255 is in no
 * table: a socket bound to one of our addresses sends it out of that address's device, anything
 * else out of the device of the route the lookup finds (the default route), and either way the
 * route is a broadcast one (__mkroute_output): a link-layer broadcast, no gateway, no ARP.
 */
export function routeOutput(
  stack: LinuxStack,
  dst: Ipv4Addr,
  opts: {
    src?: Ipv4Addr;
    pkt?: PacketId;
    purpose?: 'output' | 'query';
    /**
     * what a multipath route hashes: the flow (flowi4: its source, protocol, ports), or the
     * packet an ICMP error is about (icmp_route_lookup passes skb_in)
     */
    flow?: FlowInput;
    about?: Ipv4Packet;
    /**
     * flowi4_oif: only routes out of this device (a tunnel bound to its lower device, `dev D`);
     * with none, the destination is taken to be on that device's link ("Apparently, routing
     * tables are wrong. Assume, that the destination is on link.")
     */
    oif?: string;
  } = {},
): OutputRoute {
  if (isLimitedBroadcast(dst) && opts.src !== undefined) {
    const dev = [...stack.devs.values()].find((d) => d.addrs.some((a) => a.ip === opts.src));
    if (!dev) return { kind: 'error', error: 'ENETUNREACH' };
    const route: FibRoute = { table: 'local', type: 'broadcast', dst, len: 32, dev: dev.name, scope: 'link', proto: 'kernel', metric: 0, nhScope: 'host' };
    const result = { kind: 'route' as const, route, nexthop: dst, dev: dev.name, src: opts.src };
    stack.sim.emit({ kind: 'fib.lookup', node: stack.name, ...(opts.pkt !== undefined ? { pkt: opts.pkt } : {}), dst, purpose: opts.purpose ?? 'output', candidates: [], result });
    return { kind: 'ok', route, type: 'broadcast', dev: dev.name, src: opts.src, nexthop: dst };
  }
  const r = fibLookupTraced(stack, dst, opts.pkt, opts.purpose ?? 'output', opts.oif);
  if (r.kind === 'error' && opts.oif !== undefined && stack.devs.has(opts.oif)) return onLinkOf(stack, r.event, dst, opts.oif, opts.src);
  if (r.kind === 'error') return { kind: 'error', error: r.error };
  const { route, ex, event } = r;
  // The flow as the kernel's flowi4 has it (its source only when the socket has one), else our source.
  const flow = opts.flow ?? { ...(opts.src ? { src: opts.src } : {}), proto: 0 };
  const path = choosePath(stack, route, opts.about ? { packet: opts.about } : { flow, dst }, flow.src);
  let res: OutputRoute;
  if (isLimitedBroadcast(dst)) {
    const src = opts.src ?? route.prefsrc ?? selectAddr(stack, path.dev, path.gateway, route.scope);
    res = { kind: 'ok', route, type: 'broadcast', dev: path.dev, src, nexthop: dst };
  } else if (route.type === 'local') {
    res = { kind: 'ok', route, type: 'local', dev: 'lo', src: opts.src ?? route.prefsrc ?? dst, nexthop: dst };
  } else {
    const src = opts.src ?? route.prefsrc ?? selectAddr(stack, path.dev, path.gateway, route.scope);
    res = {
      kind: 'ok',
      route,
      type: route.type as 'unicast' | 'broadcast',
      dev: path.dev,
      src,
      nexthop: ex?.gateway ?? path.gateway ?? dst,
      ...(ex ? { viaException: ex.gateway, exceptionExpires: ex.expires } : {}),
    };
  }
  stack.sim.emit({
    ...event,
    result: {
      kind: 'route',
      route,
      nexthop: res.nexthop,
      dev: res.dev,
      src: res.src,
      ...(res.viaException ? { viaException: res.viaException } : {}),
      ...(path.multipath ? { multipath: path.multipath } : {}),
    },
  });
  return res;
}

/** find_exception: the gateway a redirect taught for this destination, while it lasts. */
export function findException(stack: LinuxStack, route: FibRoute, dst: Ipv4Addr): RouteException | undefined {
  const ex = stack.exceptions.get(route)?.get(dst);
  if (ex && ex.expires <= stack.sim.now) {
    stack.exceptions.get(route)!.delete(dst);
    return undefined;
  }
  return ex;
}

/** update_or_create_fnhe: a redirect's gateway for one destination of a route. */
export function updateException(stack: LinuxStack, route: FibRoute, dst: Ipv4Addr, gateway: Ipv4Addr, expires: number): void {
  let m = stack.exceptions.get(route);
  if (!m) {
    m = new Map();
    stack.exceptions.set(route, m);
  }
  m.set(dst, { gateway, expires });
}

/** __fib_validate_source's answer: the sender sits on a subnet directly connected to `dev`. */
export function sourceOnLink(stack: LinuxStack, src: Ipv4Addr, dev: string): boolean {
  const r = stack.fib.lookup(src);
  return r.kind === 'found' && r.route.type === 'unicast' && r.route.dev === dev && r.route.nhScope === 'host';
}

/** inet_addr_onlink: both addresses are in one of the device's subnets. */
export function onlinkAddrs(stack: LinuxStack, dev: string, a: Ipv4Addr, b: Ipv4Addr | undefined): boolean {
  return (stack.devs.get(dev)?.addrs ?? []).some((x) => inPrefix(a, x.ip, x.len) && (!b || inPrefix(b, x.ip, x.len)));
}

/** The stack's routes as `ip route show table all` lists them: main, then local. */
export function stackRoutes(stack: LinuxStack): FibRoute[] {
  return [...stack.fib.routes('main'), ...stack.fib.routes('local')];
}

/** ip_route_output_key_hash_rcu when a lookup bound to `oif` finds nothing: the destination is taken to be on oif's link. */
function onLinkOf(stack: LinuxStack, event: Omit<Extract<TraceEventBody, { kind: 'fib.lookup' }>, 'result'>, dst: Ipv4Addr, oif: string, src0: Ipv4Addr | undefined): OutputRoute {
  const route: FibRoute = { table: 'main', type: 'unicast', dst, len: 32, dev: oif, scope: 'link', proto: 'kernel', metric: 0, nhScope: 'host' };
  const src = src0 ?? selectAddr(stack, oif, undefined, 'link');
  stack.sim.emit({ ...event, result: { kind: 'route', route, nexthop: dst, dev: oif, src } });
  return { kind: 'ok', route, type: 'unicast', dev: oif, src, nexthop: dst };
}
