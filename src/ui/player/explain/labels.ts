// The words the sentences share: a MAC with the interface it belongs to, a frame in one line, a
// conntrack tuple, an address with its port.

import type { ConntrackView, EthernetFrame, Topology } from '../../../engine';
import { decodeEncap } from '../../../engine/pure-player';
import { tcpFlagsText } from '../fields';
import type { Translate } from './context';

const labelCache = new WeakMap<Topology, Map<string, string>>();

/** A MAC with the interface it belongs to: "02:00:00:00:00:03 (r1:eth1)". */
export function macText(topology: Topology, mac: string): string {
  let m = labelCache.get(topology);
  if (!m) {
    m = new Map();
    for (const n of topology.nodes) for (const i of n.ifaces) m.set(i.mac, `${n.name}:${i.name}`);
    labelCache.set(topology, m);
  }
  if (mac === 'ff:ff:ff:ff:ff:ff') return `${mac} (broadcast)`;
  const label = m.get(mac);
  return label ? `${mac} (${label})` : mac;
}

/** A frame in one line ("ICMP echo request 10.0.1.10 → 10.0.2.10, TTL 64"), translated. */
export function frameWhat(f: EthernetFrame, t: Translate, topology: Topology): string {
  const p = f.payload;
  if (p.kind === 'arp') {
    if (p.op === 1) return t('player.what.arpRequest', { target: p.targetIp, sender: p.senderIp });
    if (p.op === 2) return t('player.what.arpReply', { sender: p.senderIp, mac: macText(topology, p.senderMac) });
    return t('player.what.arpOther', { op: p.op });
  }
  if (p.kind === 'stp') {
    const c = p.config;
    if (!c) return t('player.what.stpTcn');
    const flags = [c.flags & 0x01 ? 'TC' : '', c.flags & 0x80 ? 'TCA' : ''].filter(Boolean).join(', ');
    return t('player.what.stpConfig', { root: `${c.rootPriority}/${c.rootMac}`, cost: c.rootPathCost, bridge: `${c.bridgePriority}/${c.bridgeMac}`, flags: flags ? ` [${flags}]` : '' });
  }
  if (p.kind !== 'ipv4') return t('player.what.other', { type: `0x${f.ethertype.toString(16).padStart(4, '0')}` });
  const base = { src: p.srcIp, dst: p.dstIp, ttl: p.ttl };
  const encap = decodeEncap(p);
  if (encap) {
    // The outer header, then what it carries in brackets: "IP in IP 192.168.56.101 → … [ICMP echo request …]".
    const inner = 'kind' in encap.inner ? { dstMac: f.dstMac, srcMac: f.srcMac, ethertype: 0x0800, payload: encap.inner } : encap.inner;
    const kind = encap.kind === 'vxlan' ? `VXLAN ${encap.vni}` : encap.kind === 'gre' ? 'GRE' : 'IP in IP';
    return t('player.what.tunnel', { ...base, kind, inner: frameWhat(inner, t, topology) });
  }
  const l4 = p.payload;
  if (l4.kind === 'icmp') {
    const key = { 8: 'icmpEchoRequest', 0: 'icmpEchoReply', 11: 'icmpTimeExceeded', 3: 'icmpUnreachable', 5: 'icmpRedirect' }[l4.type] ?? 'icmpOther';
    return t(`player.what.${key}`, { ...base, type: l4.type, code: l4.code });
  }
  if (l4.kind === 'udp') return t('player.what.udp', { ...base, sport: l4.srcPort, dport: l4.dstPort });
  if (l4.kind === 'tcp') return t('player.what.tcp', { ...base, sport: l4.srcPort, dport: l4.dstPort, flags: tcpFlagsText(l4), seq: l4.seq, ack: l4.ack });
  return t('player.what.ipOther', { ...base, protocol: p.protocol });
}

/** "192.168.1.10:40000", or the address alone when there is no port. */
export const hostPort = (a: { ip: string; port?: number }): string => (a.port === undefined ? a.ip : `${a.ip}:${a.port}`);

/** A conntrack tuple as conntrack -L reads: "icmp 192.168.1.10 → 203.0.113.10 id 18422". */
export function ctTupleText(proto: ConntrackView['proto'], t: ConntrackView['orig']): string {
  if (proto === 'icmp') return `icmp ${t.src} → ${t.dst} id ${t.id ?? '?'}`;
  return `${proto} ${t.src}:${t.sport ?? '?'} → ${t.dst}:${t.dport ?? '?'}`;
}
