// TCP (RFC 9293) segment header: data offset from the option bytes and the checksum over the
// IPv4 pseudo-header (RFC 9293 section 3.1). Optionally the CHECKSUM_PARTIAL value Linux leaves
// in segments from a socket on a device with checksum offload (veth).

import type { Ipv4Addr } from './addr';
import { internetChecksum, pseudoHeaderSum } from './checksum';
import { encodeL4 } from './codec-l4';
import { IPPROTO, type TcpFlags, type TcpSegment } from './types';

const NO_FLAGS: TcpFlags = { cwr: false, ece: false, urg: false, ack: false, psh: false, rst: false, syn: false, fin: false };

/** The checksum of t as stored (checksum field taken as 0); the pseudo-header length is the encoded segment length. */
export function tcpChecksum(t: TcpSegment, srcIp: Ipv4Addr, dstIp: Ipv4Addr): number {
  const b = encodeL4({ ...t, checksum: 0 });
  return internetChecksum(b, 0, b.length, pseudoHeaderSum(srcIp, dstIp, IPPROTO.tcp, b.length));
}

/**
 * A segment with dataOffset = 5 + option bytes / 4 and the checksum computed. `options` (hex)
 * must already be padded to a multiple of 4 bytes (throws otherwise). `checksumOffload: true`
 * stores the folded pseudo-header sum instead, as Linux sockets do on veth (kernel-built RSTs
 * and ACKs from ip_send_unicast_reply() are complete).
 */
export function buildTcp(a: {
  srcIp: Ipv4Addr;
  dstIp: Ipv4Addr;
  srcPort: number;
  dstPort: number;
  seq: number;
  ack: number;
  flags: Partial<TcpFlags>;
  window: number;
  options?: string;
  data?: string;
  urgentPointer?: number;
  checksumOffload?: boolean;
}): TcpSegment {
  const options = a.options ?? '';
  if (options.length % 8 !== 0) throw new Error(`buildTcp: options must be a multiple of 4 bytes (got ${options.length / 2})`);
  const t: TcpSegment = {
    kind: 'tcp',
    srcPort: a.srcPort,
    dstPort: a.dstPort,
    seq: a.seq >>> 0,
    ack: a.ack >>> 0,
    dataOffset: 5 + options.length / 8,
    reserved: 0,
    flags: { ...NO_FLAGS, ...a.flags },
    window: a.window,
    checksum: 0,
    urgentPointer: a.urgentPointer ?? 0,
    options,
    data: a.data ?? '',
  };
  const length = 20 + options.length / 2 + t.data.length / 2;
  t.checksum = a.checksumOffload ? pseudoHeaderSum(a.srcIp, a.dstIp, IPPROTO.tcp, length) : tcpChecksum(t, a.srcIp, a.dstIp);
  return t;
}
