// The wire format's top level: Ethernet II frames (IEEE 802.3 clause 3, 802.1Q tags) to and from
// bytes, checksum verification of a stored frame (RFC 1071 / 768 / 792 / 9293), and the byte
// spans of every field for hex views and pcap export. The codec itself lives in codec.ts (frames,
// ARP, IPv4), codec-l4.ts (ICMP, UDP, TCP) and codec-bytes.ts.

import { onesComplementSum, pseudoHeaderSum } from './checksum';
import { encodedIpv4Length, encodeIpv4Header } from './codec';
import { encodeL4 } from './codec-l4';
import { IPPROTO, type EthernetFrame, type Ipv4Packet } from './types';

export { decodeFrame, decodeIpv4, encodeFrame, encodeIpv4, fieldSpans } from './codec';
export { encodedPayloadLength } from './codec-l4';
export type { FieldSpan } from './codec-bytes';
// lower-level pieces, for the engine and tools
export { encodedIpv4Length, encodeIpv4Header, TPID, tryDecodeIpv4 } from './codec';
export { encodeL4, ICMP_LAYOUT, icmpLayout, type IcmpLayout } from './codec-l4';

/** State of a stored TCP/UDP/ICMP checksum. */
export const CHECKSUM_STATE = {
  ok: 'ok',
  /** UDP checksum 0: not used */
  unused: 'unused',
  /** the folded pseudo-header sum Linux leaves for checksum offload (CHECKSUM_PARTIAL, veth) */
  partial: 'partial',
  bad: 'bad',
} as const;
export type ChecksumState = (typeof CHECKSUM_STATE)[keyof typeof CHECKSUM_STATE];

const isFragment = (p: Ipv4Packet): boolean => p.flags.mf || p.fragmentOffset > 0;

/**
 * State of the L4 checksum of an IPv4 packet: undefined for raw payloads and fragments (the
 * checksum covers the reassembled datagram); 'bad' when the payload is shorter than the total
 * length says. Verification is Wireshark/kernel style: the ones' complement sum over the
 * (pseudo-header and) message including the checksum field must be 0xffff.
 */
export function l4ChecksumState(p: Ipv4Packet): ChecksumState | undefined {
  const l4 = p.payload;
  if (l4.kind === 'raw' || isFragment(p)) return undefined;
  if (encodedIpv4Length(p) !== p.totalLength) return CHECKSUM_STATE.bad;
  const b = encodeL4(l4);
  switch (l4.kind) {
    case 'icmp':
      return onesComplementSum(b) === 0xffff ? CHECKSUM_STATE.ok : CHECKSUM_STATE.bad;
    case 'udp': {
      if (l4.checksum === 0) return CHECKSUM_STATE.unused;
      if (l4.length !== b.length) return CHECKSUM_STATE.bad;
      const pseudo = pseudoHeaderSum(p.srcIp, p.dstIp, IPPROTO.udp, l4.length);
      if (onesComplementSum(b, 0, b.length, pseudo) === 0xffff) return CHECKSUM_STATE.ok;
      return l4.checksum === pseudo ? CHECKSUM_STATE.partial : CHECKSUM_STATE.bad;
    }
    case 'tcp': {
      const pseudo = pseudoHeaderSum(p.srcIp, p.dstIp, IPPROTO.tcp, b.length);
      if (onesComplementSum(b, 0, b.length, pseudo) === 0xffff) return CHECKSUM_STATE.ok;
      return l4.checksum === pseudo ? CHECKSUM_STATE.partial : CHECKSUM_STATE.bad;
    }
  }
}

/**
 * Whether the stored checksums are right: `ipv4` for the header (ones' complement sum of the
 * header == 0xffff), `l4` for ICMP/UDP/TCP (UDP checksum 0 counts as right; a partial
 * checksum left by offload does not). Absent where there is nothing to check (ARP, raw
 * payloads, fragments).
 */
export function verifyChecksums(f: EthernetFrame): { ipv4?: boolean; l4?: boolean } {
  const p = f.payload;
  if (p.kind !== 'ipv4') return {};
  const out: { ipv4?: boolean; l4?: boolean } = { ipv4: onesComplementSum(encodeIpv4Header(p)) === 0xffff };
  const s = l4ChecksumState(p);
  if (s !== undefined) out.l4 = s === CHECKSUM_STATE.ok || s === CHECKSUM_STATE.unused;
  return out;
}
