// A packet inside one Linux stack: the parts of an sk_buff this model needs, and freeing one
// with a reason (kfree_skb_reason), which the trace records as a drop.

import type { Ipv4Packet } from '../../wire/types';
import type { DropReason, PacketId, TraceEventBody } from '../../sim/trace';
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
  const ev: Extract<TraceEventBody, { kind: 'drop' }> = { kind: 'drop', node: stack.name, pkt, reason };
  if (iface) ev.iface = iface;
  if (detail) ev.detail = detail;
  stack.sim.emit(ev);
}
