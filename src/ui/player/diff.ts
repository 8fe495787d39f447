// What a device changed in a packet: the fields of the frame it sent that differ from the frame
// of the same packet it received (the previous hop). A router rewrites both MACs, decrements the
// TTL and updates the header checksum; a switch changes nothing; NAT rewrites addresses, ports or
// ICMP ids and the checksums that cover them; a VLAN-aware switch pushes, pops or keeps an 802.1Q
// tag. Changes that NAT made are told apart, so that the header view can show them in their own
// colour.

import type { EthernetFrame } from '../../engine';
import { fieldMap } from './fields';

export type ChangeCause = 'hop' | 'nat';

export interface FieldChange {
  path: string;
  old: string;
  new: string;
  cause: ChangeCause;
}

/** What happened to the outer 802.1Q tag: pushed (a trunk port, a VLAN device), popped (an untagged port, vlan_do_receive) or rewritten. */
export type VlanChange = { kind: 'pushed'; vid: number } | { kind: 'popped'; vid: number } | { kind: 'changed'; old: number; vid: number };

export interface FrameDiff {
  changes: FieldChange[];
  vlan?: VlanChange;
  /** both frames are IPv4 and neither address changed */
  ipUnchanged: boolean;
}

/** Fields NAT rewrites (addresses, ports, ICMP ids, the checksums over them, the quote of an ICMP error). */
const NAT_FIELD = /^(ipv4\.(srcIp|dstIp)|(udp|tcp)\.(srcPort|dstPort|checksum)|icmp\.(identifier|checksum)|icmp\.quote\..*)$/;

/** The changes from `prev` (the packet as it arrived) to `next` (as it left); `nat` when NAT rewrote it on the way. */
export function diffFrames(prev: EthernetFrame, next: EthernetFrame, nat: boolean): FrameDiff {
  const a = fieldMap(prev);
  const b = fieldMap(next);
  const changes: FieldChange[] = [];
  for (const [path, value] of b) {
    const old = a.get(path) ?? (VLAN_FIELD.test(path) ? '—' : undefined);
    if (old === undefined || old === value) continue;
    changes.push({ path, old, new: value, cause: nat && NAT_FIELD.test(path) ? 'nat' : 'hop' });
  }
  const ipUnchanged =
    prev.payload.kind === 'ipv4' && next.payload.kind === 'ipv4' && prev.payload.srcIp === next.payload.srcIp && prev.payload.dstIp === next.payload.dstIp;
  const vlan = vlanChange(prev.vlans?.[0]?.vid, next.vlans?.[0]?.vid);
  return { changes, ipUnchanged, ...(vlan ? { vlan } : {}) };
}

/** A tag's field: shown as pushed (— → VID) when the frame arrived without it. */
const VLAN_FIELD = /^eth\.vlans\./;

function vlanChange(old: number | undefined, vid: number | undefined): VlanChange | undefined {
  if (old === vid) return undefined;
  if (old === undefined) return { kind: 'pushed', vid: vid! };
  if (vid === undefined) return { kind: 'popped', vid: old };
  return { kind: 'changed', old, vid };
}
