// Byte codec of the frame types: Ethernet II with IEEE 802.1Q tags, ARP (RFC 826), IPv4
// (RFC 791) and 802.3 + LLC BPDUs (stp.ts); the IPv4 payloads are codec-l4.ts, the byte-level tools codec-bytes.ts. Encoding
// writes every field as stored and can record the byte/bit span of each field. Decoding never
// throws: what a layer cannot parse stays RawBytes. frame.ts re-exports.

import { bytesToMac } from './addr';
import { bytesToHex } from './hex';
import { ETHERTYPE, type ArpPacket, type EthernetFrame, type Ipv4Packet, type VlanTag } from './types';
import { b2n, hexLen, newWriter, put16, put8, putBits, putHex, putIp, putMac, raw, rd16, rdIp, writeRaw, type FieldSpan, type Writer } from './codec-bytes';
import { decodeL4, encodedPayloadLength, writeL4 } from './codec-l4';
import { decodeStp, writeStp } from './stp';

/** Up to this value the type field of a frame is an 802.3 length (IEEE 802.3 clause 3.2.6). */
const MAX_8023_LENGTH = 1500;

/** TPIDs that introduce a VLAN tag. Encoding always writes `dot1q`. */
export const TPID = { dot1q: 0x8100, dot1ad: 0x88a8 } as const;

// ---------------------------------------------------------------------------------------------
// Encoding

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

/** The IPv4 datagram: header, then payload (also the quote of an ICMP error). */
export function writeIpv4(w: Writer, pre: string, p: Ipv4Packet): void {
  writeIpv4Header(w, pre, p);
  writeL4(w, pre, p.payload);
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
  else if (p.kind === 'stp') writeStp(w, p);
  else writeRaw(w, '', p);
}

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

/** The span of every field in encodeFrame(f) (fields of zero length, e.g. empty data, have none). */
export function fieldSpans(f: EthernetFrame): FieldSpan[] {
  const w = newWriter(true);
  writeFrame(w, f);
  return w.spans ?? [];
}

/** Number of bytes encodeIpv4(p) returns. */
export function encodedIpv4Length(p: Ipv4Packet): number {
  return 20 + hexLen(p.options) + encodedPayloadLength(p.payload);
}

// ---------------------------------------------------------------------------------------------
// Decoding

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
 * IPv4 (with ICMP/UDP/TCP) and 802.3 frames carrying a BPDU are decoded; anything else is RawBytes. Never throws. Not lossless
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
  else if (ethertype <= MAX_8023_LENGTH) payload = decodeStp(body.subarray(0, ethertype)) ?? raw(body);
  else payload = raw(body);
  const frame: EthernetFrame = { dstMac: bytesToMac(b, 0), srcMac: bytesToMac(b, 6), ethertype, payload };
  if (vlans.length > 0) frame.vlans = vlans;
  return frame;
}
