// VXLAN (drivers/net/vxlan/vxlan_core.c): an Ethernet device whose frames travel in UDP between
// VTEPs. Transmit (vxlan_xmit): the destination MAC's forwarding entry gives the remote VTEP; a
// broadcast, multicast or unknown destination goes to every VTEP of the all-zero entry (the
// device's `remote`, then those `bridge fdb append` added: head-end replication), each copy in
// its own UDP datagram (vxlan_xmit_one: source port a hash of the inner flow, udp_flow_src_port;
// outer TTL 64 unless set; no DF). Receive (vxlan_rcv): the kernel's
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

/** The forwarding database of each VXLAN device: a remote MAC → the VTEP it was learned behind. */
const fdbs = new WeakMap<TunnelDev, Map<MacAddr, Ipv4Addr>>();

const fdbOf = (dev: TunnelDev): Map<MacAddr, Ipv4Addr> => {
  let f = fdbs.get(dev);
  if (!f) fdbs.set(dev, (f = new Map()));
  return f;
};

/** The learned entries of a VXLAN device (`bridge fdb show dev vx0` without the permanent ones). */
export function vxlanFdb(dev: TunnelDev): { mac: MacAddr; dst: Ipv4Addr }[] {
  return [...fdbOf(dev)].map(([mac, dst]) => ({ mac, dst }));
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

/** vxlan_xmit_one: one copy of the frame to one VTEP. */
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
  });
}

registerNetdevType('vxlan', {
  mtu: (dev) => tunnelMtu((dev as TunnelDev).tunnel),
  init: (netdev) => vxlanSocket(netdev as TunnelDev),
  xmit: (netdev, frame, pkt) => {
    const dev = netdev as TunnelDev;
    const t = dev.tunnel;
    const learned = isGroupMac(frame.dstMac) ? undefined : fdbOf(dev).get(frame.dstMac);
    if (learned) return xmitOne(dev, frame, pkt, learned, 'fdb');
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
  if (!dev.tunnel.nolearning && !isGroupMac(inner.srcMac) && from !== ZERO_IP) {
    const fdb = fdbOf(dev);
    if (fdb.get(inner.srcMac) !== from) {
      fdb.set(inner.srcMac, from);
      learned = inner.srcMac;
    }
  }
  ipTunnelRcv(dev, skb.ip, inner, skb.pkt, { vni, ...(learned ? { learned } : {}) });
}
