// UDP (RFC 768): length and the checksum over the IPv4 pseudo-header; a computed 0 is sent as
// 0xffff and a stored 0 means "no checksum". Optionally the CHECKSUM_PARTIAL value that Linux
// leaves in packets it sends through a device with checksum offload (veth).

import type { Ipv4Addr } from './addr';
import { internetChecksum, pseudoHeaderSum } from './checksum';
import { encodeL4 } from './codec-l4';
import { IPPROTO, type UdpDatagram } from './types';

/**
 * The checksum field value for u (its `length` goes into the pseudo-header, the bytes are the
 * header with checksum 0 and the data as stored); 0xffff when the sum comes out 0.
 */
export function udpChecksum(u: UdpDatagram, srcIp: Ipv4Addr, dstIp: Ipv4Addr): number {
  const c = internetChecksum(encodeL4({ ...u, checksum: 0 }), 0, undefined, pseudoHeaderSum(srcIp, dstIp, IPPROTO.udp, u.length));
  return c === 0 ? 0xffff : c;
}

/**
 * A datagram with length and checksum computed. `checksumOffload: true` stores instead what a
 * Linux socket leaves for the NIC on a device with TX checksum offload (every veth capture of
 * locally sent UDP shows it): the folded pseudo-header sum, not inverted, data not included.
 */
export function buildUdp(a: { srcIp: Ipv4Addr; dstIp: Ipv4Addr; srcPort: number; dstPort: number; data: string; checksumOffload?: boolean }): UdpDatagram {
  const u: UdpDatagram = { kind: 'udp', srcPort: a.srcPort, dstPort: a.dstPort, length: 8 + a.data.length / 2, checksum: 0, data: a.data };
  u.checksum = a.checksumOffload ? pseudoHeaderSum(a.srcIp, a.dstIp, IPPROTO.udp, u.length) : udpChecksum(u, a.srcIp, a.dstIp);
  return u;
}
