// Devices of the document: an empty one, adding a device of a role, deleting (with its links and
// the scenario steps that run on it), moving, renaming everywhere, ip_forward.

import type { BridgeNode, Endpoint, LinuxNode, Position, Role, Topology, TopoNode } from '../topology';
import { nextNodeName } from './names';
import { updateNode } from './update';
import { newL3Switch } from './l3switch';

/** An empty document. */
export const emptyTopology = (name = 'untitled'): Topology => ({ name, nodes: [], links: [], scenario: [] });

/** A new device of this role at this position (centre, canvas coordinates). */
export function newDevice(t: Topology, role: Role, position: Position): TopoNode {
  const name = nextNodeName(t, role);
  const at = { x: position.x, y: position.y };
  if (role === 'switch') return { kind: 'bridge', name, role: 'switch', ifaces: [], position: at } satisfies BridgeNode;
  if (role === 'l3switch') return newL3Switch(t, at);
  return {
    kind: 'linux',
    name,
    role,
    ifaces: [],
    loAddrs: [],
    routes: [],
    // A NAT gateway forwards like a router; its MASQUERADE rule comes with its WAN link (natPreset).
    ipForward: role === 'router' || role === 'nat',
    position: at,
  } satisfies LinuxNode;
}

export function addDevice(t: Topology, role: Role, position: Position): { topology: Topology; name: string } {
  const node = newDevice(t, role, position);
  return { topology: { ...t, nodes: [...t.nodes, node] }, name: node.name };
}

/**
 * Removes devices, their links and the scenario steps that run on them (a step on a device that
 * no longer exists could not run). The peers keep their interfaces, now without a link.
 */
export function deleteNodes(t: Topology, names: readonly string[]): Topology {
  const drop = new Set(names);
  if (!t.nodes.some((n) => drop.has(n.name))) return t;
  return {
    ...t,
    nodes: t.nodes.filter((n) => !drop.has(n.name)),
    links: t.links.filter((l) => !drop.has(l.a.node) && !drop.has(l.b.node)),
    scenario: t.scenario.filter((s) => s.kind !== 'run' || !drop.has(s.on)),
  };
}

/** Moves devices; devices already there are left as they are. */
export function moveNodes(t: Topology, positions: Readonly<Record<string, Position>>): Topology {
  let out = t;
  for (const [name, p] of Object.entries(positions)) {
    out = updateNode(out, name, (n) => (n.position?.x === p.x && n.position?.y === p.y ? n : ({ ...n, position: { x: p.x, y: p.y } } as TopoNode)));
  }
  return out;
}

/** Renames a device everywhere: its links and the scenario steps that run on it. */
export function renameNode(t: Topology, from: string, to: string): Topology {
  if (from === to || !t.nodes.some((n) => n.name === from)) return t;
  const ep = (e: Endpoint): Endpoint => (e.node === from ? { node: to, iface: e.iface } : e);
  return {
    ...t,
    nodes: t.nodes.map((n) => (n.name === from ? ({ ...n, name: to } as TopoNode) : n)),
    links: t.links.map((l) => (l.a.node === from || l.b.node === from ? { a: ep(l.a), b: ep(l.b) } : l)),
    scenario: t.scenario.map((s) => (s.kind === 'run' && s.on === from ? { ...s, on: to } : s)),
  };
}

/** net.ipv4.ip_forward of a linux node. */
export function setIpForward(t: Topology, node: string, on: boolean): Topology {
  return updateNode(t, node, (n) => (n.kind !== 'linux' || n.ipForward === on ? n : { ...n, ipForward: on }));
}
