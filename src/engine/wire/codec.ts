// Byte codec for the frame types: Ethernet II + IEEE 802.1Q tags, ARP (RFC 826), IPv4
// (RFC 791), ICMP (RFC 792), UDP (RFC 768), TCP (RFC 9293). Encoding writes every field as
// stored and can record the byte/bit span of each field as it goes (so spans always match the
// bytes). Decoding never throws: what a layer cannot parse stays RawBytes. frame.ts re-exports.

import { bytesToMac, ipToNum, macToBytes, numToIp, type Ipv4Addr, type MacAddr } from './addr';
import { bytesToHex, hexToBytes } from './hex';
import { ETHERTYPE, IPPROTO, type ArpPacket, type EthernetFrame, type IcmpMessage, type Ipv4Packet, type RawBytes, type TcpFlags, type TcpSegment, type UdpDatagram, type VlanTag } from './types';

/** TPIDs that introduce a VLAN tag. Encoding always writes `dot1q`. */
export const TPID = { dot1q: 0x8100, dot1ad: 0x88a8 } as const;

/** How the second 32-bit word and the body of an ICMP message are used, by type. */
export const ICMP_LAYOUT = {
  /** identifier<<16 | sequence, body is `data` */
  echo: 'echo',
  /** gateway address, body is `quote` */
  redirect: 'redirect',
  /** `rest`, body is `quote` */
  error: 'error',
  /** `rest`, body is `data` */
  other: 'other',
} as const;
export type IcmpLayout = (typeof ICMP_LAYOUT)[keyof typeof ICMP_LAYOUT];

/**
 * Echo (0/8), timestamp (13/14), information (15/16) and address mask (17/18) carry an
 * identifier and a sequence number; redirect (5) a gateway; the errors 3, 4, 11, 12 quote the
 * original datagram.
 */
export function icmpLayout(type: number): IcmpLayout {
  switch (type) {
    case 0: case 8: case 13: case 14: case 15: case 16: case 17: case 18:
      return ICMP_LAYOUT.echo;
    case 5:
      return ICMP_LAYOUT.redirect;
    case 3: case 4: case 11: case 12:
      return ICMP_LAYOUT.error;
    default:
      return ICMP_LAYOUT.other;
  }
}

/** Byte (and, for sub-byte fields, bit) range of one field in encodeFrame's output. */
export interface FieldSpan {
  /** dotted path of the field, e.g. 'ipv4.ttl', 'eth.vlans.0.vid', 'icmp.quote.udp.dstPort' */
  path: string;
  /** first byte of the field */
  offset: number;
  /** number of bytes the field touches */
  length: number;
  /** for sub-byte fields: bits from the most significant bit of the byte at `offset` */
  bitOffset?: number;
  bitLength?: number;
}

// ---------------------------------------------------------------------------------------------
// Encoding

interface Writer {
  out: number[];
  spans: FieldSpan[] | undefined;
}

function span(w: Writer, path: string, length: number): void {
  if (w.spans && length > 0) w.spans.push({ path, offset: w.out.length, length });
}

function put8(w: Writer, path: string, v: number): void {
  span(w, path, 1);
  w.out.push(v & 0xff);
}

function put16(w: Writer, path: string, v: number): void {
  span(w, path, 2);
  w.out.push((v >>> 8) & 0xff, v & 0xff);
}

function put32(w: Writer, path: string, v: number): void {
  span(w, path, 4);
  w.out.push((v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff);
}

function putIp(w: Writer, path: string, ip: Ipv4Addr): void {
  put32(w, path, ipToNum(ip));
}

function putMac(w: Writer, path: string, mac: MacAddr): void {
  span(w, path, 6);
  const b = macToBytes(mac);
  for (let i = 0; i < 6; i++) w.out.push((b[i] ?? 0) & 0xff);
}

function putHex(w: Writer, path: string, hex: string): void {
  const b = hexToBytes(hex);
  span(w, path, b.length);
  for (let i = 0; i < b.length; i++) w.out.push(b[i]!);
}

/** Writes `bytes` bytes made of bit fields, most significant first: [path, bitLength, value]. */
function putBits(w: Writer, bytes: number, fields: readonly (readonly [string, number, number])[]): void {
  const base = w.out.length;
  let acc = 0;
  let bit = 0;
  for (const [path, len, value] of fields) {
    if (w.spans) {
      const first = bit >> 3;
      const last = (bit + len - 1) >> 3;
      w.spans.push({ path, offset: base + first, length: last - first + 1, bitOffset: bit - first * 8, bitLength: len });
    }
    acc = acc * 2 ** len + (value & (2 ** len - 1));
    bit += len;
  }
  for (let i = bytes - 1; i >= 0; i--) w.out[base + i] = Math.floor(acc / 2 ** (8 * (bytes - 1 - i))) & 0xff;
}

const b2n = (b: boolean): number => (b ? 1 : 0);

function writeArp(w: Writer, a: ArpPacket): void {
  put16(w, 'arp.htype', a.htype);
  put16(w, 'arp.ptype', a.ptype);
  put8(w, 'arp.hlen', a.hlen);
  put8(w, 'arp.plen', a.plen);
  put16(w, 'arp.op', a.op);
  putMac(w, 'arp.senderMac', a.senderMac);
  putIp(w, 'arp.senderIp', a.senderIp);
  putMac(w, 'arp.targetMac', a.targetMac);
  putIp(w, 'arp.targetIp', a.targetIp);
}

function writeRaw(w: Writer, pre: string, r: RawBytes): void {
  putHex(w, `${pre}raw.data`, r.data);
}

/** The IPv4 header alone (20 bytes + options). */
function writeIpv4Header(w: Writer, pre: string, p: Ipv4Packet): void {
  const x = `${pre}ipv4.`;
  putBits(w, 1, [[`${x}version`, 4, p.version], [`${x}ihl`, 4, p.ihl]]);
  putBits(w, 1, [[`${x}dscp`, 6, p.dscp], [`${x}ecn`, 2, p.ecn]]);
  put16(w, `${x}totalLength`, p.totalLength);
  put16(w, `${x}identification`, p.identification);
  putBits(w, 2, [
    [`${x}flags.reserved`, 1, b2n(p.flags.reserved)],
    [`${x}flags.df`, 1, b2n(p.flags.df)],
    [`${x}flags.mf`, 1, b2n(p.flags.mf)],
    [`${x}fragmentOffset`, 13, p.fragmentOffset],
  ]);
  put8(w, `${x}ttl`, p.ttl);
  put8(w, `${x}protocol`, p.protocol);
  put16(w, `${x}headerChecksum`, p.headerChecksum);
  putIp(w, `${x}srcIp`, p.srcIp);
  putIp(w, `${x}dstIp`, p.dstIp);
  putHex(w, `${x}options`, p.options);
}

function writeIpv4(w: Writer, pre: string, p: Ipv4Packet): void {
  writeIpv4Header(w, pre, p);
  writeL4(w, pre, p.payload);
}

function icmpSecondWord(m: IcmpMessage): number {
  switch (icmpLayout(m.type)) {
    case ICMP_LAYOUT.echo:
      return (((m.identifier ?? 0) & 0xffff) * 0x10000 + ((m.sequence ?? 0) & 0xffff)) >>> 0;
    case ICMP_LAYOUT.redirect:
      return m.gateway === undefined ? 0 : ipToNum(m.gateway);
    default:
      return (m.rest ?? 0) >>> 0;
  }
}

function writeIcmp(w: Writer, pre: string, m: IcmpMessage): void {
  const x = `${pre}icmp.`;
  put8(w, `${x}type`, m.type);
  put8(w, `${x}code`, m.code);
  put16(w, `${x}checksum`, m.checksum);
  const layout = icmpLayout(m.type);
  if (layout === ICMP_LAYOUT.echo) {
    put16(w, `${x}identifier`, m.identifier ?? 0);
    put16(w, `${x}sequence`, m.sequence ?? 0);
  } else if (layout === ICMP_LAYOUT.redirect) {
    put32(w, `${x}gateway`, icmpSecondWord(m));
  } else {
    put32(w, `${x}rest`, icmpSecondWord(m));
  }
  if (m.quote) writeIpv4(w, `${x}quote.`, m.quote);
  else putHex(w, `${x}data`, m.data ?? '');
}

function writeUdp(w: Writer, pre: string, u: UdpDatagram): void {
  const x = `${pre}udp.`;
  put16(w, `${x}srcPort`, u.srcPort);
  put16(w, `${x}dstPort`, u.dstPort);
  put16(w, `${x}length`, u.length);
  put16(w, `${x}checksum`, u.checksum);
  putHex(w, `${x}data`, u.data);
}

const TCP_FLAG_ORDER = ['cwr', 'ece', 'urg', 'ack', 'psh', 'rst', 'syn', 'fin'] as const satisfies readonly (keyof TcpFlags)[];

function writeTcp(w: Writer, pre: string, t: TcpSegment): void {
  const x = `${pre}tcp.`;
  put16(w, `${x}srcPort`, t.srcPort);
  put16(w, `${x}dstPort`, t.dstPort);
  put32(w, `${x}seq`, t.seq);
  put32(w, `${x}ack`, t.ack);
  putBits(w, 1, [[`${x}dataOffset`, 4, t.dataOffset], [`${x}reserved`, 4, t.reserved]]);
  putBits(w, 1, TCP_FLAG_ORDER.map((f) => [`${x}flags.${f}`, 1, b2n(t.flags[f])] as const));
  put16(w, `${x}window`, t.window);
  put16(w, `${x}checksum`, t.checksum);
  put16(w, `${x}urgentPointer`, t.urgentPointer);
  putHex(w, `${x}options`, t.options);
  putHex(w, `${x}data`, t.data);
}

function writeL4(w: Writer, pre: string, p: Ipv4Packet['payload']): void {
  switch (p.kind) {
    case 'icmp': return writeIcmp(w, pre, p);
    case 'udp': return writeUdp(w, pre, p);
    case 'tcp': return writeTcp(w, pre, p);
    case 'raw': return writeRaw(w, pre, p);
  }
}

function writeFrame(w: Writer, f: EthernetFrame): void {
  putMac(w, 'eth.dstMac', f.dstMac);
  putMac(w, 'eth.srcMac', f.srcMac);
  (f.vlans ?? []).forEach((v: VlanTag, i) => {
    put16(w, `eth.vlans.${i}.tpid`, TPID.dot1q);
    putBits(w, 2, [[`eth.vlans.${i}.pcp`, 3, v.pcp], [`eth.vlans.${i}.dei`, 1, b2n(v.dei)], [`eth.vlans.${i}.vid`, 12, v.vid]]);
  });
  put16(w, 'eth.ethertype', f.ethertype);
  const p = f.payload;
  if (p.kind === 'arp') writeArp(w, p);
  else if (p.kind === 'ipv4') writeIpv4(w, '', p);
  else writeRaw(w, '', p);
}

const newWriter = (spans: boolean): Writer => ({ out: [], spans: spans ? [] : undefined });

/**
 * The frame's bytes with every field written as stored (lengths and checksums are not
 * recomputed): destination, source, one 0x8100 tag per VLAN, ethertype, payload. No padding to
 * 60 bytes and no FCS, like a capture on a Linux veth. Throws only on malformed hex strings.
 */
export function encodeFrame(f: EthernetFrame): Uint8Array {
  const w = newWriter(false);
  writeFrame(w, f);
  return Uint8Array.from(w.out);
}

/** The IPv4 datagram's bytes (header as stored, then the payload). */
export function encodeIpv4(p: Ipv4Packet): Uint8Array {
  const w = newWriter(false);
  writeIpv4(w, '', p);
  return Uint8Array.from(w.out);
}

/** The IPv4 header's bytes alone (20 bytes plus options). */
export function encodeIpv4Header(p: Ipv4Packet): Uint8Array {
  const w = newWriter(false);
  writeIpv4Header(w, '', p);
  return Uint8Array.from(w.out);
}

/** The bytes of an IPv4 payload (ICMP message, UDP datagram, TCP segment or raw bytes). */
export function encodeL4(p: Ipv4Packet['payload']): Uint8Array {
  const w = newWriter(false);
  writeL4(w, '', p);
  return Uint8Array.from(w.out);
}

/** The span of every field in encodeFrame(f) (fields of zero length, e.g. empty data, have none). */
export function fieldSpans(f: EthernetFrame): FieldSpan[] {
  const w = newWriter(true);
  writeFrame(w, f);
  return w.spans ?? [];
}

const hexLen = (hex: string): number => hex.length >> 1;

/** Number of bytes the payload encodes to (without encoding it). */
export function encodedPayloadLength(p: Ipv4Packet['payload']): number {
  switch (p.kind) {
    case 'icmp': return 8 + (p.quote ? encodedIpv4Length(p.quote) : hexLen(p.data ?? ''));
    case 'udp': return 8 + hexLen(p.data);
    case 'tcp': return 20 + hexLen(p.options) + hexLen(p.data);
    case 'raw': return hexLen(p.data);
  }
}

/** Number of bytes encodeIpv4(p) returns. */
export function encodedIpv4Length(p: Ipv4Packet): number {
  return 20 + hexLen(p.options) + encodedPayloadLength(p.payload);
}

// ---------------------------------------------------------------------------------------------
// Decoding (every read is bounds-checked by its caller; nothing here throws)

const rd16 = (b: Uint8Array, i: number): number => (b[i]! << 8) | b[i + 1]!;
const rd32 = (b: Uint8Array, i: number): number => ((b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!) >>> 0;
const rdIp = (b: Uint8Array, i: number): Ipv4Addr => numToIp(rd32(b, i));
const raw = (b: Uint8Array): RawBytes => ({ kind: 'raw', data: bytesToHex(b) });

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** ARP for 6-byte hardware and 4-byte protocol addresses; bytes after the 28 (padding) are ignored. */
function decodeArp(b: Uint8Array): ArpPacket | undefined {
  if (b.length < 28 || b[4] !== 6 || b[5] !== 4) return undefined;
  return {
    kind: 'arp',
    htype: rd16(b, 0),
    ptype: rd16(b, 2),
    hlen: b[4]!,
    plen: b[5]!,
    op: rd16(b, 6),
    senderMac: bytesToMac(b, 8),
    senderIp: rdIp(b, 14),
    targetMac: bytesToMac(b, 18),
    targetIp: rdIp(b, 24),
  };
}

function decodeIcmp(b: Uint8Array): IcmpMessage | undefined {
  if (b.length < 8) return undefined;
  const type = b[0]!;
  const head = { kind: 'icmp', type, code: b[1]!, checksum: rd16(b, 2) } as const;
  const word = rd32(b, 4);
  const body = b.subarray(8);
  const layout = icmpLayout(type);
  if (layout === ICMP_LAYOUT.echo) return { ...head, identifier: word >>> 16, sequence: word & 0xffff, data: bytesToHex(body) };
  const second = layout === ICMP_LAYOUT.redirect ? { gateway: numToIp(word) } : { rest: word };
  if (layout === ICMP_LAYOUT.other) return { ...head, ...second, data: bytesToHex(body) };
  // A quote is kept as a packet only when it re-encodes to exactly the quoted bytes; anything
  // else (a quote too short for an IPv4 header, trailing extension bytes) stays `data`.
  const quote = tryDecodeIpv4(body);
  if (quote && sameBytes(encodeIpv4(quote), body)) return { ...head, ...second, quote };
  return { ...head, ...second, data: bytesToHex(body) };
}

function decodeUdp(b: Uint8Array): UdpDatagram | undefined {
  if (b.length < 8) return undefined;
  return { kind: 'udp', srcPort: rd16(b, 0), dstPort: rd16(b, 2), length: rd16(b, 4), checksum: rd16(b, 6), data: bytesToHex(b.subarray(8)) };
}

function decodeTcp(b: Uint8Array): TcpSegment | undefined {
  if (b.length < 20) return undefined;
  const dataOffset = b[12]! >> 4;
  if (dataOffset < 5 || dataOffset * 4 > b.length) return undefined;
  const f = b[13]!;
  return {
    kind: 'tcp',
    srcPort: rd16(b, 0),
    dstPort: rd16(b, 2),
    seq: rd32(b, 4),
    ack: rd32(b, 8),
    dataOffset,
    reserved: b[12]! & 15,
    flags: {
      cwr: (f & 0x80) !== 0,
      ece: (f & 0x40) !== 0,
      urg: (f & 0x20) !== 0,
      ack: (f & 0x10) !== 0,
      psh: (f & 0x08) !== 0,
      rst: (f & 0x04) !== 0,
      syn: (f & 0x02) !== 0,
      fin: (f & 0x01) !== 0,
    },
    window: rd16(b, 14),
    checksum: rd16(b, 16),
    urgentPointer: rd16(b, 18),
    options: bytesToHex(b.subarray(20, dataOffset * 4)),
    data: bytesToHex(b.subarray(dataOffset * 4)),
  };
}

function decodeL4(protocol: number, b: Uint8Array): Ipv4Packet['payload'] {
  switch (protocol) {
    case IPPROTO.icmp: return decodeIcmp(b) ?? raw(b);
    case IPPROTO.tcp: return decodeTcp(b) ?? raw(b);
    case IPPROTO.udp: return decodeUdp(b) ?? raw(b);
    default: return raw(b);
  }
}

/**
 * IPv4 packet from bytes, or undefined when there is no valid header (fewer than 20 bytes,
 * version not 4, IHL < 5 or beyond the bytes, total length shorter than the header). The payload
 * is the bytes up to the total length, or as many as there are (a quote or a truncated capture);
 * bytes beyond the total length (Ethernet padding) are dropped. Fragments with an offset keep
 * their payload raw; a payload too short for its L4 header is raw.
 */
export function tryDecodeIpv4(b: Uint8Array): Ipv4Packet | undefined {
  if (b.length < 20) return undefined;
  const version = b[0]! >> 4;
  const ihl = b[0]! & 15;
  const totalLength = rd16(b, 2);
  if (version !== 4 || ihl < 5 || ihl * 4 > b.length || totalLength < ihl * 4) return undefined;
  const ff = rd16(b, 6);
  const fragmentOffset = ff & 0x1fff;
  const protocol = b[9]!;
  const body = b.subarray(ihl * 4, Math.min(totalLength, b.length));
  return {
    kind: 'ipv4',
    version,
    ihl,
    dscp: b[1]! >> 2,
    ecn: b[1]! & 3,
    totalLength,
    identification: rd16(b, 4),
    flags: { reserved: (ff & 0x8000) !== 0, df: (ff & 0x4000) !== 0, mf: (ff & 0x2000) !== 0 },
    fragmentOffset,
    ttl: b[8]!,
    protocol,
    headerChecksum: rd16(b, 10),
    srcIp: rdIp(b, 12),
    dstIp: rdIp(b, 16),
    options: bytesToHex(b.subarray(20, ihl * 4)),
    payload: fragmentOffset > 0 ? raw(body) : decodeL4(protocol, body),
  };
}

/**
 * IPv4 packet from bytes (see tryDecodeIpv4; also used for quoted datagrams). Throws when the
 * bytes hold no valid IPv4 header; decodeFrame never does.
 */
export function decodeIpv4(b: Uint8Array): Ipv4Packet {
  const p = tryDecodeIpv4(b);
  if (!p) throw new Error('decodeIpv4: no valid IPv4 header');
  return p;
}

/**
 * Frame from captured bytes. 802.1Q (0x8100) and 802.1ad (0x88a8) tags go into `vlans`; ARP and
 * IPv4 (with ICMP/UDP/TCP) are decoded; anything else is RawBytes. Never throws. Not lossless
 * for: 0x88a8 tags (re-encoded as 0x8100), Ethernet padding after ARP/IPv4 (dropped), and
 * frames shorter than 14 bytes (missing header bytes read as zero).
 */
export function decodeFrame(bytes: Uint8Array): EthernetFrame {
  let b = bytes;
  if (b.length < 14) {
    b = new Uint8Array(14);
    b.set(bytes);
  }
  let off = 12;
  let ethertype = rd16(b, off);
  const vlans: VlanTag[] = [];
  while ((ethertype === TPID.dot1q || ethertype === TPID.dot1ad) && off + 6 <= b.length) {
    const tci = rd16(b, off + 2);
    vlans.push({ pcp: tci >> 13, dei: (tci & 0x1000) !== 0, vid: tci & 0xfff });
    off += 4;
    ethertype = rd16(b, off);
  }
  const body = b.subarray(off + 2);
  let payload: EthernetFrame['payload'];
  if (ethertype === ETHERTYPE.arp) payload = decodeArp(body) ?? raw(body);
  else if (ethertype === ETHERTYPE.ipv4) payload = tryDecodeIpv4(body) ?? raw(body);
  else payload = raw(body);
  const frame: EthernetFrame = { dstMac: bytesToMac(b, 0), srcMac: bytesToMac(b, 6), ethertype, payload };
  if (vlans.length > 0) frame.vlans = vlans;
  return frame;
}
