// Network devices (struct net_device, net/core/dev.c) and the two paths every frame takes through
// one. Transmit: dev_queue_xmit → the type's ndo_start_xmit (a veth puts the frame on its wire,
// loopback hands it back to its own stack, a VLAN would tag it and transmit it on its lower
// device, a tunnel would wrap it and send it through the route table). Receive:
// netif_receive_skb → __netif_receive_skb_core: an rx_handler that an upper device registered
// on the device may claim the frame (a bridge for its port; a VLAN, macvlan or tunnel would
// receive it again as its own, which runs that device's handler in turn, as another_round does),
// and what is not claimed goes to the protocol handlers of the device's own stack.
//
// A device type is one file that calls registerNetdevType (veth.ts, loopback.ts, ipip.ts, gre.ts,
// vxlan.ts, vlan.ts); a device is
// created by its type's name, possibly on top of another one (`lower`).

import type { Ipv4Addr, MacAddr } from '../../wire/addr';
import { utf8 } from '../../wire/codec-bytes';
import type { EthernetFrame } from '../../wire/types';
import type { Network } from '../../sim/network';
import type { Sim } from '../../sim/sim';
import type { PacketId } from '../../sim/trace';

/** What a device belongs to (dev_net): a Linux node's stack, or a bridge node. */
export interface NetNs {
  /** the node's name, for the trace */
  readonly name: string;
  readonly sim: Sim;
  /** the wires between nodes */
  readonly net: Network;
  /** the protocol handlers (ptype_base: arp_rcv, ip_rcv) for what no upper device claimed */
  protocolRcv(dev: NetDevice, frame: EthernetFrame, pkt: PacketId): void;
}

/** What an rx_handler did with a frame: kept it (RX_HANDLER_CONSUMED) or let it go up (RX_HANDLER_PASS). */
export type RxHandlerResult = 'consumed' | 'pass';

/** rx_handler_func_t: an upper device's look at each frame its lower device receives. */
export type RxHandler = (dev: NetDevice, frame: EthernetFrame, pkt: PacketId) => RxHandlerResult;

/** struct net_device_ops, as much as this model needs. */
export interface NetdevOps {
  /**
   * ndo_start_xmit: send a frame from this device. `nexthop`: the gateway of the route the packet
   * was sent with (rt_nexthop of its skb_dst), which a tunnel without a remote sends it to.
   */
  xmit(dev: NetDevice, frame: EthernetFrame, pkt: PacketId, nexthop?: Ipv4Addr): void;
  /** ndo_init: called once the device exists (an upper device registers its rx_handler on `dev.lower` here) */
  init?(dev: NetDevice): void;
  /** IFF_LOOPBACK: what the device sends comes back to its own stack, still carrying its route */
  loopback?: boolean;
  /** no link-layer header (an IP tunnel: ipip, gre): its neighbours need no ARP (NUD_NOARP, neigh_direct_output) */
  noarp?: boolean;
  /** dev->mtu (ETH_DATA_LEN, 1500, when the type does not say) */
  mtu?(dev: NetDevice): number;
}

export interface NetDevice {
  /** the interface name (lo, eth1, p1, …) */
  readonly name: string;
  /** the registered type it was created as */
  readonly kind: string;
  readonly ops: NetdevOps;
  readonly ns: NetNs;
  readonly mac: MacAddr;
  /** the device this one is stacked on (a VLAN's real device, a tunnel's none) */
  readonly lower: NetDevice | undefined;
  /** set with netdevRxHandlerRegister by the upper device that claims this one's frames */
  rxHandler: RxHandler | undefined;
  /** the VLAN devices on this one, by VID (vlan_info's vlan_group), set by vlan.ts */
  vlans?: Map<number, NetDevice>;
}

const types = new Map<string, NetdevOps>();

/** rtnl_link_register: makes a device type creatable by its name. */
export function registerNetdevType(kind: string, ops: NetdevOps): void {
  if (types.has(kind)) throw new Error(`netdev: device type "${kind}" is registered twice`);
  types.set(kind, ops);
}

/**
 * register_netdevice: a device of a registered type in `ns`. `fields` (what its owner keeps on
 * it: an IPv4 stack's in_device, nothing for a bridge port) becomes the device: it is not copied,
 * because copying an object into a new one with more properties (a spread) costs microseconds in
 * V8, and a walk builds the devices of every node it reaches.
 */
export function netdevCreate<X extends object>(ns: NetNs, kind: string, name: string, mac: MacAddr, fields: X, lower?: NetDevice): NetDevice & X {
  const ops = types.get(kind);
  if (!ops) throw new Error(`netdev: no device type "${kind}"`);
  const dev = fields as X & { -readonly [K in keyof NetDevice]: NetDevice[K] };
  dev.name = name;
  dev.kind = kind;
  dev.ops = ops;
  dev.ns = ns;
  dev.mac = mac;
  dev.lower = lower;
  dev.rxHandler = undefined;
  ops.init?.(dev);
  return dev;
}

/** netdev_rx_handler_register: one upper device per device claims its frames (EBUSY otherwise). */
export function netdevRxHandlerRegister(dev: NetDevice, handler: RxHandler): void {
  if (dev.rxHandler) throw new Error(`netdev: ${dev.ns.name}:${dev.name} already has an rx_handler`);
  dev.rxHandler = handler;
}

/** dev_queue_xmit: a frame out of `dev`, as its type sends it. */
export function devQueueXmit(dev: NetDevice, frame: EthernetFrame, pkt: PacketId, nexthop?: Ipv4Addr): void {
  dev.ops.xmit(dev, frame, pkt, nexthop);
}

/**
 * netif_receive_skb: a frame received on `dev`. A tagged frame whose VID has a VLAN device on
 * `dev` is received again on that device without its tag (vlan_do_receive, another_round); then
 * an upper device's rx_handler, then the device's stack.
 */
export function netifReceiveSkb(dev: NetDevice, frame: EthernetFrame, pkt: PacketId): void {
  const tag = frame.vlans?.[0];
  const vlanDev = tag && dev.vlans?.get(tag.vid);
  if (vlanDev) {
    const { vlans, ...untagged } = frame;
    return netifReceiveSkb(vlanDev, vlans!.length > 1 ? { ...untagged, vlans: vlans!.slice(1) } : untagged, pkt);
  }
  const handler = dev.rxHandler;
  if (handler !== undefined && handler(dev, frame, pkt) === 'consumed') return;
  dev.ns.protocolRcv(dev, frame, pkt);
}

/** IFNAMSIZ: an interface name and its terminating NUL fit in 16 bytes. */
export const IFNAMSIZ = 16;

/**
 * dev_valid_name (net/core/dev.c): what the kernel refuses as a device name with EINVAL, and
 * why, or undefined for a name it takes. Not empty, at most IFNAMSIZ - 1 bytes, not "." or ".."
 * (they would be directories under /sys/class/net), no "/", ":" or white space.
 */
export function devNameProblem(name: string): string | undefined {
  if (name === '') return 'it is empty';
  if (utf8(name).length >= IFNAMSIZ) return `it is longer than ${IFNAMSIZ - 1} bytes`;
  if (name === '.' || name === '..') return `Linux refuses "." and ".."`;
  if (/[/: \t\n\v\f\r]/.test(name)) return 'Linux refuses "/", ":" and white space in it';
  return undefined;
}

/** dev->mtu: the biggest IP packet the device sends whole. */
export const devMtu = (dev: NetDevice): number => dev.ops.mtu?.(dev) ?? 1500;
