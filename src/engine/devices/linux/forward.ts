// Forwarding of one stack (net/ipv4/ip_forward.c, route.c): ip_forward (TTL, time exceeded, the
// redirect decided at input, POSTROUTING, the next hop's neighbour), the redirects' backoff per
// sender (ip_rt_send_redirect) and ip_error with its own token bucket for what cannot be routed.

import type { Ipv4Addr } from '../../wire/addr';
import { ICMP, ICMP_UNREACH } from '../../wire/types';
import { ipDecreaseTtl } from '../../wire/ipv4';
import type { DropReason, IcmpReason, RouteError } from '../../sim/trace';
import { icmpSend } from './icmp';
import { neighOutput, nfPostrouting } from './ip-output';
import { kfreeSkb, type Skb } from './skb';
import { inetGetPeer, type LinuxStack, type NetDev } from './stack';

const MS = 1000;
const IP_RT_ERROR_COST_US = 1000 * MS;
const IP_RT_ERROR_BURST_US = 5000 * MS;
const REDIRECT_LOAD_US = 20 * MS;
const REDIRECT_NUMBER = 9;
const REDIRECT_SILENCE_US = REDIRECT_LOAD_US << (REDIRECT_NUMBER + 1);

/** ip_forward: a received packet out of `out` towards `nexthop` (a redirect first when input asked for one). */
export function ipForward(stack: LinuxStack, skb: Skb, inDev: NetDev, out: NetDev, nexthop: Ipv4Addr, redirect: boolean): void {
  if (skb.pktType !== 'host') return kfreeSkb(stack, skb.pkt, 'not-unicast-l2', inDev.name);
  if (skb.ip.ttl <= 1) {
    icmpSend(stack, skb, ICMP.timeExceeded, 0, 'ttl-exceeded');
    return kfreeSkb(stack, skb.pkt, 'ttl-exceeded', inDev.name);
  }
  const ttlFrom = skb.ip.ttl;
  const fwd: Skb = { pkt: skb.pkt, ip: ipDecreaseTtl(skb.ip), pktType: 'host', iif: inDev.name, ...(skb.ct ? { ct: skb.ct } : {}) };
  if (redirect) ipRtSendRedirect(stack, fwd, nexthop);
  stack.sim.emit({ kind: 'ip.forward', node: stack.name, pkt: skb.pkt, ingress: inDev.name, egress: out.name, nexthop, ttlFrom, ttlTo: fwd.ip.ttl });
  const post = nfPostrouting(stack, fwd, out.name, nexthop);
  if (post) neighOutput(stack, out.name, nexthop, post);
}

/** ip_rt_send_redirect with its exponential backoff per sender. */
function ipRtSendRedirect(stack: LinuxStack, skb: Skb, gateway: Ipv4Addr): void {
  const now = stack.sim.now;
  const p = inetGetPeer(stack, skb.ip.srcIp);
  if (now > p.rateLast + REDIRECT_SILENCE_US) {
    p.rateTokens = 0;
    p.nRedirects = 0;
  }
  if (p.nRedirects >= REDIRECT_NUMBER) {
    p.rateLast = now;
    return;
  }
  if (p.nRedirects === 0 || now > p.rateLast + REDIRECT_LOAD_US * 2 ** p.nRedirects) {
    icmpSend(stack, skb, ICMP.redirect, 1, 'redirect', { gateway });
    p.rateLast = now;
    p.nRedirects++;
  }
}

/** ip_error: what to do with a packet that cannot be routed. */
export function ipError(stack: LinuxStack, skb: Skb, dev: NetDev, error: RouteError | 'not-forwarding'): void {
  if (error === 'not-forwarding' || !dev.conf.forwarding) return kfreeSkb(stack, skb.pkt, 'not-forwarding', dev.name);
  if (error === 'EINVAL') return kfreeSkb(stack, skb.pkt, 'route-blackhole', dev.name);
  const code = error === 'EHOSTUNREACH' ? ICMP_UNREACH.host : error === 'EACCES' ? ICMP_UNREACH.adminProhibited : ICMP_UNREACH.net;
  const reason: DropReason = error === 'EHOSTUNREACH' ? 'route-unreachable' : error === 'EACCES' ? 'route-prohibit' : 'no-route';
  // ip_error's own token bucket (ip_rt_error_cost / ip_rt_error_burst), on the same peer.
  const now = stack.sim.now;
  const p = inetGetPeer(stack, skb.ip.srcIp);
  p.rateTokens = Math.min(p.rateTokens + (now - p.rateLast), IP_RT_ERROR_BURST_US);
  p.rateLast = now;
  let send = true;
  if (p.rateTokens >= IP_RT_ERROR_COST_US) p.rateTokens -= IP_RT_ERROR_COST_US;
  else send = false;
  const icmpReason: IcmpReason = error === 'EACCES' ? 'prohibited' : error === 'EHOSTUNREACH' ? 'host-unreachable' : 'net-unreachable';
  if (send) icmpSend(stack, skb, ICMP.destUnreachable, code, icmpReason);
  else stack.sim.emit({ kind: 'icmp.suppressed', node: stack.name, about: skb.pkt, type: ICMP.destUnreachable, code, reason: icmpReason, why: 'ratelimit-ip_error' });
  kfreeSkb(stack, skb.pkt, reason, dev.name, skb.ip.dstIp);
}
