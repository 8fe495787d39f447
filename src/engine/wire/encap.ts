// Encapsulation headers: a packet inside a packet, as real bytes. IP in IP (RFC 2003, IP protocol
// 4: the inner datagram follows the outer header), GRE (RFC 2784/2890, IP protocol 47: flags and
// version, the protocol type of what it carries, then the optional key) and VXLAN (RFC 7348, UDP
// to 4789: 8 bytes with the I flag and the 24-bit VNI, then an Ethernet frame). On the wire the
// outer packet's payload is these bytes (RawBytes, or a UDP datagram's data); decodeEncap reads
// them back into the nested packet for the oracle's trace, the header view and the receive side.

import { bytesToHex, hexToBytes } from './hex';
import { decodeFrame, encodeFrame, encodeIpv4, tryDecodeIpv4 } from './codec';
import { rd16, rd32 } from './codec-bytes';
import type { EthernetFrame, Ipv4Packet, RawBytes } from './types';

/** IP protocol numbers of the tunnels (include/uapi/linux/in.h). */
export const IPPROTO_TUNNEL = { ipip: 4, gre: 47, ipv6: 41 } as const;
/** GRE protocol types: an IPv4 packet, or an Ethernet frame (transparent Ethernet bridging, gretap). */
export const GRE_PROTO = { ipv4: 0x0800, teb: 0x6558 } as const;
/** GRE flag bits of the first 16-bit word (C, K, S). */
const GRE_CSUM = 0x8000;
const GRE_KEY = 0x2000;
const GRE_SEQ = 0x1000;
/** The ports a VXLAN packet is recognised by (as Wireshark does): the IANA port, 4789, and Linux's default, 8472. */
export const VXLAN_PORTS: ReadonlySet<number> = new Set([4789, 8472]);
/** VXLAN flags byte: I (a valid VNI). */
const VXLAN_FLAG_I = 0x08;

/** What an outer packet carries, decoded. */
export type Encap =
  | { kind: 'ipip'; inner: Ipv4Packet }
  | { kind: 'gre'; proto: number; key?: number; inner: Ipv4Packet | EthernetFrame }
  | { kind: 'vxlan'; vni: number; inner: EthernetFrame };

/** The outer packet's payload for IP in IP: the inner datagram's bytes. */
export function ipipPayload(inner: Ipv4Packet): RawBytes {
  return { kind: 'raw', data: bytesToHex(encodeIpv4(inner)) };
}

/** gre_build_header: flags and version 0, the protocol type, the key when there is one (no checksum, no sequence). */
export function grePayload(inner: Ipv4Packet | EthernetFrame, key?: number): RawBytes {
  const isFrame = !('kind' in inner);
  const head = [(key !== undefined ? GRE_KEY : 0) >> 8, 0, ...be16(isFrame ? GRE_PROTO.teb : GRE_PROTO.ipv4)];
  if (key !== undefined) head.push(...be16(key >>> 16), ...be16(key & 0xffff));
  const body = isFrame ? encodeFrame(inner) : encodeIpv4(inner);
  return { kind: 'raw', data: bytesToHex(Uint8Array.from(head)) + bytesToHex(body) };
}

/** The VXLAN header and the inner frame: a UDP datagram's data. */
export function vxlanData(vni: number, inner: EthernetFrame): string {
  const head = Uint8Array.from([VXLAN_FLAG_I, 0, 0, 0, (vni >>> 16) & 0xff, (vni >>> 8) & 0xff, vni & 0xff, 0]);
  return bytesToHex(head) + bytesToHex(encodeFrame(inner));
}

const be16 = (v: number): number[] => [(v >>> 8) & 0xff, v & 0xff];

/** The GRE header of `b` (parse_gre_header): its length, protocol type and key, or undefined when it is not version 0. */
export function parseGre(b: Uint8Array): { hlen: number; proto: number; key?: number; csum: boolean; seq: boolean } | undefined {
  if (b.length < 4) return undefined;
  const flags = rd16(b, 0);
  if ((flags & 7) !== 0) return undefined; // version 0 only (1 is PPTP's enhanced GRE)
  let hlen = 4;
  if (flags & GRE_CSUM) hlen += 4;
  let key: number | undefined;
  if (flags & GRE_KEY) {
    if (b.length < hlen + 4) return undefined;
    key = rd32(b, hlen);
    hlen += 4;
  }
  if (flags & GRE_SEQ) hlen += 4;
  if (b.length < hlen) return undefined;
  return { hlen, proto: rd16(b, 2), ...(key !== undefined ? { key } : {}), csum: (flags & GRE_CSUM) !== 0, seq: (flags & GRE_SEQ) !== 0 };
}

/** The VNI of a VXLAN header with its I flag set, or undefined. */
export function parseVxlan(b: Uint8Array): number | undefined {
  if (b.length < 8 || !(b[0]! & VXLAN_FLAG_I)) return undefined;
  return (b[4]! << 16) | (b[5]! << 8) | b[6]!;
}

/**
 * What an outer IPv4 packet carries, when it is a tunnel's (ipip, GRE with an IPv4 packet or an
 * Ethernet frame, VXLAN on its ports), decoded from its bytes; undefined for anything else and for
 * fragments (the inner packet is whole only once they are reassembled).
 */
export function decodeEncap(ip: Ipv4Packet): Encap | undefined {
  if (ip.flags.mf || ip.fragmentOffset > 0) return undefined;
  const p = ip.payload;
  if (ip.protocol === IPPROTO_TUNNEL.ipip && p.kind === 'raw') {
    const inner = tryDecodeIpv4(hexToBytes(p.data));
    return inner ? { kind: 'ipip', inner } : undefined;
  }
  if (ip.protocol === IPPROTO_TUNNEL.gre && p.kind === 'raw') {
    const b = hexToBytes(p.data);
    const g = parseGre(b);
    if (!g) return undefined;
    const body = b.subarray(g.hlen);
    const key = g.key !== undefined ? { key: g.key } : {};
    if (g.proto === GRE_PROTO.teb) return body.length >= 14 ? { kind: 'gre', proto: g.proto, ...key, inner: decodeFrame(body) } : undefined;
    if (g.proto !== GRE_PROTO.ipv4) return undefined;
    const inner = tryDecodeIpv4(body);
    return inner ? { kind: 'gre', proto: g.proto, ...key, inner } : undefined;
  }
  if (p.kind === 'udp' && VXLAN_PORTS.has(p.dstPort)) {
    const b = hexToBytes(p.data);
    const vni = parseVxlan(b);
    if (vni === undefined || b.length < 8 + 14) return undefined;
    return { kind: 'vxlan', vni, inner: decodeFrame(b.subarray(8)) };
  }
  return undefined;
}
