// What the IPv4 tunnels share (net/ipv4/ip_tunnel.c, ip_tunnel_core.c): the tunnel's MTU
// (ip_tunnel_bind_dev), sending a packet inside a new outer IPv4 header (ip_tunnel_xmit →
// iptunnel_xmit: the outer destination, its route and source, TTL, DF, the path MTU check),
// finding the tunnel a received packet belongs to (ip_tunnel_lookup) and receiving the inner
// packet on it (ip_tunnel_rcv). ipip.ts, gre.ts and vxlan.ts are the device types.

import { ZERO_IP, ZERO_MAC, type Ipv4Addr } from '../wire/addr';
import { ETHERTYPE, ICMP, ICMP_UNREACH, type EthernetFrame, type Ipv4Packet } from '../wire/types';
import { buildIpv4 } from '../wire/ipv4';
import { encodedIpv4Length } from '../wire/codec';
import type { Tunnel } from '../topology';
import { tunnelMtu } from './tunnel-params';
import type { PacketId, TraceEventBody } from '../sim/trace';
import { icmpSend, ipIdent } from './linux/icmp';
import { ipLocalOut } from './linux/ip-output';
import { netifReceiveSkb } from './linux/netdev';
import { routeOutput } from './linux/route';
import { kfreeSkb } from './linux/skb';
import type { LinuxStack, NetDev } from './linux/stack';

/** A tunnel device of a stack: its IPv4 side and its parameters. */
export type TunnelDev = NetDev & { readonly tunnel: Tunnel };

/** INET_ECN_encapsulate: the outer header carries the inner ECN bits, a CE mark as ECT(0). */
const ecnEncap = (inner: number): number => (inner === 3 ? 2 : inner);

/** The stack a tunnel device belongs to (every tunnel is a Linux stack's). */
export const stackOf = (dev: TunnelDev): LinuxStack => dev.ns as LinuxStack;

export interface TunnelXmit {
  /** the inner IPv4 packet (ipip, gre), absent for an Ethernet frame (gretap, vxlan) */
  innerIp: Ipv4Packet | undefined;
  /** the outer destination and where it came from */
  dst: Ipv4Addr;
  why: Extract<TraceEventBody, { kind: 'tunnel.encap' }>['why'];
  protocol: number;
  /** the outer packet's payload for its source and destination */
  payload: (src: Ipv4Addr, dst: Ipv4Addr) => Ipv4Packet['payload'];
  /** the outer TTL when the device has none: the inner packet's (ipip, gre) or the route's hop limit */
  ttl: number;
  /** the outer DF bit */
  df: boolean;
  /** the whole carried packet's length (tunnel header excluded), for the path MTU check */
  size: number;
  /** trace details: VXLAN's ports and VNI, GRE's key */
  extra?: { sport?: number; dport?: number; vni?: number; key?: number };
  /** the device the outer route must leave by (the tunnel's `dev`: parms.link, a VXLAN destination's remote_ifindex) */
  oif?: string;
}

/**
 * ip_tunnel_xmit → iptunnel_xmit: the outer route (its source when the device has no `local`;
 * out of the device's `dev` only, when it has one: ip_tunnel_init_flow's parms.link),
 * a tunnel looping into itself refused, the path MTU check (tnl_update_pmtu: a DF packet too big
 * for the tunnel gets ICMP fragmentation needed with the MTU left, from here), then the outer
 * packet out through ip_local_out like any packet this host sends.
 */
export function ipTunnelXmit(dev: TunnelDev, pkt: PacketId, x: TunnelXmit): void {
  const stack = stackOf(dev);
  const t = dev.tunnel;
  const rt = routeOutput(stack, x.dst, { ...(t.local ? { src: t.local } : {}), ...(x.oif !== undefined ? { oif: x.oif } : {}), pkt });
  if (rt.kind !== 'ok') return kfreeSkb(stack, pkt, 'tunnel-no-route', dev.name, x.dst);
  if (rt.dev === dev.name) return kfreeSkb(stack, pkt, 'tunnel-loop', dev.name, x.dst);
  if (x.innerIp?.flags.df) {
    // What the underlying device takes less the headers, which is the tunnel device's own MTU
    // here (every underlying device is a 1500-byte veth).
    const mtu = tunnelMtu(t);
    if (x.size > mtu) {
      icmpSend(stack, { pkt, ip: x.innerIp, pktType: 'host', iif: dev.name }, ICMP.destUnreachable, ICMP_UNREACH.fragNeeded, 'frag-needed', { rest: mtu });
      return kfreeSkb(stack, pkt, 'frag-needed', dev.name, String(mtu));
    }
  }
  const ttl = t.ttl ?? x.ttl;
  const outer = buildIpv4({
    srcIp: rt.src,
    dstIp: x.dst,
    protocol: x.protocol,
    ttl,
    identification: ipIdent(stack),
    df: x.df,
    ecn: ecnEncap(x.innerIp?.ecn ?? 0),
    payload: x.payload(rt.src, x.dst),
  });
  stack.sim.emit({
    kind: 'tunnel.encap',
    node: stack.name,
    pkt,
    dev: dev.name,
    type: t.kind,
    outer: { src: outer.srcIp, dst: outer.dstIp, protocol: x.protocol, ttl, df: x.df, ...(x.extra?.sport !== undefined ? { sport: x.extra.sport, dport: x.extra.dport! } : {}) },
    why: x.why,
    ...(x.extra?.vni !== undefined ? { vni: x.extra.vni } : {}),
    ...(x.extra?.key !== undefined ? { key: x.extra.key } : {}),
  });
  ipLocalOut(stack, { pkt, ip: outer, pktType: 'host' }, rt);
}

/**
 * ip_tunnel_xmit for an IP tunnel (ipip, gre) carrying an IPv4 packet: the device's remote, or
 * for one with remote any (tunl0, an NBMA tunnel) the gateway of the route that sent the packet
 * into it; the TTL inherited from the inner packet unless the device has one; DF when the device
 * does path MTU discovery (every `ip link add` tunnel; not the fallback device) or the inner
 * packet has it.
 */
export function ipTunnelXmitIp(dev: TunnelDev, frame: EthernetFrame, pkt: PacketId, nexthop: Ipv4Addr | undefined, protocol: number, payload: (inner: Ipv4Packet) => Ipv4Packet['payload'], key?: number): void {
  const stack = stackOf(dev);
  const t = dev.tunnel;
  const inner = frame.payload;
  if (inner.kind !== 'ipv4') return kfreeSkb(stack, pkt, 'unsupported', dev.name, 'not IPv4');
  // rt_nexthop: the route's gateway, or the destination itself on a route without one.
  const dst = t.remote ?? nexthop;
  if (dst === undefined || dst === ZERO_IP) return kfreeSkb(stack, pkt, 'tunnel-no-remote', dev.name);
  const pmtudisc = !t.fallback;
  ipTunnelXmit(dev, pkt, {
    innerIp: inner,
    dst,
    why: t.remote ? 'remote' : 'route-gateway',
    protocol,
    payload: () => payload(inner),
    ttl: inner.ttl,
    df: pmtudisc || inner.flags.df,
    size: encodedIpv4Length(inner),
    ...(key !== undefined ? { extra: { key } } : {}),
    ...(t.dev !== undefined ? { oif: t.dev } : {}),
  });
}

/**
 * ip_tunnel_lookup: the tunnel of `kinds` a packet from `remote` to `local` (with `key`) belongs
 * to: both ends matching, then the remote with any local, then the local with any remote, then
 * (for a keyed packet) a keyed tunnel with neither, and last the type's fallback device. Only
 * devices that are up take packets.
 */
export function ipTunnelLookup(stack: LinuxStack, kinds: readonly Tunnel['kind'][], remote: Ipv4Addr, local: Ipv4Addr, key: number | undefined): TunnelDev | undefined {
  const tunnels: TunnelDev[] = [];
  for (const d of stack.devs.values()) {
    const t = (d as Partial<TunnelDev>).tunnel;
    if (t && kinds.includes(t.kind) && t.up && t.key === key) tunnels.push(d as TunnelDev);
  }
  const eq = (a: Ipv4Addr | undefined, b: Ipv4Addr | undefined) => (a ?? ZERO_IP) === (b ?? ZERO_IP);
  return (
    tunnels.find((d) => !d.tunnel.fallback && eq(d.tunnel.local, local) && eq(d.tunnel.remote, remote)) ??
    tunnels.find((d) => !d.tunnel.fallback && !d.tunnel.local && eq(d.tunnel.remote, remote)) ??
    tunnels.find((d) => !d.tunnel.fallback && eq(d.tunnel.local, local) && !d.tunnel.remote) ??
    tunnels.find((d) => !d.tunnel.fallback && key !== undefined && !d.tunnel.local && !d.tunnel.remote) ??
    tunnels.find((d) => d.tunnel.fallback)
  );
}

/**
 * ip_tunnel_rcv: the inner packet (an IPv4 packet, or the Ethernet frame of gretap and VXLAN) is
 * received again on the tunnel device, as if it had arrived there (gro_cells_receive →
 * netif_receive_skb): routed, delivered, or claimed by a bridge the device is a port of.
 */
export function ipTunnelRcv(dev: TunnelDev, outer: Ipv4Packet, inner: Ipv4Packet | EthernetFrame, pkt: PacketId, extra: { vni?: number; key?: number; learned?: EthernetFrame['srcMac'] } = {}): void {
  const stack = stackOf(dev);
  stack.sim.emit({
    kind: 'tunnel.decap',
    node: stack.name,
    pkt,
    dev: dev.name,
    type: dev.tunnel.kind,
    outer: { src: outer.srcIp, dst: outer.dstIp, protocol: outer.protocol },
    ...(extra.vni !== undefined ? { vni: extra.vni } : {}),
    ...(extra.key !== undefined ? { key: extra.key } : {}),
    ...(extra.learned !== undefined ? { learned: extra.learned } : {}),
  });
  const frame: EthernetFrame = 'kind' in inner ? { dstMac: dev.mac, srcMac: ZERO_MAC, ethertype: ETHERTYPE.ipv4, payload: inner } : inner;
  netifReceiveSkb(dev, frame, pkt);
}

/** tunnel4_rcv / gre_rcv when no tunnel takes the packet: ICMP port unreachable, and it is dropped. */
export function tunnelReject(stack: LinuxStack, skb: Parameters<typeof icmpSend>[1], detail: string): void {
  icmpSend(stack, skb, ICMP.destUnreachable, ICMP_UNREACH.port, 'port-unreachable');
  kfreeSkb(stack, skb.pkt, 'tunnel-no-device', skb.iif, detail);
}
