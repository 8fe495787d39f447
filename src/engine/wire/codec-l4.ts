// Byte codec of the IPv4 payloads: ICMP (RFC 792, with the layout of its second word and body by
// type, and the quoted datagram of errors), UDP (RFC 768) and TCP (RFC 9293). Decoding never
// throws: what cannot be parsed stays RawBytes.

import { ipToNum, numToIp } from './addr';
import { bytesToHex } from './hex';
import { IPPROTO, type IcmpMessage, type Ipv4Packet, type TcpFlags, type TcpSegment, type UdpDatagram } from './types';
import { b2n, hexLen, newWriter, put16, put32, put8, putBits, putHex, raw, rd16, rd32, sameBytes, writeRaw, type Writer } from './codec-bytes';
import { encodedIpv4Length, encodeIpv4, tryDecodeIpv4, writeIpv4 } from './codec';

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

/** An IPv4 payload by its kind (`pre`: the path prefix of its fields, e.g. 'icmp.quote.'). */
export function writeL4(w: Writer, pre: string, p: Ipv4Packet['payload']): void {
  switch (p.kind) {
    case 'icmp': return writeIcmp(w, pre, p);
    case 'udp': return writeUdp(w, pre, p);
    case 'tcp': return writeTcp(w, pre, p);
    case 'raw': return writeRaw(w, pre, p);
  }
}

/** The bytes of an IPv4 payload (ICMP message, UDP datagram, TCP segment or raw bytes). */
export function encodeL4(p: Ipv4Packet['payload']): Uint8Array {
  const w = newWriter(false);
  writeL4(w, '', p);
  return Uint8Array.from(w.out);
}

/** Number of bytes the payload encodes to (without encoding it). */
export function encodedPayloadLength(p: Ipv4Packet['payload']): number {
  switch (p.kind) {
    case 'icmp': return 8 + (p.quote ? encodedIpv4Length(p.quote) : hexLen(p.data ?? ''));
    case 'udp': return 8 + hexLen(p.data);
    case 'tcp': return 20 + hexLen(p.options) + hexLen(p.data);
    case 'raw': return hexLen(p.data);
  }
}

// Decoding

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

/** The payload of an IPv4 datagram of this protocol (raw when it is not ICMP, UDP or TCP, or too short). */
export function decodeL4(protocol: number, b: Uint8Array): Ipv4Packet['payload'] {
  switch (protocol) {
    case IPPROTO.icmp: return decodeIcmp(b) ?? raw(b);
    case IPPROTO.tcp: return decodeTcp(b) ?? raw(b);
    case IPPROTO.udp: return decodeUdp(b) ?? raw(b);
    default: return raw(b);
  }
}
