// What a device changed in a packet: the fields of the frame it sent that differ from the frame
// of the same packet it received (the previous hop). A router rewrites both MACs, decrements the
// TTL and updates the header checksum; a switch changes nothing; NAT rewrites addresses, ports or
// ICMP ids and the checksums that cover them. Changes that NAT made are told apart, so that the
// header view can show them in their own colour.

import type { EthernetFrame } from '../../engine';
import { fieldMap } from './fields';

export type ChangeCause = 'hop' | 'nat';

export interface FieldChange {
  path: string;
  old: string;
  new: string;
  cause: ChangeCause;
}

export interface FrameDiff {
  changes: FieldChange[];
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
    const old = a.get(path);
    if (old === undefined || old === value) continue;
    changes.push({ path, old, new: value, cause: nat && NAT_FIELD.test(path) ? 'nat' : 'hop' });
  }
  const ipUnchanged =
    prev.payload.kind === 'ipv4' && next.payload.kind === 'ipv4' && prev.payload.srcIp === next.payload.srcIp && prev.payload.dstIp === next.payload.dstIp;
  return { changes, ipUnchanged };
}
