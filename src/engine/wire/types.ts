// The frame as it is on the wire, as plain data: every header field of every layer, in RFC
// names (camelCase). Lengths and checksums are stored as they are on the wire, not recomputed on
// encoding, so a frame with a wrong checksum can be represented; the builders in this folder
// compute them. Payload bytes are lower-case hex strings. Nothing here is a class: frames clone,
// snapshot and cross the worker boundary unchanged.

import type { Ipv4Addr, MacAddr } from './addr';
import type { StpBpdu } from './stp';

export const ETHERTYPE = { ipv4: 0x0800, arp: 0x0806, vlan: 0x8100, ipv6: 0x86dd } as const;
export const IPPROTO = { icmp: 1, tcp: 6, udp: 17 } as const;
export const ARPOP = { request: 1, reply: 2 } as const;
export const ICMP = {
  echoReply: 0,
  destUnreachable: 3,
  redirect: 5,
  echoRequest: 8,
  timeExceeded: 11,
  parameterProblem: 12,
} as const;
/** Codes of ICMP destination unreachable (type 3), RFC 792 / RFC 1812. */
export const ICMP_UNREACH = {
  net: 0,
  host: 1,
  protocol: 2,
  port: 3,
  fragNeeded: 4,
  netProhibited: 9,
  hostProhibited: 10,
  adminProhibited: 13,
} as const;

/** Bytes that no layer here decodes (unknown ethertype or protocol, fragments, truncation). */
export interface RawBytes {
  kind: 'raw';
  /** lower-case hex, two digits per byte */
  data: string;
}

/** IEEE 802.1Q tag. */
export interface VlanTag {
  pcp: number;
  dei: boolean;
  vid: number;
}

/** Ethernet II (no preamble, no FCS: what a capture on a Linux interface shows). */
export interface EthernetFrame {
  dstMac: MacAddr;
  srcMac: MacAddr;
  /** 802.1Q tags, outermost first; absent when untagged. */
  vlans?: VlanTag[];
  /** ethertype of the payload (after any VLAN tags); up to 1500 it is an 802.3 length (a BPDU's) */
  ethertype: number;
  payload: ArpPacket | Ipv4Packet | StpBpdu | RawBytes;
}

/** RFC 826 ARP for IPv4 over Ethernet. */
export interface ArpPacket {
  kind: 'arp';
  htype: number;
  ptype: number;
  hlen: number;
  plen: number;
  op: number;
  senderMac: MacAddr;
  senderIp: Ipv4Addr;
  targetMac: MacAddr;
  targetIp: Ipv4Addr;
}

/** RFC 791 IPv4 header and payload. */
export interface Ipv4Packet {
  kind: 'ipv4';
  version: number;
  /** header length in 32-bit words (5 without options) */
  ihl: number;
  dscp: number;
  ecn: number;
  totalLength: number;
  identification: number;
  flags: { reserved: boolean; df: boolean; mf: boolean };
  /** in 8-byte units, as on the wire */
  fragmentOffset: number;
  ttl: number;
  protocol: number;
  headerChecksum: number;
  srcIp: Ipv4Addr;
  dstIp: Ipv4Addr;
  /** option bytes as hex ('' when ihl is 5) */
  options: string;
  payload: IcmpMessage | UdpDatagram | TcpSegment | RawBytes;
}

/**
 * RFC 792 ICMP. The second 32-bit word of the header is, by type: identifier and sequence
 * (echo 0/8), gateway (redirect 5), or `rest` (0 = unused; next-hop MTU for 3/4; pointer for 12).
 */
export interface IcmpMessage {
  kind: 'icmp';
  type: number;
  code: number;
  checksum: number;
  identifier?: number;
  sequence?: number;
  gateway?: Ipv4Addr;
  rest?: number;
  /** echo and other non-error messages: the bytes after the 8-byte header, as hex */
  data?: string;
  /**
   * errors (3, 4, 11, 12) and redirects (5): the original datagram as quoted, i.e. its IP header
   * and as many following bytes as were included (its payload may be cut short).
   */
  quote?: Ipv4Packet;
}

/** RFC 768 UDP. */
export interface UdpDatagram {
  kind: 'udp';
  srcPort: number;
  dstPort: number;
  length: number;
  checksum: number;
  /** hex; may be shorter than length - 8 inside a quoted (truncated) datagram */
  data: string;
}

export interface TcpFlags {
  cwr: boolean;
  ece: boolean;
  urg: boolean;
  ack: boolean;
  psh: boolean;
  rst: boolean;
  syn: boolean;
  fin: boolean;
}

/** RFC 9293 TCP. */
export interface TcpSegment {
  kind: 'tcp';
  srcPort: number;
  dstPort: number;
  seq: number;
  ack: number;
  /** header length in 32-bit words */
  dataOffset: number;
  /** the 4 reserved bits (including the old NS bit) */
  reserved: number;
  flags: TcpFlags;
  window: number;
  checksum: number;
  urgentPointer: number;
  /** option bytes as hex */
  options: string;
  data: string;
}
