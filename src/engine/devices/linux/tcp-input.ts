// TCP input of one stack (net/ipv4/tcp_ipv4.c tcp_v4_rcv, tcp_input.c): the socket a segment is
// for (an established one, else a listener), the handshake from either side, data and FIN in
// order (the wires do not reorder), what an ACK acknowledges, a RST for a segment no socket
// wants, and what an ICMP error about a segment we sent does (tcp_v4_err).

import { ICMP, ICMP_UNREACH, IPPROTO, type IcmpMessage, type Ipv4Packet, type TcpSegment } from '../../wire/types';
import { tcpChecksum } from '../../wire/tcp';
import { icmpErrno } from './icmp';
import { routeOutput } from './route';
import { kfreeSkb, type Skb } from './skb';
import { inetAddProtocol } from './protocol';
import type { LinuxStack } from './stack';
import { tcpDone, tcpNewSock, tcpSetState, tcpTimeWait, type TcpSock } from './tcp';
import { MOD, RTO_MIN_US, SYNACK_WINDOW, synOptions, tcpArmRto, tcpScheduleAck, tcpSendAck, tcpSendReset, tcpTransmit, tcpTsval, u32 } from './tcp-output';

/** The TSval of a segment's timestamp option, if it has one. */
function tsOf(seg: TcpSegment): number | undefined {
  const o = seg.options;
  for (let i = 0; i + 2 <= o.length; ) {
    const kind = parseInt(o.slice(i, i + 2), 16);
    if (kind === 0) break;
    if (kind === 1) {
      i += 2;
      continue;
    }
    const len = parseInt(o.slice(i + 2, i + 4), 16);
    if (kind === 8 && len === 10) return parseInt(o.slice(i + 4, i + 12), 16);
    if (len < 2) break;
    i += len * 2;
  }
  return undefined;
}

/** __inet_lookup_skb: an established socket for both ends, else a listener on the port. */
function tcpLookup(stack: LinuxStack, skb: Skb, seg: TcpSegment): TcpSock | undefined {
  const ip = skb.ip;
  const socks = stack.tcpSocks;
  const est = socks.find(
    (s) => s.state !== 'LISTEN' && s.state !== 'CLOSED' && s.localPort === seg.dstPort && s.remotePort === seg.srcPort && s.remoteIp === ip.srcIp && s.localIp === ip.dstIp,
  );
  return est ?? socks.find((s) => s.state === 'LISTEN' && s.localPort === seg.dstPort && (!s.localIp || s.localIp === ip.dstIp));
}

/** tcp_v4_rcv: a segment for this host. */
export function tcpV4Rcv(stack: LinuxStack, skb: Skb, seg: TcpSegment): void {
  const s = tcpLookup(stack, skb, seg);
  if (!s) {
    kfreeSkb(stack, skb.pkt, 'no-socket', skb.iif, `tcp ${seg.dstPort}`);
    if (!seg.flags.rst) tcpSendReset(stack, skb, seg);
    return;
  }
  stack.sim.emit({ kind: 'socket.deliver', node: stack.name, pkt: skb.pkt, socket: s.label });
  const ts = tsOf(seg);
  if (ts !== undefined) s.tsRecent = ts;
  if (s.state === 'LISTEN') return tcpConnRequest(stack, skb, seg);
  if (seg.flags.rst) {
    s.events.onError?.(s.state === 'SYN_SENT' ? 'ECONNREFUSED' : 'ECONNRESET');
    tcpDone(stack, s);
    return;
  }
  if (s.state === 'SYN_SENT') {
    if (seg.flags.syn && seg.flags.ack && seg.ack === s.sndNxt) {
      s.irs = seg.seq;
      s.rcvNxt = u32(seg.seq + 1);
      tcpAck(stack, s, seg.ack);
      tcpSetState(stack, s, 'ESTABLISHED');
      tcpSendAck(stack, s);
      s.events.onConnected?.();
    }
    return;
  }
  if (seg.flags.ack) tcpAck(stack, s, seg.ack);
  if (s.state === 'SYN_RECV' && seg.flags.ack && seg.ack === s.sndNxt) {
    tcpSetState(stack, s, 'ESTABLISHED');
    const listener = stack.tcpSocks.find((l) => l.state === 'LISTEN' && l.localPort === s.localPort);
    if (listener) {
      listener.events.onAccept?.(s);
      if (listener.acceptOnce) tcpDone(stack, listener);
    }
  }
  // Data and FIN, in order only (the wires do not reorder).
  const len = seg.data.length / 2;
  if (len > 0 && seg.seq === s.rcvNxt && (s.state === 'ESTABLISHED' || s.state === 'FIN_WAIT1' || s.state === 'FIN_WAIT2')) {
    s.rcvNxt = u32(s.rcvNxt + len);
    s.events.onData?.(seg.data);
    if (!seg.flags.fin) tcpScheduleAck(stack, s);
  } else if (len > 0) {
    tcpSendAck(stack, s); // a duplicate: say again where we are
    return;
  }
  if (seg.flags.fin && u32(seg.seq + len) === s.rcvNxt) tcpFin(stack, s);
}

/** tcp_ack: our data or FIN acknowledged. */
function tcpAck(stack: LinuxStack, s: TcpSock, ack: number): void {
  const before = s.unacked.length;
  s.unacked = s.unacked.filter((u) => u32(u.end - ack) > 0 && u32(u.end - ack) < MOD / 2);
  if (s.unacked.length !== before) {
    s.sndUna = ack;
    s.retries = 0;
    s.rto = RTO_MIN_US;
    if (s.unacked.length) tcpArmRto(stack, s);
    else s.rtoGen++;
  }
  if (s.finSeq !== undefined && ack === u32(s.finSeq + 1)) {
    if (s.state === 'FIN_WAIT1') tcpSetState(stack, s, 'FIN_WAIT2');
    else if (s.state === 'CLOSING') tcpTimeWait(stack, s);
    else if (s.state === 'LAST_ACK') tcpDone(stack, s);
  }
}

/** tcp_fin */
function tcpFin(stack: LinuxStack, s: TcpSock): void {
  s.rcvNxt = u32(s.rcvNxt + 1);
  switch (s.state) {
    case 'SYN_RECV':
    case 'ESTABLISHED':
      tcpSetState(stack, s, 'CLOSE_WAIT');
      s.pingpong = true;
      tcpScheduleAck(stack, s);
      break;
    case 'FIN_WAIT1':
      tcpSetState(stack, s, 'CLOSING');
      tcpSendAck(stack, s);
      break;
    case 'FIN_WAIT2':
      tcpSendAck(stack, s);
      tcpTimeWait(stack, s);
      break;
    default:
      break;
  }
  s.events.onEof?.();
}

/** tcp_conn_request: a SYN for a listener; a request socket answers SYN-ACK. */
function tcpConnRequest(stack: LinuxStack, skb: Skb, seg: TcpSegment): void {
  if (!seg.flags.syn || seg.flags.ack || seg.flags.rst) {
    if (!seg.flags.rst) tcpSendReset(stack, skb, seg);
    return;
  }
  const rt = routeOutput(stack, skb.ip.srcIp, { src: skb.ip.dstIp, flow: { src: skb.ip.dstIp, proto: IPPROTO.tcp, sport: seg.dstPort, dport: seg.srcPort } });
  if (rt.kind !== 'ok') return;
  const s = tcpNewSock(stack, `tcp ${skb.ip.dstIp}:${seg.dstPort} ← ${skb.ip.srcIp}:${seg.srcPort}`, seg.dstPort, {});
  Object.assign(s, { localIp: skb.ip.dstIp, remoteIp: skb.ip.srcIp, remotePort: seg.srcPort, route: rt });
  s.irs = seg.seq;
  s.rcvNxt = u32(seg.seq + 1);
  s.sndUna = s.iss;
  s.sndNxt = u32(s.iss + 1);
  s.tsRecent = tsOf(seg) ?? 0;
  stack.tcpSocks.push(s);
  tcpSetState(stack, s, 'SYN_RECV');
  tcpTransmit(stack, s, { syn: true, ack: true }, '', s.iss, s.rcvNxt, synOptions(tcpTsval(stack, s), s.tsRecent), SYNACK_WINDOW);
  s.unacked.push({ seq: s.iss, end: s.sndNxt, flags: { syn: true, ack: true }, data: '' });
  tcpArmRto(stack, s);
}

/**
 * tcp_v4_err: an ICMP error quoting a segment of ours (its sequence number inside what is in
 * flight). A connect in SYN-SENT fails at once with the error's errno, whatever it is: no more
 * SYNs. A request in SYN-RECV is dropped silently on net or host unreachable, time exceeded or a
 * parameter problem (tcp_req_err). A connected socket only keeps it as a soft error.
 */
function tcpV4Err(stack: LinuxStack, skb: Skb, icmp: IcmpMessage, q: Ipv4Packet): void {
  const seg = q.payload;
  if (seg.kind !== 'tcp') return;
  const s = stack.tcpSocks.find(
    (x) => x.state !== 'LISTEN' && x.state !== 'CLOSED' && x.localIp === q.srcIp && x.localPort === seg.srcPort && x.remoteIp === q.dstIp && x.remotePort === seg.dstPort,
  );
  const e = icmpErrno(icmp);
  if (!s || !e || s.state === 'TIME_WAIT') return;
  if (s.state === 'SYN_RECV') {
    const abort = icmp.type !== ICMP.destUnreachable || icmp.code === ICMP_UNREACH.net || icmp.code === ICMP_UNREACH.host;
    if (abort && seg.seq === s.iss) tcpDone(stack, s);
    return;
  }
  if (u32(seg.seq - s.sndUna) > u32(s.sndNxt - s.sndUna)) return; // not in flight (!between)
  if (s.state !== 'SYN_SENT') return;
  stack.sim.emit({ kind: 'socket.error', node: stack.name, pkt: skb.pkt, socket: s.label, error: e.err });
  s.events.onError?.(e.err);
  tcpDone(stack, s);
}

/** tcp_protocol: TCP is unicast only, and its checksum is checked before the socket lookup. */
inetAddProtocol(IPPROTO.tcp, {
  payload: 'tcp',
  handler(stack, skb, seg, dev, broadcast) {
    if (broadcast) return kfreeSkb(stack, skb.pkt, 'not-unicast-l2', dev, 'tcp');
    if (tcpChecksum(seg, skb.ip.srcIp, skb.ip.dstIp) !== seg.checksum) return kfreeSkb(stack, skb.pkt, 'bad-checksum', skb.iif, 'tcp');
    tcpV4Rcv(stack, skb, seg);
  },
  errHandler: tcpV4Err,
});
