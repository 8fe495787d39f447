// ICMP of one stack (net/ipv4/icmp.c): errors and redirects sent about a packet (__icmp_send)
// with Linux's two rate limits (icmp_global_allow per namespace, the inet_peer token bucket per
// destination), echo replies, and what a received message does: raw sockets (ping) see every one,
// errors go to the protocol of the datagram they quote (icmp_err_convert gives their errno),
// redirects may teach a route exception.

import { isLimitedBroadcast, isMulticast, isZeronet, type Ipv4Addr } from '../../wire/addr';
import { ICMP, IPPROTO, type IcmpMessage, type Ipv4Packet } from '../../wire/types';
import { buildIpv4 } from '../../wire/ipv4';
import { buildIcmpEcho, buildIcmpError, icmpChecksum, ICMP_ERROR_TYPES } from '../../wire/icmp';
import { isValidState } from '../../tables/neigh';
import { US_PER_S } from '../../sim/sim';
import type { IcmpReason, TraceEventBody } from '../../sim/trace';
import { DEFAULT_TTL, ipLocalOut } from './ip-output';
import { findException, routeOutput, updateException } from './route';
import { kfreeSkb, type Skb } from './skb';
import { inetAddProtocol, inetProtocolErr } from './protocol';
import { inetGetPeer, type LinuxStack, type Peer } from './stack';

/** A raw ICMP socket (ping's). */
export interface PingSocket {
  readonly label: string;
  ident: number;
  closed: boolean;
  /** every ICMP message delivered to the host (a raw socket sees them all) */
  onIcmp(icmp: IcmpMessage, ip: Ipv4Packet, skb: Skb): void;
}

const MS = 1000;
/** ICMP types limited by net.ipv4.icmp_ratemask (6168: dest unreachable, source quench, time exceeded, parameter problem). */
const RATEMASK = new Set([3, 4, 11, 12]);
const ICMP_RATELIMIT_US = 1000 * MS;
const XRLIM_BURST_FACTOR = 6;
const RT_GC_TIMEOUT_US = 300 * US_PER_S;
const ICMP_MSGS_PER_SEC = 1000;
/** net.ipv4.icmp_msgs_burst: the namespace's ICMP credit when full */
export const ICMP_MSGS_BURST = 50;

/** __ip_select_ident: the IP identification of a packet no socket numbers (random per destination in Linux). */
export const ipIdent = (stack: LinuxStack): number => stack.sim.randomInt(0x10000);

/** icmp_global_allow: at most 1000 rate-limited ICMP messages per second per namespace, burst 50. */
function icmpGlobalAllow(stack: LinuxStack): boolean {
  const now = stack.sim.now;
  const incr = Math.floor(((now - stack.icmpStamp) * ICMP_MSGS_PER_SEC) / US_PER_S);
  if (incr > 0) {
    stack.icmpCredit = Math.min(stack.icmpCredit + incr, ICMP_MSGS_BURST);
    stack.icmpStamp = now;
  }
  if (stack.icmpCredit <= 0) return false;
  stack.icmpCredit--;
  return true;
}

/** inet_peer_xrlim_allow with icmp_ratelimit (1 s) and a burst of 6. */
function xrlimAllow(stack: LinuxStack, peer: Peer): boolean {
  const now = stack.sim.now;
  let token = peer.rateTokens + (now - peer.rateLast);
  peer.rateLast = now;
  if (token > XRLIM_BURST_FACTOR * ICMP_RATELIMIT_US) token = XRLIM_BURST_FACTOR * ICMP_RATELIMIT_US;
  let ok = false;
  if (token >= ICMP_RATELIMIT_US) {
    token -= ICMP_RATELIMIT_US;
    ok = true;
  }
  peer.rateTokens = token;
  return ok;
}

/** __icmp_send: an ICMP error (or redirect) about `skbIn`, back to its source. */
export function icmpSend(stack: LinuxStack, skbIn: Skb, type: number, code: number, reason: IcmpReason, extra: { gateway?: Ipv4Addr; rest?: number } = {}): void {
  const { sim } = stack;
  const ip = skbIn.ip;
  // Not sending is not dropping: the packet goes on (or is dropped) as the caller decides.
  const suppress = (why: Extract<TraceEventBody, { kind: 'icmp.suppressed' }>['why']): void => {
    sim.emit({ kind: 'icmp.suppressed', node: stack.name, about: skbIn.pkt, type, code, reason, why });
  };
  if (skbIn.pktType !== 'host' || skbIn.broadcastInput) return suppress('not-unicast');
  if (ip.fragmentOffset !== 0) return;
  if (ICMP_ERROR_TYPES.has(type) && ip.protocol === IPPROTO.icmp) {
    const inner = ip.payload;
    const innerType = inner.kind === 'icmp' ? inner.type : undefined;
    if (innerType === undefined || innerType > 18 || ICMP_ERROR_TYPES.has(innerType) || innerType === 4) return suppress('error-about-error');
  }
  if (isZeronet(ip.srcIp) || isLimitedBroadcast(ip.srcIp) || isMulticast(ip.srcIp)) return suppress('not-unicast');
  const limited = RATEMASK.has(type);
  if (limited && skbIn.iif !== 'lo' && !icmpGlobalAllow(stack)) return suppress('ratelimit-global');
  const saddr = skbIn.localInput ? ip.dstIp : undefined;
  const pkt = sim.newPacketId();
  const rt = routeOutput(stack, ip.srcIp, { ...(saddr ? { src: saddr } : {}), pkt, about: ip });
  if (rt.kind !== 'ok') return;
  if (limited && rt.dev !== 'lo' && !xrlimAllow(stack, inetGetPeer(stack, ip.srcIp))) return suppress('ratelimit-peer');
  const icmp = buildIcmpError({
    type,
    code,
    original: ip,
    ...(extra.gateway ? { gateway: extra.gateway } : {}),
    ...(extra.rest !== undefined ? { rest: extra.rest } : {}),
  });
  // tos = (iph->tos & IPTOS_TOS_MASK) | IPTOS_PREC_INTERNETCONTROL
  const tos = (((ip.dscp << 2) | ip.ecn) & 0x1e) | 0xc0;
  const out = buildIpv4({
    srcIp: rt.src,
    dstIp: ip.srcIp,
    protocol: IPPROTO.icmp,
    ttl: DEFAULT_TTL,
    identification: ipIdent(stack),
    df: false,
    dscp: tos >> 2,
    ecn: tos & 3,
    payload: icmp,
  });
  sim.emit({ kind: 'icmp.send', node: stack.name, pkt, about: skbIn.pkt, type, code, reason, dst: ip.srcIp });
  ipLocalOut(stack, { pkt, ip: out, pktType: 'host' }, rt);
}

/** icmp_rcv: an ICMP message delivered to this host. */
export function icmpRcv(stack: LinuxStack, skb: Skb, icmp: IcmpMessage, broadcast: boolean): void {
  const ip = skb.ip;
  if (icmpChecksum(icmp) !== icmp.checksum) return kfreeSkb(stack, skb.pkt, 'bad-checksum', skb.iif, 'icmp');
  // Raw ICMP sockets (ping) get a copy of everything first.
  for (const s of stack.pingSockets) if (!s.closed) s.onIcmp(icmp, ip, skb);
  switch (icmp.type) {
    case ICMP.echoRequest:
      if (broadcast && stack.icmpEchoIgnoreBroadcasts) return kfreeSkb(stack, skb.pkt, 'echo-ignore-broadcast', skb.iif);
      return icmpEcho(stack, skb, icmp);
    case ICMP.redirect:
      return icmpRedirect(stack, skb, icmp);
    case ICMP.destUnreachable:
    case ICMP.timeExceeded:
    case ICMP.parameterProblem:
      return icmpSocketDeliver(stack, skb, icmp);
    default:
      return;
  }
}

/**
 * icmp_echo → icmp_reply: the reply from the address the request was sent to or, for a request to
 * a broadcast address, from the source the route back to the sender gives (fib_compute_spec_dst).
 */
function icmpEcho(stack: LinuxStack, skb: Skb, icmp: IcmpMessage): void {
  const ip = skb.ip;
  const pkt = stack.sim.newPacketId();
  const src = skb.broadcastInput ? {} : { src: ip.dstIp };
  const rt = routeOutput(stack, ip.srcIp, { ...src, pkt, flow: { ...src, proto: IPPROTO.icmp } });
  if (rt.kind !== 'ok') return;
  const reply = buildIpv4({
    srcIp: rt.src,
    dstIp: ip.srcIp,
    protocol: IPPROTO.icmp,
    ttl: DEFAULT_TTL,
    identification: ipIdent(stack),
    df: false,
    dscp: ip.dscp,
    ecn: ip.ecn,
    payload: buildIcmpEcho({ type: 0, identifier: icmp.identifier ?? 0, sequence: icmp.sequence ?? 0, data: icmp.data ?? '' }),
  });
  stack.sim.emit({ kind: 'icmp.send', node: stack.name, pkt, about: skb.pkt, type: 0, code: 0, reason: 'echo-reply', dst: ip.srcIp });
  ipLocalOut(stack, { pkt, ip: reply, pktType: 'host' }, rt);
}

/** icmp_socket_deliver: hand an ICMP error to the protocol of the quoted datagram (udp_err, tcp_v4_err). */
function icmpSocketDeliver(stack: LinuxStack, skb: Skb, icmp: IcmpMessage): void {
  if (icmp.quote) inetProtocolErr(stack, skb, icmp, icmp.quote);
}

/** The errno an ICMP error gives a socket. */
export type IcmpErrno = 'ENETUNREACH' | 'EHOSTUNREACH' | 'ENOPROTOOPT' | 'ECONNREFUSED' | 'EOPNOTSUPP' | 'EHOSTDOWN' | 'ENONET' | 'EPROTO';

/** icmp_err_convert: each destination unreachable code's errno and whether it is fatal (a hard error). */
const ICMP_ERR_CONVERT: readonly (readonly [IcmpErrno | undefined, boolean])[] = [
  ['ENETUNREACH', false],
  ['EHOSTUNREACH', false],
  ['ENOPROTOOPT', true],
  ['ECONNREFUSED', true],
  [undefined, false], // fragmentation needed: path MTU discovery, not an error
  ['EOPNOTSUPP', false],
  ['ENETUNREACH', true],
  ['EHOSTDOWN', true],
  ['ENONET', true],
  ['ENETUNREACH', true],
  ['EHOSTUNREACH', true],
  ['ENETUNREACH', false],
  ['EHOSTUNREACH', false],
  ['EHOSTUNREACH', true],
  ['EHOSTUNREACH', true],
  ['EHOSTUNREACH', true],
];

/**
 * What an ICMP error means to the socket of the datagram it quotes, as udp_err and tcp_v4_err
 * read it: time exceeded is a soft EHOSTUNREACH, a parameter problem a hard EPROTO, a destination
 * unreachable as icmp_err_convert says; anything else (redirects, fragmentation needed) is none.
 */
export function icmpErrno(icmp: IcmpMessage): { err: IcmpErrno; fatal: boolean } | undefined {
  if (icmp.type === ICMP.timeExceeded) return { err: 'EHOSTUNREACH', fatal: false };
  if (icmp.type === ICMP.parameterProblem) return { err: 'EPROTO', fatal: true };
  if (icmp.type !== ICMP.destUnreachable) return undefined;
  const [err, fatal] = ICMP_ERR_CONVERT[icmp.code] ?? [undefined, false];
  return err ? { err, fatal } : undefined;
}

/** icmp_redirect → __ip_do_redirect: maybe learn a better gateway for one destination. */
function icmpRedirect(stack: LinuxStack, skb: Skb, icmp: IcmpMessage): void {
  const q = icmp.quote;
  const newGw = icmp.gateway;
  if (!q || !newGw) return;
  const oldGw = skb.ip.srcIp;
  const dst = q.dstIp;
  const emit = (result: 'applied' | 'resolving-gateway' | 'rejected', rejectReason?: string): void => {
    stack.sim.emit({ kind: 'route.redirect', node: stack.name, dst, gateway: newGw, from: oldGw, result, ...(rejectReason ? { rejectReason } : {}) });
  };
  if (icmp.code > 3) return emit('rejected', 'code');
  const r = stack.fib.lookup(dst);
  if (r.kind !== 'found' || r.route.type !== 'unicast') return emit('rejected', 'no-route');
  const ex = findException(stack, r.route, dst);
  const currentGw = ex?.gateway ?? r.route.gateway;
  if (currentGw !== oldGw) return emit('rejected', 'not-from-current-gateway');
  const dev = stack.devs.get(r.route.dev!)!;
  const inDev = stack.devs.get(skb.iif ?? '') ?? dev;
  if (newGw === oldGw || !inDev.conf.acceptRedirects || isMulticast(newGw) || isLimitedBroadcast(newGw) || isZeronet(newGw)) {
    return emit('rejected', newGw === oldGw ? 'same-gateway' : 'accept_redirects');
  }
  if (stack.fib.addrType(newGw) !== 'unicast') return emit('rejected', 'gateway-not-unicast');
  let n = stack.neigh.lookup(dev.name, newGw);
  if (!n || !isValidState(n.state)) {
    n ??= stack.neigh.lookupOrCreate(dev.name, newGw);
    emit('resolving-gateway');
    stack.neigh.eventSend(n, undefined, 'redirect');
    return;
  }
  updateException(stack, r.route, dst, newGw, stack.sim.now + RT_GC_TIMEOUT_US);
  emit('applied');
}

inetAddProtocol(IPPROTO.icmp, { payload: 'icmp', handler: (stack, skb, icmp, _dev, broadcast) => icmpRcv(stack, skb, icmp, broadcast) });
