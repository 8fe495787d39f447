// TCP output of one stack (net/ipv4/tcp_output.c, tcp_timer.c): segments with Linux's options
// (SYN: MSS 1460, SACK permitted, timestamps, window scale 10; then timestamps), quick ACKs at
// the start of a connection then delayed ACKs (40 ms) in ping-pong mode, retransmission of SYNs
// and data with a doubling timeout, and the RST for a segment no socket wants.

import { buildIpv4 } from '../../wire/ipv4';
import { buildTcp } from '../../wire/tcp';
import { IPPROTO, type TcpFlags, type TcpSegment } from '../../wire/types';
import { DEFAULT_TTL, ipLocalOut } from './ip-output';
import { routeOutput } from './route';
import type { Skb } from './skb';
import type { LinuxStack } from './stack';
import { tcpDone, type TcpSock } from './tcp';

const MSS = 1460;
const WSCALE = 10;
/** rcv_wnd 64240 / 2^10, as a Linux socket advertises once window scaling is on */
const SCALED_WINDOW = 63;
export const SYN_WINDOW = 64240;
export const SYNACK_WINDOW = 65160;
const DELACK_US = 40_000;
export const RTO_INITIAL_US = 1_000_000;
export const RTO_MIN_US = 200_000;
/**
 * The timer wheel fires a kernel timer of a second or so late, never early (calc_wheel_index
 * rounds its expiry up to the next tick of its level): modelled as one jiffy (4 ms at HZ=250), so
 * that a program's own timeout of the same length (nc -w1 on poll(), an hrtimer) comes first.
 */
const TIMER_WHEEL_SLACK_US = 4000;
const SYN_RETRIES = 6;
const DATA_RETRIES = 15;
export const MOD = 2 ** 32;

/** Sequence arithmetic modulo 2^32. */
export const u32 = (n: number) => ((n % MOD) + MOD) % MOD;
const hex = (n: number, bytes: number) => n.toString(16).padStart(bytes * 2, '0');

/** MSS 1460, SACK permitted, timestamps, NOP, window scale: Linux's SYN and SYN-ACK options. */
export function synOptions(tsval: number, tsecr: number): string {
  return `0204${hex(MSS, 2)}` + `0402` + `080a${hex(tsval, 4)}${hex(tsecr, 4)}` + `01` + `0303${hex(WSCALE, 1)}`;
}
const tsOptions = (tsval: number, tsecr: number) => `0101080a${hex(tsval, 4)}${hex(tsecr, 4)}`;

/** The socket's timestamp clock: milliseconds from a random offset. */
export function tcpTsval(stack: LinuxStack, s: TcpSock): number {
  return u32(s.tsOffset + Math.floor(stack.sim.now / 1000));
}

/** tcp_transmit_skb: one segment of the connection (an ACK in it cancels a pending delayed ACK). */
export function tcpTransmit(stack: LinuxStack, s: TcpSock, flags: Partial<TcpFlags>, data: string, seq: number, ack: number, options?: string, window = SCALED_WINDOW): void {
  const rt = s.route;
  if (!rt) return;
  const pkt = stack.sim.newPacketId();
  const seg = buildTcp({
    srcIp: rt.src,
    dstIp: s.remoteIp!,
    srcPort: s.localPort,
    dstPort: s.remotePort!,
    seq,
    ack: flags.ack ? ack : 0,
    flags,
    window,
    options: options ?? tsOptions(tcpTsval(stack, s), s.tsRecent),
    data,
  });
  if (flags.ack) {
    s.ackPending = false;
    s.delackGen++;
  }
  const ip = buildIpv4({ srcIp: rt.src, dstIp: s.remoteIp!, protocol: IPPROTO.tcp, ttl: DEFAULT_TTL, identification: flags.syn && flags.ack ? 0 : s.inetId++ & 0xffff, df: true, payload: seg });
  ipLocalOut(stack, { pkt, ip, pktType: 'host' }, rt, s.label);
}

/** tcp_send_ack */
export function tcpSendAck(stack: LinuxStack, s: TcpSock): void {
  tcpTransmit(stack, s, { ack: true }, '', s.sndNxt, s.rcvNxt);
}

/** An ACK now (quick ACK mode) or within 40 ms (delayed ACK), unless data or a FIN carries it first. */
export function tcpScheduleAck(stack: LinuxStack, s: TcpSock): void {
  if (!s.pingpong && s.quick > 0) {
    s.quick--;
    tcpSendAck(stack, s);
    return;
  }
  if (s.ackPending) return;
  s.ackPending = true;
  const gen = ++s.delackGen;
  stack.sim.after(DELACK_US, () => {
    if (s.delackGen === gen && s.ackPending && s.state !== 'CLOSED') tcpSendAck(stack, s);
  });
}

/** The retransmission timer: resend the oldest unacknowledged segment, doubling the timeout, until the retries run out. */
export function tcpArmRto(stack: LinuxStack, s: TcpSock): void {
  const gen = ++s.rtoGen;
  stack.sim.after(s.rto + TIMER_WHEEL_SLACK_US, () => {
    if (s.rtoGen !== gen || s.unacked.length === 0 || s.state === 'CLOSED') return;
    const limit = s.state === 'SYN_SENT' ? SYN_RETRIES : DATA_RETRIES;
    if (++s.retries > limit) {
      s.events.onError?.('ETIMEDOUT');
      tcpDone(stack, s);
      return;
    }
    const first = s.unacked[0]!;
    const opts = first.flags.syn ? synOptions(tcpTsval(stack, s), 0) : undefined;
    tcpTransmit(stack, s, first.flags, first.data, first.seq, s.rcvNxt, opts, first.flags.syn ? SYN_WINDOW : SCALED_WINDOW);
    s.rto = Math.min(s.rto * 2, 120_000_000);
    tcpArmRto(stack, s);
  });
}

const segLen = (seg: TcpSegment) => seg.data.length / 2 + (seg.flags.syn ? 1 : 0) + (seg.flags.fin ? 1 : 0);

/** tcp_v4_send_reset: RST (with ACK when the offending segment had none), IP id 0, DF. */
export function tcpSendReset(stack: LinuxStack, skb: Skb, seg: TcpSegment): void {
  const ip = skb.ip;
  const pkt = stack.sim.newPacketId();
  const rt = routeOutput(stack, ip.srcIp, { src: ip.dstIp, pkt, flow: { src: ip.dstIp, proto: IPPROTO.tcp, sport: seg.dstPort, dport: seg.srcPort } });
  if (rt.kind !== 'ok') return;
  const flags: Partial<TcpFlags> = seg.flags.ack ? { rst: true } : { rst: true, ack: true };
  const rst = buildTcp({
    srcIp: ip.dstIp,
    dstIp: ip.srcIp,
    srcPort: seg.dstPort,
    dstPort: seg.srcPort,
    seq: seg.flags.ack ? seg.ack : 0,
    ack: seg.flags.ack ? 0 : u32(seg.seq + segLen(seg)),
    flags,
    window: 0,
  });
  const out = buildIpv4({ srcIp: ip.dstIp, dstIp: ip.srcIp, protocol: IPPROTO.tcp, ttl: DEFAULT_TTL, identification: 0, df: true, payload: rst });
  ipLocalOut(stack, { pkt, ip: out, pktType: 'host' }, rt);
}
