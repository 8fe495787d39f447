// The network document: nodes, their interfaces and configuration, links and a scenario.
// It is plain JSON. A `linux` node is one Linux network stack (a host, a server, a router or a
// NAT gateway differ only in configuration: ip_forward, routes, later NAT rules); a `bridge` node
// is a Linux bridge (a learning switch) whose ports are its interfaces. What a node is configured
// with is exactly what `ip addr add`, `ip route add`, `ip link set … address` and `sysctl -w`
// lines can express, so that a topology converts to and from a containerlab file.

import type { Ipv4Addr, MacAddr } from './wire/addr';

/**
 * How a node is drawn and what defaults it gets; the engine only distinguishes linux/bridge. An
 * L3 switch is a linux node with a VLAN-aware bridge device and VLAN devices on it holding the
 * gateways (edit/vlans.ts).
 */
export type Role = 'host' | 'server' | 'router' | 'nat' | 'switch' | 'l3switch';
export const ROLES = ['host', 'server', 'router', 'nat', 'switch', 'l3switch'] as const satisfies readonly Role[];

export interface Position {
  x: number;
  y: number;
}

/** An address on an interface, as in `ip addr add 10.0.1.10/24 dev eth1`. */
export interface IfAddr {
  ip: Ipv4Addr;
  len: number;
}

/**
 * Per-interface IPv4 settings (`net.ipv4.conf.DEV.*`, `net.ipv4.neigh.DEV.*`). Absent means
 * the kernel default. `forwarding` absent means "as net.ipv4.ip_forward".
 */
export interface IfaceConf {
  forwarding?: boolean;
  proxyArp?: boolean;
  sendRedirects?: boolean;
  acceptRedirects?: boolean;
  /** net.ipv4.neigh.DEV.proxy_delay, in 1/100 s (the sysctl's own unit); kernel default 80 */
  proxyDelay?: number;
}

/** `net.ipv4.conf.all.*` / `.default.*` (only the ones this model uses). */
export interface AllConf {
  proxyArp?: boolean;
  sendRedirects?: boolean;
  acceptRedirects?: boolean;
}

export interface Iface {
  name: string;
  mac: MacAddr;
  /** true when packetwalk chose the MAC (not set by the user or the file) */
  macAuto?: boolean;
  /** in the order they were added: the first one in a subnet is the primary */
  addrs: IfAddr[];
  conf?: IfaceConf;
  /** a bridge port's STP settings (`bridge link set dev P cost N priority N`); absent: Linux's defaults */
  stp?: PortStpConf;
}

/** `bridge link set dev P cost N priority N`: the port's path cost (veth default 2) and priority (default 32). */
export interface PortStpConf {
  cost?: number;
  priority?: number;
}

/**
 * A bridge's spanning tree settings, as `ip link set br0 type bridge stp_state 1 priority N
 * forward_delay N hello_time N max_age N` sets them (times in 1/100 s, as ip prints them).
 * Absent values are the kernel's defaults: priority 32768, forward_delay 1500, hello_time 200,
 * max_age 2000.
 */
export interface BridgeStpConf {
  /** stp_state 1 */
  enabled: boolean;
  priority?: number;
  forwardDelay?: number;
  helloTime?: number;
  maxAge?: number;
}

export type RouteType = 'unicast' | 'blackhole' | 'unreachable' | 'prohibit';
export type RouteScope = 'global' | 'link' | 'host';

/** One path of a multipath route: `nexthop via A [dev D] [onlink] [weight W]`. */
export interface NexthopSpec {
  via?: Ipv4Addr;
  dev?: string;
  onlink?: boolean;
  /** 1 to 256; absent is 1 */
  weight?: number;
}

/** A route as written with `ip route add` (main table). */
export interface RouteSpec {
  type: RouteType;
  /** destination network; 0.0.0.0/0 is `default` */
  dst: IfAddr;
  via?: Ipv4Addr;
  dev?: string;
  onlink?: boolean;
  /** absent: as `ip route add` chooses (link for a dev-only unicast route, else global) */
  scope?: RouteScope;
  metric?: number;
  src?: Ipv4Addr;
  /** a multipath route's paths, two or more (then `via`, `dev` and `onlink` are absent) */
  nexthops?: NexthopSpec[];
  /** `proto NAME|NUMBER` (rtm_protocol) as written: bird, static, 12…; absent: boot */
  proto?: string;
}

/**
 * One rule of the iptables `nat` table, as `iptables -t nat -A CHAIN [matches] -j TARGET`:
 * PREROUTING rules rewrite destinations (DNAT), POSTROUTING rules sources (SNAT, MASQUERADE).
 */
export interface NatRule {
  chain: 'PREROUTING' | 'POSTROUTING';
  target: 'MASQUERADE' | 'SNAT' | 'DNAT';
  /** -i (PREROUTING) */
  in?: string;
  /** -o (POSTROUTING) */
  out?: string;
  /** -s */
  src?: IfAddr;
  /** -d */
  dst?: IfAddr;
  /** -p */
  proto?: 'udp' | 'tcp' | 'icmp';
  /** --sport (needs -p udp|tcp) */
  sport?: number;
  /** --dport (needs -p udp|tcp) */
  dport?: number;
  /** SNAT --to-source / DNAT --to-destination address */
  toAddr?: Ipv4Addr;
  /** … and port (DNAT ADDR:PORT, SNAT ADDR:PORT), the first of a range ADDR:PORT-PORT */
  toPort?: number;
  /** the last port of a range (absent: the range is toPort alone) */
  toPortMax?: number;
}

/** A neighbour's NUD state as `ip neigh add … nud STATE` sets it (`permanent` when none is given). */
export type StaticNud = 'permanent' | 'noarp' | 'reachable' | 'stale';

/**
 * A neighbour entry made by hand: `ip neigh add|replace ADDR lladdr MAC dev DEV nud STATE`. A
 * permanent or noarp entry is never probed nor changed by ARP; a reachable or stale one is an
 * ordinary entry to start with (it ages, is confirmed or probed like a learned one).
 */
export interface StaticNeigh {
  ip: Ipv4Addr;
  dev: string;
  mac: MacAddr;
  nud: StaticNud;
}

/**
 * The device types `ip link add NAME type KIND` creates (devices/ipip.ts, gre.ts, vxlan.ts,
 * vlan.ts, bridge-dev.ts): tunnels, overlays, 802.1Q VLAN devices stacked on another interface,
 * and a bridge whose ports are the node's interfaces (what makes a node an L3 switch).
 */
export type TunnelKind = 'ipip' | 'gre' | 'gretap' | 'vxlan' | 'vlan' | 'bridge';
export const TUNNEL_KINDS = ['ipip', 'gre', 'gretap', 'vxlan', 'vlan', 'bridge'] as const satisfies readonly TunnelKind[];

/**
 * A tunnel device: `ip link add NAME type ipip|gre|gretap [local A] [remote B] [ttl N|inherit]
 * [key K] [dev D]` or `type vxlan id VNI [dstport P] [local A] [remote B] [dev D] [nolearning]`,
 * then `ip link set NAME up`, `ip addr add … dev NAME`. The fallback device of ipip, tunl0, is
 * there in every namespace once the module is loaded (`fallback`): remote any, its outer
 * destination is the route's gateway. A VLAN device is `ip link add link DEV name NAME type vlan
 * id N`: `dev` is its real device, whose MAC it has. A bridge is `ip link add NAME type bridge
 * [vlan_filtering 1]`, its ports joined with `ip link set PORT master NAME`, their VLANs and its
 * own (`self`) set with `bridge vlan add|del`.
 */
export interface Tunnel {
  name: string;
  kind: TunnelKind;
  local?: Ipv4Addr;
  remote?: Ipv4Addr;
  /** the outer TTL; absent: inherit (the inner packet's TTL; 64 for what is not IPv4) */
  ttl?: number;
  /** GRE key (ikey = okey) */
  key?: number;
  /** VXLAN network identifier */
  vni?: number;
  /** VLAN: the 802.1Q VID it tags with and receives */
  vlanId?: number;
  /** bridge: its ports (interfaces of the node), in the order they joined */
  ports?: string[];
  /** bridge: vlan_filtering 1 */
  vlanFiltering?: boolean;
  /** bridge: the VLANs of its ports and its own, as on a bridge node (absent: VLAN 1 pvid untagged) */
  vlans?: Record<string, BridgeVlan[]>;
  /** VXLAN UDP port (default 4789 when written by packetwalk; iproute2 warns without one) */
  dstport?: number;
  /** the underlying device (the tunnel's link; a VLAN device's real device) */
  dev?: string;
  /** VXLAN: do not learn remote MACs from received frames */
  nolearning?: boolean;
  /** VXLAN: `bridge fdb append 00:00:00:00:00:00 dev NAME dst IP` entries, in order */
  flood?: Ipv4Addr[];
  /** an Ethernet tunnel's MAC (gretap, vxlan) */
  mac?: MacAddr;
  /** true when packetwalk chose the MAC */
  macAuto?: boolean;
  addrs: IfAddr[];
  conf?: IfaceConf;
  /** `ip link set NAME up` was run */
  up?: boolean;
  /** the type's fallback device (tunl0), created with the namespace: before the veths in ifindex order */
  fallback?: boolean;
}

export interface LinuxNode {
  kind: 'linux';
  name: string;
  role: Exclude<Role, 'switch'>;
  /** interfaces other than lo, in creation (ifindex) order */
  ifaces: Iface[];
  /** addresses on lo besides 127.0.0.1/8 */
  loAddrs: IfAddr[];
  routes: RouteSpec[];
  /** net.ipv4.ip_forward */
  ipForward: boolean;
  /** net.ipv4.conf.all.* */
  all?: AllConf;
  /** net.ipv4.fib_multipath_hash_policy: 0 (addresses, the default) or 1 (addresses and ports) */
  multipathHashPolicy?: 0 | 1;
  /** net.ipv4.fib_multipath_hash_seed (absent or 0: a random value per boot, one per simulation here) */
  multipathHashSeed?: number;
  /** net.ipv4.icmp_echo_ignore_broadcasts (the kernel's default, true, when absent) */
  icmpEchoIgnoreBroadcasts?: boolean;
  /** iptables nat table rules, in order (a node with rules tracks connections) */
  nat?: NatRule[];
  /** neighbour entries made by hand (`ip neigh add`), in the order they were added */
  neigh?: StaticNeigh[];
  /** tunnel and overlay devices, in creation order */
  tunnels?: Tunnel[];
  position?: Position;
}

/**
 * A VLAN of a bridge port, or of the bridge device itself (`self`), as `bridge vlan add dev DEV
 * vid N [pvid] [untagged]` makes it (net/bridge/br_vlan.c): `pvid` is the VLAN untagged frames
 * arriving on the port belong to (one per port), `untagged` sends the VLAN's frames out of the
 * port without their tag.
 */
export interface BridgeVlan {
  vid: number;
  pvid?: boolean;
  untagged?: boolean;
}

/** The name of a bridge node's bridge device, as the oracle creates it. */
export const BRIDGE_DEV = 'br0';

export interface BridgeNode {
  kind: 'bridge';
  name: string;
  role: 'switch';
  /** bridge ports, in creation order */
  ifaces: Iface[];
  /** the spanning tree (absent: STP off, as on a new Linux bridge) */
  stp?: BridgeStpConf;
  /** `ip link set br0 type bridge vlan_filtering 1`: VLANs are enforced (off by default) */
  vlanFiltering?: boolean;
  /**
   * The VLANs of each port (and of br0, `self`) after `bridge vlan add|del`, in the order the
   * kernel lists them (by vid). A device not here has only the default VLAN: 1, pvid untagged,
   * which Linux gives every port when it joins and the bridge itself (default_pvid).
   */
  vlans?: Record<string, BridgeVlan[]>;
  position?: Position;
}

export type TopoNode = LinuxNode | BridgeNode;

export interface Endpoint {
  node: string;
  iface: string;
}

export interface Link {
  a: Endpoint;
  b: Endpoint;
}

/** One scenario step, as in the oracle's `scenario:` list. */
export type ScenarioStep =
  | { kind: 'run'; on: string; run: string; background?: boolean; timeout?: number }
  | { kind: 'sleep'; seconds: number };

export interface Topology {
  name: string;
  nodes: TopoNode[];
  links: Link[];
  scenario: ScenarioStep[];
}

/** Label of a link endpoint as the oracle writes it: "node:iface". */
export const endpointLabel = (e: Endpoint): string => `${e.node}:${e.iface}`;
/** Key of a link as the oracle writes it: "a--b" in file order. */
export const linkKey = (l: Link): string => `${endpointLabel(l.a)}--${endpointLabel(l.b)}`;

export function findNode(t: Topology, name: string): TopoNode | undefined {
  return t.nodes.find((n) => n.name === name);
}
