// Connection tracking of one Linux stack (net/netfilter/nf_conntrack_*): every packet belongs to
// a connection found by its tuple in either direction (original / reply); a new connection is
// confirmed when its first packet leaves the stack; ICMP errors are RELATED to the connection of
// the datagram they quote. The reply tuple is what NAT rewrites. TCP connections follow the
// kernel's state table (nf_conntrack_proto_tcp.c); timeouts are the kernel defaults.

import type { Ipv4Addr } from '../wire/addr';
import type { TcpFlags } from '../wire/types';

export type CtProto = 'icmp' | 'udp' | 'tcp';

/** A tuple as `conntrack -L` shows it: ports for UDP/TCP; id, type and code for ICMP. */
export interface CtTuple {
  src: Ipv4Addr;
  dst: Ipv4Addr;
  sport?: number;
  dport?: number;
  type?: number;
  code?: number;
  id?: number;
}

/** TCP conntrack states (nf_conntrack_proto_tcp.c tcp_conntrack_names). */
export type TcpCtState = 'NONE' | 'SYN_SENT' | 'SYN_RECV' | 'ESTABLISHED' | 'FIN_WAIT' | 'CLOSE_WAIT' | 'LAST_ACK' | 'TIME_WAIT' | 'CLOSE' | 'SYN_SENT2';

export interface ConntrackView {
  proto: CtProto;
  state?: TcpCtState;
  orig: CtTuple;
  reply: CtTuple;
  unreplied?: true;
  /** the connection's source was translated (SNAT/MASQUERADE) */
  snat?: true;
  /** its destination was translated (DNAT) */
  dnat?: true;
}

export type CtDir = 'original' | 'reply';

export interface CtEntry {
  id: number;
  proto: CtProto;
  orig: CtTuple;
  reply: CtTuple;
  seenReply: boolean;
  confirmed: boolean;
  srcNat: boolean;
  dstNat: boolean;
  /** NAT decided for this manip type (nf_nat_initialized) */
  natSrcDone: boolean;
  natDstDone: boolean;
  tcp?: { state: TcpCtState };
  expires: number;
  /** removed from the table (nf_ct_kill): packets holding it are still translated, never re-confirmed */
  dying?: boolean;
}

const S = 1_000_000;
/** Default timeouts (net.netfilter.nf_conntrack_*_timeout*). */
export const CT_TIMEOUT = {
  icmp: 30 * S,
  udpUnreplied: 30 * S,
  udpReplied: 120 * S,
  tcp: {
    NONE: 10 * S,
    SYN_SENT: 120 * S,
    SYN_RECV: 60 * S,
    ESTABLISHED: 432_000 * S,
    FIN_WAIT: 120 * S,
    CLOSE_WAIT: 60 * S,
    LAST_ACK: 30 * S,
    TIME_WAIT: 120 * S,
    CLOSE: 10 * S,
    SYN_SENT2: 120 * S,
  } satisfies Record<TcpCtState, number>,
};

/** The timeout a packet gives its connection (nf_ct_refresh with the protocol's timeout for its state). */
export function ctTimeout(e: CtEntry): number {
  if (e.tcp) return CT_TIMEOUT.tcp[e.tcp.state];
  return e.proto === 'icmp' ? CT_TIMEOUT.icmp : e.seenReply ? CT_TIMEOUT.udpReplied : CT_TIMEOUT.udpUnreplied;
}

// TCP connection states: what the flags say (a simplified nf_conntrack_proto_tcp, without the
// window checks).

type TcpIndex = 'syn' | 'synack' | 'fin' | 'ack' | 'rst' | 'none';
/** IV: invalid, IG: ignored; both leave the state as it is. */
type TcpNext = TcpCtState | 'IV' | 'IG';
/* tcp_conntracks[dir][index][state] of nf_conntrack_proto_tcp.c.
 * columns: NONE SYN_SENT SYN_RECV ESTABLISHED FIN_WAIT CLOSE_WAIT LAST_ACK TIME_WAIT CLOSE SYN_SENT2 */
const TCP_COLUMNS: Record<TcpCtState, number> = {
  NONE: 0,
  SYN_SENT: 1,
  SYN_RECV: 2,
  ESTABLISHED: 3,
  FIN_WAIT: 4,
  CLOSE_WAIT: 5,
  LAST_ACK: 6,
  TIME_WAIT: 7,
  CLOSE: 8,
  SYN_SENT2: 9,
};
const TCP_CONNTRACKS: Record<CtDir, Record<TcpIndex, TcpNext[]>> = {
  original: {
    syn: ['SYN_SENT', 'SYN_SENT', 'IG', 'IG', 'IG', 'IG', 'IG', 'SYN_SENT', 'SYN_SENT', 'SYN_SENT2'],
    synack: ['IV', 'IV', 'SYN_RECV', 'IV', 'IV', 'IV', 'IV', 'IV', 'IV', 'SYN_RECV'],
    fin: ['IV', 'IV', 'FIN_WAIT', 'FIN_WAIT', 'LAST_ACK', 'LAST_ACK', 'LAST_ACK', 'TIME_WAIT', 'CLOSE', 'IV'],
    ack: ['ESTABLISHED', 'IV', 'ESTABLISHED', 'ESTABLISHED', 'CLOSE_WAIT', 'CLOSE_WAIT', 'TIME_WAIT', 'TIME_WAIT', 'CLOSE', 'IV'],
    rst: ['IV', 'CLOSE', 'CLOSE', 'CLOSE', 'CLOSE', 'CLOSE', 'CLOSE', 'CLOSE', 'CLOSE', 'CLOSE'],
    none: ['IV', 'IV', 'IV', 'IV', 'IV', 'IV', 'IV', 'IV', 'IV', 'IV'],
  },
  reply: {
    syn: ['IV', 'SYN_SENT2', 'IV', 'IV', 'IV', 'IV', 'IV', 'SYN_SENT', 'IV', 'SYN_SENT2'],
    synack: ['IV', 'SYN_RECV', 'IG', 'IG', 'IG', 'IG', 'IG', 'IG', 'IG', 'SYN_RECV'],
    fin: ['IV', 'IV', 'FIN_WAIT', 'FIN_WAIT', 'LAST_ACK', 'LAST_ACK', 'LAST_ACK', 'TIME_WAIT', 'CLOSE', 'IV'],
    ack: ['IV', 'IG', 'SYN_RECV', 'ESTABLISHED', 'CLOSE_WAIT', 'CLOSE_WAIT', 'TIME_WAIT', 'TIME_WAIT', 'CLOSE', 'IG'],
    rst: ['IV', 'CLOSE', 'CLOSE', 'CLOSE', 'CLOSE', 'CLOSE', 'CLOSE', 'CLOSE', 'CLOSE', 'CLOSE'],
    none: ['IV', 'IV', 'IV', 'IV', 'IV', 'IV', 'IV', 'IV', 'IV', 'IV'],
  },
};

/** get_conntrack_index */
function tcpIndex(f: TcpFlags): TcpIndex {
  if (f.rst) return 'rst';
  if (f.syn) return f.ack ? 'synack' : 'syn';
  if (f.fin) return 'fin';
  if (f.ack) return 'ack';
  return 'none';
}

/** The state a TCP segment in direction `dir` moves its connection to (invalid and ignored segments change nothing). */
export function tcpConntrack(state: TcpCtState, dir: CtDir, flags: TcpFlags): TcpCtState {
  const next = TCP_CONNTRACKS[dir][tcpIndex(flags)][TCP_COLUMNS[state]]!;
  return next === 'IV' || next === 'IG' ? state : next;
}

const ICMP_INVERSE: Record<number, number> = { 8: 0, 0: 8, 13: 14, 14: 13, 15: 16, 16: 15, 17: 18, 18: 17 };
/** ICMP types that start a tracked exchange (echo, timestamp, info, address mask requests). */
export const ICMP_QUERY_TYPES = new Set([8, 13, 15, 17]);

export function tupleKey(proto: CtProto, t: CtTuple): string {
  return proto === 'icmp' ? `icmp|${t.src}|${t.dst}|${t.id}|${t.type}|${t.code}` : `${proto}|${t.src}|${t.sport}|${t.dst}|${t.dport}`;
}

/** nf_ct_invert_tuple */
export function invertTuple(proto: CtProto, t: CtTuple): CtTuple {
  if (proto === 'icmp') return { src: t.dst, dst: t.src, type: ICMP_INVERSE[t.type ?? 0] ?? t.type ?? 0, code: t.code ?? 0, id: t.id ?? 0 };
  return { src: t.dst, dst: t.src, sport: t.dport ?? 0, dport: t.sport ?? 0 };
}

export function sameTuple(proto: CtProto, a: CtTuple, b: CtTuple): boolean {
  return tupleKey(proto, a) === tupleKey(proto, b);
}

export class Conntrack {
  private readonly table = new Map<string, { entry: CtEntry; dir: CtDir }>();
  private serial = 0;

  constructor(private readonly now: () => number) {}

  /** A confirmed connection having this tuple in either direction. */
  find(proto: CtProto, t: CtTuple): { entry: CtEntry; dir: CtDir } | undefined {
    const hit = this.table.get(tupleKey(proto, t));
    if (hit && hit.entry.expires <= this.now()) {
      this.remove(hit.entry);
      return undefined;
    }
    return hit;
  }

  /** A new, unconfirmed connection for a first packet. */
  create(proto: CtProto, orig: CtTuple): CtEntry {
    return {
      id: ++this.serial,
      proto,
      orig,
      reply: invertTuple(proto, orig),
      seenReply: false,
      confirmed: false,
      srcNat: false,
      dstNat: false,
      natSrcDone: false,
      natDstDone: false,
      ...(proto === 'tcp' ? { tcp: { state: 'NONE' as const } } : {}),
      expires: this.now() + (proto === 'icmp' ? CT_TIMEOUT.icmp : proto === 'udp' ? CT_TIMEOUT.udpUnreplied : CT_TIMEOUT.tcp.NONE),
    };
  }

  /**
   * __nf_conntrack_confirm: the connection enters the table under both tuples, unless another
   * live connection holds either of them (a clash: false, and the entry is dropped).
   */
  confirm(e: CtEntry): boolean {
    if (e.confirmed || e.dying) return true;
    if (this.find(e.proto, e.orig) || this.find(e.proto, e.reply)) {
      e.dying = true;
      return false;
    }
    e.confirmed = true;
    this.table.set(tupleKey(e.proto, e.orig), { entry: e, dir: 'original' });
    this.table.set(tupleKey(e.proto, e.reply), { entry: e, dir: 'reply' });
    return true;
  }

  remove(e: CtEntry): void {
    if (this.table.get(tupleKey(e.proto, e.orig))?.entry === e) this.table.delete(tupleKey(e.proto, e.orig));
    if (this.table.get(tupleKey(e.proto, e.reply))?.entry === e) this.table.delete(tupleKey(e.proto, e.reply));
    e.confirmed = false;
    e.dying = true;
  }

  /** nf_conntrack_tuple_taken: is this tuple already some other connection's (either direction)? */
  taken(proto: CtProto, t: CtTuple, except: CtEntry): boolean {
    const hit = this.find(proto, t);
    return hit !== undefined && hit.entry !== except;
  }

  /** Confirmed connections whose original source is this one (find_appropriate_src). */
  *bySource(proto: CtProto, t: CtTuple): Iterable<CtEntry> {
    for (const { entry, dir } of this.table.values()) {
      if (dir !== 'original' || entry.proto !== proto || entry.expires <= this.now()) continue;
      if (entry.orig.src === t.src && entry.orig.sport === t.sport && entry.orig.id === t.id) yield entry;
    }
  }

  /** Live confirmed connections. */
  list(): CtEntry[] {
    const out: CtEntry[] = [];
    for (const { entry, dir } of this.table.values()) if (dir === 'original' && entry.expires > this.now()) out.push(entry);
    return out;
  }
}

export function ctView(e: CtEntry): ConntrackView {
  const t = (x: CtTuple): CtTuple =>
    e.proto === 'icmp' ? { src: x.src, dst: x.dst, type: x.type ?? 0, code: x.code ?? 0, id: x.id ?? 0 } : { src: x.src, dst: x.dst, sport: x.sport ?? 0, dport: x.dport ?? 0 };
  return {
    proto: e.proto,
    ...(e.tcp ? { state: e.tcp.state } : {}),
    orig: t(e.orig),
    reply: t(e.reply),
    ...(e.seenReply ? {} : { unreplied: true as const }),
    ...(e.srcNat ? { snat: true as const } : {}),
    ...(e.dstNat ? { dnat: true as const } : {}),
  };
}
