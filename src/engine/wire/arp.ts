// ARP for IPv4 over Ethernet (RFC 826): hardware type 1, protocol type 0x0800, address lengths
// 6 and 4. Requests carry a zero target MAC (Linux sends 00:00:00:00:00:00, as captured).

import type { Ipv4Addr, MacAddr } from './addr';
import { ETHERTYPE, type ArpPacket } from './types';

export function buildArp(a: { op: number; senderMac: MacAddr; senderIp: Ipv4Addr; targetMac: MacAddr; targetIp: Ipv4Addr }): ArpPacket {
  return {
    kind: 'arp',
    htype: 1,
    ptype: ETHERTYPE.ipv4,
    hlen: 6,
    plen: 4,
    op: a.op,
    senderMac: a.senderMac,
    senderIp: a.senderIp,
    targetMac: a.targetMac,
    targetIp: a.targetIp,
  };
}
