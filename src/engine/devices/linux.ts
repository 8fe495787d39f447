// One Linux IPv4 stack (a network namespace): ARP (net/ipv4/arp.c), input routing and
// forwarding (route.c ip_route_input_slow, ip_forward.c), local output (ip_route_output, neighbour
// output), ICMP (icmp.c: echo, errors with their rate limits, redirects sent and accepted) and
// UDP/ICMP sockets for the scenario's processes. Hosts, routers and NAT gateways are all this,
// with different settings. Function names follow the kernel's where they do the same job.

import {
  BROADCAST_MAC,
  ZERO_MAC,
  inPrefix,
  isBroadcastMac,
  isGroupMac,
  isLimitedBroadcast,
  isLoopback,
  isMulticast,
  isZeronet,
  ZERO_IP,
  type Ipv4Addr,
  type MacAddr,
} from '../wire/addr';
import { ARPOP, ETHERTYPE, ICMP, ICMP_UNREACH, IPPROTO, type ArpPacket, type EthernetFrame, type IcmpMessage, type Ipv4Packet, type UdpDatagram } from '../wire/types';
import { buildArp } from '../wire/arp';
import { buildIpv4, ipDecreaseTtl, ipv4HeaderChecksum } from '../wire/ipv4';
import { buildIcmpEcho, buildIcmpError, icmpChecksum } from '../wire/icmp';
import { buildUdp, udpChecksum } from '../wire/udp';
import type { Fib} from '../tables/fib';
import { SCOPE_VALUE, type FibLookup, type FibRoute, type Scope } from '../tables/fib';
import { DEFAULT_NEIGH_PARAMS, NeighTable, type NeighEntry, type NeighParams } from '../tables/neigh';
import { compileFibForRun, type DevAddr } from './config';
import { Netfilter, type CtInfo } from './nat';
import { Tcp } from './tcp';
import { tcpChecksum } from '../wire/tcp';
import { ctView, type ConntrackView } from '../tables/conntrack';
import type { LinuxNode } from '../topology';
import { LINK_DELAY_US, type Device, type Network } from '../sim/network';
import { US_PER_S, type Sim } from '../sim/sim';
import type { DropReason, IcmpReason, PacketId, RouteCandidate, RouteError, TraceEventBody } from '../sim/trace';

/** How a frame was addressed at L2 (skb->pkt_type). */
export type PktType = 'host' | 'broadcast' | 'multicast' | 'otherhost';

/** A packet inside the stack (the parts of an sk_buff this model needs). */
export interface Skb {
  pkt: PacketId;
  ip: Ipv4Packet;
  /** how it arrived at L2 ('host' for locally generated packets) */
  pktType: PktType;
  /** ingress device of a received packet */
  iif?: string;
  /** the packet was addressed to this host (input route RTCF_LOCAL) */
  localInput?: boolean;
  /** the input route was a broadcast one */
  broadcastInput?: boolean;
  /** what connection tracking decided (nodes with NAT rules) */
  ct?: CtInfo;
}

export interface DevConf {
  forwarding: boolean;
  proxyArp: boolean;
  sendRedirects: boolean;
  acceptRedirects: boolean;
  sharedMedia: boolean;
  neigh: NeighParams;
}

interface NetDev {
  name: string;
  mac: MacAddr;
  addrs: DevAddr[];
  conf: DevConf;
  reachableTimeUs: number;
}

/** inet_peer: per remote address state for ICMP rate limits and redirect backoff. */
interface Peer {
  rateTokens: number;
  rateLast: number;
  nRedirects: number;
}

/** A route exception (fib_nh_exception) learned from an ICMP redirect. */
interface RouteException {
  gateway: Ipv4Addr;
  expires: number;
}

export type OutputRoute =
  | {
      kind: 'ok';
      route: FibRoute;
      /** 'local' (to ourselves, over lo), 'unicast' or 'broadcast' */
      type: 'local' | 'unicast' | 'broadcast';
      dev: string;
      src: Ipv4Addr;
      nexthop: Ipv4Addr;
      /** gateway from a redirect exception */
      viaException?: Ipv4Addr;
      exceptionExpires?: number;
    }
  | { kind: 'error'; error: RouteError };

export interface UdpSocket {
  readonly label: string;
  localIp?: Ipv4Addr;
  localPort: number;
  remoteIp?: Ipv4Addr;
  remotePort?: number;
  /** IP identification counter of a connected socket (inet_id) */
  inetId: number;
  closed: boolean;
  onDatagram(data: string, from: Ipv4Addr, fromPort: number, skb: Skb): void;
  onError(err: 'ECONNREFUSED' | 'EHOSTUNREACH' | 'ENETUNREACH' | 'EACCES' | 'EPROTO', icmp: IcmpMessage, from: Ipv4Addr, skb: Skb): void;
}

export interface PingSocket {
  readonly label: string;
  ident: number;
  closed: boolean;
  /** every ICMP message delivered to the host (a raw socket sees them all) */
  onIcmp(icmp: IcmpMessage, ip: Ipv4Packet, skb: Skb): void;
}

const MS = 1000;
/** ICMP types limited by net.ipv4.icmp_ratemask (6168: dest unreachable, source quench, time exceeded, parameter problem). */
const RATEMASK = new Set([3, 4, 11, 12]);
const ERROR_TYPES = new Set([3, 4, 5, 11, 12]);
const ICMP_RATELIMIT_US = 1000 * MS;
const XRLIM_BURST_FACTOR = 6;
const IP_RT_ERROR_COST_US = 1000 * MS;
const IP_RT_ERROR_BURST_US = 5000 * MS;
const REDIRECT_LOAD_US = 20 * MS;
const REDIRECT_NUMBER = 9;
const REDIRECT_SILENCE_US = REDIRECT_LOAD_US << (REDIRECT_NUMBER + 1);
const RT_GC_TIMEOUT_US = 300 * US_PER_S;
const ICMP_MSGS_PER_SEC = 1000;
const ICMP_MSGS_BURST = 50;
export const DEFAULT_TTL = 64;

export class LinuxStack implements Device {
  readonly name: string;
  readonly fib: Fib;
  readonly devs = new Map<string, NetDev>();
  readonly neigh: NeighTable<Skb>;
  private readonly exceptions = new Map<FibRoute, Map<Ipv4Addr, RouteException>>();
  private readonly peers = new Map<Ipv4Addr, Peer>();
  private icmpCredit = ICMP_MSGS_BURST;
  private icmpStamp = 0;
  readonly udpSockets: UdpSocket[] = [];
  readonly pingSockets: PingSocket[] = [];
  /** netfilter (conntrack and NAT), on nodes that have NAT rules */
  readonly nf: Netfilter | null;
  readonly tcp: Tcp;

  constructor(
    node: LinuxNode,
    readonly sim: Sim,
    private readonly net: Network,
  ) {
    this.name = node.name;
    const compiled = compileFibForRun(node);
    this.fib = compiled.fib;
    const all = node.all ?? {};
    const mk = (name: string, mac: MacAddr, conf: LinuxNode['ifaces'][number]['conf']): NetDev => {
      const forwarding = conf?.forwarding ?? node.ipForward;
      const ar = conf?.acceptRedirects ?? true;
      const allAr = all.acceptRedirects ?? true;
      const neigh: NeighParams = { ...DEFAULT_NEIGH_PARAMS, proxyDelayUs: (conf?.proxyDelay ?? 80) * 10 * MS };
      return {
        name,
        mac,
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
    this.devs.set('lo', mk('lo', ZERO_MAC, undefined));
    for (const i of node.ifaces) this.devs.set(i.name, mk(i.name, i.mac, i.conf));
    this.nf = node.nat?.length
      ? new Netfilter({ sim, name: this.name, masqueradeAddr: (dev, nh) => this.selectAddr(dev, nh, 'global') }, node.nat)
      : null;
    this.tcp = new Tcp({
      sim,
      name: this.name,
      routeOutput: (dst, opts) => this.routeOutput(dst, opts),
      ipLocalOut: (skb, rt, process) => this.ipLocalOut(skb, rt, process),
      drop: (pkt, reason, iface, detail) => this.drop(pkt, reason, iface, detail),
    });
    this.neigh = new NeighTable<Skb>(sim, this.name, {
      solicit: (n, last, unicast, probe) => this.arpSolicit(n, last, unicast, probe),
      transmit: (n, skb) => this.xmitIp(n.dev, n.mac!, skb),
      errorReport: (n, skb) => {
        this.icmpSend(skb, ICMP.destUnreachable, ICMP_UNREACH.host, 'host-unreachable');
        this.drop(skb.pkt, 'neigh-failed', n.dev, n.ip);
      },
      queueOverflow: (n, skb) => this.drop(skb.pkt, 'neigh-queue-full', n.dev, n.ip),
      reachableTime: (dev) => this.devs.get(dev)!.reachableTimeUs,
      params: (dev) => this.devs.get(dev)!.conf.neigh,
    });
  }

  // ---------------------------------------------------------------------------------------------
  // helpers

  private drop(pkt: PacketId, reason: DropReason, iface?: string, detail?: string): void {
    this.sim.emit({ kind: 'drop', node: this.name, pkt, reason, ...(iface ? { iface } : {}), ...(detail ? { detail } : {}) });
  }

  isLocalAddr(ip: Ipv4Addr): boolean {
    return this.fib.addrType(ip) === 'local';
  }

  /** inet_select_addr(dev, dst, scope): the source address a device offers for a destination. */
  selectAddr(dev: string, dst: Ipv4Addr | undefined, scope: Scope): Ipv4Addr {
    const d = this.devs.get(dev);
    const limit = SCOPE_VALUE[scope];
    let addr: Ipv4Addr | undefined;
    for (const a of d?.addrs ?? []) {
      if (!a.primary) continue;
      if (SCOPE_VALUE[a.scope] > limit) continue;
      if (!dst || inPrefix(dst, a.ip, a.len)) return a.ip;
      addr ??= a.ip;
    }
    if (addr) return addr;
    // Any other device's primary address that is not link-scoped (lo comes first).
    for (const other of this.devs.values()) {
      for (const a of other.addrs) {
        if (a.primary && SCOPE_VALUE[a.scope] <= limit && a.scope !== 'link') return a.ip;
      }
    }
    return ZERO_IP;
  }

  private peer(ip: Ipv4Addr): Peer {
    let p = this.peers.get(ip);
    if (!p) {
      p = { rateTokens: 0, rateLast: this.sim.now - 60 * US_PER_S, nRedirects: 0 };
      this.peers.set(ip, p);
    }
    return p;
  }

  private ipIdent(): number {
    return this.sim.randomInt(0x10000);
  }

  private candidates(r: FibLookup): RouteCandidate[] {
    return r.candidates.map((c) => ({ route: c.route, chosen: !c.skipped, ...(c.skipped ? { skipped: c.skipped } : {}) }));
  }

  // ---------------------------------------------------------------------------------------------
  // receive

  receive(ifname: string, frame: EthernetFrame, pkt: PacketId): void {
    const dev = this.devs.get(ifname);
    if (!dev) return;
    const pktType: PktType =
      frame.dstMac === dev.mac ? 'host' : isBroadcastMac(frame.dstMac) ? 'broadcast' : isGroupMac(frame.dstMac) ? 'multicast' : 'otherhost';
    if (frame.vlans?.length) return this.drop(pkt, 'unsupported', ifname, 'vlan-tag');
    const p = frame.payload;
    if (frame.ethertype === ETHERTYPE.arp && p.kind === 'arp') return this.arpRcv(dev, p, pktType, pkt);
    if (frame.ethertype === ETHERTYPE.ipv4 && p.kind === 'ipv4') {
      if (pktType === 'otherhost') return this.drop(pkt, 'otherhost', ifname);
      return this.ipRcv({ pkt, ip: p, pktType, iif: ifname });
    }
    this.drop(pkt, 'unsupported', ifname, `ethertype 0x${frame.ethertype.toString(16).padStart(4, '0')}`);
  }

  // ---------------------------------------------------------------------------------------------
  // ARP (arp_rcv / arp_process)

  private arpRcv(dev: NetDev, arp: ArpPacket, pktType: PktType, pkt: PacketId): void {
    if (pktType === 'otherhost') return this.drop(pkt, 'otherhost', dev.name);
    if (arp.htype !== 1 || arp.ptype !== ETHERTYPE.ipv4 || arp.hlen !== 6 || arp.plen !== 4) {
      return this.drop(pkt, 'unsupported', dev.name, 'arp-format');
    }
    if (arp.op !== ARPOP.request && arp.op !== ARPOP.reply) return this.drop(pkt, 'unsupported', dev.name, `arp-op ${arp.op}`);
    const { senderIp: sip, targetIp: tip, senderMac: sha } = arp;
    if (isMulticast(tip) || isLoopback(tip)) return this.drop(pkt, 'martian-destination', dev.name, tip);
    if (sip === ZERO_IP) {
      // Duplicate address detection probe (RFC 5227): answer if it is ours.
      if (arp.op === ARPOP.request && this.isLocalAddr(tip)) {
        this.arpAnswer(dev, sha, sip, tip, pkt, false);
      } else this.drop(pkt, 'arp-ignored', dev.name);
      return;
    }
    // A request for an address that is neither ours nor one we could proxy for: the kernel's
    // input route lookup for it would end in "not local, no proxy"; skip straight to the tables.
    const mayAnswer = arp.op === ARPOP.request && (this.isLocalAddr(tip) || (dev.conf.forwarding && dev.conf.proxyArp));
    if (mayAnswer) {
      const rt = this.routeInput(tip, sip, dev, pkt, 'arp');
      if (rt.kind === 'local') {
        this.neigh.eventNs(dev.name, sip, sha);
        this.arpAnswer(dev, sha, sip, tip, pkt, false);
        return;
      }
      if (dev.conf.forwarding && rt.kind === 'forward' && rt.route.type === 'unicast' && rt.dev !== dev.name && dev.conf.proxyArp) {
        this.neigh.eventNs(dev.name, sip, sha);
        const delay = dev.conf.neigh.proxyDelayUs;
        // pneigh_enqueue: a broadcast request is answered after a random part of proxy_delay.
        this.arpAnswer(dev, sha, sip, tip, pkt, true, pktType === 'host' || delay === 0 ? 0 : this.sim.randomInt(delay));
        return;
      }
    }
    // Update our ARP tables: only an entry that exists already learns from this packet.
    const n = this.neigh.lookup(dev.name, sip);
    if (!n) return this.drop(pkt, arp.op === ARPOP.request ? 'arp-not-for-us' : 'arp-ignored', dev.name, arp.op === ARPOP.request ? tip : sip);
    const override = this.sim.now > n.updated + dev.conf.neigh.locktimeUs;
    const reply = arp.op === ARPOP.reply && pktType === 'host';
    this.neigh.update(n, sha, reply ? 'REACHABLE' : 'STALE', override, reply ? 'arp-reply' : 'arp-seen', pkt);
  }

  /**
   * Answers an ARP request (arp_send_dst of a reply): the decision is traced now; the reply goes
   * out now, or after `delayUs` (proxy_delay) for a proxied broadcast request.
   */
  private arpAnswer(dev: NetDev, sha: MacAddr, sip: Ipv4Addr, tip: Ipv4Addr, request: PacketId, proxy: boolean, delayUs = 0): void {
    const pkt = this.sim.newPacketId();
    this.sim.emit({ kind: 'arp.answer', node: this.name, dev: dev.name, targetIp: tip, to: sip, proxy, pkt, request, ...(delayUs ? { delayed: delayUs } : {}) });
    const frame: EthernetFrame = {
      dstMac: sha,
      srcMac: dev.mac,
      ethertype: ETHERTYPE.arp,
      payload: buildArp({ op: ARPOP.reply, senderMac: dev.mac, senderIp: tip, targetMac: sha, targetIp: sip }),
    };
    if (delayUs) this.sim.after(delayUs, () => this.net.transmit(this.name, dev.name, frame, pkt));
    else this.net.transmit(this.name, dev.name, frame, pkt);
  }

  /** arp_solicit: a request for a neighbour entry (broadcast, or unicast when probing). */
  private arpSolicit(n: NeighEntry<Skb>, last: Skb | undefined, unicast: boolean, probe: number): void {
    const dev = this.devs.get(n.dev)!;
    let saddr: Ipv4Addr | undefined;
    if (last && this.isLocalAddr(last.ip.srcIp)) saddr = last.ip.srcIp;
    saddr ??= this.selectAddr(dev.name, n.ip, 'link');
    const pkt = this.sim.newPacketId();
    this.sim.emit({ kind: 'arp.solicit', node: this.name, dev: dev.name, targetIp: n.ip, senderIp: saddr, probe, unicast, pkt });
    const frame: EthernetFrame = {
      dstMac: unicast ? n.mac! : BROADCAST_MAC,
      srcMac: dev.mac,
      ethertype: ETHERTYPE.arp,
      payload: buildArp({ op: ARPOP.request, senderMac: dev.mac, senderIp: saddr, targetMac: ZERO_MAC, targetIp: n.ip }),
    };
    this.net.transmit(this.name, dev.name, frame, pkt);
  }

  // ---------------------------------------------------------------------------------------------
  // input routing (ip_route_input_slow)

  private routeInput(
    dst: Ipv4Addr,
    src: Ipv4Addr,
    dev: NetDev,
    pkt: PacketId,
    purpose: 'input' | 'arp',
  ):
    | { kind: 'local' | 'broadcast' }
    | { kind: 'forward'; route: FibRoute; dev: string; nexthop: Ipv4Addr; viaException?: Ipv4Addr }
    | { kind: 'error'; error: RouteError | 'martian-source' | 'martian-destination' | 'not-forwarding' } {
    if (isMulticast(src) || isLimitedBroadcast(src)) return { kind: 'error', error: 'martian-source' };
    if (isLimitedBroadcast(dst) || (src === ZERO_IP && dst === ZERO_IP)) return { kind: 'broadcast' };
    if (isZeronet(src)) return { kind: 'error', error: 'martian-source' };
    if (isZeronet(dst)) return { kind: 'error', error: 'martian-destination' };
    if (isLoopback(dst)) return { kind: 'error', error: 'martian-destination' };
    if (isLoopback(src)) return { kind: 'error', error: 'martian-source' };
    if (isMulticast(dst)) return { kind: 'error', error: 'martian-destination' };
    const r = this.fib.lookup(dst, { withCandidates: true });
    const base = { kind: 'fib.lookup' as const, node: this.name, pkt, dst, purpose, candidates: this.candidates(r) };
    if (r.kind === 'miss' || !(r.route.type === 'unicast' || r.route.type === 'local' || r.route.type === 'broadcast')) {
      const error: RouteError = r.kind === 'miss' ? 'ENETUNREACH' : routeTypeError(r.route.type);
      this.sim.emit({ ...base, result: { kind: 'error', error } });
      return { kind: 'error', error: dev.conf.forwarding ? error : 'not-forwarding' };
    }
    const route = r.route;
    if (route.type === 'broadcast') {
      this.sim.emit({ ...base, result: { kind: 'route', route } });
      return { kind: 'broadcast' };
    }
    if (route.type === 'local') {
      this.sim.emit({ ...base, result: { kind: 'route', route } });
      // fib_validate_source (rp_filter 0): our own address as source is a martian.
      if (this.isLocalAddr(src)) return { kind: 'error', error: 'martian-source' };
      return { kind: 'local' };
    }
    const ex = this.exception(route, dst);
    const nexthop = ex?.gateway ?? route.gateway ?? dst;
    this.sim.emit({
      ...base,
      result: { kind: 'route', route, nexthop, dev: route.dev!, ...(ex ? { viaException: ex.gateway } : {}) },
    });
    if (!dev.conf.forwarding) return { kind: 'error', error: 'not-forwarding' };
    return { kind: 'forward', route, dev: route.dev!, nexthop, ...(ex ? { viaException: ex.gateway } : {}) };
  }

  private exception(route: FibRoute, dst: Ipv4Addr): RouteException | undefined {
    const ex = this.exceptions.get(route)?.get(dst);
    if (ex && ex.expires <= this.sim.now) {
      this.exceptions.get(route)!.delete(dst);
      return undefined;
    }
    return ex;
  }

  // ---------------------------------------------------------------------------------------------
  // IP input

  private ipRcv(skb: Skb): void {
    const ip = skb.ip;
    const dev = this.devs.get(skb.iif!)!;
    if (ip.version !== 4 || ip.ihl < 5) return this.drop(skb.pkt, 'unsupported', dev.name, 'ip-header');
    if (ipv4HeaderChecksum(ip) !== ip.headerChecksum) return this.drop(skb.pkt, 'bad-checksum', dev.name, 'ipv4');
    if (this.nf) {
      // PREROUTING: conntrack, then DNAT (or the reply side of SNAT) before the route lookup.
      const ct = this.nf.conntrackIn(ip, skb.pkt, 'PREROUTING');
      const natted = this.nf.nat(ip, skb.pkt, ct, 'PREROUTING', { inDev: dev.name });
      if (!natted) return;
      skb = { ...skb, ip: natted, ...(ct ? { ct } : {}) };
    }
    const rt = this.routeInput(skb.ip.dstIp, skb.ip.srcIp, dev, skb.pkt, 'input');
    switch (rt.kind) {
      case 'local':
        return this.ipLocalDeliver({ ...skb, localInput: true }, dev.name, false);
      case 'broadcast':
        return this.ipLocalDeliver({ ...skb, localInput: true, broadcastInput: true }, dev.name, true);
      case 'error':
        if (rt.error === 'martian-source' || rt.error === 'martian-destination') {
          return this.drop(skb.pkt, rt.error, dev.name);
        }
        return this.ipError(skb, dev, rt.error);
      case 'forward': {
        const out = this.devs.get(rt.dev)!;
        // __mkroute_input: forwarding back out of the ingress device towards a gateway the sender
        // could reach itself → ICMP redirect (shared_media, send_redirects).
        let redirect = false;
        if (out.name === dev.name && dev.conf.sendRedirects && this.sourceOnLink(skb.ip.srcIp, dev.name)) {
          redirect = dev.conf.sharedMedia || this.onlinkAddrs(out.name, skb.ip.srcIp, rt.route.gateway);
        }
        return this.ipForward(skb, dev, out, rt.nexthop, redirect);
      }
    }
  }

  /** __fib_validate_source's answer: the sender sits on a subnet directly connected to `dev`. */
  private sourceOnLink(src: Ipv4Addr, dev: string): boolean {
    const r = this.fib.lookup(src);
    return r.kind === 'found' && r.route.type === 'unicast' && r.route.dev === dev && r.route.nhScope === 'host';
  }

  /** inet_addr_onlink: both addresses are in one of the device's subnets. */
  private onlinkAddrs(dev: string, a: Ipv4Addr, b: Ipv4Addr | undefined): boolean {
    return (this.devs.get(dev)?.addrs ?? []).some((x) => inPrefix(a, x.ip, x.len) && (!b || inPrefix(b, x.ip, x.len)));
  }

  /** ip_error: what to do with a packet that cannot be routed. */
  private ipError(skb: Skb, dev: NetDev, error: RouteError | 'not-forwarding'): void {
    if (error === 'not-forwarding' || !dev.conf.forwarding) return this.drop(skb.pkt, 'not-forwarding', dev.name);
    if (error === 'EINVAL') return this.drop(skb.pkt, 'route-blackhole', dev.name);
    const code = error === 'EHOSTUNREACH' ? ICMP_UNREACH.host : error === 'EACCES' ? ICMP_UNREACH.adminProhibited : ICMP_UNREACH.net;
    const reason: DropReason = error === 'EHOSTUNREACH' ? 'route-unreachable' : error === 'EACCES' ? 'route-prohibit' : 'no-route';
    // ip_error's own token bucket (ip_rt_error_cost / ip_rt_error_burst), on the same peer.
    const p = this.peer(skb.ip.srcIp);
    p.rateTokens = Math.min(p.rateTokens + (this.sim.now - p.rateLast), IP_RT_ERROR_BURST_US);
    p.rateLast = this.sim.now;
    let send = true;
    if (p.rateTokens >= IP_RT_ERROR_COST_US) p.rateTokens -= IP_RT_ERROR_COST_US;
    else send = false;
    const icmpReason: IcmpReason = error === 'EACCES' ? 'prohibited' : error === 'EHOSTUNREACH' ? 'host-unreachable' : 'net-unreachable';
    if (send) this.icmpSend(skb, ICMP.destUnreachable, code, icmpReason);
    else this.sim.emit({ kind: 'icmp.suppressed', node: this.name, about: skb.pkt, type: ICMP.destUnreachable, code, reason: icmpReason, why: 'ratelimit-ip_error' });
    this.drop(skb.pkt, reason, dev.name, skb.ip.dstIp);
  }

  // ---------------------------------------------------------------------------------------------
  // forwarding (ip_forward)

  private ipForward(skb: Skb, inDev: NetDev, out: NetDev, nexthop: Ipv4Addr, redirect: boolean): void {
    if (skb.pktType !== 'host') return this.drop(skb.pkt, 'not-unicast-l2', inDev.name);
    if (skb.ip.ttl <= 1) {
      this.icmpSend(skb, ICMP.timeExceeded, 0, 'ttl-exceeded');
      return this.drop(skb.pkt, 'ttl-exceeded', inDev.name);
    }
    const ttlFrom = skb.ip.ttl;
    const fwd: Skb = { pkt: skb.pkt, ip: ipDecreaseTtl(skb.ip), pktType: 'host', iif: inDev.name, ...(skb.ct ? { ct: skb.ct } : {}) };
    if (redirect) this.sendRedirect(fwd, nexthop);
    this.sim.emit({ kind: 'ip.forward', node: this.name, pkt: skb.pkt, ingress: inDev.name, egress: out.name, nexthop, ttlFrom, ttlTo: fwd.ip.ttl });
    const post = this.postrouting(fwd, out.name, nexthop);
    if (post) this.neighOutput(out.name, nexthop, post);
  }

  /** POSTROUTING: SNAT/MASQUERADE (or the reply side of DNAT), then the connection is confirmed. */
  private postrouting(skb: Skb, outDev: string, nexthop: Ipv4Addr): Skb | null {
    if (!this.nf) return skb;
    const ip = this.nf.nat(skb.ip, skb.pkt, skb.ct, 'POSTROUTING', { outDev, nexthop });
    if (!ip) return null;
    this.nf.confirm(skb.ct, skb.pkt);
    return ip === skb.ip ? skb : { ...skb, ip };
  }

  /** Connections this node tracks (nodes with NAT rules). */
  conntrackList(): ConntrackView[] {
    return this.nf ? this.nf.conntrack.list().map(ctView) : [];
  }

  /** ip_rt_send_redirect with its exponential backoff per sender. */
  private sendRedirect(skb: Skb, gateway: Ipv4Addr): void {
    const now = this.sim.now;
    const p = this.peer(skb.ip.srcIp);
    if (now > p.rateLast + REDIRECT_SILENCE_US) {
      p.rateTokens = 0;
      p.nRedirects = 0;
    }
    if (p.nRedirects >= REDIRECT_NUMBER) {
      p.rateLast = now;
      return;
    }
    if (p.nRedirects === 0 || now > p.rateLast + REDIRECT_LOAD_US * 2 ** p.nRedirects) {
      this.icmpSend(skb, ICMP.redirect, 1, 'redirect', { gateway });
      p.rateLast = now;
      p.nRedirects++;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // output

  /**
   * ip_route_output_key_hash: where a locally generated packet to `dst` goes, and from which
   * source address. Emits the lookup into the trace.
   */
  routeOutput(dst: Ipv4Addr, opts: { src?: Ipv4Addr; pkt?: PacketId; purpose?: 'output' | 'query' } = {}): OutputRoute {
    const r = this.fib.lookup(dst, { withCandidates: true });
    const base = {
      kind: 'fib.lookup' as const,
      node: this.name,
      ...(opts.pkt !== undefined ? { pkt: opts.pkt } : {}),
      dst,
      purpose: opts.purpose ?? ('output' as const),
      candidates: this.candidates(r),
    };
    if (r.kind === 'miss') {
      this.sim.emit({ ...base, result: { kind: 'error', error: 'ENETUNREACH' } });
      return { kind: 'error', error: 'ENETUNREACH' };
    }
    const route = r.route;
    if (route.type !== 'unicast' && route.type !== 'local' && route.type !== 'broadcast') {
      const error = routeTypeError(route.type);
      this.sim.emit({ ...base, result: { kind: 'error', error } });
      return { kind: 'error', error };
    }
    let res: OutputRoute;
    if (route.type === 'local') {
      res = { kind: 'ok', route, type: 'local', dev: 'lo', src: opts.src ?? route.prefsrc ?? dst, nexthop: dst };
    } else {
      const ex = route.type === 'unicast' ? this.exception(route, dst) : undefined;
      const src = opts.src ?? route.prefsrc ?? this.selectAddr(route.dev!, route.gateway, route.scope);
      res = {
        kind: 'ok',
        route,
        type: route.type,
        dev: route.dev!,
        src,
        nexthop: ex?.gateway ?? route.gateway ?? dst,
        ...(ex ? { viaException: ex.gateway, exceptionExpires: ex.expires } : {}),
      };
    }
    this.sim.emit({
      ...base,
      result: { kind: 'route', route, nexthop: res.nexthop, dev: res.dev, src: res.src, ...(res.viaException ? { viaException: res.viaException } : {}) },
    });
    return res;
  }

  /**
   * dst_confirm_neigh for a send with MSG_CONFIRM: the next hop is known to be alive, so its entry
   * counts as confirmed now (it stays REACHABLE; a DELAY entry becomes REACHABLE at its timer).
   */
  confirmNeigh(dev: string, nexthop: Ipv4Addr): void {
    const n = this.neigh.lookup(dev, nexthop);
    if (n) n.confirmed = this.sim.now;
  }

  /** Sends a locally generated packet along an output route (ip_local_out). */
  ipLocalOut(skb0: Skb, rt: Extract<OutputRoute, { kind: 'ok' }>, process?: string): void {
    let skb = skb0;
    const ip = skb.ip;
    this.sim.emit({ kind: 'ip.send', node: this.name, pkt: skb.pkt, src: ip.srcIp, dst: ip.dstIp, protocol: ip.protocol, ttl: ip.ttl, ...(process ? { process } : {}) });
    if (this.nf) {
      const ct = this.nf.conntrackIn(ip, skb.pkt, 'OUTPUT');
      const natted = this.nf.nat(ip, skb.pkt, ct, 'OUTPUT', {});
      if (!natted) return;
      skb = { ...skb, ip: natted, ...(ct ? { ct } : {}) };
      if (rt.type === 'local') this.nf.confirm(ct, skb.pkt);
      else {
        const post = this.postrouting(skb, rt.dev, rt.nexthop);
        if (!post) return;
        skb = post;
      }
    }
    if (rt.type === 'local') {
      this.sim.emit({ kind: 'ip.loopback', node: this.name, pkt: skb.pkt });
      this.sim.after(LINK_DELAY_US, () => this.ipLocalDeliver({ ...skb, pktType: 'host', iif: 'lo', localInput: true }, 'lo', false));
      return;
    }
    if (rt.type === 'broadcast') {
      this.xmitIp(rt.dev, BROADCAST_MAC, skb);
      return;
    }
    this.neighOutput(rt.dev, rt.nexthop, skb);
  }

  /** ip_finish_output2: find or create the neighbour of the next hop and send through it. */
  private neighOutput(dev: string, nexthop: Ipv4Addr, skb: Skb): void {
    const existing = this.neigh.lookup(dev, nexthop);
    this.sim.emit({ kind: 'neigh.lookup', node: this.name, pkt: skb.pkt, dev, ip: nexthop, entry: existing ? this.neigh.view(existing) : null });
    const n = existing ?? this.neigh.lookupOrCreate(dev, nexthop);
    this.neigh.output(n, skb);
  }

  private xmitIp(dev: string, dstMac: MacAddr, skb: Skb): void {
    const d = this.devs.get(dev)!;
    const frame: EthernetFrame = { dstMac, srcMac: d.mac, ethertype: ETHERTYPE.ipv4, payload: skb.ip };
    this.net.transmit(this.name, dev, frame, skb.pkt);
  }

  // ---------------------------------------------------------------------------------------------
  // ICMP out (icmp_send / icmp_reply)

  /** icmp_global_allow: at most 1000 rate-limited ICMP messages per second per namespace, burst 50. */
  private icmpGlobalAllow(): boolean {
    const now = this.sim.now;
    const incr = Math.floor(((now - this.icmpStamp) * ICMP_MSGS_PER_SEC) / US_PER_S);
    if (incr > 0) {
      this.icmpCredit = Math.min(this.icmpCredit + incr, ICMP_MSGS_BURST);
      this.icmpStamp = now;
    }
    if (this.icmpCredit <= 0) return false;
    this.icmpCredit--;
    return true;
  }

  /** inet_peer_xrlim_allow with icmp_ratelimit (1 s) and a burst of 6. */
  private xrlimAllow(peer: Peer): boolean {
    const now = this.sim.now;
    let token = peer.rateTokens + (now - peer.rateLast);
    peer.rateLast = now;
    if (token > XRLIM_BURST_FACTOR * ICMP_RATELIMIT_US) token = XRLIM_BURST_FACTOR * ICMP_RATELIMIT_US;
    let ok = false;
    if (token >= ICMP_RATELIMIT_US) {
      token -= ICMP_RATELIMIT_US;
      ok = true;
    }
    peer.rateTokens = token;
    return ok;
  }

  /** __icmp_send: an ICMP error (or redirect) about `skbIn`, back to its source. */
  icmpSend(skbIn: Skb, type: number, code: number, reason: IcmpReason, extra: { gateway?: Ipv4Addr; rest?: number } = {}): void {
    const ip = skbIn.ip;
    // Not sending is not dropping: the packet goes on (or is dropped) as the caller decides.
    const suppress = (why: Extract<TraceEventBody, { kind: 'icmp.suppressed' }>['why']): void => {
      this.sim.emit({ kind: 'icmp.suppressed', node: this.name, about: skbIn.pkt, type, code, reason, why });
    };
    if (skbIn.pktType !== 'host' || skbIn.broadcastInput) return suppress('not-unicast');
    if (ip.fragmentOffset !== 0) return;
    if (ERROR_TYPES.has(type) && ip.protocol === IPPROTO.icmp) {
      const inner = ip.payload;
      const innerType = inner.kind === 'icmp' ? inner.type : undefined;
      if (innerType === undefined || innerType > 18 || ERROR_TYPES.has(innerType) || innerType === 4) return suppress('error-about-error');
    }
    if (isZeronet(ip.srcIp) || isLimitedBroadcast(ip.srcIp) || isMulticast(ip.srcIp)) return suppress('not-unicast');
    const limited = RATEMASK.has(type);
    if (limited && skbIn.iif !== 'lo' && !this.icmpGlobalAllow()) return suppress('ratelimit-global');
    const saddr = skbIn.localInput ? ip.dstIp : undefined;
    const pkt = this.sim.newPacketId();
    const rt = this.routeOutput(ip.srcIp, { ...(saddr ? { src: saddr } : {}), pkt });
    if (rt.kind !== 'ok') return;
    if (limited && rt.dev !== 'lo' && !this.xrlimAllow(this.peer(ip.srcIp))) return suppress('ratelimit-peer');
    const icmp = buildIcmpError({
      type,
      code,
      original: ip,
      ...(extra.gateway ? { gateway: extra.gateway } : {}),
      ...(extra.rest !== undefined ? { rest: extra.rest } : {}),
    });
    // tos = (iph->tos & IPTOS_TOS_MASK) | IPTOS_PREC_INTERNETCONTROL
    const tos = (((ip.dscp << 2) | ip.ecn) & 0x1e) | 0xc0;
    const out = buildIpv4({
      srcIp: rt.src,
      dstIp: ip.srcIp,
      protocol: IPPROTO.icmp,
      ttl: DEFAULT_TTL,
      identification: this.ipIdent(),
      df: false,
      dscp: tos >> 2,
      ecn: tos & 3,
      payload: icmp,
    });
    this.sim.emit({ kind: 'icmp.send', node: this.name, pkt, about: skbIn.pkt, type, code, reason, dst: ip.srcIp });
    this.ipLocalOut({ pkt, ip: out, pktType: 'host' }, rt);
  }

  // ---------------------------------------------------------------------------------------------
  // local delivery (ip_local_deliver)

  private ipLocalDeliver(skb0: Skb, dev: string, broadcast: boolean): void {
    let skb = skb0;
    if (this.nf && skb.ct && dev !== 'lo') {
      // INPUT: the source side of a mapping (nf_nat at LOCAL_IN), then the connection is confirmed.
      const ip = this.nf.nat(skb.ip, skb.pkt, skb.ct, 'INPUT', { inDev: dev });
      if (!ip) return;
      skb = { ...skb, ip };
      this.nf.confirm(skb.ct, skb.pkt);
    }
    const ip = skb.ip;
    this.sim.emit({ kind: 'ip.local', node: this.name, pkt: skb.pkt, dev, dst: ip.dstIp, broadcast });
    const p = ip.payload;
    if (ip.protocol === IPPROTO.icmp && p.kind === 'icmp') return this.icmpRcv(skb, p, broadcast);
    if (ip.protocol === IPPROTO.udp && p.kind === 'udp') return this.udpRcv(skb, p, broadcast);
    if (ip.protocol === IPPROTO.tcp && p.kind === 'tcp') {
      if (broadcast) return this.drop(skb.pkt, 'not-unicast-l2', dev, 'tcp');
      if (tcpChecksum(p, ip.srcIp, ip.dstIp) !== p.checksum) return this.drop(skb.pkt, 'bad-checksum', skb.iif, 'tcp');
      return this.tcp.receive(skb, p);
    }
    this.icmpSend(skb, ICMP.destUnreachable, ICMP_UNREACH.protocol, 'protocol-unreachable');
    this.drop(skb.pkt, 'protocol-unreachable', dev, String(ip.protocol));
  }

  private icmpRcv(skb: Skb, icmp: IcmpMessage, broadcast: boolean): void {
    const ip = skb.ip;
    if (icmpChecksum(icmp) !== icmp.checksum) return this.drop(skb.pkt, 'bad-checksum', skb.iif, 'icmp');
    // Raw ICMP sockets (ping) get a copy of everything first.
    for (const s of this.pingSockets) if (!s.closed) s.onIcmp(icmp, ip, skb);
    switch (icmp.type) {
      case ICMP.echoRequest: {
        if (broadcast) return this.drop(skb.pkt, 'echo-ignore-broadcast', skb.iif);
        const pkt = this.sim.newPacketId();
        const rt = this.routeOutput(ip.srcIp, { src: ip.dstIp, pkt });
        if (rt.kind !== 'ok') return;
        const reply = buildIpv4({
          srcIp: ip.dstIp,
          dstIp: ip.srcIp,
          protocol: IPPROTO.icmp,
          ttl: DEFAULT_TTL,
          identification: this.ipIdent(),
          df: false,
          dscp: ip.dscp,
          ecn: ip.ecn,
          payload: buildIcmpEcho({ type: 0, identifier: icmp.identifier ?? 0, sequence: icmp.sequence ?? 0, data: icmp.data ?? '' }),
        });
        this.sim.emit({ kind: 'icmp.send', node: this.name, pkt, about: skb.pkt, type: 0, code: 0, reason: 'echo-reply', dst: ip.srcIp });
        this.ipLocalOut({ pkt, ip: reply, pktType: 'host' }, rt);
        return;
      }
      case ICMP.redirect:
        return this.icmpRedirect(skb, icmp);
      case ICMP.destUnreachable:
      case ICMP.timeExceeded:
      case ICMP.parameterProblem:
        return this.icmpSocketDeliver(skb, icmp);
      default:
        return;
    }
  }

  /** icmp_socket_deliver: hand an ICMP error to the socket of the quoted datagram. */
  private icmpSocketDeliver(skb: Skb, icmp: IcmpMessage): void {
    const q = icmp.quote;
    if (!q) return;
    if (q.protocol === IPPROTO.udp && q.payload.kind === 'udp') {
      const u = q.payload;
      const sock = this.udpLookup(q.srcIp, u.srcPort, q.dstIp, u.dstPort);
      if (!sock) return;
      const err =
        icmp.type === ICMP.destUnreachable
          ? icmp.code === ICMP_UNREACH.port
            ? 'ECONNREFUSED'
            : icmp.code === ICMP_UNREACH.net
              ? 'ENETUNREACH'
              : icmp.code === ICMP_UNREACH.adminProhibited
                ? 'EACCES'
                : 'EHOSTUNREACH'
          : 'EHOSTUNREACH';
      this.sim.emit({ kind: 'socket.error', node: this.name, pkt: skb.pkt, socket: sock.label, error: err });
      sock.onError(err, icmp, skb.ip.srcIp, skb);
    }
  }

  /** icmp_redirect → __ip_do_redirect: maybe learn a better gateway for one destination. */
  private icmpRedirect(skb: Skb, icmp: IcmpMessage): void {
    const q = icmp.quote;
    const newGw = icmp.gateway;
    if (!q || !newGw) return;
    const oldGw = skb.ip.srcIp;
    const dst = q.dstIp;
    const emit = (result: 'applied' | 'resolving-gateway' | 'rejected', rejectReason?: string): void => {
      this.sim.emit({ kind: 'route.redirect', node: this.name, dst, gateway: newGw, from: oldGw, result, ...(rejectReason ? { rejectReason } : {}) });
    };
    if (icmp.code > 3) return emit('rejected', 'code');
    const r = this.fib.lookup(dst);
    if (r.kind !== 'found' || r.route.type !== 'unicast') return emit('rejected', 'no-route');
    const ex = this.exception(r.route, dst);
    const currentGw = ex?.gateway ?? r.route.gateway;
    if (currentGw !== oldGw) return emit('rejected', 'not-from-current-gateway');
    const dev = this.devs.get(r.route.dev!)!;
    const inDev = this.devs.get(skb.iif ?? '') ?? dev;
    if (newGw === oldGw || !inDev.conf.acceptRedirects || isMulticast(newGw) || isLimitedBroadcast(newGw) || isZeronet(newGw)) {
      return emit('rejected', newGw === oldGw ? 'same-gateway' : 'accept_redirects');
    }
    if (this.fib.addrType(newGw) !== 'unicast') return emit('rejected', 'gateway-not-unicast');
    let n = this.neigh.lookup(dev.name, newGw);
    if (!n || !isValid(n.state)) {
      n ??= this.neigh.lookupOrCreate(dev.name, newGw);
      emit('resolving-gateway');
      this.neigh.eventSend(n, undefined, 'redirect');
      return;
    }
    let m = this.exceptions.get(r.route);
    if (!m) {
      m = new Map();
      this.exceptions.set(r.route, m);
    }
    m.set(dst, { gateway: newGw, expires: this.sim.now + RT_GC_TIMEOUT_US });
    emit('applied');
  }

  // ---------------------------------------------------------------------------------------------
  // UDP

  /** __udp4_lib_lookup: a connected socket matching both ends, else one bound to the port. */
  udpLookup(localIp: Ipv4Addr, localPort: number, remoteIp: Ipv4Addr, remotePort: number): UdpSocket | undefined {
    let best: UdpSocket | undefined;
    let bestScore = -1;
    for (const s of this.udpSockets) {
      if (s.closed || s.localPort !== localPort) continue;
      let score = 0;
      if (s.localIp) {
        if (s.localIp !== localIp) continue;
        score += 4;
      }
      if (s.remoteIp) {
        if (s.remoteIp !== remoteIp || s.remotePort !== remotePort) continue;
        score += 8;
      }
      if (score > bestScore) {
        best = s;
        bestScore = score;
      }
    }
    return best;
  }

  private udpRcv(skb: Skb, u: UdpDatagram, broadcast: boolean): void {
    const ip = skb.ip;
    if (u.checksum !== 0 && udpChecksum(u, ip.srcIp, ip.dstIp) !== u.checksum) return this.drop(skb.pkt, 'bad-checksum', skb.iif, 'udp');
    const sock = this.udpLookup(ip.dstIp, u.dstPort, ip.srcIp, u.srcPort);
    if (!sock) {
      if (!broadcast) this.icmpSend(skb, ICMP.destUnreachable, ICMP_UNREACH.port, 'port-unreachable');
      return this.drop(skb.pkt, 'no-socket', skb.iif, `udp ${u.dstPort}`);
    }
    this.sim.emit({ kind: 'socket.deliver', node: this.name, pkt: skb.pkt, socket: sock.label });
    sock.onDatagram(u.data, ip.srcIp, u.srcPort, skb);
  }

  /** udp_sendmsg on a socket with a known route. */
  udpSend(sock: UdpSocket, dst: Ipv4Addr, dstPort: number, data: string, process?: string): RouteError | undefined {
    const pkt = this.sim.newPacketId();
    const rt = this.routeOutput(dst, { ...(sock.localIp ? { src: sock.localIp } : {}), pkt });
    if (rt.kind !== 'ok') return rt.error;
    const connected = sock.remoteIp !== undefined;
    const ip = buildIpv4({
      srcIp: rt.src,
      dstIp: dst,
      protocol: IPPROTO.udp,
      ttl: DEFAULT_TTL,
      identification: connected ? sock.inetId++ & 0xffff : 0,
      df: true,
      payload: buildUdp({ srcIp: rt.src, dstIp: dst, srcPort: sock.localPort, dstPort, data }),
    });
    this.ipLocalOut({ pkt, ip, pktType: 'host' }, rt, process);
    return undefined;
  }

  /** A free ephemeral port (ip_local_port_range 32768–60999). */
  ephemeralPort(): number {
    for (;;) {
      const p = 32768 + this.sim.randomInt(60999 - 32768 + 1);
      if (!this.udpSockets.some((s) => !s.closed && s.localPort === p)) return p;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // state for the trace and `ip` views

  /** main then local, as `ip route show table all` lists them */
  routes(): FibRoute[] {
    return [...this.fib.routes('main'), ...this.fib.routes('local')];
  }
}

const isValid = (s: string): boolean => s === 'REACHABLE' || s === 'STALE' || s === 'DELAY' || s === 'PROBE' || s === 'PERMANENT';

export function routeTypeError(t: FibRoute['type']): RouteError {
  return t === 'blackhole' ? 'EINVAL' : t === 'unreachable' ? 'EHOSTUNREACH' : t === 'prohibit' ? 'EACCES' : 'ENETUNREACH';
}
