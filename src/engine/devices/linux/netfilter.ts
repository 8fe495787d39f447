// Netfilter on one Linux stack, at the hooks ip-input.ts and ip-output.ts call: connection
// tracking (nf_conntrack_in, on the table and TCP states of tables/conntrack.ts) and NAT
// (net/netfilter/nf_nat_core.c, nf_nat_proto.c, the nat table): the first packet of a connection runs the PREROUTING (DNAT) or POSTROUTING (SNAT, MASQUERADE)
// rules; the chosen mapping is written into the conntrack reply tuple (keeping the port when it
// is free, else a random one, as get_unique_tuple does); every later packet of the connection, in
// either direction, and every ICMP error about it (inner header included) is rewritten from that
// entry. Checksums are updated incrementally, as the kernel does.

import { ipToNum, inPrefix, ZERO_IP, type Ipv4Addr } from '../../wire/addr';
import { checksumReplace2, checksumReplace4 } from '../../wire/checksum';
import { icmpChecksum, ICMP_ERROR_TYPES } from '../../wire/icmp';
import { IPPROTO, type IcmpMessage, type Ipv4Packet, type TcpSegment, type UdpDatagram } from '../../wire/types';
import type { NatRule } from '../../topology';
import {
  Conntrack,
  ctTimeout,
  ctView,
  ICMP_QUERY_TYPES,
  invertTuple,
  sameTuple,
  tcpConntrack,
  type CtDir,
  type CtEntry,
  type CtProto,
  type CtTuple,
} from '../../tables/conntrack';
import type { Sim } from '../../sim/sim';
import type { PacketId } from '../../sim/trace';

export type NatHook = 'PREROUTING' | 'INPUT' | 'OUTPUT' | 'POSTROUTING';
type Manip = 'src' | 'dst';

/** What conntrack decided about a packet (skb->_nfct with its ctinfo). */
export interface CtInfo {
  entry: CtEntry;
  dir: CtDir;
  /** first packet of a new connection */
  isNew: boolean;
  /** an ICMP error about the connection (IP_CT_RELATED) */
  related: boolean;
}

/** A NAT target's range (nf_nat_range2): one address, and a port range or none. */
interface Range {
  addr: Ipv4Addr;
  port?: { min: number; max: number };
}

const MANIP_OF: Record<NatHook, Manip> = { PREROUTING: 'dst', OUTPUT: 'dst', POSTROUTING: 'src', INPUT: 'src' };

function protoOf(p: Ipv4Packet): CtProto | undefined {
  return p.protocol === IPPROTO.udp ? 'udp' : p.protocol === IPPROTO.tcp ? 'tcp' : p.protocol === IPPROTO.icmp ? 'icmp' : undefined;
}

/** The tuple of a packet (nf_ct_get_tuple), or undefined when conntrack cannot follow it. */
export function packetTuple(p: Ipv4Packet): { proto: CtProto; tuple: CtTuple } | undefined {
  const proto = protoOf(p);
  const l4 = p.payload;
  if (proto === 'udp' && l4.kind === 'udp') return { proto, tuple: { src: p.srcIp, dst: p.dstIp, sport: l4.srcPort, dport: l4.dstPort } };
  if (proto === 'tcp' && l4.kind === 'tcp') return { proto, tuple: { src: p.srcIp, dst: p.dstIp, sport: l4.srcPort, dport: l4.dstPort } };
  if (proto === 'icmp' && l4.kind === 'icmp' && !ICMP_ERROR_TYPES.has(l4.type) && l4.identifier !== undefined) {
    return { proto, tuple: { src: p.srcIp, dst: p.dstIp, type: l4.type, code: l4.code, id: l4.identifier } };
  }
  return undefined;
}

// -------------------------------------------------------------------------------------------
// packet rewriting (nf_nat_ipv4_manip_pkt and the l4 manip functions)

const CSUM_MANGLED_0 = 0xffff;

function rewriteL4(p: Ipv4Packet, manip: Manip, oldIp: Ipv4Addr, newIp: Ipv4Addr, port: number | undefined, complete: boolean): Ipv4Packet['payload'] {
  const l4 = p.payload;
  const o = ipToNum(oldIp);
  const n = ipToNum(newIp);
  if (l4.kind === 'udp' || l4.kind === 'tcp') {
    const oldPort = manip === 'src' ? l4.srcPort : l4.dstPort;
    const newPort = port ?? oldPort;
    // A quoted datagram cut before its checksum keeps what it has.
    if (!complete && l4.kind === 'tcp') return { ...l4, ...(manip === 'src' ? { srcPort: newPort } : { dstPort: newPort }) };
    let check = l4.checksum;
    const update = l4.kind === 'tcp' || check !== 0;
    if (update) {
      check = checksumReplace4(check, o, n);
      check = checksumReplace2(check, oldPort, newPort);
      if (l4.kind === 'udp' && check === 0) check = CSUM_MANGLED_0;
    }
    const ports = manip === 'src' ? { srcPort: newPort } : { dstPort: newPort };
    return l4.kind === 'udp' ? ({ ...l4, ...ports, checksum: check } satisfies UdpDatagram) : ({ ...l4, ...ports, checksum: check } satisfies TcpSegment);
  }
  if (l4.kind === 'icmp' && !ICMP_ERROR_TYPES.has(l4.type) && l4.identifier !== undefined && port !== undefined && port !== l4.identifier) {
    return { ...l4, identifier: port, checksum: checksumReplace2(l4.checksum, l4.identifier, port) } satisfies IcmpMessage;
  }
  return l4;
}

/** Rewrites the source or destination (address, and port or ICMP id) of a packet. */
export function manipPacket(p: Ipv4Packet, manip: Manip, ip: Ipv4Addr, port: number | undefined, complete = true): Ipv4Packet {
  const oldIp = manip === 'src' ? p.srcIp : p.dstIp;
  const payload = rewriteL4(p, manip, oldIp, ip, port, complete);
  return {
    ...p,
    ...(manip === 'src' ? { srcIp: ip } : { dstIp: ip }),
    headerChecksum: checksumReplace4(p.headerChecksum, ipToNum(oldIp), ipToNum(ip)),
    payload,
  };
}

const portOf = (t: CtTuple, manip: Manip, proto: CtProto): number | undefined =>
  proto === 'icmp' ? t.id : manip === 'src' ? t.sport : t.dport;

// -------------------------------------------------------------------------------------------

export interface NatContext {
  /** ingress device (PREROUTING, INPUT) */
  inDev?: string;
  /** egress device and next hop (POSTROUTING) */
  outDev?: string;
  nexthop?: Ipv4Addr;
}

export interface NatHost {
  sim: Sim;
  name: string;
  /** inet_select_addr(dev, dst, RT_SCOPE_UNIVERSE), for MASQUERADE */
  masqueradeAddr(dev: string, nexthop: Ipv4Addr | undefined): Ipv4Addr;
}

export class Netfilter {
  readonly conntrack: Conntrack;

  constructor(
    private readonly host: NatHost,
    readonly rules: readonly NatRule[],
  ) {
    this.conntrack = new Conntrack(() => host.sim.now);
  }

  private get sim(): Sim {
    return this.host.sim;
  }

  /** nf_conntrack_in at PREROUTING (received) or OUTPUT (locally generated). */
  conntrackIn(p: Ipv4Packet, pkt: PacketId, hook: 'PREROUTING' | 'OUTPUT'): CtInfo | undefined {
    const node = this.host.name;
    const l4 = p.payload;
    if (p.protocol === IPPROTO.icmp && l4.kind === 'icmp' && ICMP_ERROR_TYPES.has(l4.type)) {
      const inner = l4.quote ? packetTuple(l4.quote) : undefined;
      const hit = inner ? this.conntrack.find(inner.proto, invertTuple(inner.proto, inner.tuple)) : undefined;
      this.sim.emit({ kind: 'conntrack.lookup', node, pkt, hook, result: hit ? 'related' : 'untracked', entry: hit ? ctView(hit.entry) : null, ...(hit ? { direction: hit.dir } : {}) });
      return hit ? { entry: hit.entry, dir: hit.dir, isNew: false, related: true } : undefined;
    }
    const t = packetTuple(p);
    if (!t) {
      this.sim.emit({ kind: 'conntrack.lookup', node, pkt, hook, result: 'untracked', entry: null });
      return undefined;
    }
    const hit = this.conntrack.find(t.proto, t.tuple);
    if (hit) {
      this.packet(hit.entry, hit.dir, p, pkt);
      this.sim.emit({ kind: 'conntrack.lookup', node, pkt, hook, result: hit.dir === 'reply' ? 'reply' : 'established', entry: ctView(hit.entry), direction: hit.dir });
      return { entry: hit.entry, dir: hit.dir, isNew: false, related: false };
    }
    // Only a request, or a TCP SYN, starts a connection (icmp_new, tcp_new).
    if ((t.proto === 'icmp' && !ICMP_QUERY_TYPES.has(t.tuple.type ?? -1)) || (t.proto === 'tcp' && !(l4.kind === 'tcp' && l4.flags.syn && !l4.flags.ack && !l4.flags.rst))) {
      this.sim.emit({ kind: 'conntrack.lookup', node, pkt, hook, result: 'invalid', entry: null });
      return undefined;
    }
    const entry = this.conntrack.create(t.proto, t.tuple);
    this.packet(entry, 'original', p, pkt);
    this.sim.emit({ kind: 'conntrack.lookup', node, pkt, hook, result: 'new', entry: ctView(entry), direction: 'original' });
    return { entry, dir: 'original', isNew: true, related: false };
  }

  /** The protocol's packet() step (timeout, TCP state), then the reply seen. */
  private packet(e: CtEntry, dir: CtDir, p: Ipv4Packet, pkt: PacketId): void {
    this.l4packet(e, dir, p, pkt);
    if (dir === 'reply' && !e.seenReply && e.confirmed) {
      e.seenReply = true;
      this.sim.emit({ kind: 'conntrack.update', node: this.host.name, pkt, change: 'seen-reply', entry: ctView(e) });
    }
  }

  private l4packet(e: CtEntry, dir: CtDir, p: Ipv4Packet, pkt: PacketId): void {
    const seg = p.payload;
    if (!e.tcp) {
      e.expires = this.sim.now + ctTimeout(e);
      return;
    }
    if (seg.kind !== 'tcp') return;
    // "If only reply is a RST, we can consider ourselves not to have an established connection":
    // the entry goes at once (the packet is still translated by it).
    if (seg.flags.rst && dir === 'reply' && !e.seenReply && e.confirmed) {
      this.destroy(e, pkt);
      return;
    }
    const before = e.tcp.state;
    e.tcp.state = tcpConntrack(before, dir, seg.flags);
    e.expires = this.sim.now + ctTimeout(e);
    if (e.confirmed && e.tcp.state !== before) this.sim.emit({ kind: 'conntrack.update', node: this.host.name, pkt, change: 'state', entry: ctView(e) });
  }

  /**
   * nf_nat_ipv4_fn at one hook: decide NAT for a new connection (rules, or an identity mapping),
   * then rewrite the packet as its connection says. Returns the packet to go on with, or null
   * when it must be dropped (MASQUERADE without an address).
   */
  nat(p: Ipv4Packet, pkt: PacketId, ct: CtInfo | undefined, hook: NatHook, ctx: NatContext): Ipv4Packet | null {
    if (!ct) return p;
    const manip = MANIP_OF[hook];
    const e = ct.entry;
    if (ct.related) return this.icmpReplyTranslation(p, pkt, ct, hook, manip);
    if (ct.isNew && !(manip === 'src' ? e.natSrcDone : e.natDstDone)) {
      const range = this.ruleRange(p, pkt, hook, manip, ctx);
      if (range === null) return null;
      this.setupInfo(e, range, manip);
    }
    return this.natPacket(p, pkt, ct, hook, manip, false);
  }

  /** The nat table's chain for this hook: the first matching rule's target as a range. */
  private ruleRange(p: Ipv4Packet, pkt: PacketId, hook: NatHook, manip: Manip, ctx: NatContext): Range | undefined | null {
    const node = this.host.name;
    if (hook === 'PREROUTING' || hook === 'POSTROUTING') {
      const l4 = p.payload;
      const ports = l4.kind === 'udp' || l4.kind === 'tcp' ? { sport: l4.srcPort, dport: l4.dstPort } : undefined;
      for (const [i, r] of this.rules.entries()) {
        if (r.chain !== hook) continue;
        if (r.in !== undefined && r.in !== ctx.inDev) continue;
        if (r.out !== undefined && r.out !== ctx.outDev) continue;
        if (r.src && !inPrefix(p.srcIp, r.src.ip, r.src.len)) continue;
        if (r.dst && !inPrefix(p.dstIp, r.dst.ip, r.dst.len)) continue;
        if (r.proto && protoOf(p) !== r.proto) continue;
        if (r.sport !== undefined && ports?.sport !== r.sport) continue;
        if (r.dport !== undefined && ports?.dport !== r.dport) continue;
        let range: Range;
        if (r.target === 'MASQUERADE') {
          const addr = this.host.masqueradeAddr(ctx.outDev ?? '', ctx.nexthop);
          if (addr === ZERO_IP) {
            this.sim.emit({ kind: 'nat.match', node, pkt, chain: hook, rule: i, target: r.target, manip, to: null });
            this.sim.emit({ kind: 'drop', node, pkt, reason: 'nat-no-address', detail: ctx.outDev ?? '' });
            return null;
          }
          range = { addr };
        } else range = { addr: r.toAddr!, ...(r.toPort !== undefined ? { port: { min: r.toPort, max: r.toPortMax ?? r.toPort } } : {}) };
        this.sim.emit({ kind: 'nat.match', node, pkt, chain: hook, rule: i, target: r.target, manip, to: { ip: range.addr, ...(range.port !== undefined ? { port: range.port.min } : {}) } });
        return range;
      }
    }
    this.sim.emit({ kind: 'nat.match', node, pkt, chain: hook, rule: null, manip, to: null });
    return undefined;
  }

  /** nf_nat_setup_info: map the connection (an identity mapping when no rule matched). */
  private setupInfo(e: CtEntry, range: Range | undefined, manip: Manip): void {
    const curr = invertTuple(e.proto, e.reply);
    const next = range ? this.uniqueTuple(e, curr, range, manip) : this.nullBinding(e, curr, manip);
    if (!sameTuple(e.proto, next, curr)) {
      e.reply = invertTuple(e.proto, next);
      if (manip === 'src') e.srcNat = true;
      else e.dstNat = true;
    }
    if (manip === 'src') e.natSrcDone = true;
    else e.natDstDone = true;
  }

  /** nf_nat_used_tuple: would this original tuple's reply clash with another connection? */
  private used(e: CtEntry, t: CtTuple): boolean {
    return this.conntrack.taken(e.proto, invertTuple(e.proto, t), e);
  }

  private nullBinding(e: CtEntry, curr: CtTuple, manip: Manip): CtTuple {
    const addr = manip === 'src' ? curr.src : curr.dst;
    return this.uniqueTuple(e, curr, { addr }, manip);
  }

  /**
   * get_unique_tuple: the original tuple if it is in the range and free, else the mapping this
   * source already has, else the range's address with the port kept (when it is in the range and
   * free, or the range is that one port), else another port. With every port of the range taken
   * the last one tried stays, and the connection cannot be confirmed (confirm drops the packet).
   */
  private uniqueTuple(e: CtEntry, orig: CtTuple, range: Range, manip: Manip): CtTuple {
    const proto = e.proto;
    const portIn = (t: CtTuple) => {
      const p = portOf(t, manip, proto);
      return range.port === undefined || (p !== undefined && p >= range.port.min && p <= range.port.max);
    };
    const inRange = (t: CtTuple) => (manip === 'src' ? t.src : t.dst) === range.addr && portIn(t);
    if (manip === 'src') {
      if (inRange(orig)) {
        if (!this.used(e, orig)) return orig;
      } else {
        // find_appropriate_src: the same inside source already has a mapping: reuse it.
        for (const c of this.conntrack.bySource(proto, orig)) {
          if (!c.srcNat) continue;
          const mapped = invertTuple(proto, c.reply);
          const cand: CtTuple = proto === 'icmp' ? { ...orig, src: mapped.src, id: mapped.id } : { ...orig, src: mapped.src, sport: mapped.sport };
          if (inRange(cand) && !this.used(e, cand)) return cand;
        }
      }
    }
    const t: CtTuple = manip === 'src' ? { ...orig, src: range.addr } : { ...orig, dst: range.addr };
    if (range.port === undefined) {
      if (!this.used(e, t)) return t;
    } else if (portIn(t) && (range.port.min === range.port.max || !this.used(e, t))) return t;
    return this.uniqueL4(e, t, range, manip);
  }

  /** nf_nat_l4proto_unique_tuple: another port (or ICMP id) that makes the tuple unique. */
  private uniqueL4(e: CtEntry, t: CtTuple, range: Range, manip: Manip): CtTuple {
    const proto = e.proto;
    let min: number;
    let size: number;
    const current = portOf(t, manip, proto) ?? 0;
    if (range.port !== undefined) {
      min = range.port.min;
      size = range.port.max - range.port.min + 1;
    } else if (proto === 'icmp') {
      min = 0;
      size = 65536;
    } else {
      if (manip === 'dst') return t; // a destination port is never changed without a range
      if (current < 1024) {
        [min, size] = current < 512 ? [1, 511] : [600, 424];
      } else [min, size] = [1024, 64512];
    }
    const set = (v: number): CtTuple => (proto === 'icmp' ? { ...t, id: v } : manip === 'src' ? { ...t, sport: v } : { ...t, dport: v });
    // From a random offset; a large range is tried in ever smaller windows, each from a new offset.
    let off = this.sim.randomInt(65536);
    let attempts = Math.min(size, 128);
    let cand = t;
    for (;;) {
      for (let i = 0; i < attempts; i++, off++) {
        cand = set(min + (off % size));
        if (!this.used(e, cand)) return cand;
      }
      if (attempts >= size || attempts < 16) return cand;
      attempts >>= 1;
      off = this.sim.randomInt(65536);
    }
  }

  /** nf_nat_packet: rewrite as the connection's mapping says, in this packet's direction. */
  private natPacket(p: Ipv4Packet, pkt: PacketId, ct: CtInfo, hook: NatHook, manip: Manip, related: boolean): Ipv4Packet {
    const e = ct.entry;
    const natted = ct.dir === 'original' ? (manip === 'src' ? e.srcNat : e.dstNat) : manip === 'src' ? e.dstNat : e.srcNat;
    if (!natted) return p;
    const target = invertTuple(e.proto, ct.dir === 'original' ? e.reply : e.orig);
    const ip = manip === 'src' ? target.src : target.dst;
    const port = portOf(target, manip, e.proto);
    const out = manipPacket(p, manip, ip, port);
    this.traceRewrite(p, out, pkt, hook, manip, ct.dir, related);
    return out;
  }

  private traceRewrite(before: Ipv4Packet, after: Ipv4Packet, pkt: PacketId, hook: NatHook, manip: Manip, dir: CtDir, related: boolean): void {
    const end = (p: Ipv4Packet) => {
      const l4 = p.payload;
      const ip = manip === 'src' ? p.srcIp : p.dstIp;
      const port = l4.kind === 'udp' || l4.kind === 'tcp' ? (manip === 'src' ? l4.srcPort : l4.dstPort) : l4.kind === 'icmp' && !related ? l4.identifier : undefined;
      return { ip, ...(port !== undefined ? { port } : {}) };
    };
    this.sim.emit({ kind: 'nat.rewrite', node: this.host.name, pkt, chain: hook, manip, direction: dir, related, from: end(before), to: end(after) });
  }

  /** nf_nat_icmp_reply_translation: an ICMP error about a translated connection. */
  private icmpReplyTranslation(p: Ipv4Packet, pkt: PacketId, ct: CtInfo, hook: NatHook, manip: Manip): Ipv4Packet {
    const e = ct.entry;
    const natted = ct.dir === 'original' ? (manip === 'src' ? e.srcNat : e.dstNat) : manip === 'src' ? e.dstNat : e.srcNat;
    const icmp = p.payload;
    if (!natted || icmp.kind !== 'icmp' || !icmp.quote) return p;
    const other = ct.dir === 'original' ? e.reply : e.orig;
    // The quoted datagram travelled the other way: rewrite its other end, as the connection's
    // tuple in the opposite direction says.
    const innerManip: Manip = manip === 'src' ? 'dst' : 'src';
    const q = icmp.quote;
    const complete = q.payload.kind !== 'raw';
    const newQuote = manipPacket(q, innerManip, innerManip === 'src' ? other.src : other.dst, portOf(other, innerManip, e.proto), complete);
    const withQuote: IcmpMessage = { ...icmp, quote: newQuote };
    const fixed: IcmpMessage = { ...withQuote, checksum: icmpChecksum(withQuote) };
    const target = invertTuple(e.proto, other);
    const outerIp = manip === 'src' ? target.src : target.dst;
    const out = manipPacket({ ...p, payload: fixed }, manip, outerIp, undefined);
    this.traceRewrite(p, out, pkt, hook, manip, ct.dir, true);
    return out;
  }

  /**
   * __nf_conntrack_confirm at the last hook (POSTROUTING or INPUT). Returns false when the packet
   * is dropped: another connection already has one of its tuples (a NAT mapping that found no free
   * tuple), and the clash cannot be resolved (nf_ct_resolve_clash takes the other entry only when
   * both tuples are the same), so the new connection never enters the table.
   */
  confirm(ct: CtInfo | undefined, pkt: PacketId): boolean {
    if (!ct || ct.related || ct.entry.confirmed || ct.entry.dying) return true;
    const node = this.host.name;
    if (!this.conntrack.confirm(ct.entry)) {
      this.sim.emit({ kind: 'drop', node, pkt, reason: 'conntrack-clash', detail: ctView(ct.entry).reply.src });
      return false;
    }
    this.sim.emit({ kind: 'conntrack.update', node, pkt, change: 'confirmed', entry: ctView(ct.entry) });
    return true;
  }

  /** A TCP RST ends the connection at once (as the oracle saw for a refused DNAT connection). */
  destroy(e: CtEntry, pkt: PacketId): void {
    this.conntrack.remove(e);
    this.sim.emit({ kind: 'conntrack.update', node: this.host.name, pkt, change: 'destroyed', entry: ctView(e) });
  }
}
