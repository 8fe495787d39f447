// Links of the document: connecting two devices (on a free interface, else a new one), deleting a
// link like unplugging a cable (both interfaces and their addresses stay), and the interface at
// the other end of a cable.

import { endpointLabel, linkKey, type Endpoint, type Iface, type Link, type Topology, type TopoNode } from '../topology';
import { macAllocator, nextIfaceName } from './names';
import { natPreset } from './nat';
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
    const free = node.ifaces.find((i) => !linked.has(`${name}:${i.name}`));
    if (free) return { node: name, iface: free.name };
    const iface: Iface = { name: nextIfaceName(node), mac: mac(), macAuto: true, addrs: [] };
    topology = updateNode(topology, name, (n) => ({ ...n, ifaces: [...n.ifaces, iface] }) as TopoNode);
    return { node: name, iface: iface.name };
  };
  const link: Link = { a: endpoint(aName), b: endpoint(bName) };
  topology = { ...topology, links: [...topology.links, link] };
  topology = natPreset(natPreset(topology, link.a), link.b);
  return { kind: 'ok', topology, link };
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
