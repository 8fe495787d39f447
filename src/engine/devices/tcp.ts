// TCP of one Linux stack, as much as a teaching walk shows on the wire (net/ipv4/tcp_*.c): listening
// sockets, the three-way handshake with Linux's SYN options (MSS 1460, SACK permitted, timestamps,
// window scale 10), data with PSH, quick ACKs at the start of a connection then delayed ACKs
// (40 ms) once a FIN puts the receiver in ping-pong mode, FIN close with TIME_WAIT, a RST for a
// segment no socket wants, and SYN/data retransmission. No congestion control, no reordering:
// the simulated wires neither reorder nor corrupt.

import type { Ipv4Addr } from '../wire/addr';
import { buildIpv4 } from '../wire/ipv4';
import { buildTcp } from '../wire/tcp';
import { IPPROTO, type TcpFlags, type TcpSegment } from '../wire/types';
import type { Sim } from '../sim/sim';
import { socketView, type PacketId, type RouteError } from '../sim/trace';
import type { OutputRoute, Skb } from './linux';

export type TcpState =
  | 'LISTEN'
  | 'SYN_SENT'
  | 'SYN_RECV'
  | 'ESTABLISHED'
  | 'FIN_WAIT1'
  | 'FIN_WAIT2'
  | 'CLOSE_WAIT'
  | 'CLOSING'
  | 'LAST_ACK'
  | 'TIME_WAIT'
  | 'CLOSED';

export interface TcpEvents {
  onConnected?(): void;
  onData?(hex: string): void;
  /** the peer sent FIN: no more data will come */
  onEof?(): void;
  /** connection refused, reset, or timed out */
  onError?(err: 'ECONNREFUSED' | 'ECONNRESET' | 'ETIMEDOUT' | RouteError): void;
  /** a listener accepted a connection */
  onAccept?(conn: TcpSock): void;
  /** the socket is gone (CLOSED or TIME_WAIT over) */
  onClosed?(): void;
}

export interface TcpSock {
  readonly label: string;
  state: TcpState;
  localIp?: Ipv4Addr;
  localPort: number;
  remoteIp?: Ipv4Addr;
  remotePort?: number;
  events: TcpEvents;
  /** first sequence number we sent, next to send, oldest unacknowledged */
  iss: number;
  sndNxt: number;
  sndUna: number;
  /** the peer's first sequence number and the next one we expect */
  irs: number;
  rcvNxt: number;
  /** the FIN we sent (its sequence number), once sent */
  finSeq?: number;
  tsOffset: number;
  tsRecent: number;
  inetId: number;
  /** quick ACKs left, and whether the receiver delays ACKs (ping-pong mode) */
  quick: number;
  pingpong: boolean;
  delackGen: number;
  ackPending: boolean;
  /** unacknowledged segments, for retransmission */
  unacked: { seq: number; end: number; flags: Partial<TcpFlags>; data: string }[];
  rtoGen: number;
  rto: number;
  retries: number;
  route?: Extract<OutputRoute, { kind: 'ok' }>;
  /** a listener accepts one connection and then stops listening (nc without -k) */
  acceptOnce?: boolean;
}

/** What TCP needs from the IP layer of its stack. */
export interface TcpHost {
  sim: Sim;
  name: string;
  routeOutput(dst: Ipv4Addr, opts: { src?: Ipv4Addr; pkt?: PacketId }): OutputRoute;
  ipLocalOut(skb: Skb, rt: Extract<OutputRoute, { kind: 'ok' }>, process?: string): void;
  drop(pkt: PacketId, reason: 'no-socket' | 'unsupported', iface?: string, detail?: string): void;
}

const MSS = 1460;
const WSCALE = 10;
/** rcv_wnd 64240 / 2^10, as a Linux socket advertises once window scaling is on */
const SCALED_WINDOW = 63;
const SYN_WINDOW = 64240;
const SYNACK_WINDOW = 65160;
const DELACK_US = 40_000;
const RTO_INITIAL_US = 1_000_000;
const RTO_MIN_US = 200_000;
const SYN_RETRIES = 6;
const DATA_RETRIES = 15;
const TIME_WAIT_US = 60_000_000;
const MAX_QUICKACKS = 16;
const MOD = 2 ** 32;

const u32 = (n: number) => ((n % MOD) + MOD) % MOD;
const hex = (n: number, bytes: number) => n.toString(16).padStart(bytes * 2, '0');

/** MSS 1460, SACK permitted, timestamps, NOP, window scale: Linux's SYN and SYN-ACK options. */
function synOptions(tsval: number, tsecr: number): string {
  return `020405b4` + `0402` + `080a${hex(tsval, 4)}${hex(tsecr, 4)}` + `01` + `0303${hex(WSCALE, 1)}`;
}
const tsOptions = (tsval: number, tsecr: number) => `0101080a${hex(tsval, 4)}${hex(tsecr, 4)}`;

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

const segLen = (seg: TcpSegment) => seg.data.length / 2 + (seg.flags.syn ? 1 : 0) + (seg.flags.fin ? 1 : 0);

export class Tcp {
  readonly socks: TcpSock[] = [];

  constructor(private readonly host: TcpHost) {}

  private get sim(): Sim {
    return this.host.sim;
  }

  private newSock(label: string, localPort: number, events: TcpEvents): TcpSock {
    const sim = this.sim;
    return {
      label,
      state: 'CLOSED',
      localPort,
      events,
      iss: sim.randomInt(MOD),
      sndNxt: 0,
      sndUna: 0,
      irs: 0,
      rcvNxt: 0,
      tsOffset: sim.randomInt(MOD),
      tsRecent: 0,
      inetId: sim.randomInt(0x10000),
      quick: MAX_QUICKACKS,
      pingpong: false,
      delackGen: 0,
      ackPending: false,
      unacked: [],
      rtoGen: 0,
      rto: RTO_INITIAL_US,
      retries: 0,
    };
  }

  /** The socket's new state, told to the trace as `ss -tan` would show it (CLOSED: gone). */
  private setState(s: TcpSock, state: TcpState): void {
    s.state = state;
    if (this.sim.ended) return;
    const ss = state === 'ESTABLISHED' ? 'ESTAB' : state.replace(/_/g, '-').replace(/(WAIT)(\d)$/, '$1-$2');
    this.sim.emit({ kind: 'socket.state', node: this.host.name, socket: s.label, view: state === 'CLOSED' ? null : socketView('tcp', ss, s.label, s) });
  }

  portInUse(port: number): boolean {
    return this.socks.some((s) => s.localPort === port && s.state !== 'CLOSED');
  }

  /** listen(): a socket accepting connections on a port (any local address). */
  listen(port: number, events: TcpEvents, label = `tcp 0.0.0.0:${port}`): TcpSock {
    const s = this.newSock(label, port, events);
    s.acceptOnce = true;
    this.socks.push(s);
    this.setState(s, 'LISTEN');
    return s;
  }

  /** connect(): route, SYN; the answer arrives through the events. */
  connect(dst: Ipv4Addr, dport: number, sport: number, events: TcpEvents, src?: Ipv4Addr): TcpSock | RouteError {
    const rt = this.host.routeOutput(dst, { ...(src ? { src } : {}) });
    if (rt.kind === 'error') return rt.error;
    const s = this.newSock(`tcp ${rt.src}:${sport} → ${dst}:${dport}`, sport, events);
    Object.assign(s, { localIp: rt.src, remoteIp: dst, remotePort: dport, route: rt });
    s.sndUna = s.iss;
    s.sndNxt = u32(s.iss + 1);
    this.socks.push(s);
    this.setState(s, 'SYN_SENT');
    this.sendSegment(s, { syn: true }, '', s.iss, 0, synOptions(this.tsval(s), 0), SYN_WINDOW);
    s.unacked.push({ seq: s.iss, end: s.sndNxt, flags: { syn: true }, data: '' });
    this.armRto(s);
    return s;
  }

  /** write(): one segment with PSH (the lines nc sends are far below one MSS). */
  send(s: TcpSock, data: string): void {
    if (s.state !== 'ESTABLISHED' && s.state !== 'CLOSE_WAIT') return;
    const seq = s.sndNxt;
    s.sndNxt = u32(s.sndNxt + data.length / 2);
    this.sendSegment(s, { psh: true, ack: true }, data, seq, s.rcvNxt);
    s.unacked.push({ seq, end: s.sndNxt, flags: { psh: true, ack: true }, data });
    this.armRto(s);
  }

  /** shutdown(SHUT_WR) or close(): our FIN. */
  close(s: TcpSock): void {
    if (s.state === 'LISTEN' || s.state === 'SYN_SENT') {
      this.finish(s);
      return;
    }
    if (s.finSeq !== undefined || (s.state !== 'ESTABLISHED' && s.state !== 'CLOSE_WAIT' && s.state !== 'SYN_RECV')) return;
    s.finSeq = s.sndNxt;
    s.sndNxt = u32(s.sndNxt + 1);
    this.setState(s, s.state === 'CLOSE_WAIT' ? 'LAST_ACK' : 'FIN_WAIT1');
    this.sendSegment(s, { fin: true, ack: true }, '', s.finSeq, s.rcvNxt);
    s.unacked.push({ seq: s.finSeq, end: s.sndNxt, flags: { fin: true, ack: true }, data: '' });
    this.armRto(s);
  }

  private tsval(s: TcpSock): number {
    return u32(s.tsOffset + Math.floor(this.sim.now / 1000));
  }

  private sendSegment(s: TcpSock, flags: Partial<TcpFlags>, data: string, seq: number, ack: number, options?: string, window = SCALED_WINDOW): void {
    const rt = s.route;
    if (!rt) return;
    const pkt = this.sim.newPacketId();
    const seg = buildTcp({
      srcIp: rt.src,
      dstIp: s.remoteIp!,
      srcPort: s.localPort,
      dstPort: s.remotePort!,
      seq,
      ack: flags.ack ? ack : 0,
      flags,
      window,
      options: options ?? tsOptions(this.tsval(s), s.tsRecent),
      data,
    });
    if (flags.ack) {
      s.ackPending = false;
      s.delackGen++;
    }
    const ip = buildIpv4({ srcIp: rt.src, dstIp: s.remoteIp!, protocol: IPPROTO.tcp, ttl: 64, identification: flags.syn && flags.ack ? 0 : s.inetId++ & 0xffff, df: true, payload: seg });
    this.host.ipLocalOut({ pkt, ip, pktType: 'host' }, rt, s.label);
  }

  private sendAck(s: TcpSock): void {
    this.sendSegment(s, { ack: true }, '', s.sndNxt, s.rcvNxt);
  }

  /** An ACK now (quick ACK mode) or within 40 ms (delayed ACK), unless data or a FIN carries it first. */
  private scheduleAck(s: TcpSock): void {
    if (!s.pingpong && s.quick > 0) {
      s.quick--;
      this.sendAck(s);
      return;
    }
    if (s.ackPending) return;
    s.ackPending = true;
    const gen = ++s.delackGen;
    this.sim.after(DELACK_US, () => {
      if (s.delackGen === gen && s.ackPending && s.state !== 'CLOSED') this.sendAck(s);
    });
  }

  private armRto(s: TcpSock): void {
    const gen = ++s.rtoGen;
    this.sim.after(s.rto, () => {
      if (s.rtoGen !== gen || s.unacked.length === 0 || s.state === 'CLOSED') return;
      const limit = s.state === 'SYN_SENT' ? SYN_RETRIES : DATA_RETRIES;
      if (++s.retries > limit) {
        s.events.onError?.('ETIMEDOUT');
        this.finish(s);
        return;
      }
      const first = s.unacked[0]!;
      const opts = first.flags.syn ? synOptions(this.tsval(s), 0) : undefined;
      this.sendSegment(s, first.flags, first.data, first.seq, s.rcvNxt, opts, first.flags.syn ? SYN_WINDOW : SCALED_WINDOW);
      s.rto = Math.min(s.rto * 2, 120_000_000);
      this.armRto(s);
    });
  }

  private finish(s: TcpSock): void {
    this.setState(s, 'CLOSED');
    s.rtoGen++;
    s.delackGen++;
    const i = this.socks.indexOf(s);
    if (i >= 0) this.socks.splice(i, 1);
    s.events.onClosed?.();
  }

  private lookup(skb: Skb, seg: TcpSegment): TcpSock | undefined {
    const ip = skb.ip;
    const est = this.socks.find(
      (s) => s.state !== 'LISTEN' && s.state !== 'CLOSED' && s.localPort === seg.dstPort && s.remotePort === seg.srcPort && s.remoteIp === ip.srcIp && s.localIp === ip.dstIp,
    );
    return est ?? this.socks.find((s) => s.state === 'LISTEN' && s.localPort === seg.dstPort && (!s.localIp || s.localIp === ip.dstIp));
  }

  /** tcp_v4_rcv */
  receive(skb: Skb, seg: TcpSegment): void {
    const s = this.lookup(skb, seg);
    if (!s) {
      this.host.drop(skb.pkt, 'no-socket', skb.iif, `tcp ${seg.dstPort}`);
      if (!seg.flags.rst) this.sendReset(skb, seg);
      return;
    }
    this.sim.emit({ kind: 'socket.deliver', node: this.host.name, pkt: skb.pkt, socket: s.label });
    const ts = tsOf(seg);
    if (ts !== undefined) s.tsRecent = ts;
    if (s.state === 'LISTEN') return this.onListen(s, skb, seg);
    if (seg.flags.rst) {
      s.events.onError?.(s.state === 'SYN_SENT' ? 'ECONNREFUSED' : 'ECONNRESET');
      this.finish(s);
      return;
    }
    if (s.state === 'SYN_SENT') {
      if (seg.flags.syn && seg.flags.ack && seg.ack === s.sndNxt) {
        s.irs = seg.seq;
        s.rcvNxt = u32(seg.seq + 1);
        this.acked(s, seg.ack);
        this.setState(s, 'ESTABLISHED');
        this.sendAck(s);
        s.events.onConnected?.();
      }
      return;
    }
    if (seg.flags.ack) this.acked(s, seg.ack);
    if (s.state === 'SYN_RECV' && seg.flags.ack && seg.ack === s.sndNxt) {
      this.setState(s, 'ESTABLISHED');
      const listener = this.socks.find((l) => l.state === 'LISTEN' && l.localPort === s.localPort);
      if (listener) {
        listener.events.onAccept?.(s);
        if (listener.acceptOnce) this.finish(listener);
      }
    }
    // Data and FIN, in order only (the wires do not reorder).
    const len = seg.data.length / 2;
    if (len > 0 && seg.seq === s.rcvNxt && (s.state === 'ESTABLISHED' || s.state === 'FIN_WAIT1' || s.state === 'FIN_WAIT2')) {
      s.rcvNxt = u32(s.rcvNxt + len);
      s.events.onData?.(seg.data);
      if (!seg.flags.fin) this.scheduleAck(s);
    } else if (len > 0) {
      this.sendAck(s); // a duplicate: say again where we are
      return;
    }
    if (seg.flags.fin && u32(seg.seq + len) === s.rcvNxt) this.onFin(s);
  }

  /** Our data or FIN acknowledged. */
  private acked(s: TcpSock, ack: number): void {
    const before = s.unacked.length;
    s.unacked = s.unacked.filter((u) => u32(u.end - ack) > 0 && u32(u.end - ack) < MOD / 2);
    if (s.unacked.length !== before) {
      s.sndUna = ack;
      s.retries = 0;
      s.rto = RTO_MIN_US;
      if (s.unacked.length) this.armRto(s);
      else s.rtoGen++;
    }
    if (s.finSeq !== undefined && ack === u32(s.finSeq + 1)) {
      if (s.state === 'FIN_WAIT1') this.setState(s, 'FIN_WAIT2');
      else if (s.state === 'CLOSING') this.timeWait(s);
      else if (s.state === 'LAST_ACK') this.finish(s);
    }
  }

  /** tcp_fin */
  private onFin(s: TcpSock): void {
    s.rcvNxt = u32(s.rcvNxt + 1);
    switch (s.state) {
      case 'SYN_RECV':
      case 'ESTABLISHED':
        this.setState(s, 'CLOSE_WAIT');
        s.pingpong = true;
        this.scheduleAck(s);
        break;
      case 'FIN_WAIT1':
        this.setState(s, 'CLOSING');
        this.sendAck(s);
        break;
      case 'FIN_WAIT2':
        this.sendAck(s);
        this.timeWait(s);
        break;
      default:
        break;
    }
    s.events.onEof?.();
  }

  private timeWait(s: TcpSock): void {
    this.setState(s, 'TIME_WAIT');
    s.rtoGen++;
    this.sim.after(TIME_WAIT_US, () => {
      if (s.state === 'TIME_WAIT') this.finish(s);
    });
  }

  /** A SYN for a listener: a request socket answers SYN-ACK (tcp_conn_request). */
  private onListen(_l: TcpSock, skb: Skb, seg: TcpSegment): void {
    if (!seg.flags.syn || seg.flags.ack || seg.flags.rst) {
      if (!seg.flags.rst) this.sendReset(skb, seg);
      return;
    }
    const rt = this.host.routeOutput(skb.ip.srcIp, { src: skb.ip.dstIp });
    if (rt.kind !== 'ok') return;
    const s = this.newSock(`tcp ${skb.ip.dstIp}:${seg.dstPort} ← ${skb.ip.srcIp}:${seg.srcPort}`, seg.dstPort, {});
    Object.assign(s, { localIp: skb.ip.dstIp, remoteIp: skb.ip.srcIp, remotePort: seg.srcPort, route: rt });
    s.irs = seg.seq;
    s.rcvNxt = u32(seg.seq + 1);
    s.sndUna = s.iss;
    s.sndNxt = u32(s.iss + 1);
    s.tsRecent = tsOf(seg) ?? 0;
    this.socks.push(s);
    this.setState(s, 'SYN_RECV');
    this.sendSegment(s, { syn: true, ack: true }, '', s.iss, s.rcvNxt, synOptions(this.tsval(s), s.tsRecent), SYNACK_WINDOW);
    s.unacked.push({ seq: s.iss, end: s.sndNxt, flags: { syn: true, ack: true }, data: '' });
    this.armRto(s);
  }

  /** tcp_v4_send_reset: RST (with ACK when the offending segment had none), IP id 0, DF. */
  private sendReset(skb: Skb, seg: TcpSegment): void {
    const ip = skb.ip;
    const pkt = this.sim.newPacketId();
    const rt = this.host.routeOutput(ip.srcIp, { src: ip.dstIp, pkt });
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
    const out = buildIpv4({ srcIp: ip.dstIp, dstIp: ip.srcIp, protocol: IPPROTO.tcp, ttl: 64, identification: 0, df: true, payload: rst });
    this.host.ipLocalOut({ pkt, ip: out, pktType: 'host' }, rt);
  }
}

export { MSS };
