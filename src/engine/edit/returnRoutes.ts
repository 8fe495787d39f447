// The routes back a NAT gateway needs. A teacher's network: two LANs joined by a router, and a
// NAT gateway on one of them towards the "internet". The gateway masquerades the other LAN's
// packets too, but their replies, translated back to a LAN address the gateway has no route to,
// leave by its default route (the WAN) or are dropped. Here: the networks a router on the
// gateway's LAN side connects to (its other linked interfaces' subnets), which the gateway does
// not route back towards its LAN, each with the route that would (`ip route add NET via
// ROUTER-ADDR dev LAN-IF`). One router deep, as a lesson builds it: networks further away need
// routes on that router as well, which this does not guess.

import { inPrefix, networkOf, type Ipv4Addr } from '../wire/addr';
import type { IfAddr, LinuxNode, RouteSpec, Topology, TopoNode } from '../topology';
import { linkedIfaces } from './links';
import { wanOf } from './nat';
import { l2Segment } from './segment';

/** A network behind a router on a NAT gateway's LAN side, and the route back to it. */
export interface ReturnRoute {
  /** the route to add: `NET via ROUTER-ADDR dev LAN-IF` */
  route: RouteSpec & { via: Ipv4Addr; dev: string };
  /** the router the network is behind */
  router: string;
}

/** Does prefix a hold all of prefix b? */
const covers = (a: IfAddr, b: IfAddr): boolean => a.len <= b.len && inPrefix(b.ip, a.ip, a.len);

/**
 * Where the node's own routes send traffic for `net`: the interface of the most specific static
 * route that holds all of it (the lowest metric among equals), 'other' for a blackhole,
 * unreachable or prohibit route (the user's choice, not a missing route), undefined without one.
 */
function routedOut(n: LinuxNode, net: IfAddr): string | 'other' | undefined {
  let best: RouteSpec | undefined;
  for (const r of n.routes) {
    if (!covers(r.dst, net)) continue;
    if (!best || r.dst.len > best.dst.len || (r.dst.len === best.dst.len && (r.metric ?? 0) < (best.metric ?? 0))) best = r;
  }
  if (!best) return undefined;
  if (best.type !== 'unicast') return 'other';
  // A multipath route: where its first path leads.
  const path = best.nexthops?.[0] ?? best;
  if (path.dev) return path.dev;
  const via = path.via;
  return via ? n.ifaces.find((i) => i.addrs.some((a) => inPrefix(via, a.ip, a.len)))?.name : undefined;
}

/**
 * The networks behind a router on the LAN side of a NAT gateway (a node with a WAN interface:
 * wanOf) that the gateway has no route back to: no static route holds them, or the one that does
 * leads out of the WAN. Networks the gateway is itself connected to are not behind anything. In
 * the order of the gateway's interfaces, the routers on each segment and their interfaces; each
 * network once.
 */
export function missingReturnRoutes(t: Topology, nodeName: string): ReturnRoute[] {
  const node = t.nodes.find((n) => n.name === nodeName);
  const wan = wanOf(node);
  if (node?.kind !== 'linux' || wan === undefined) return [];
  const linked = linkedIfaces(t);
  const own = node.ifaces.flatMap((i) => i.addrs).map((a) => ({ ip: networkOf(a.ip, a.len), len: a.len }));
  const seen = new Set<string>();
  const out: ReturnRoute[] = [];
  for (const lan of node.ifaces) {
    if (lan.name === wan || !lan.addrs.length || !linked.has(`${node.name}:${lan.name}`)) continue;
    for (const e of l2Segment(t, node.name, lan.name)) {
      const router: TopoNode | undefined = t.nodes.find((n) => n.name === e.node);
      if (router === node || router?.kind !== 'linux' || !router.ipForward) continue;
      const via = router.ifaces.find((i) => i.name === e.iface)?.addrs.find((a) => lan.addrs.some((m) => inPrefix(a.ip, m.ip, m.len)))?.ip;
      if (!via) continue;
      for (const other of router.ifaces) {
        if (other.name === e.iface || !linked.has(`${router.name}:${other.name}`)) continue;
        for (const a of other.addrs) {
          const dst: IfAddr = { ip: networkOf(a.ip, a.len), len: a.len };
          const key = `${dst.ip}/${dst.len}`;
          if (seen.has(key) || own.some((o) => covers(o, dst) || covers(dst, o))) continue;
          seen.add(key);
          const out0 = routedOut(node, dst);
          if (out0 !== undefined && out0 !== wan) continue;
          out.push({ route: { type: 'unicast', dst, via, dev: lan.name }, router: router.name });
        }
      }
    }
  }
  return out;
}
