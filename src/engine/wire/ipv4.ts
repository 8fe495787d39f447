// IPv4 header (RFC 791): building a header with the right total length and checksum (RFC 1071),
// and the forwarding TTL decrement with Linux's incremental checksum update (ip_decrease_ttl()
// in include/net/ip.h, RFC 1624 arithmetic done on the byte-swapped field of a little-endian CPU).

import { ipToNum, type Ipv4Addr } from './addr';
import { internetChecksum } from './checksum';
import { encodeIpv4Header } from './codec';
import { encodedPayloadLength } from './codec-l4';
import type { Ipv4Packet } from './types';

export interface Ipv4Init {
  srcIp: Ipv4Addr;
  dstIp: Ipv4Addr;
  protocol: number;
  ttl: number;
  identification: number;
  /** default false. Linux sets DF on ping requests, UDP/TCP from sockets, SYN-ACK and RST;
   *  not on kernel echo replies or ICMP errors. */
  df?: boolean;
  /** default 0; Linux ICMP errors use TOS 0xc0, i.e. dscp 48 (IPTOS_PREC_INTERNETCONTROL) */
  dscp?: number;
  ecn?: number;
  /** option bytes as hex, a multiple of 4 bytes (default ''); ihl follows from it */
  options?: string;
  payload: Ipv4Packet['payload'];
}

/** A whole unfragmented IPv4 packet: version 4, ihl from the options, total length and checksum computed. */
export function buildIpv4(init: Ipv4Init): Ipv4Packet {
  const options = init.options ?? '';
  if (options.length % 8 !== 0) throw new Error(`buildIpv4: options must be a multiple of 4 bytes (got ${options.length / 2})`);
  const p: Ipv4Packet = {
    kind: 'ipv4',
    version: 4,
    ihl: 5 + options.length / 8,
    dscp: init.dscp ?? 0,
    ecn: init.ecn ?? 0,
    totalLength: 20 + options.length / 2 + encodedPayloadLength(init.payload),
    identification: init.identification & 0xffff,
    flags: { reserved: false, df: init.df ?? false, mf: false },
    fragmentOffset: 0,
    ttl: init.ttl,
    protocol: init.protocol,
    headerChecksum: 0,
    srcIp: init.srcIp,
    dstIp: init.dstIp,
    options,
    payload: init.payload,
  };
  p.headerChecksum = ipv4HeaderChecksum(p);
  return p;
}

/**
 * The RFC 1071 checksum of p's header as stored, with the checksum field taken as 0. Without
 * options it is summed from the fields directly (every routed packet needs it); with options it
 * goes through the encoder.
 */
export function ipv4HeaderChecksum(p: Ipv4Packet): number {
  if (p.options !== '' || p.ihl !== 5 || p.version > 15 || p.dscp > 63 || p.ecn > 3 || p.fragmentOffset > 0x1fff || p.ttl > 255 || p.protocol > 255) {
    return internetChecksum(encodeIpv4Header({ ...p, headerChecksum: 0 }));
  }
  const src = ipToNum(p.srcIp);
  const dst = ipToNum(p.dstIp);
  let sum =
    ((p.version << 12) | (p.ihl << 8) | (p.dscp << 2) | p.ecn) +
    (p.totalLength & 0xffff) +
    (p.identification & 0xffff) +
    (((p.flags.reserved ? 0x8000 : 0) | (p.flags.df ? 0x4000 : 0) | (p.flags.mf ? 0x2000 : 0)) | p.fragmentOffset) +
    ((p.ttl << 8) | p.protocol) +
    (src >>> 16) +
    (src & 0xffff) +
    (dst >>> 16) +
    (dst & 0xffff);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

/** The same packet with a freshly computed header checksum. */
export function withIpv4Checksum(p: Ipv4Packet): Ipv4Packet {
  return { ...p, headerChecksum: ipv4HeaderChecksum(p) };
}

const swap16 = (v: number): number => ((v & 0xff) << 8) | ((v >>> 8) & 0xff);

/**
 * What a forwarding Linux router does to the header: TTL - 1 and the checksum updated exactly as
 * ip_decrease_ttl() on a little-endian host:
 *   u32 check = (u32)iph->check; check += htons(0x0100); iph->check = check + (check >= 0xFFFF);
 * Returns a new packet object (the payload object is shared). For a correct header this equals
 * a full recompute (see ipv4.test.ts); a TTL of 0 wraps to 255 like the kernel's u8, but with a
 * checksum that is then wrong, as in the kernel (routers never decrement 0).
 */
export function ipDecreaseTtl(p: Ipv4Packet): Ipv4Packet {
  let check = swap16(p.headerChecksum & 0xffff) + 0x0001; // htons(0x0100) read as a u16 on LE
  check = (check + (check >= 0xffff ? 1 : 0)) & 0xffff; // stored into a __sum16
  return { ...p, ttl: (p.ttl - 1) & 0xff, headerChecksum: swap16(check) };
}
