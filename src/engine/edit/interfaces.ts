// An interface's addresses and MAC, and removing an interface that has no link.

import type { MacAddr } from '../wire/addr';
import type { IfAddr, Topology, TopoNode } from '../topology';
import { linkedIfaces } from './links';
import { updateIface, updateNode } from './update';

const sameAddrs = (a: readonly IfAddr[], b: readonly IfAddr[]): boolean =>
  a.length === b.length && a.every((x, i) => x.ip === b[i]!.ip && x.len === b[i]!.len);

/** Sets the addresses of one interface (the first of a subnet is its primary). */
export function setIfaceAddrs(t: Topology, node: string, iface: string, addrs: readonly IfAddr[]): Topology {
  return updateIface(t, node, iface, (i) => (sameAddrs(i.addrs, addrs) ? i : { ...i, addrs: addrs.map((a) => ({ ip: a.ip, len: a.len })) }));
}

/** Sets an interface's MAC: from now on the user's choice (macAuto false), exported as such. */
export function setIfaceMac(t: Topology, node: string, iface: string, mac: MacAddr): Topology {
  const m = mac.toLowerCase() as MacAddr;
  return updateIface(t, node, iface, (i) => {
    if (i.mac === m) return i;
    const { macAuto: _auto, ...rest } = i;
    return { ...rest, mac: m };
  });
}

/** Removes an interface that has no link (a linked one must be unplugged first). */
export function removeIface(t: Topology, node: string, iface: string): Topology {
  if (linkedIfaces(t).has(`${node}:${iface}`)) return t;
  return updateNode(t, node, (n) => {
    if (!n.ifaces.some((i) => i.name === iface)) return n;
    const ifaces = n.ifaces.filter((i) => i.name !== iface);
    if (n.kind !== 'linux' || !n.neigh?.some((e) => e.dev === iface)) return { ...n, ifaces } as TopoNode;
    // Its neighbour entries go with it, as the kernel flushes them with the device.
    return { ...n, ifaces, neigh: n.neigh.filter((e) => e.dev !== iface) };
  });
}
