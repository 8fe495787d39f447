// TCP sockets of one stack, as much as a teaching walk shows on the wire (net/ipv4/tcp.c,
// tcp_ipv4.c): listen, connect, write, shutdown/close and the socket states, told to the trace as
// `ss -tan` shows them. What arrives is tcp-input.ts; segments, ACK timing and retransmission are
// tcp-output.ts. No congestion control, no reordering: the simulated wires neither reorder nor
// corrupt.

import type { Ipv4Addr } from '../../wire/addr';
import { IPPROTO, type TcpFlags } from '../../wire/types';
import { socketView, type RouteError } from '../../sim/trace';
import type { IcmpErrno } from './icmp';
import { routeOutput, type OutputRoute } from './route';
import type { LinuxStack } from './stack';
import { SYN_WINDOW, synOptions, tcpArmRto, tcpTransmit, tcpTsval, u32, MOD, RTO_INITIAL_US } from './tcp-output';

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
  /** connection refused, reset, timed out, or failed on an ICMP error */
  onError?(err: 'ECONNREFUSED' | 'ECONNRESET' | 'ETIMEDOUT' | RouteError | IcmpErrno): void;
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

const TIME_WAIT_US = 60_000_000;
const MAX_QUICKACKS = 16;

/** A new socket: its initial sequence number, timestamp offset and IP id come from the seeded random source, in that order. */
export function tcpNewSock(stack: LinuxStack, label: string, localPort: number, events: TcpEvents): TcpSock {
  const sim = stack.sim;
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

/** tcp_set_state: the socket's new state, told to the trace as `ss -tan` would show it (CLOSED: gone). */
export function tcpSetState(stack: LinuxStack, s: TcpSock, state: TcpState): void {
  s.state = state;
  if (stack.sim.ended) return;
  const ss = state === 'ESTABLISHED' ? 'ESTAB' : state.replace(/_/g, '-').replace(/(WAIT)(\d)$/, '$1-$2');
  stack.sim.emit({ kind: 'socket.state', node: stack.name, socket: s.label, view: state === 'CLOSED' ? null : socketView('tcp', ss, s.label, s) });
}

export function tcpPortInUse(stack: LinuxStack, port: number): boolean {
  return stack.tcpSocks.some((s) => s.localPort === port && s.state !== 'CLOSED');
}

/** listen(): a socket accepting connections on a port (any local address). */
export function tcpListen(stack: LinuxStack, port: number, events: TcpEvents, label = `tcp 0.0.0.0:${port}`): TcpSock {
  const s = tcpNewSock(stack, label, port, events);
  s.acceptOnce = true;
  stack.tcpSocks.push(s);
  tcpSetState(stack, s, 'LISTEN');
  return s;
}

/** connect(): route, SYN; the answer arrives through the events. */
export function tcpConnect(stack: LinuxStack, dst: Ipv4Addr, dport: number, sport: number, events: TcpEvents, src?: Ipv4Addr): TcpSock | RouteError {
  const rt = routeOutput(stack, dst, { ...(src ? { src } : {}), flow: { ...(src ? { src } : {}), proto: IPPROTO.tcp, sport, dport } });
  if (rt.kind === 'error') return rt.error;
  const s = tcpNewSock(stack, `tcp ${rt.src}:${sport} → ${dst}:${dport}`, sport, events);
  Object.assign(s, { localIp: rt.src, remoteIp: dst, remotePort: dport, route: rt });
  s.sndUna = s.iss;
  s.sndNxt = u32(s.iss + 1);
  stack.tcpSocks.push(s);
  tcpSetState(stack, s, 'SYN_SENT');
  tcpTransmit(stack, s, { syn: true }, '', s.iss, 0, synOptions(tcpTsval(stack, s), 0), SYN_WINDOW);
  s.unacked.push({ seq: s.iss, end: s.sndNxt, flags: { syn: true }, data: '' });
  tcpArmRto(stack, s);
  return s;
}

/** write(): one segment with PSH (the lines nc sends are far below one MSS). */
export function tcpSendmsg(stack: LinuxStack, s: TcpSock, data: string): void {
  if (s.state !== 'ESTABLISHED' && s.state !== 'CLOSE_WAIT') return;
  const seq = s.sndNxt;
  s.sndNxt = u32(s.sndNxt + data.length / 2);
  tcpTransmit(stack, s, { psh: true, ack: true }, data, seq, s.rcvNxt);
  s.unacked.push({ seq, end: s.sndNxt, flags: { psh: true, ack: true }, data });
  tcpArmRto(stack, s);
}

/** shutdown(SHUT_WR) or close(): our FIN. */
export function tcpClose(stack: LinuxStack, s: TcpSock): void {
  if (s.state === 'LISTEN' || s.state === 'SYN_SENT') {
    tcpDone(stack, s);
    return;
  }
  if (s.finSeq !== undefined || (s.state !== 'ESTABLISHED' && s.state !== 'CLOSE_WAIT' && s.state !== 'SYN_RECV')) return;
  s.finSeq = s.sndNxt;
  s.sndNxt = u32(s.sndNxt + 1);
  tcpSetState(stack, s, s.state === 'CLOSE_WAIT' ? 'LAST_ACK' : 'FIN_WAIT1');
  tcpTransmit(stack, s, { fin: true, ack: true }, '', s.finSeq, s.rcvNxt);
  s.unacked.push({ seq: s.finSeq, end: s.sndNxt, flags: { fin: true, ack: true }, data: '' });
  tcpArmRto(stack, s);
}

/** tcp_done: the socket is gone, its timers void. */
export function tcpDone(stack: LinuxStack, s: TcpSock): void {
  tcpSetState(stack, s, 'CLOSED');
  s.rtoGen++;
  s.delackGen++;
  const i = stack.tcpSocks.indexOf(s);
  if (i >= 0) stack.tcpSocks.splice(i, 1);
  s.events.onClosed?.();
}

/** tcp_time_wait: TIME_WAIT for 60 s, then gone. */
export function tcpTimeWait(stack: LinuxStack, s: TcpSock): void {
  tcpSetState(stack, s, 'TIME_WAIT');
  s.rtoGen++;
  stack.sim.after(TIME_WAIT_US, () => {
    if (s.state === 'TIME_WAIT') tcpDone(stack, s);
  });
}
