// What a tunnel's frame carries, for the packet's tag on the diagram ("IPIP [ICMP]") and the event
// list's Proto column (the innermost protocol, as Wireshark's Protocol column shows it): the
// tunnel (IP in IP, GRE, VXLAN on its ports) and the protocol of the packet inside, read from the
// bytes at their offsets. No frame codec here (the header view decodes them fully,
// engine/pure-player.ts): a few lines that the page can carry.

import type { EthernetFrame } from '../engine';
import type { Protocol } from './steps';

export type Tunnel = 'ipip' | 'gre' | 'vxlan';

const L4: Record<number, Protocol> = { 1: 'icmp', 6: 'tcp', 17: 'udp' };
const byte = (hex: string, i: number): number => parseInt(hex.slice(i * 2, i * 2 + 2), 16);
const word = (hex: string, i: number): number => (byte(hex, i) << 8) | byte(hex, i + 1);
/** The protocol of the IPv4 packet (at byte `ip`) or of the Ethernet frame (at byte `eth`) in these bytes. */
const ipProto = (hex: string, ip: number): Protocol => L4[byte(hex, ip + 9)] ?? 'other';
const ethProto = (hex: string, eth: number): Protocol => (word(hex, eth + 12) === 0x0806 ? 'arp' : word(hex, eth + 12) === 0x0800 ? ipProto(hex, eth + 14) : 'other');

/**
 * The tunnel a frame's IPv4 packet is (IP in IP, GRE, or VXLAN on its ports) and the protocol of
 * what it carries, read from the bytes at their offsets (the walk has no frame codec: the player
 * decodes them fully, engine/pure-player.ts).
 */
export function frameTunnel(frame: EthernetFrame): { tunnel: Tunnel; inner: Protocol } | undefined {
  const p = frame.payload;
  if (p.kind !== 'ipv4' || p.flags.mf || p.fragmentOffset) return undefined;
  const l4 = p.payload;
  if (p.protocol === 4 && l4.kind === 'raw' && l4.data.length >= 40) return { tunnel: 'ipip', inner: ipProto(l4.data, 0) };
  if (p.protocol === 47 && l4.kind === 'raw' && l4.data.length >= 8) {
    const flags = word(l4.data, 0);
    const hlen = 4 + (flags & 0x8000 ? 4 : 0) + (flags & 0x2000 ? 4 : 0) + (flags & 0x1000 ? 4 : 0);
    const type = word(l4.data, 2);
    return { tunnel: 'gre', inner: type === 0x0800 ? ipProto(l4.data, hlen) : type === 0x6558 ? ethProto(l4.data, hlen) : 'other' };
  }
  if (l4.kind === 'udp' && (l4.dstPort === 4789 || l4.dstPort === 8472) && l4.data.length >= 2 * (8 + 14)) return { tunnel: 'vxlan', inner: ethProto(l4.data, 8) };
  return undefined;
}
