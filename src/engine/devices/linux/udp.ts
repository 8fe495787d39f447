// UDP of one stack (net/ipv4/udp.c): the socket lookup (a connected socket before one bound to
// the port), delivery or port unreachable (__udp4_lib_rcv), ICMP errors (__udp4_lib_err), sending
// (udp_sendmsg) and the ephemeral port a socket gets when it names none.

import type { Ipv4Addr } from '../../wire/addr';
import { ICMP, ICMP_UNREACH, IPPROTO, type IcmpMessage, type Ipv4Packet, type UdpDatagram } from '../../wire/types';
import { buildIpv4 } from '../../wire/ipv4';
import { buildUdp, udpChecksum } from '../../wire/udp';
import type { RouteError } from '../../sim/trace';
import { icmpErrno, icmpSend, type IcmpErrno } from './icmp';
import { DEFAULT_TTL, ipLocalOut } from './ip-output';
import { routeOutput } from './route';
import { kfreeSkb, type Skb } from './skb';
import { inetAddProtocol } from './protocol';
import type { LinuxStack } from './stack';

export interface UdpSocket {
  readonly label: string;
  localIp?: Ipv4Addr;
  localPort: number;
  remoteIp?: Ipv4Addr;
  remotePort?: number;
  /** IP identification counter of a connected socket (inet_id) */
  inetId: number;
  closed: boolean;
  /** IP_RECVERR: every ICMP error reaches the socket's error queue (traceroute sets it) */
  recverr?: boolean;
  onDatagram(data: string, from: Ipv4Addr, fromPort: number, skb: Skb): void;
  onError(err: IcmpErrno, icmp: IcmpMessage, from: Ipv4Addr, skb: Skb): void;
}

/** __udp4_lib_lookup: a connected socket matching both ends, else one bound to the port. */
export function udpLookup(stack: LinuxStack, localIp: Ipv4Addr, localPort: number, remoteIp: Ipv4Addr, remotePort: number): UdpSocket | undefined {
  let best: UdpSocket | undefined;
  let bestScore = -1;
  for (const s of stack.udpSockets) {
    if (s.closed || s.localPort !== localPort) continue;
    let score = 0;
    if (s.localIp) {
      if (s.localIp !== localIp) continue;
      score += 4;
    }
    if (s.remoteIp) {
      if (s.remoteIp !== remoteIp || s.remotePort !== remotePort) continue;
      score += 8;
    }
    if (score > bestScore) {
      best = s;
      bestScore = score;
    }
  }
  return best;
}

/** __udp4_lib_rcv: a datagram for this host. */
export function udpRcv(stack: LinuxStack, skb: Skb, u: UdpDatagram, broadcast: boolean): void {
  const ip = skb.ip;
  if (u.checksum !== 0 && udpChecksum(u, ip.srcIp, ip.dstIp) !== u.checksum) return kfreeSkb(stack, skb.pkt, 'bad-checksum', skb.iif, 'udp');
  const sock = udpLookup(stack, ip.dstIp, u.dstPort, ip.srcIp, u.srcPort);
  if (!sock) {
    if (!broadcast) icmpSend(stack, skb, ICMP.destUnreachable, ICMP_UNREACH.port, 'port-unreachable');
    return kfreeSkb(stack, skb.pkt, 'no-socket', skb.iif, `udp ${u.dstPort}`);
  }
  stack.sim.emit({ kind: 'socket.deliver', node: stack.name, pkt: skb.pkt, socket: sock.label });
  sock.onDatagram(u.data, ip.srcIp, u.srcPort, skb);
}

/**
 * __udp4_lib_err: an ICMP error about a datagram we sent. Without IP_RECVERR only a connected
 * socket hears of it, and only of a hard error (port or protocol unreachable, prohibited, a
 * parameter problem): net or host unreachable and time exceeded change nothing. With IP_RECVERR
 * (ip_icmp_error) every error is queued to the socket.
 */
function udpErr(stack: LinuxStack, skb: Skb, icmp: IcmpMessage, q: Ipv4Packet): void {
  if (q.payload.kind !== 'udp') return;
  const sock = udpLookup(stack, q.srcIp, q.payload.srcPort, q.dstIp, q.payload.dstPort);
  const e = icmpErrno(icmp);
  if (!sock || !e) return;
  if (!sock.recverr && (!e.fatal || sock.remoteIp === undefined)) return;
  stack.sim.emit({ kind: 'socket.error', node: stack.name, pkt: skb.pkt, socket: sock.label, error: e.err });
  sock.onError(e.err, icmp, skb.ip.srcIp, skb);
}

/** udp_sendmsg: one datagram from the socket, or the routing error the send gets. */
export function udpSend(stack: LinuxStack, sock: UdpSocket, dst: Ipv4Addr, dstPort: number, data: string, process?: string): RouteError | undefined {
  const pkt = stack.sim.newPacketId();
  const flow = { ...(sock.localIp ? { src: sock.localIp } : {}), proto: IPPROTO.udp, sport: sock.localPort, dport: dstPort };
  const rt = routeOutput(stack, dst, { ...(sock.localIp ? { src: sock.localIp } : {}), pkt, flow });
  if (rt.kind !== 'ok') return rt.error;
  const connected = sock.remoteIp !== undefined;
  const ip = buildIpv4({
    srcIp: rt.src,
    dstIp: dst,
    protocol: IPPROTO.udp,
    ttl: DEFAULT_TTL,
    identification: connected ? sock.inetId++ & 0xffff : 0,
    df: true,
    payload: buildUdp({ srcIp: rt.src, dstIp: dst, srcPort: sock.localPort, dstPort, data }),
  });
  ipLocalOut(stack, { pkt, ip, pktType: 'host' }, rt, process);
  return undefined;
}

/** A free ephemeral port (ip_local_port_range 32768–60999). */
export function ephemeralPort(stack: LinuxStack): number {
  for (;;) {
    const p = 32768 + stack.sim.randomInt(60999 - 32768 + 1);
    if (!stack.udpSockets.some((s) => !s.closed && s.localPort === p)) return p;
  }
}

inetAddProtocol(IPPROTO.udp, { payload: 'udp', handler: (stack, skb, u, _dev, broadcast) => udpRcv(stack, skb, u, broadcast), errHandler: udpErr });
