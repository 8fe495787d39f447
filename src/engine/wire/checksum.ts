// The Internet checksum (RFC 1071): 16-bit ones' complement sum of big-endian words, and the
// incremental updates Linux applies when it rewrites a header (RFC 1624; csum_replace2/4 in
// include/net/checksum.h). Every function returns a 16-bit value in network byte order terms.

import { ipToNum, type Ipv4Addr } from './addr';

/** Folds a (non-negative, < 2^53) running sum to 16 bits with end-around carry. */
export function fold16(sum: number): number {
  let s = sum;
  while (s > 0xffff) s = (s & 0xffff) + Math.floor(s / 0x10000);
  return s;
}

/**
 * Ones' complement sum of bytes[start, end) taken as big-endian 16-bit words (an odd last byte
 * is padded with a zero low byte), plus `initial`; folded to 16 bits, not inverted.
 */
export function onesComplementSum(bytes: Uint8Array, start = 0, end = bytes.length, initial = 0): number {
  const e = Math.min(end, bytes.length);
  let s = initial;
  let i = Math.max(0, start);
  for (; i + 1 < e; i += 2) {
    s += (bytes[i]! << 8) | bytes[i + 1]!;
    if (s > 0x7fffffff) s = fold16(s);
  }
  if (i < e) s += bytes[i]! << 8;
  return fold16(s);
}

/** RFC 1071 checksum of bytes[start, end): the inverted folded sum. */
export function internetChecksum(bytes: Uint8Array, start = 0, end = bytes.length, initial = 0): number {
  return ~onesComplementSum(bytes, start, end, initial) & 0xffff;
}

/**
 * Folded (not inverted) sum of the TCP/UDP pseudo-header: source, destination, zero + protocol,
 * length. This is also exactly what Linux leaves in the checksum field of a CHECKSUM_PARTIAL
 * packet (checksum offload, as on veth) that was never completed in software.
 */
export function pseudoHeaderSum(srcIp: Ipv4Addr, dstIp: Ipv4Addr, protocol: number, length: number): number {
  const s = ipToNum(srcIp);
  const d = ipToNum(dstIp);
  return fold16((s >>> 16) + (s & 0xffff) + (d >>> 16) + (d & 0xffff) + (protocol & 0xff) + (length & 0xffff));
}

/** Linux csum16_add(): 16-bit addition with end-around carry. */
function csum16Add(a: number, b: number): number {
  const r = (a & 0xffff) + (b & 0xffff);
  return r > 0xffff ? (r + 1) & 0xffff : r;
}

/**
 * Linux csum_replace2() (include/net/checksum.h): the checksum field `check` after a 16-bit
 * header word changes from `from` to `to`: ~csum16_add(csum16_sub(~check, from), to).
 */
export function checksumReplace2(check: number, from: number, to: number): number {
  return ~csum16Add(csum16Add(~check & 0xffff, ~from & 0xffff), to) & 0xffff;
}

/**
 * Linux csum_replace4() / inet_proto_csum_replace4() on a completed checksum (what NAT does to
 * the IPv4 header checksum and to a TCP/UDP/inner checksum that is not CHECKSUM_PARTIAL): the
 * field after a 32-bit word (an address, as an unsigned number) changes from `from` to `to`:
 * csum_fold(~check + ~from + to).
 */
export function checksumReplace4(check: number, from: number, to: number): number {
  const nf = ~from >>> 0;
  const t = to >>> 0;
  return ~fold16((~check & 0xffff) + (nf >>> 16) + (nf & 0xffff) + (t >>> 16) + (t & 0xffff)) & 0xffff;
}

/**
 * inet_proto_csum_replace4() with pseudohdr on a CHECKSUM_PARTIAL packet: the stored value is a
 * pseudo-header sum (not inverted), updated as ~csum_fold(check + ~from + to).
 */
export function partialChecksumReplace4(check: number, from: number, to: number): number {
  const nf = ~from >>> 0;
  const t = to >>> 0;
  return fold16((check & 0xffff) + (nf >>> 16) + (nf & 0xffff) + (t >>> 16) + (t & 0xffff));
}
