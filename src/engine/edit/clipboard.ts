// Copy and paste: the devices copied and the links among them, pasted with fresh names and MACs,
// keeping an address only where nothing else uses it.

import type { Endpoint, IfAddr, Iface, Link, Position, Topology, TopoNode } from '../topology';
import { addressesInUse, macAllocator, nextNodeName } from './names';
import { copyRule } from './nat';

/** What copy puts on the clipboard: the devices and the links among them. */
export interface Clipboard {
  nodes: TopoNode[];
  links: Link[];
}

export function copyNodes(t: Topology, names: readonly string[]): Clipboard {
  const keep = new Set(names);
  return {
    nodes: t.nodes.filter((n) => keep.has(n.name)),
    links: t.links.filter((l) => keep.has(l.a.node) && keep.has(l.b.node)),
  };
}

/**
 * Pastes copied devices, moved by `offset`: each gets a fresh name of its role and fresh MACs
 * (auto), and the links among them are copied too. An interface keeps its addresses only if none
 * of them is used in the topology already (after a cut they all come back), otherwise it is left
 * without addresses. Routes are kept as they are; the caller drops those the kernel would now
 * refuse (the app's paste, ui/commands/clipboard.ts). Returns the new names, in clipboard order.
 */
export function pasteNodes(t: Topology, clip: Clipboard, offset: Position): { topology: Topology; names: string[] } {
  const used = addressesInUse(t);
  const mac = macAllocator(t);
  const keepFree = (list: readonly IfAddr[]): IfAddr[] => {
    const kept = list.filter((a) => !used.has(a.ip)).map((a) => ({ ...a }));
    for (const a of kept) used.add(a.ip);
    return kept;
  };
  const rename = new Map<string, string>();
  let topology = t;
  for (const n of clip.nodes) {
    const name = nextNodeName(topology, n.role);
    rename.set(n.name, name);
    const ifaces = n.ifaces.map((i): Iface => {
      const clash = i.addrs.some((a) => used.has(a.ip));
      const addrs = clash ? [] : i.addrs.map((a) => ({ ...a }));
      for (const a of addrs) used.add(a.ip);
      const { conf, ...rest } = i;
      return { ...rest, mac: mac(), macAuto: true, addrs, ...(conf ? { conf: { ...conf } } : {}) };
    });
    const position = n.position ? { x: n.position.x + offset.x, y: n.position.y + offset.y } : { ...offset };
    const copy: TopoNode =
      n.kind === 'bridge'
        ? { ...n, name, ifaces, position }
        : {
            ...n,
            name,
            ifaces,
            position,
            loAddrs: keepFree(n.loAddrs),
            routes: n.routes.map((r) => ({ ...r, dst: { ...r.dst } })),
            ...(n.nat ? { nat: n.nat.map(copyRule) } : {}),
          };
    topology = { ...topology, nodes: [...topology.nodes, copy] };
  }
  const end = (e: Endpoint): Endpoint => ({ node: rename.get(e.node)!, iface: e.iface });
  const links = clip.links.map((l) => ({ a: end(l.a), b: end(l.b) }));
  return { topology: { ...topology, links: [...topology.links, ...links] }, names: clip.nodes.map((n) => rename.get(n.name)!) };
}
