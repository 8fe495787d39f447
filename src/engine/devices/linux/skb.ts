// A packet inside one Linux stack: the parts of an sk_buff this model needs, and freeing one
// with a reason (kfree_skb_reason), which the trace records as a drop.

import type { Ipv4Packet } from '../../wire/types';
import type { DropReason, PacketId } from '../../sim/trace';
import type { CtInfo } from './netfilter';
import type { LinuxStack } from './stack';

/** How a frame was addressed at L2 (skb->pkt_type). */
export type PktType = 'host' | 'broadcast' | 'multicast' | 'otherhost';

/** A packet inside the stack (the parts of an sk_buff this model needs). */
export interface Skb {
  pkt: PacketId;
  ip: Ipv4Packet;
  /** how it arrived at L2 ('host' for locally generated packets) */
  pktType: PktType;
  /** ingress device of a received packet */
  iif?: string;
  /** the packet was addressed to this host (input route RTCF_LOCAL) */
  localInput?: boolean;
  /** the input route was a broadcast one */
  broadcastInput?: boolean;
  /** what connection tracking decided (nodes with NAT rules) */
  ct?: CtInfo;
}

/** kfree_skb_reason: the packet goes no further, for this reason (SKB_DROP_REASON_*). */
export function kfreeSkb(stack: LinuxStack, pkt: PacketId, reason: DropReason, iface?: string, detail?: string): void {
  const node = stack.name;
  const sim = stack.sim;
  // Each shape a literal with every field, seq and t included: emit then fills them in rather
  // than adding them (which would give each drop a second, out-of-object block of properties).
  if (iface && detail) sim.emit({ kind: 'drop', node, pkt, reason, iface, detail, seq: 0, t: 0 });
  else if (iface) sim.emit({ kind: 'drop', node, pkt, reason, iface, seq: 0, t: 0 });
  else if (detail) sim.emit({ kind: 'drop', node, pkt, reason, detail, seq: 0, t: 0 });
  else sim.emit({ kind: 'drop', node, pkt, reason, seq: 0, t: 0 });
}
