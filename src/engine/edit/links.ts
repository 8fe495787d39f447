// Links of the document: connecting two devices (on a free interface, else a new one), deleting a
// link like unplugging a cable (both interfaces and their addresses stay), and the interface at
// the other end of a cable.

import { endpointLabel, linkKey, type Endpoint, type Iface, type Link, type Topology, type TopoNode } from '../topology';
import { macAllocator, nextIfaceName } from './names';
import { natPreset, natRulesOf, wanOf } from './nat';
import { updateNode } from './update';

/** "node:iface" of every interface that has a link. */
export function linkedIfaces(t: Topology): Set<string> {
  return new Set(t.links.flatMap((l) => [endpointLabel(l.a), endpointLabel(l.b)]));
}

export type ConnectResult =
  | { kind: 'ok'; topology: Topology; link: Link }
  | { kind: 'error'; reason: 'self' | 'unknown-node' };

/**
 * Links two devices: on each side the first interface without a link, else a new one (with a
 * fresh MAC). Two devices may be linked more than once (two cables), a device never to itself.
 * A NAT gateway's second link makes its WAN side (natPreset).
 */
export function connect(t: Topology, aName: string, bName: string): ConnectResult {
  if (aName === bName) return { kind: 'error', reason: 'self' };
  if (!t.nodes.some((n) => n.name === aName) || !t.nodes.some((n) => n.name === bName)) return { kind: 'error', reason: 'unknown-node' };
  const linked = linkedIfaces(t);
  const mac = macAllocator(t);
  let topology = t;
  const endpoint = (name: string): Endpoint => {
    const node = topology.nodes.find((n) => n.name === name)!;
    const end = nextEnd(node, linked);
    if (end.reused) return { node: name, iface: end.iface };
    const iface: Iface = { name: end.iface, mac: mac(), macAuto: true, addrs: [] };
    topology = updateNode(topology, name, (n) => ({ ...n, ifaces: [...n.ifaces, iface] }) as TopoNode);
    return { node: name, iface: iface.name };
  };
  const link: Link = { a: endpoint(aName), b: endpoint(bName) };
  topology = { ...topology, links: [...topology.links, link] };
  topology = natPreset(natPreset(topology, link.a), link.b);
  return { kind: 'ok', topology, link };
}

/** The interface a new link of this node takes: its first one without a link, else a new one. */
function nextEnd(node: TopoNode, linked: ReadonlySet<string>): { iface: string; reused: boolean } {
  const free = node.ifaces.find((i) => !linked.has(`${node.name}:${i.name}`));
  return free ? { iface: free.name, reused: true } : { iface: nextIfaceName(node), reused: false };
}

/**
 * Which side of a NAT gateway (role nat) a new link would make, as connect and natPreset decide
 * it: its interface, and `lan`, `wan` (the preset's MASQUERADE comes with it, or it is the WAN
 * interface unplugged) or `none` (a gateway without rules and with two links already: no preset,
 * its WAN is chosen in the inspector). Undefined for any other device.
 */
export function natLinkSide(t: Topology, name: string): { iface: string; side: 'lan' | 'wan' | 'none' } | undefined {
  const node = t.nodes.find((n) => n.name === name);
  if (node?.kind !== 'linux' || node.role !== 'nat') return undefined;
  const linked = linkedIfaces(t);
  const { iface } = nextEnd(node, linked);
  if (natRulesOf(node).length) return { iface, side: iface === wanOf(node) ? 'wan' : 'lan' };
  const links = t.links.filter((l) => l.a.node === name || l.b.node === name).length;
  return { iface, side: links === 0 ? 'lan' : links === 1 ? 'wan' : 'none' };
}

/** Removes links by key (linkKey); their interfaces stay (like unplugging a cable). */
export function deleteLinks(t: Topology, keys: readonly string[]): Topology {
  if (!keys.length) return t;
  const drop = new Set(keys);
  const links = t.links.filter((l) => !drop.has(linkKey(l)));
  return links.length === t.links.length ? t : { ...t, links };
}

/** The interface on the other end of node:iface's link, if it has one. */
export function peerOf(t: Topology, node: string, iface: string): Endpoint | undefined {
  for (const l of t.links) {
    if (l.a.node === node && l.a.iface === iface) return l.b;
    if (l.b.node === node && l.b.iface === iface) return l.a;
  }
  return undefined;
}
