// Replacing one node or one interface of a topology, keeping everything else (and the topology
// itself, when nothing changes) as it was: the edits' common step.

import type { Iface, Topology, TopoNode } from '../topology';

/** Replaces one node (by name) with the result of fn; the same topology when fn returns the node. */
export function updateNode(t: Topology, name: string, fn: (n: TopoNode) => TopoNode): Topology {
  const i = t.nodes.findIndex((n) => n.name === name);
  const node = t.nodes[i];
  if (!node) return t;
  const next = fn(node);
  if (next === node) return t;
  const nodes = t.nodes.slice();
  nodes[i] = next;
  return { ...t, nodes };
}

/** Replaces one interface of a node with the result of fn; the same topology when fn returns it. */
export function updateIface(t: Topology, nodeName: string, ifName: string, fn: (i: Iface) => Iface): Topology {
  return updateNode(t, nodeName, (n) => {
    const k = n.ifaces.findIndex((i) => i.name === ifName);
    const iface = n.ifaces[k];
    if (!iface) return n;
    const next = fn(iface);
    if (next === iface) return n;
    const ifaces = n.ifaces.slice();
    ifaces[k] = next;
    return { ...n, ifaces } as TopoNode;
  });
}
