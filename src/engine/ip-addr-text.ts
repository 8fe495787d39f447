// `ip addr` of a linux node as iproute2 prints it (ip/ipaddress.c), with the interface indexes of
// a namespace the oracle builds: lo, the tunnels' fallback devices, the veths in link order, the
// tunnels added. Apart from linux-text.ts, which the page's first load carries: this is for the
// worker and the terminals only, and brings the tunnels' text.

import type { IfAddr, Topology, TopoNode } from './topology';
import { peerOf } from './edit/links';
import { devAddrs, LOOPBACK_ADDR } from './devices/config';
import { tunnelHead, tunnelModules, tunnelsInOrder } from './tunnel-text';

/**
 * Interface indexes as in a namespace built by the oracle: lo 1, (br0 2 on a bridge; on a linux
 * node the fallback devices of the tunnel modules in use, `modules` (tunnelModules), made with
 * the namespace), then ports in link order, then the tunnels `ip link add` made.
 */
export function ifindexes(node: TopoNode, modules: ReadonlySet<string>): Map<string, number> {
  const m = new Map<string, number>([['lo', 1]]);
  let i = node.kind === 'bridge' ? 3 : 2;
  if (node.kind === 'bridge') m.set('br0', 2);
  const tunnels = node.kind === 'linux' ? tunnelsInOrder(node, modules) : [];
  for (const t of tunnels) if (t.fallback) m.set(t.name, i++);
  for (const f of node.ifaces) m.set(f.name, i++);
  for (const t of tunnels) if (!t.fallback) m.set(t.name, i++);
  return m;
}

/**
 * `ip addr` of a linux node, as iproute2 prints it in a namespace whose interfaces are veth ends
 * (IPv6 disabled, as in the oracle). An interface without a link shows NO-CARRIER, state DOWN.
 */
export function formatIpAddr(t: Topology, nodeName: string): string {
  const node = t.nodes.find((n) => n.name === nodeName);
  if (!node || node.kind !== 'linux') return '';
  const modules = tunnelModules(t);
  const idx = ifindexes(node, modules);
  const lines: string[] = [
    '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000',
    '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00',
  ];
  const addrLines = (dev: string, addrs: IfAddr[]) => {
    const marked = devAddrs(dev, addrs);
    for (const a of marked) {
      lines.push(`    inet ${a.ip}/${a.len} scope ${a.scope}${a.primary ? '' : ' secondary'} ${dev}`);
      lines.push('       valid_lft forever preferred_lft forever');
    }
  };
  addrLines('lo', [LOOPBACK_ADDR, ...node.loAddrs]);
  const tunnels = tunnelsInOrder(node, modules);
  const tunnelLines = (fallback: boolean) => {
    for (const tn of tunnels.filter((x) => (x.fallback ?? false) === fallback)) {
      lines.push(...tunnelHead(tn, idx.get(tn.name)!));
      addrLines(tn.name, tn.addrs);
    }
  };
  tunnelLines(true);
  for (const f of node.ifaces) {
    const peer = peerOf(t, node.name, f.name);
    const peerNode = peer ? t.nodes.find((n) => n.name === peer.node) : undefined;
    const peerIdx = peerNode ? ifindexes(peerNode, modules).get(peer!.iface) : undefined;
    const name = peerIdx !== undefined ? `${f.name}@if${peerIdx}` : f.name;
    lines.push(
      peer
        ? `${idx.get(f.name)}: ${name}: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000`
        : `${idx.get(f.name)}: ${name}: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state DOWN group default qlen 1000`,
    );
    lines.push(`    link/ether ${f.mac} brd ff:ff:ff:ff:ff:ff${peer ? ` link-netns ${peer.node}` : ''}`);
    addrLines(f.name, f.addrs);
  }
  tunnelLines(false);
  return lines.join('\n') + '\n';
}
