// Answers the editor asks about a topology: which interfaces share a broadcast domain (through
// bridges), the next free address of a subnet, and the router a host should use as its default
// gateway. Pure functions of the topology; no configuration is changed here.

import { inPrefix, ipToNum, networkOf, numToIp, type Ipv4Addr } from '../wire/addr';
import type { Endpoint, IfAddr, LinuxNode, Topology } from '../topology';
import { addressesInUse } from './names';

/** The linux interfaces in the same L2 segment as node:iface (itself included), across bridges. */
export function l2Segment(t: Topology, node: string, iface: string): Endpoint[] {
  const byNode = new Map(t.nodes.map((n) => [n.name, n]));
  const peers = new Map<string, Endpoint>();
  for (const l of t.links) {
    peers.set(`${l.a.node}:${l.a.iface}`, l.b);
    peers.set(`${l.b.node}:${l.b.iface}`, l.a);
  }
  const out: Endpoint[] = [];
  const seenBridges = new Set<string>();
  const seen = new Set<string>();
  const visit = (e: Endpoint) => {
    const key = `${e.node}:${e.iface}`;
    if (seen.has(key)) return;
    seen.add(key);
    const n = byNode.get(e.node);
    if (!n) return;
    if (n.kind === 'linux') {
      out.push(e);
      const p = peers.get(key);
      if (p) visit(p);
      return;
    }
    if (seenBridges.has(n.name)) return;
    seenBridges.add(n.name);
    for (const port of n.ifaces) {
      seen.add(`${n.name}:${port.name}`);
      const p = peers.get(`${n.name}:${port.name}`);
      if (p) visit(p);
    }
  };
  visit({ node, iface });
  return out;
}

function addrsOf(t: Topology, e: Endpoint): IfAddr[] {
  const n = t.nodes.find((x) => x.name === e.node);
  return n?.ifaces.find((i) => i.name === e.iface)?.addrs ?? [];
}

export type NextAddress = { kind: 'ok'; addr: IfAddr; subnet: string } | { kind: 'none'; reason: 'no-subnet' | 'full' };

/**
 * The lowest free host address of the subnet used on node:iface's segment: the subnet of the
 * interface's own first address, else of a neighbour's (a router's first). Network and broadcast
 * addresses are skipped except on /31 (RFC 3021); addresses in use anywhere in the topology too.
 */
export function nextFreeAddress(t: Topology, node: string, iface: string): NextAddress {
  const segment = l2Segment(t, node, iface);
  const own = addrsOf(t, { node, iface })[0];
  const routerFirst = [...segment].sort((a, b) => Number(isForwarder(t, b.node)) - Number(isForwarder(t, a.node)));
  const base = own ?? routerFirst.flatMap((e) => addrsOf(t, e))[0];
  if (!base) return { kind: 'none', reason: 'no-subnet' };
  const used = addressesInUse(t);
  const net = ipToNum(networkOf(base.ip, base.len));
  const size = 2 ** (32 - base.len);
  const [first, last] = base.len >= 31 ? [0, size - 1] : [1, size - 2];
  for (let k = first; k <= last && k < 1 << 16; k++) {
    const ip = numToIp((net + k) >>> 0);
    if (!used.has(ip)) return { kind: 'ok', addr: { ip, len: base.len }, subnet: `${numToIp(net)}/${base.len}` };
  }
  return { kind: 'none', reason: 'full' };
}

function isForwarder(t: Topology, node: string): boolean {
  const n = t.nodes.find((x) => x.name === node);
  return n?.kind === 'linux' && n.ipForward;
}

export type Gateway = { kind: 'ok'; via: Ipv4Addr; dev: string; router: string } | { kind: 'none'; reason: 'no-address' | 'no-router' };

/**
 * The gateway for a node's default route: on one of its interfaces that has an address, a
 * forwarding node of the same segment with an address in the same subnet (the first interface
 * that has one wins).
 */
export function defaultGateway(t: Topology, nodeName: string): Gateway {
  const node = t.nodes.find((n) => n.name === nodeName) as LinuxNode | undefined;
  if (!node || node.kind !== 'linux') return { kind: 'none', reason: 'no-address' };
  let sawAddress = false;
  for (const f of node.ifaces) {
    const mine = f.addrs[0];
    if (!mine) continue;
    sawAddress = true;
    for (const e of l2Segment(t, node.name, f.name)) {
      if (e.node === node.name || !isForwarder(t, e.node)) continue;
      const hit = addrsOf(t, e).find((a) => inPrefix(a.ip, mine.ip, mine.len));
      if (hit) return { kind: 'ok', via: hit.ip, dev: f.name, router: e.node };
    }
  }
  return { kind: 'none', reason: sawAddress ? 'no-router' : 'no-address' };
}
