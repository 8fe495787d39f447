// A Linux bridge with STP off (the oracle's `kind: bridge`): learns source MACs per port,
// floods broadcast, multicast and unknown unicast to every port but the ingress one, forwards
// known unicast to its port, and filters frames whose destination is behind the ingress port
// (net/bridge/br_input.c, br_forward.c). It never changes a frame: the same object goes out.
// Its ports are veth devices whose frames the bridge claims with its rx_handler (br_handle_frame),
// as an upper device does; it sends through them with dev_queue_xmit. br_add_if puts a new port
// at the head of the bridge's port list (list_add_rcu), and br_flood walks that list: a flood
// leaves the most recently added port first. With vlan_filtering, bridge-vlan.ts decides which
// VLAN a frame is in, where it may go and whether it leaves tagged.

import { isGroupMac, ZERO_MAC, type MacAddr } from '../wire/addr';
import type { EthernetFrame } from '../wire/types';
import { Fdb } from '../tables/fdb';
import type { BridgeNode } from '../topology';
import type { Device, Network } from '../sim/network';
import type { Sim } from '../sim/sim';
import type { FdbView, PacketId } from '../sim/trace';
import { devQueueXmit, netdevCreate, netdevRxHandlerRegister, netifReceiveSkb, type NetDevice, type NetNs, type RxHandlerResult } from './linux/netdev';
import { BridgeVlanGroups, type BrFrame } from './bridge-vlan';
import './veth';

export class Bridge implements Device, NetNs {
  readonly name: string;
  readonly fdb = new Fdb();
  /** the port list, the most recently added port first (the order floods go out in) */
  private readonly ports: NetDevice[];
  private readonly portByName = new Map<string, NetDevice>();
  /** the MACs of the bridge's own ports: frames to them are for the bridge itself */
  private readonly localMacs: Set<MacAddr>;
  private readonly vlans: BridgeVlanGroups;

  constructor(
    node: BridgeNode,
    readonly sim: Sim,
    readonly net: Network,
  ) {
    this.name = node.name;
    this.ports = node.ifaces.map((i) => {
      const port = netdevCreate(this, 'veth', i.name, i.mac, {});
      netdevRxHandlerRegister(port, this.handleFrame);
      this.portByName.set(i.name, port);
      return port;
    }).reverse();
    this.localMacs = new Set(node.ifaces.map((i) => i.mac));
    this.vlans = new BridgeVlanGroups(node);
  }

  receive(port: string, frame: EthernetFrame, pkt: PacketId): void {
    const dev = this.portByName.get(port);
    if (dev) netifReceiveSkb(dev, frame, pkt);
  }

  /** br_handle_frame: learn, then flood, forward or filter; a frame to the bridge's own MAC goes up. */
  private readonly handleFrame = (dev: NetDevice, frame: EthernetFrame, pkt: PacketId): RxHandlerResult => {
    const { sim, name } = this;
    const port = dev.name;
    const src = frame.srcMac;
    // A group or all-zero source address is invalid and the frame is dropped.
    if (isGroupMac(src) || src === ZERO_MAC) {
      sim.emit({ kind: 'drop', node: name, iface: port, pkt, reason: 'martian-source', detail: src });
      return 'consumed';
    }
    const ing = this.vlans.ingress(port, frame);
    if (ing.kind === 'drop') {
      const detail = ing.why === 'no-pvid' ? `no pvid on ${port}` : `VLAN ${ing.vid!} is not on ${port}`;
      sim.emit({ kind: 'drop', node: name, iface: port, pkt, reason: 'vlan-filter', detail });
      return 'consumed';
    }
    const br = ing.br;
    const vlan = br.vid ? { vlan: br.vid } : {};
    if (!this.localMacs.has(src)) {
      const r = this.fdb.learn(src, port, sim.now, br.vid);
      if (r.kind === 'new') sim.emit({ kind: 'fdb.learn', node: name, mac: src, port, ...vlan });
      else if (r.kind === 'moved') sim.emit({ kind: 'fdb.learn', node: name, mac: src, port, prev: r.prev, ...vlan });
    }
    const dst = frame.dstMac;
    if (isGroupMac(dst)) {
      this.flood(dev, br, pkt, 'group');
      return 'consumed';
    }
    if (this.localMacs.has(dst)) return 'pass';
    const found = this.fdb.lookup(dst, sim.now, br.vid);
    if (found.kind === 'expired') sim.emit({ kind: 'fdb.expire', node: name, mac: dst, port: found.entry.port, ...vlan });
    if (found.kind !== 'found') {
      this.flood(dev, br, pkt, 'unknown-unicast');
      return 'consumed';
    }
    const entry: FdbView = { mac: dst, port: found.entry.port, ...vlan };
    if (found.entry.port === port || !this.vlans.allowedEgress(found.entry.port, br)) {
      sim.emit({ kind: 'fdb.forward', node: name, pkt, ingress: port, mode: 'forward', why: 'known-unicast', egress: [], entry, ...vlan });
      sim.emit({ kind: 'drop', node: name, iface: port, pkt, reason: 'bridge-filter' });
      return 'consumed';
    }
    sim.emit({ kind: 'fdb.forward', node: name, pkt, ingress: port, mode: 'forward', why: 'known-unicast', egress: [entry.port], entry, ...vlan });
    devQueueXmit(this.portByName.get(entry.port)!, this.vlans.egress(entry.port, br), pkt);
    return 'consumed';
  };

  /** Frames for the bridge itself: the host has no IP stack on this bridge, so they end here. */
  protocolRcv(dev: NetDevice, _frame: EthernetFrame, pkt: PacketId): void {
    this.sim.emit({ kind: 'drop', node: this.name, iface: dev.name, pkt, reason: 'bridge-local' });
  }

  /** br_flood: to every port but the ingress one that is a member of the frame's VLAN. */
  private flood(ingress: NetDevice, br: BrFrame, pkt: PacketId, why: 'group' | 'unknown-unicast'): void {
    const out: NetDevice[] = [];
    const notMember: NetDevice[] = [];
    for (const p of this.ports) if (p !== ingress) (this.vlans.allowedEgress(p.name, br) ? out : notMember).push(p);
    const vlan = br.vid ? { vlan: br.vid, notMember: notMember.map((p) => p.name) } : {};
    this.sim.emit({ kind: 'fdb.forward', node: this.name, pkt, ingress: ingress.name, mode: 'flood', why, egress: out.map((p) => p.name), ...vlan });
    for (const p of out) devQueueXmit(p, this.vlans.egress(p.name, br), pkt);
  }
}
