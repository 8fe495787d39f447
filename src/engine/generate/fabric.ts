// Data-centre fabric generators: a two-tier leaf–spine (Clos) and a classic three-tier
// core / aggregation / access design, as routed networks of Linux boxes.
//
// Design shared by both:
// - every leaf (access) switch is a Linux router (ip_forward=1) for one rack; the rack's hosts
//   plug into a Linux bridge (`kind: bridge`, ports p1…) whose port p1 goes to the rack router;
//   one subnet per rack, the router owns its first address, hosts get a default route to it;
// - routers are joined by point-to-point /31 links (RFC 3021) carved from 10.0.0.0/16;
// - rack subnets come from 10.1.0.0 upwards (a /24 per rack while it fits, larger otherwise),
//   so 10.0.0.0/8 holds far more than the 5 000 hosts a benchmark needs;
// - routes are STATIC and computed here, not by a routing protocol: every router gets one route
//   per rack subnet and per point-to-point subnet it is not attached to, along a shortest path
//   (hop count). By default a router with several equally close neighbours gets a multipath
//   route through all of them (ECMP, nexthops in router order), and every router with such a
//   route hashes flows by addresses, protocol and ports (fib_multipath_hash_policy=1) with one
//   seed shared by the fabric (fib_multipath_hash_seed=FABRIC_HASH_SEED): flows spread over the
//   spines (cores), each flow's packets keep to one path, and its answer comes back over the same
//   spine (the hash sorts the addresses and ports, and every leaf lists the spines in the same
//   order). With `singlePath`, the lowest-numbered of the equally close neighbours is the only
//   next hop (routers are numbered in creation order: spines/cores first, then aggregation, then
//   leaves/access), so traffic always takes the first spine (core) on its shortest path.
// - interfaces are eth1, eth2… on Linux nodes and p1, p2… on bridges, numbered across all the
//   bridges (containerlab puts bridge ports in the host's namespace); MACs are generated
//   (locally administered, unique) and marked macAuto;
// - positions put each tier on its own row (spines/cores at the top, hosts at the bottom).
//
// Pure and deterministic: no randomness, no clock, no platform API.

import { macFromSerial, numToIp, type Ipv4Addr } from '../wire/addr';
import type { BridgeNode, IfAddr, Link, LinuxNode, RouteSpec, Topology, TopoNode } from '../topology';
import { MAX_FLOWS } from './size';

/** How a fabric routes between equally short paths (both designs). */
export interface FabricRouting {
  /** one next hop per prefix (the lowest-numbered neighbour) instead of ECMP */
  singlePath?: boolean;
}

/** The multipath hash seed of every router of an ECMP fabric (a fixed one, so that a run on Linux takes the same paths). */
export const FABRIC_HASH_SEED = 1;

export interface LeafSpineOptions extends FabricRouting {
  spines: number;
  leaves: number;
  hostsPerLeaf: number;
  /** topology name; default "leaf-spine-S-L-H" */
  name?: string;
}

export interface ThreeTierOptions extends FabricRouting {
  cores: number;
  pods: number;
  aggPerPod: number;
  accessPerPod: number;
  hostsPerAccess: number;
  /** topology name; default "three-tier-C-P-A-X-H" */
  name?: string;
}

/** Point-to-point subnets: 10.0.0.0/16, two addresses per link. */
const P2P_BASE = (10 << 24) >>> 0;
const P2P_LINKS_MAX = 1 << 15;
/** Rack subnets: from 10.1.0.0 to the end of 10.0.0.0/8. */
const RACK_BASE = ((10 << 24) | (1 << 16)) >>> 0;
const RACK_END = ((10 << 24) | 0xffffff) >>> 0;

// The layout leaves room for each device's card as the editor draws it (its symbol, name and role,
// then one line per interface with its address), so that a fabric stays readable when zoomed in:
// a row starts below the tallest card of the row above it.
/** Height of a device's card with `ifaces` interface lines, in diagram pixels (generous). */
const cardHeight = (ifaces: number) => 110 + 19 * ifaces;
/** Space between a card and the row below it. */
const ROW_GAP = 50;
/** Width of a host's column in a rack (its card: `eth1 10.1.12.100/24`). */
const HOST_W = 170;
const HOST_ROW_H = cardHeight(1) + 20;
const HOST_COLS = 8;
const RACK_GAP = 80;

interface RouterInfo {
  node: LinuxNode;
  /** creation order: the tie-break between equally short paths */
  index: number;
  /** neighbouring routers, with the address to use as gateway towards each */
  adj: { peer: number; gateway: Ipv4Addr }[];
}

interface Prefix {
  dst: IfAddr;
  /** routers attached to it (they have a connected route and need no static one) */
  owners: number[];
}

function checkCount(what: string, v: number, min: number): void {
  if (!Number.isInteger(v) || v < min) throw new RangeError(`${what} must be an integer ≥ ${min} (got ${v})`);
}

/** Smallest subnet (prefix length) that holds the router and `hosts` hosts; never longer than /24. */
function rackPrefixLen(hosts: number): number {
  let len = 24;
  while (len > 16 && 2 ** (32 - len) < hosts + 3) len--;
  if (2 ** (32 - len) < hosts + 3) throw new RangeError(`${hosts} hosts do not fit in one rack subnet (at most ${2 ** 16 - 3})`);
  return len;
}

class FabricBuilder {
  readonly nodes: TopoNode[] = [];
  readonly links: Link[] = [];
  private readonly routers: RouterInfo[] = [];
  private readonly byName = new Map<string, RouterInfo>();
  private readonly prefixes: Prefix[] = [];
  private readonly p2pPrefixes: Prefix[] = [];
  private macSerial = 0;
  private p2pCount = 0;
  private rackCount = 0;

  constructor(private readonly rackLen: number) {}

  private mac() {
    return macFromSerial(++this.macSerial);
  }


  addRouter(name: string): RouterInfo {
    const node: LinuxNode = { kind: 'linux', name, role: 'router', ifaces: [], loAddrs: [], routes: [], ipForward: true };
    const r: RouterInfo = { node, index: this.routers.length, adj: [] };
    this.routers.push(r);
    this.byName.set(name, r);
    this.nodes.push(node);
    return r;
  }

  /** A /31 between two routers: the first gets the even address, the second the odd one. */
  connect(a: RouterInfo, b: RouterInfo): void {
    if (this.p2pCount >= P2P_LINKS_MAX) throw new RangeError(`more than ${P2P_LINKS_MAX} router-to-router links do not fit in 10.0.0.0/16`);
    const base = P2P_BASE + 2 * this.p2pCount++;
    const ipA = numToIp(base);
    const ipB = numToIp(base + 1);
    const ifA = `eth${a.node.ifaces.length + 1}`;
    const ifB = `eth${b.node.ifaces.length + 1}`;
    a.node.ifaces.push({ name: ifA, mac: this.mac(), macAuto: true, addrs: [{ ip: ipA, len: 31 }] });
    b.node.ifaces.push({ name: ifB, mac: this.mac(), macAuto: true, addrs: [{ ip: ipB, len: 31 }] });
    this.links.push({ a: { node: a.node.name, iface: ifA }, b: { node: b.node.name, iface: ifB } });
    a.adj.push({ peer: b.index, gateway: ipB });
    b.adj.push({ peer: a.index, gateway: ipA });
    this.p2pPrefixes.push({ dst: { ip: ipA, len: 31 }, owners: [a.index, b.index] });
  }

  /** A rack behind `router`: a bridge, `hosts` hosts, one subnet. Hosts are named `${hostPrefix}${j}`. */
  addRack(router: RouterInfo, bridgeName: string, hostPrefix: string, hosts: number): void {
    const size = 2 ** (32 - this.rackLen);
    const base = RACK_BASE + this.rackCount++ * size;
    if (base + size - 1 > RACK_END) throw new RangeError('the rack subnets do not fit in 10.0.0.0/8');
    const gw = numToIp(base + 1);
    const rIf = `eth${router.node.ifaces.length + 1}`;
    router.node.ifaces.push({ name: rIf, mac: this.mac(), macAuto: true, addrs: [{ ip: gw, len: this.rackLen }] });
    // Ports are numbered per switch, as the editor numbers them; the containerlab export gives
    // them names unique on the host (io/clab-ports.ts).
    const uplink = 'p1';
    const bridge: BridgeNode = { kind: 'bridge', name: bridgeName, role: 'switch', ifaces: [{ name: uplink, mac: this.mac(), macAuto: true, addrs: [] }] };
    this.nodes.push(bridge);
    this.links.push({ a: { node: router.node.name, iface: rIf }, b: { node: bridgeName, iface: uplink } });
    for (let j = 1; j <= hosts; j++) {
      const host: LinuxNode = {
        kind: 'linux',
        name: `${hostPrefix}${j}`,
        role: 'host',
        ifaces: [{ name: 'eth1', mac: this.mac(), macAuto: true, addrs: [{ ip: numToIp(base + 1 + j), len: this.rackLen }] }],
        loAddrs: [],
        routes: [{ type: 'unicast', dst: { ip: '0.0.0.0' as Ipv4Addr, len: 0 }, via: gw }],
        ipForward: false,
      };
      const port = `p${j + 1}`;
      bridge.ifaces.push({ name: port, mac: this.mac(), macAuto: true, addrs: [] });
      this.nodes.push(host);
      this.links.push({ a: { node: host.name, iface: 'eth1' }, b: { node: bridgeName, iface: port } });
    }
    this.prefixes.push({ dst: { ip: numToIp(base), len: this.rackLen }, owners: [router.index] });
  }

  /**
   * Static routes on every router: for each prefix, a breadth-first search from the routers
   * attached to it gives every router its distance; its next hops are its neighbours one hop
   * closer (all of them, or only the lowest-numbered with `singlePath`). One route per prefix.
   * Rack subnets come first.
   */
  computeRoutes(routing: FabricRouting): void {
    const n = this.routers.length;
    for (const r of this.routers) r.adj.sort((x, y) => x.peer - y.peer);
    const dist = new Int32Array(n);
    const queue = new Int32Array(n);
    for (const p of [...this.prefixes, ...this.p2pPrefixes]) {
      dist.fill(-1);
      let head = 0;
      let tail = 0;
      for (const o of p.owners) {
        dist[o] = 0;
        queue[tail++] = o;
      }
      while (head < tail) {
        const u = queue[head++]!;
        for (const { peer } of this.routers[u]!.adj) {
          if (dist[peer] !== -1) continue;
          dist[peer] = dist[u]! + 1;
          queue[tail++] = peer;
        }
      }
      for (const r of this.routers) {
        const d = dist[r.index]!;
        if (d <= 0) continue; // attached (connected route) or unreachable
        const hops = r.adj.filter((a) => dist[a.peer] === d - 1);
        const route: RouteSpec =
          hops.length > 1 && !routing.singlePath
            ? { type: 'unicast', dst: p.dst, nexthops: hops.map((h) => ({ via: h.gateway })) }
            : { type: 'unicast', dst: p.dst, via: hops[0]!.gateway };
        r.node.routes.push(route);
      }
    }
    for (const r of this.routers) {
      if (!r.node.routes.some((x) => x.nexthops)) continue;
      r.node.multipathHashPolicy = 1;
      r.node.multipathHashSeed = FABRIC_HASH_SEED;
    }
  }

  router(name: string): RouterInfo {
    return this.byName.get(name)!;
  }

  topology(name: string): Topology {
    return { name, nodes: this.nodes, links: this.links, scenario: [] };
  }
}

/** Lays out one rack (bridge then hosts in a grid) starting at x; returns the rack's width. */
function placeRack(nodes: Map<string, TopoNode>, bridge: string, hosts: string[], x: number, yBridge: number): number {
  const cols = Math.min(HOST_COLS, Math.max(1, hosts.length));
  const width = cols * HOST_W;
  nodes.get(bridge)!.position = { x: x + width / 2, y: yBridge };
  // A bridge's card has no interface lines (its ports are on the links).
  const yHosts = yBridge + cardHeight(0) + ROW_GAP;
  hosts.forEach((h, j) => {
    nodes.get(h)!.position = { x: x + (j % cols) * HOST_W + HOST_W / 2, y: yHosts + Math.floor(j / cols) * HOST_ROW_H };
  });
  return width;
}

/** Spreads a row of nodes evenly over [x0, x1]. */
function placeRow(nodes: Map<string, TopoNode>, names: string[], x0: number, x1: number, y: number): void {
  const step = (x1 - x0) / names.length;
  names.forEach((n, i) => (nodes.get(n)!.position = { x: x0 + step * (i + 0.5), y }));
}

/**
 * A two-tier leaf–spine fabric: `spines` routers (spine1…) each linked to every one of `leaves`
 * rack routers (leaf1…); leaf K has a rack bridge swK with hosts hK-1…hK-H. Leaf uplinks are
 * eth1…ethS (eth1 to spine1), the rack port is eth(S+1); spine K's ethL goes to leaf L.
 */
export function leafSpine(opts: LeafSpineOptions): Topology {
  const { spines, leaves, hostsPerLeaf } = opts;
  checkCount('spines', spines, 1);
  checkCount('leaves', leaves, 1);
  checkCount('hostsPerLeaf', hostsPerLeaf, 1);
  const b = new FabricBuilder(rackPrefixLen(hostsPerLeaf));
  const spineR = Array.from({ length: spines }, (_, i) => b.addRouter(`spine${i + 1}`));
  const leafR = Array.from({ length: leaves }, (_, i) => b.addRouter(`leaf${i + 1}`));
  for (const l of leafR) for (const s of spineR) b.connect(l, s);
  leafR.forEach((l, i) => b.addRack(l, `sw${i + 1}`, `h${i + 1}-`, hostsPerLeaf));
  b.computeRoutes(opts);

  const t = b.topology(opts.name ?? `leaf-spine-${spines}-${leaves}-${hostsPerLeaf}`);
  const byName = new Map(t.nodes.map((n) => [n.name, n]));
  // Spines have one interface per leaf, leaves one per spine and one to their rack.
  const yLeaf = cardHeight(leaves) + ROW_GAP;
  const yRack = yLeaf + cardHeight(spines + 1) + ROW_GAP;
  let x = 0;
  for (let i = 1; i <= leaves; i++) {
    const hosts = Array.from({ length: hostsPerLeaf }, (_, j) => `h${i}-${j + 1}`);
    const w = placeRack(byName, `sw${i}`, hosts, x, yRack);
    byName.get(`leaf${i}`)!.position = { x: x + w / 2, y: yLeaf };
    x += w + RACK_GAP;
  }
  placeRow(byName, spineR.map((s) => s.node.name), 0, Math.max(x - RACK_GAP, HOST_W), 0);
  return t;
}

/**
 * A three-tier fabric: `cores` core routers (core1…), `pods` pods each with `aggPerPod`
 * aggregation routers (aggP-A) and `accessPerPod` access routers (accP-K), every core linked to
 * every aggregation router and every aggregation router to every access router of its pod.
 * Access router accP-K has the rack bridge swP-K with hosts hP-K-1…
 */
export function threeTier(opts: ThreeTierOptions): Topology {
  const { cores, pods, aggPerPod, accessPerPod, hostsPerAccess } = opts;
  checkCount('cores', cores, 1);
  checkCount('pods', pods, 1);
  checkCount('aggPerPod', aggPerPod, 1);
  checkCount('accessPerPod', accessPerPod, 1);
  checkCount('hostsPerAccess', hostsPerAccess, 1);
  const b = new FabricBuilder(rackPrefixLen(hostsPerAccess));
  const coreR = Array.from({ length: cores }, (_, i) => b.addRouter(`core${i + 1}`));
  const aggR = Array.from({ length: pods }, (_, p) => Array.from({ length: aggPerPod }, (_, a) => b.addRouter(`agg${p + 1}-${a + 1}`)));
  const accR = Array.from({ length: pods }, (_, p) => Array.from({ length: accessPerPod }, (_, k) => b.addRouter(`acc${p + 1}-${k + 1}`)));
  for (const pod of aggR) for (const a of pod) for (const c of coreR) b.connect(a, c);
  aggR.forEach((pod, p) => {
    for (const acc of accR[p]!) for (const a of pod) b.connect(acc, a);
  });
  accR.forEach((pod, p) => pod.forEach((acc, k) => b.addRack(acc, `sw${p + 1}-${k + 1}`, `h${p + 1}-${k + 1}-`, hostsPerAccess)));
  b.computeRoutes(opts);

  const t = b.topology(opts.name ?? `three-tier-${cores}-${pods}-${aggPerPod}-${accessPerPod}-${hostsPerAccess}`);
  const byName = new Map(t.nodes.map((n) => [n.name, n]));
  // Cores have one interface per aggregation router; aggregation routers one per core and one
  // per access router of their pod; access routers one per aggregation router and their rack's.
  const yAgg = cardHeight(pods * aggPerPod) + ROW_GAP;
  const yAcc = yAgg + cardHeight(cores + accessPerPod) + ROW_GAP;
  const yRack = yAcc + cardHeight(aggPerPod + 1) + ROW_GAP;
  let x = 0;
  for (let p = 1; p <= pods; p++) {
    const podX = x;
    for (let k = 1; k <= accessPerPod; k++) {
      const hosts = Array.from({ length: hostsPerAccess }, (_, j) => `h${p}-${k}-${j + 1}`);
      const w = placeRack(byName, `sw${p}-${k}`, hosts, x, yRack);
      byName.get(`acc${p}-${k}`)!.position = { x: x + w / 2, y: yAcc };
      x += w + RACK_GAP;
    }
    placeRow(byName, aggR[p - 1]!.map((a) => a.node.name), podX, x - RACK_GAP, yAgg);
    x += RACK_GAP;
  }
  placeRow(byName, coreR.map((c) => c.node.name), 0, Math.max(x - 2 * RACK_GAP, HOST_W), 0);
  return t;
}

/** The hosts of a generated fabric, rack by rack, in order. */
export function fabricHosts(t: Topology): LinuxNode[] {
  return t.nodes.filter((n): n is LinuxNode => n.kind === 'linux' && n.role === 'host');
}

/** The address of a fabric host (its only address). */
export function hostAddress(h: LinuxNode): Ipv4Addr {
  return h.ifaces[0]!.addrs[0]!.ip;
}

/** The fabric with a scenario: its first host pings its last one (as the app and the CLI offer it). */
export function withFirstToLastPing(t: Topology): Topology {
  const hosts = fabricHosts(t);
  const first = hosts[0];
  const last = hosts[hosts.length - 1];
  if (!first || !last) return t;
  return { ...t, scenario: [{ kind: 'run', on: first.name, run: `ping -c 1 -W 1 ${hostAddress(last)}` }] };
}

/** The first flow's source port: flow i of withFirstToLastFlows comes from FLOW_BASE_PORT + i. */
export const FLOW_BASE_PORT = 40000;

/**
 * The fabric with a scenario of `flows` flows from its first host to its last one: TCP connection
 * attempts to port 80 (closed: each is a SYN and a RST back), each from its own source port
 * (`nc -z -p PORT ADDR 80`), so that ECMP hashes each one to a path of its own.
 */
export function withFirstToLastFlows(t: Topology, flows: number): Topology {
  checkCount('flows', flows, 1);
  if (flows > MAX_FLOWS) throw new RangeError(`flows must be at most ${MAX_FLOWS} (got ${flows})`);
  const hosts = fabricHosts(t);
  const first = hosts[0];
  const last = hosts[hosts.length - 1];
  if (!first || !last) return t;
  const scenario = Array.from({ length: flows }, (_, i) => ({ kind: 'run' as const, on: first.name, run: `nc -z -p ${FLOW_BASE_PORT + i} ${hostAddress(last)} 80` }));
  return { ...t, scenario };
}
