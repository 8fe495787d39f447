// VXLAN (drivers/net/vxlan/vxlan_core.c): an Ethernet device whose frames travel in UDP between
// VTEPs. Transmit (vxlan_xmit): the destination MAC's forwarding entry gives the remote VTEP; a
// broadcast, multicast or unknown destination goes to every VTEP of the all-zero entry (the
// device's `remote`, then those `bridge fdb append` added: head-end replication), each copy in
// its own UDP datagram (vxlan_xmit_one: source port a hash of the inner flow, udp_flow_src_port;
// outer TTL 64 unless set; no DF; the outer route out of the device's `dev` for its remote).
// A learned entry is forgotten 300 s after its last use (vxlan_cleanup). Receive (vxlan_rcv): the kernel's
// UDP socket on the device's port finds the device by VNI, learns the inner source MAC behind
// the outer source address (vxlan_snoop, unless nolearning) and receives the inner frame on the
// device, where its stack (or a bridge it is a port of) takes it.

import { isGroupMac, ZERO_IP, type Ipv4Addr, type MacAddr } from '../wire/addr';
import { hexToBytes } from '../wire/hex';
import { decodeFrame, encodedIpv4Length } from '../wire/codec';
import { buildUdp } from '../wire/udp';
import { parseVxlan, vxlanData } from '../wire/encap';
import { ETHERTYPE, IPPROTO, type EthernetFrame } from '../wire/types';
import { DEFAULT_TTL } from './linux/ip-output';
import { registerNetdevType } from './linux/netdev';
import { tunnelMtu } from './tunnel-params';
import { kfreeSkb } from './linux/skb';
import type { LinuxStack } from './linux/stack';
import type { UdpSocket } from './linux/udp';
import { ipTunnelRcv, ipTunnelXmit, stackOf, type TunnelDev } from './ip-tunnel';

/** A learned entry: the VTEP a remote MAC is behind, and when it was last used (f->used: sent to, or received from). */
interface VxlanFdbEntry {
  dst: Ipv4Addr;
  used: number;
}

/** The forwarding database of each VXLAN device: a remote MAC → the VTEP it was learned behind. */
const fdbs = new WeakMap<TunnelDev, Map<MacAddr, VxlanFdbEntry>>();

const fdbOf = (dev: TunnelDev): Map<MacAddr, VxlanFdbEntry> => {
  let f = fdbs.get(dev);
  if (!f) fdbs.set(dev, (f = new Map()));
  return f;
};

/** FDB_AGE_DEFAULT: a learned entry not used for 300 s is removed (`ageing 300` in `ip -d link`). */
export const VXLAN_AGEING_US = 300_000_000;

/**
 * vxlan_find_mac: the entry of `mac`, its use recorded. vxlan_cleanup (every 10 s, and at the
 * next entry's time) removes an entry `ageing` after its last use: found after that time, it is
 * gone, as the gc would have removed it then.
 */
function findMac(dev: TunnelDev, mac: MacAddr): VxlanFdbEntry | undefined {
  const stack = stackOf(dev);
  const fdb = fdbOf(dev);
  const e = fdb.get(mac);
  if (!e) return undefined;
  if (stack.sim.now >= e.used + VXLAN_AGEING_US) {
    fdb.delete(mac);
    stack.sim.emit({ kind: 'fdb.expire', node: stack.name, mac, port: dev.name, cause: 'vxlan-unused' });
    return undefined;
  }
  e.used = stack.sim.now;
  return e;
}

/** The learned entries of a VXLAN device (`bridge fdb show dev vx0` without the permanent ones) at `now`. */
export function vxlanFdb(dev: TunnelDev, now: number): { mac: MacAddr; dst: Ipv4Addr }[] {
  return [...fdbOf(dev)].filter(([, e]) => now < e.used + VXLAN_AGEING_US).map(([mac, e]) => ({ mac, dst: e.dst }));
}

const rol32 = (x: number, k: number): number => ((x << k) | (x >>> (32 - k))) >>> 0;

/** jhash_3words (include/linux/jhash.h, Bob Jenkins' lookup3 final mix). */
export function jhash3(a0: number, b0: number, c0: number, initval: number): number {
  const init = (initval + 0xdeadbeef + (3 << 2)) >>> 0;
  let a = (a0 + init) >>> 0;
  let b = (b0 + init) >>> 0;
  let c = (c0 + init) >>> 0;
  c = ((c ^ b) - rol32(b, 14)) >>> 0;
  a = ((a ^ c) - rol32(c, 11)) >>> 0;
  b = ((b ^ a) - rol32(a, 25)) >>> 0;
  c = ((c ^ b) - rol32(b, 16)) >>> 0;
  a = ((a ^ c) - rol32(c, 4)) >>> 0;
  b = ((b ^ a) - rol32(a, 14)) >>> 0;
  c = ((c ^ b) - rol32(b, 24)) >>> 0;
  return c;
}

/** The ephemeral port range (net.ipv4.ip_local_port_range) udp_flow_src_port falls back to. */
const PORT_MIN = 32768;
const PORT_MAX = 60999;

/**
 * udp_flow_src_port: a source port from the inner flow's hash (addresses, ports and protocol;
 * skb_get_hash), so that one flow always takes one path through ECMP networks. Linux keys the hash
 * with a random value drawn at boot (hashrnd), so its ports differ from boot to boot; packetwalk
 * keys it with 0: the same flow always gets the same port here too.
 */
export function udpFlowSrcPort(frame: EthernetFrame): number {
  const p = frame.payload;
  let hash: number;
  if (p.kind === 'ipv4') {
    const l4 = p.payload;
    const ports = l4.kind === 'udp' || l4.kind === 'tcp' ? ((l4.srcPort << 16) | l4.dstPort) >>> 0 : 0;
    hash = jhash3(ipNum(p.srcIp), ipNum(p.dstIp), ports, p.protocol);
  } else {
    hash = jhash3(0, 0, 0, frame.ethertype);
  }
  hash = (hash ^ (hash << 16)) >>> 0;
  return Math.floor((hash * (PORT_MAX - PORT_MIN)) / 2 ** 32) + PORT_MIN;
}

const ipNum = (ip: Ipv4Addr): number => ip.split('.').reduce((a, x) => a * 256 + Number(x), 0);

/**
 * vxlan_xmit_one: one copy of the frame to one VTEP. The outer route leaves by the device's `dev`
 * for its own remote (the default destination's remote_ifindex); an appended or a learned VTEP
 * has none.
 */
function xmitOne(dev: TunnelDev, frame: EthernetFrame, pkt: number, dst: Ipv4Addr, why: 'fdb' | 'flood' | 'remote'): void {
  const t = dev.tunnel;
  const vni = t.vni ?? 0;
  const dport = t.dstport!;
  const sport = udpFlowSrcPort(frame);
  const innerIp = frame.ethertype === ETHERTYPE.ipv4 && frame.payload.kind === 'ipv4' ? frame.payload : undefined;
  const data = vxlanData(vni, frame);
  ipTunnelXmit(dev, pkt, {
    innerIp,
    dst,
    why,
    protocol: IPPROTO.udp,
    // udp_tunnel_xmit_skb with the UDP checksum (left partial on a veth, completed here like any other).
    payload: (srcIp, dstIp) => buildUdp({ srcIp, dstIp, srcPort: sport, dstPort: dport, data }),
    ttl: DEFAULT_TTL,
    df: false,
    size: innerIp ? encodedIpv4Length(innerIp) : 0,
    extra: { sport, dport, vni },
    ...(t.dev !== undefined && dst === t.remote && why !== 'fdb' ? { oif: t.dev } : {}),
  });
}

registerNetdevType('vxlan', {
  mtu: (dev) => tunnelMtu((dev as TunnelDev).tunnel),
  init: (netdev) => vxlanSocket(netdev as TunnelDev),
  xmit: (netdev, frame, pkt) => {
    const dev = netdev as TunnelDev;
    const t = dev.tunnel;
    const learned = isGroupMac(frame.dstMac) ? undefined : findMac(dev, frame.dstMac);
    if (learned) return xmitOne(dev, frame, pkt, learned.dst, 'fdb');
    const all = [...(t.remote ? [t.remote] : []), ...(t.flood ?? [])];
    if (all.length === 0) return kfreeSkb(stackOf(dev), pkt, 'tunnel-no-remote', dev.name);
    // The first VTEP of the entry gets the original, after the clones to the others.
    for (const dst of all.slice(1)) xmitOne(dev, frame, pkt, dst, 'flood');
    xmitOne(dev, frame, pkt, all[0]!, all.length > 1 ? 'flood' : t.remote ? 'remote' : 'flood');
  },
});

/**
 * vxlan_sock_add: the kernel's UDP socket on the device's port (one per port, shared by the
 * devices on it), whose encap_rcv is vxlan_rcv.
 */
function vxlanSocket(dev: TunnelDev): void {
  const stack = stackOf(dev);
  const port = dev.tunnel.dstport!;
  const label = `vxlan:${port}`;
  if (stack.udpSockets.some((s) => s.label === label)) return;
  const sock: UdpSocket = {
    label,
    localPort: port,
    inetId: 0,
    closed: false,
    onDatagram: (data, from, _fromPort, skb) => vxlanRcv(stack, port, data, from, skb),
    onError: () => {},
  };
  stack.udpSockets.push(sock);
}

/** vxlan_rcv: the VXLAN header, the device of its VNI, learning, then the inner frame received on the device. */
function vxlanRcv(stack: LinuxStack, port: number, data: string, from: Ipv4Addr, skb: Parameters<UdpSocket['onDatagram']>[3]): void {
  const b = hexToBytes(data);
  const vni = parseVxlan(b);
  if (vni === undefined || b.length < 8 + 14) return kfreeSkb(stack, skb.pkt, 'unsupported', skb.iif, 'vxlan header');
  let dev: TunnelDev | undefined;
  for (const d of stack.devs.values()) {
    const t = (d as Partial<TunnelDev>).tunnel;
    if (t?.kind === 'vxlan' && t.vni === vni && t.dstport === port && t.up) dev = d as TunnelDev;
  }
  if (!dev) return kfreeSkb(stack, skb.pkt, 'tunnel-no-device', skb.iif, `vxlan vni ${vni}`);
  const inner = decodeFrame(b.subarray(8));
  // vxlan_set_mac: our own frame coming back is a loop.
  if (inner.srcMac === dev.mac) return kfreeSkb(stack, skb.pkt, 'tunnel-loop', dev.name);
  let learned: MacAddr | undefined;
  // vxlan_snoop: a new MAC is learned, a known one moves to the new VTEP ("migrated")
  if (!dev.tunnel.nolearning && !isGroupMac(inner.srcMac) && from !== ZERO_IP) {
    const e = findMac(dev, inner.srcMac);
    if (e?.dst !== from) {
      fdbOf(dev).set(inner.srcMac, { dst: from, used: stack.sim.now });
      learned = inner.srcMac;
    }
  }
  ipTunnelRcv(dev, skb.ip, inner, skb.pkt, { vni, ...(learned ? { learned } : {}) });
}
