// Editing operations on the network document, as pure functions: a topology in, a new topology
// out (the input is never changed, unchanged nodes keep their identity so that canvas nodes do
// not re-render). They follow the editor's conventions:
// - names: h1…, srv1…, sw1…, r1…, nat1… (the first free number);
// - interfaces: eth1, eth2, … on linux nodes (eth0 is containerlab's management interface),
//   p1, p2, … on switches; connecting reuses an interface without a link before adding one;
// - MACs: locally administered 02:00:00:xx:xx:xx, the lowest serial not used in the topology;
// - deleting a link unplugs a cable (both interfaces and their addresses stay); deleting a device
//   removes its links and the scenario steps that run on it;
// - a NAT gateway is a router whose WAN interface masquerades: the link that gives it its second
//   interface makes that interface the WAN (`-A POSTROUTING -o WAN -j MASQUERADE`), and setWan
//   moves the WAN side to another interface (see natPreset, setWan).
// What the kernel would say about the result (duplicate addresses, routes it refuses) is checked
// by the worker before an edit is applied (see ui/commands/applyEdit.ts).

import type {
  BridgeNode,
  Endpoint,
  IfAddr,
  Iface,
  Ipv4Addr,
  Link,
  LinuxNode,
  MacAddr,
  NatRule,
  Position,
  Role,
  RouteSpec,
  Topology,
  TopoNode,
} from '../engine';
import { iptablesRule, macFromSerial, routeText } from '../engine/pure';

/** The prefix of new devices' names, by role. */
export const NAME_PREFIX: Record<Role, string> = { host: 'h', server: 'srv', switch: 'sw', router: 'r', nat: 'nat' };

/** An empty document. */
export const emptyTopology = (name = 'untitled'): Topology => ({ name, nodes: [], links: [], scenario: [] });

/** The id of a link, as the oracle names it: "a:if--b:if" in file order. */
export const linkId = (l: Link): string => `${l.a.node}:${l.a.iface}--${l.b.node}:${l.b.iface}`;

const endpointKey = (e: Endpoint): string => `${e.node}:${e.iface}`;

/** The first `prefix` + n (n ≥ 1) not in `taken`. */
export function firstFree(taken: ReadonlySet<string>, prefix: string): string {
  for (let n = 1; ; n++) if (!taken.has(`${prefix}${n}`)) return `${prefix}${n}`;
}

/** The name a new device of this role gets. */
export function nextNodeName(t: Topology, role: Role): string {
  return firstFree(new Set(t.nodes.map((n) => n.name)), NAME_PREFIX[role]);
}

/** Allocates fresh MACs: the lowest serials whose MAC no interface of the topology uses. */
export function macAllocator(t: Topology): () => MacAddr {
  const used = new Set(t.nodes.flatMap((n) => n.ifaces.map((i) => i.mac.toLowerCase())));
  let serial = 0;
  return () => {
    for (serial++; used.has(macFromSerial(serial)); serial++);
    const mac = macFromSerial(serial);
    used.add(mac);
    return mac;
  };
}

/**
 * The name the node's next interface gets: the first free eth number ≥ 1; on a switch the first p
 * number no switch uses (containerlab creates bridge ports in the host's namespace, so their names
 * must be unique across the whole topology for the export to run there).
 */
export function nextIfaceName(node: TopoNode, t?: Topology): string {
  if (node.kind === 'bridge') {
    const used = new Set((t?.nodes ?? [node]).flatMap((n) => (n.kind === 'bridge' ? n.ifaces.map((i) => i.name) : [])));
    return firstFree(used, 'p');
  }
  return firstFree(new Set(node.ifaces.map((i) => i.name)), 'eth');
}

/** A new device of this role at this position (centre, canvas coordinates). */
export function newDevice(t: Topology, role: Role, position: Position): TopoNode {
  const name = nextNodeName(t, role);
  const at = { x: position.x, y: position.y };
  if (role === 'switch') return { kind: 'bridge', name, role: 'switch', ifaces: [], position: at } satisfies BridgeNode;
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

/** "node:iface" of every interface that has a link. */
export function linkedIfaces(t: Topology): Set<string> {
  return new Set(t.links.flatMap((l) => [endpointKey(l.a), endpointKey(l.b)]));
}

/** Replaces one node (by name) with the result of fn; the same topology when fn returns the node. */
function updateNode(t: Topology, name: string, fn: (n: TopoNode) => TopoNode): Topology {
  const i = t.nodes.findIndex((n) => n.name === name);
  const node = t.nodes[i];
  if (!node) return t;
  const next = fn(node);
  if (next === node) return t;
  const nodes = t.nodes.slice();
  nodes[i] = next;
  return { ...t, nodes };
}

function updateIface(t: Topology, nodeName: string, ifName: string, fn: (i: Iface) => Iface): Topology {
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

export type ConnectResult =
  | { kind: 'ok'; topology: Topology; link: Link }
  | { kind: 'error'; reason: 'self' | 'unknown-node' };

/**
 * Links two devices: on each side the first interface without a link, else a new one (with a
 * fresh MAC). Two devices may be linked more than once (two cables), a device never to itself.
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
    const iface: Iface = { name: nextIfaceName(node, topology), mac: mac(), macAuto: true, addrs: [] };
    topology = updateNode(topology, name, (n) => ({ ...n, ifaces: [...n.ifaces, iface] }) as TopoNode);
    return { node: name, iface: iface.name };
  };
  const link: Link = { a: endpoint(aName), b: endpoint(bName) };
  topology = { ...topology, links: [...topology.links, link] };
  topology = natPreset(natPreset(topology, link.a), link.b);
  return { kind: 'ok', topology, link };
}

/** Removes links by id; their interfaces stay (like unplugging a cable). */
export function deleteLinks(t: Topology, ids: readonly string[]): Topology {
  if (!ids.length) return t;
  const drop = new Set(ids);
  const links = t.links.filter((l) => !drop.has(linkId(l)));
  return links.length === t.links.length ? t : { ...t, links };
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
  return updateNode(t, node, (n) => (n.ifaces.some((i) => i.name === iface) ? ({ ...n, ifaces: n.ifaces.filter((i) => i.name !== iface) } as TopoNode) : n));
}

/** Replaces a linux node's static routes (main table, in `ip route add` order). */
export function setRoutes(t: Topology, node: string, routes: readonly RouteSpec[]): Topology {
  return updateNode(t, node, (n) => {
    if (n.kind !== 'linux') return n;
    const same = n.routes.length === routes.length && n.routes.every((r, i) => routeText(r) === routeText(routes[i]!) && r.type === routes[i]!.type);
    return same ? n : { ...n, routes: routes.slice() };
  });
}

/** Keeps only the routes at the given indexes. */
export function dropRoutes(t: Topology, node: string, indexes: readonly number[]): Topology {
  if (!indexes.length) return t;
  const drop = new Set(indexes);
  return updateNode(t, node, (n) => (n.kind !== 'linux' ? n : { ...n, routes: n.routes.filter((_, i) => !drop.has(i)) }));
}

/** net.ipv4.ip_forward of a linux node. */
export function setIpForward(t: Topology, node: string, on: boolean): Topology {
  return updateNode(t, node, (n) => (n.kind !== 'linux' || n.ipForward === on ? n : { ...n, ipForward: on }));
}

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
 * refuse (see pasteClipboard). Returns the new names, in clipboard order.
 */
export function pasteNodes(t: Topology, clip: Clipboard, offset: Position): { topology: Topology; names: string[] } {
  const used = new Set<string>(t.nodes.flatMap((n) => (n.kind === 'linux' ? [...n.ifaces.flatMap((i) => i.addrs), ...n.loAddrs] : [])).map((a) => a.ip));
  const mac = macAllocator(t);
  const keepFree = (list: readonly IfAddr[]): IfAddr[] => {
    const kept = list.filter((a) => !used.has(a.ip)).map((a) => ({ ...a }));
    for (const a of kept) used.add(a.ip);
    return kept;
  };
  const rename = new Map<string, string>();
  /** a pasted switch's ports get names no switch uses yet ("old node:port" → new port) */
  const portRename = new Map<string, string>();
  const ports = new Set(t.nodes.flatMap((n) => (n.kind === 'bridge' ? n.ifaces.map((i) => i.name) : [])));
  let topology = t;
  for (const n of clip.nodes) {
    const name = nextNodeName(topology, n.role);
    rename.set(n.name, name);
    const ifaces = n.ifaces.map((i): Iface => {
      const clash = i.addrs.some((a) => used.has(a.ip));
      const addrs = clash ? [] : i.addrs.map((a) => ({ ...a }));
      for (const a of addrs) used.add(a.ip);
      const { conf, ...rest } = i;
      let ifName = i.name;
      if (n.kind === 'bridge') {
        ifName = firstFree(ports, 'p');
        ports.add(ifName);
        portRename.set(`${n.name}:${i.name}`, ifName);
      }
      return { ...rest, name: ifName, mac: mac(), macAuto: true, addrs, ...(conf ? { conf: { ...conf } } : {}) };
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
  const end = (e: Endpoint): Endpoint => ({ node: rename.get(e.node)!, iface: portRename.get(`${e.node}:${e.iface}`) ?? e.iface });
  const links = clip.links.map((l) => ({ a: end(l.a), b: end(l.b) }));
  return { topology: { ...topology, links: [...topology.links, ...links] }, names: clip.nodes.map((n) => rename.get(n.name)!) };
}

/** The interface on the other end of node:iface's link, if it has one. */
export function peerOf(t: Topology, node: string, iface: string): Endpoint | undefined {
  for (const l of t.links) {
    if (l.a.node === node && l.a.iface === iface) return l.b;
    if (l.b.node === node && l.b.iface === iface) return l.a;
  }
  return undefined;
}

/** Is this the default route (0.0.0.0/0)? */
export const isDefaultRoute = (r: RouteSpec): boolean => r.dst.len === 0 && r.dst.ip === ('0.0.0.0' as Ipv4Addr);

// NAT rules (the iptables nat table of a linux node).

const copyRule = (r: NatRule): NatRule => ({ ...r, ...(r.src ? { src: { ...r.src } } : {}), ...(r.dst ? { dst: { ...r.dst } } : {}) });

/** A linux node's nat rules (none on a bridge). */
export const natRulesOf = (n: TopoNode | undefined): readonly NatRule[] => (n?.kind === 'linux' ? (n.nat ?? []) : []);

/** Replaces a linux node's nat rules (in `iptables -A` order); no rules leaves no `nat` field. */
export function setNatRules(t: Topology, node: string, rules: readonly NatRule[]): Topology {
  return updateNode(t, node, (n) => {
    if (n.kind !== 'linux') return n;
    const old = n.nat ?? [];
    if (old.length === rules.length && old.every((r, i) => iptablesRule(r) === iptablesRule(rules[i]!))) return n;
    const { nat: _old, ...rest } = n;
    return rules.length ? { ...rest, nat: rules.map(copyRule) } : rest;
  });
}

/** Keeps only the nat rules not at the given indexes. */
export function dropNatRules(t: Topology, node: string, indexes: readonly number[]): Topology {
  const drop = new Set(indexes);
  const n = t.nodes.find((x) => x.name === node);
  return setNatRules(t, node, natRulesOf(n).filter((_, i) => !drop.has(i)));
}

/** Adds one rule after the node's rules. */
export function appendNatRule(t: Topology, node: string, rule: NatRule): Topology {
  return setNatRules(t, node, [...natRulesOf(t.nodes.find((x) => x.name === node)), rule]);
}

/**
 * The WAN interface of a node: the out interface of its first POSTROUTING rule that rewrites the
 * source (MASQUERADE or SNAT) on one interface. Undefined when it has none.
 */
export function wanOf(n: TopoNode | undefined): string | undefined {
  return natRulesOf(n).find((r) => r.chain === 'POSTROUTING' && (r.target === 'MASQUERADE' || r.target === 'SNAT') && r.out)?.out;
}

/** `-A POSTROUTING -o WAN -j MASQUERADE`: what the NAT gateway preset puts on its WAN side. */
export const masquerade = (wan: string): NatRule => ({ chain: 'POSTROUTING', target: 'MASQUERADE', out: wan });

/**
 * Makes `wan` the node's WAN interface: the rules on the old WAN (its MASQUERADE or SNAT, and port
 * forwards coming in on it) now name `wan`; without a WAN yet, `-A POSTROUTING -o WAN -j MASQUERADE`
 * is added. A router becomes a NAT gateway (drawn as one), forwarding on.
 */
export function setWan(t: Topology, node: string, wan: string): Topology {
  return updateNode(t, node, (n) => {
    if (n.kind !== 'linux' || !n.ifaces.some((i) => i.name === wan)) return n;
    const old = wanOf(n);
    if (old === wan && n.ipForward && n.role !== 'router') return n;
    const rules = n.nat ?? [];
    const nat =
      old === undefined
        ? [...rules, masquerade(wan)]
        : rules.map((r) => (r.out === old ? { ...r, out: wan } : r.in === old ? { ...r, in: wan } : r));
    return { ...n, role: n.role === 'router' ? 'nat' : n.role, ipForward: true, nat };
  });
}

/**
 * The NAT gateway preset, applied when a link is made: a NAT gateway without rules whose new
 * link is its second one gets MASQUERADE on that interface (its first link is the LAN side, the
 * second the WAN side, as a network is usually drawn from the inside out). Otherwise unchanged.
 */
export function natPreset(t: Topology, end: Endpoint): Topology {
  const n = t.nodes.find((x) => x.name === end.node);
  if (n?.kind !== 'linux' || n.role !== 'nat' || natRulesOf(n).length) return t;
  const linked = t.links.filter((l) => l.a.node === end.node || l.b.node === end.node);
  if (linked.length !== 2) return t;
  return setNatRules(t, end.node, [masquerade(end.iface)]);
}
