// One Linux IPv4 stack (a network namespace): the state the kernel keeps for it (the FIB, the
// devices with their IPv4 settings, the neighbour table, route exceptions, inet_peer entries,
// ICMP's credit, sockets, netfilter) and the wiring between its parts. What the stack does is in
// the files named after the kernel's, as functions that take the stack: arp.ts, route.ts,
// ip-input.ts, forward.ts, ip-output.ts, icmp.ts, udp.ts, tcp*.ts, netfilter.ts; its interfaces
// are network devices (netdev.ts), tunnels among them (ipip.ts, gre.ts, vxlan.ts). Hosts, routers and NAT gateways are all this, with different
// settings.

import { isBroadcastMac, isGroupMac, isLimitedBroadcast, ZERO_MAC, type Ipv4Addr } from '../../wire/addr';
import { ETHERTYPE, ICMP, ICMP_UNREACH, type EthernetFrame } from '../../wire/types';
import type { Fib, FibRoute } from '../../tables/fib';
import { DEFAULT_NEIGH_PARAMS, NeighTable, type NeighParams } from '../../tables/neigh';
import type { LinuxNode, Tunnel } from '../../topology';
import type { Device, Network } from '../../sim/network';
import { US_PER_S, type Sim } from '../../sim/sim';
import type { PacketId } from '../../sim/trace';
import { compileFibForRun, type DevAddr } from '../config';
import { arpRcv, arpSolicit } from './arp';
import { ICMP_MSGS_BURST, icmpSend, type PingSocket } from './icmp';
import { ipLocalDeliver, ipRcv } from './ip-input';
import { neighXmit } from './ip-output';
import { netdevCreate, netifReceiveSkb, type NetDevice, type NetNs } from './netdev';
import { Netfilter } from './netfilter';
import { selectAddr, type RouteException } from './route';
import { kfreeSkb, type PktType, type Skb } from './skb';
import { carrierChanged } from './link-updown';
import type { TcpSock } from './tcp';
import type { UdpSocket } from './udp';
// The device types a node's interfaces are (each file registers itself with netdev.ts), and the
// protocols packets for this host are delivered to (each registers itself with protocol.ts).
import '../gre';
import '../ipip';
import '../loopback';
import '../veth';
import '../vxlan';
import '../vlan';
import { bridgeDevAttach } from '../bridge-dev';
import './icmp';
import './tcp-input';
import './udp';

/** The IPv4 settings of a device (net.ipv4.conf.DEV.*, net.ipv4.neigh.DEV.*). */
export interface DevConf {
  forwarding: boolean;
  proxyArp: boolean;
  sendRedirects: boolean;
  acceptRedirects: boolean;
  sharedMedia: boolean;
  neigh: NeighParams;
}

/** The IPv4 side of a device (in_device): its addresses and settings. */
export interface InDevice {
  addrs: DevAddr[];
  conf: DevConf;
  reachableTimeUs: number;
}

/** A device of the stack with its IPv4 side. */
export type NetDev = NetDevice & InDevice;

/** inet_peer: per remote address state for ICMP rate limits and redirect backoff. */
export interface Peer {
  rateTokens: number;
  rateLast: number;
  nRedirects: number;
}

const MS = 1000;

export class LinuxStack implements Device, NetNs {
  readonly name: string;
  /** the node's compiled FIB, shared by every run of the node until a run changes it (then its own copy: link-updown.ts) */
  fib: Fib;
  readonly devs = new Map<string, NetDev>();
  readonly neigh: NeighTable<Skb>;
  /** fib_nh_exception: gateways learned from redirects, per route and destination */
  readonly exceptions = new Map<FibRoute, Map<Ipv4Addr, RouteException>>();
  /** inet_peer entries, per remote address */
  readonly peers = new Map<Ipv4Addr, Peer>();
  /** icmp_global: the namespace's ICMP credit and when it was last refilled */
  icmpCredit = ICMP_MSGS_BURST;
  icmpStamp = 0;
  readonly udpSockets: UdpSocket[] = [];
  readonly pingSockets: PingSocket[] = [];
  readonly tcpSocks: TcpSock[] = [];
  /** netfilter (conntrack and NAT), on nodes that have NAT rules */
  readonly nf: Netfilter | null;
  /** net.ipv4.icmp_echo_ignore_broadcasts */
  readonly icmpEchoIgnoreBroadcasts: boolean;
  /** net.ipv4.fib_multipath_hash_policy and _seed */
  readonly multipathPolicy: 0 | 1;
  readonly multipathSeed: number;
  /** an interface set down or up changed the routes (link-updown.ts): they are no longer the configuration's */
  routesChanged = false;

  constructor(
    node: LinuxNode,
    readonly sim: Sim,
    readonly net: Network,
  ) {
    this.name = node.name;
    this.icmpEchoIgnoreBroadcasts = node.icmpEchoIgnoreBroadcasts ?? true;
    this.multipathPolicy = node.multipathHashPolicy ?? 0;
    this.multipathSeed = node.multipathHashSeed ?? 0;
    const compiled = compileFibForRun(node);
    this.fib = compiled.fib;
    const all = node.all ?? {};
    const inDevice = (name: string, conf: LinuxNode['ifaces'][number]['conf']): InDevice => {
      const forwarding = conf?.forwarding ?? node.ipForward;
      const ar = conf?.acceptRedirects ?? true;
      const allAr = all.acceptRedirects ?? true;
      const neigh: NeighParams = { ...DEFAULT_NEIGH_PARAMS, proxyDelayUs: (conf?.proxyDelay ?? 80) * 10 * MS };
      return {
        addrs: compiled.addrs.filter((a) => a.dev === name),
        conf: {
          forwarding,
          proxyArp: (all.proxyArp ?? false) || (conf?.proxyArp ?? false),
          sendRedirects: (all.sendRedirects ?? true) || (conf?.sendRedirects ?? true),
          acceptRedirects: forwarding ? allAr && ar : allAr || ar,
          sharedMedia: true,
          neigh,
        },
        // neigh_rand_reach_time: base/2 + random(base)
        reachableTimeUs: neigh.baseReachableUs / 2 + sim.randomInt(neigh.baseReachableUs),
      };
    };
    // In ifindex order (devicesOf): lo, the tunnels' fallback devices, the veths, the tunnels added.
    const tunnels = node.tunnels ?? [];
    const addTunnel = (t: Tunnel) => {
      const dev = netdevCreate(this, t.kind, t.name, t.mac ?? ZERO_MAC, Object.assign(inDevice(t.name, t.conf), { tunnel: t }), t.kind === 'vlan' ? this.devs.get(t.dev!) : undefined);
      this.devs.set(t.name, dev);
    };
    this.devs.set('lo', netdevCreate(this, 'loopback', 'lo', ZERO_MAC, inDevice('lo', undefined)));
    for (const t of tunnels) if (t.fallback) addTunnel(t);
    for (const i of node.ifaces) this.devs.set(i.name, netdevCreate(this, 'veth', i.name, i.mac, inDevice(i.name, i.conf)));
    for (const t of tunnels) if (!t.fallback) addTunnel(t);
    // a bridge's ports join it once every device exists (a gretap or vxlan port may come after it)
    for (const t of tunnels) if (t.kind === 'bridge') bridgeDevAttach(this, this.devs.get(t.name)!, t, this.devs);
    this.nf = node.nat?.length ? new Netfilter({ sim, name: this.name, masqueradeAddr: (dev, nh) => selectAddr(this, dev, nh, 'global') }, node.nat) : null;
    this.neigh = new NeighTable<Skb>(sim, this.name, {
      solicit: (n, last, unicast, probe) => arpSolicit(this, n, last, unicast, probe),
      transmit: (n, skb) => neighXmit(this, n.dev, n.mac!, skb),
      errorReport: (n, skb) => {
        icmpSend(this, skb, ICMP.destUnreachable, ICMP_UNREACH.host, 'host-unreachable');
        kfreeSkb(this, skb.pkt, 'neigh-failed', n.dev, n.ip);
      },
      queueOverflow: (n, skb) => kfreeSkb(this, skb.pkt, 'neigh-queue-full', n.dev, n.ip),
      reachableTime: (dev) => this.devs.get(dev)!.reachableTimeUs,
      params: (dev) => this.devs.get(dev)!.conf.neigh,
    });
    // The entries `ip neigh add` made, as the exec lines ran before anything was sent.
    for (const e of node.neigh ?? []) if (this.devs.has(e.dev)) this.neigh.addStatic(e.dev, e.ip, e.mac, e.nud.toUpperCase() as 'PERMANENT');
  }

  /** The interface's carrier went or came back (link-updown.ts). */
  carrier(ifname: string, up: boolean): void {
    if (this.devs.has(ifname)) carrierChanged(this, ifname, up);
  }

  /** A frame from the wire of `ifname`. */
  receive(ifname: string, frame: EthernetFrame, pkt: PacketId): void {
    const dev = this.devs.get(ifname);
    if (dev) netifReceiveSkb(dev, frame, pkt);
  }

  /** The protocol handlers: ARP or IPv4, by the frame's ethertype (eth_type_trans, then arp_rcv or ip_rcv). */
  protocolRcv(netdev: NetDevice, frame: EthernetFrame, pkt: PacketId): void {
    // Every device of the stack was created by its constructor, with its IPv4 side.
    const dev = netdev as NetDev;
    const ifname = dev.name;
    const pktType: PktType =
      frame.dstMac === dev.mac ? 'host' : isBroadcastMac(frame.dstMac) ? 'broadcast' : isGroupMac(frame.dstMac) ? 'multicast' : 'otherhost';
    if (frame.vlans?.length) return kfreeSkb(this, pkt, 'unsupported', ifname, 'vlan-tag');
    const p = frame.payload;
    if (frame.ethertype === ETHERTYPE.arp && p.kind === 'arp') return arpRcv(this, dev, p, pktType, pkt);
    if (frame.ethertype === ETHERTYPE.ipv4 && p.kind === 'ipv4') {
      // Looped back: the packet still has the local route it was sent with (skb_dst), so
      // ip_rcv_finish makes no input lookup and delivers it, as a broadcast if the route was one.
      if (dev.ops.loopback) {
        const bcast = isLimitedBroadcast(p.dstIp) || this.fib.addrType(p.dstIp) === 'broadcast';
        return ipLocalDeliver(this, { pkt, ip: p, pktType: 'host', iif: ifname, localInput: true, ...(bcast ? { broadcastInput: true } : {}) }, ifname, bcast);
      }
      if (pktType === 'otherhost') return kfreeSkb(this, pkt, 'otherhost', ifname);
      return ipRcv(this, { pkt, ip: p, pktType, iif: ifname });
    }
    if (p.kind === 'stp') return kfreeSkb(this, pkt, 'no-llc-sap', ifname);
    kfreeSkb(this, pkt, 'unsupported', ifname, `ethertype 0x${frame.ethertype.toString(16).padStart(4, '0')}`);
  }
}

/** inet_getpeer: the state kept for a remote address, created on first use. */
export function inetGetPeer(stack: LinuxStack, ip: Ipv4Addr): Peer {
  let p = stack.peers.get(ip);
  if (!p) {
    p = { rateTokens: 0, rateLast: stack.sim.now - 60 * US_PER_S, nRedirects: 0 };
    stack.peers.set(ip, p);
  }
  return p;
}
