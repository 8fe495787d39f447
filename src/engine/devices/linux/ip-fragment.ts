// IP fragmentation and reassembly (net/ipv4/ip_output.c ip_do_fragment, ip_fragment.c ip_defrag).
// A packet bigger than its device's MTU without DF leaves in fragments: each one the original
// header with its own length, offset and MF bit, the data of all but the last a multiple of 8
// bytes, the first fragment first. A host reassembles the fragments of a packet for itself (by
// source, destination, identification and protocol) before it delivers it; routers forward
// fragments as they are.

import { raw } from '../../wire/codec-bytes';
import { encodeL4, decodeL4 } from '../../wire/codec-l4';
import { withIpv4Checksum } from '../../wire/ipv4';
import type { Ipv4Packet } from '../../wire/types';
import type { Skb } from './skb';
import type { LinuxStack } from './stack';

/** ip_do_fragment (the slow path): the fragments of `ip` for a device of MTU `mtu`. */
export function ipFragment(ip: Ipv4Packet, mtu: number): Ipv4Packet[] {
  const hlen = ip.ihl * 4;
  const data = encodeL4(ip.payload);
  const out: Ipv4Packet[] = [];
  for (let off = 0; off < data.length; ) {
    let len = Math.min(data.length - off, mtu - hlen);
    if (len < data.length - off) len &= ~7;
    const bytes = data.subarray(off, off + len);
    const first = off === 0 && ip.fragmentOffset === 0;
    out.push(
      withIpv4Checksum({
        ...ip,
        totalLength: hlen + len,
        flags: { ...ip.flags, mf: off + len < data.length || ip.flags.mf },
        fragmentOffset: ip.fragmentOffset + off / 8,
        payload: first ? decodeL4(ip.protocol, bytes) : raw(bytes),
      }),
    );
    off += len;
  }
  return out;
}

export const isFragment = (ip: Ipv4Packet): boolean => ip.flags.mf || ip.fragmentOffset > 0;

/** The fragments a stack holds, by the packet they belong to. */
const queues = new WeakMap<LinuxStack, Map<string, Ipv4Packet[]>>();

/**
 * ip_defrag: keeps a fragment for this host until every part of its packet is here, then returns
 * the packet whole (the first fragment's header, its length and offset made whole again); until
 * then undefined.
 */
export function ipDefrag(stack: LinuxStack, skb: Skb): Skb | undefined {
  let byStack = queues.get(stack);
  if (!byStack) queues.set(stack, (byStack = new Map()));
  const ip = skb.ip;
  const key = `${ip.srcIp}|${ip.dstIp}|${ip.identification}|${ip.protocol}`;
  const parts = [...(byStack.get(key) ?? []), ip].sort((a, b) => a.fragmentOffset - b.fragmentOffset);
  byStack.set(key, parts);
  // Whole when the parts run without a gap from offset 0 to a last fragment (MF clear).
  let end = 0;
  for (const p of parts) {
    if (p.fragmentOffset * 8 > end) return undefined;
    end = Math.max(end, p.fragmentOffset * 8 + p.totalLength - p.ihl * 4);
  }
  const last = parts[parts.length - 1]!;
  if (parts[0]!.fragmentOffset !== 0 || last.flags.mf) return undefined;
  byStack.delete(key);
  const data = new Uint8Array(end);
  for (const p of parts) data.set(encodeL4(p.payload), p.fragmentOffset * 8);
  const first = parts[0]!;
  const whole = withIpv4Checksum({
    ...first,
    totalLength: first.ihl * 4 + end,
    flags: { ...first.flags, mf: false },
    fragmentOffset: 0,
    payload: decodeL4(first.protocol, data),
  });
  stack.sim.emit({ kind: 'ip.defrag', node: stack.name, pkt: skb.pkt, fragments: parts.length, length: whole.totalLength });
  return { ...skb, ip: whole };
}
