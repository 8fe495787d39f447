// A Linux bridge with STP off (the oracle's `kind: bridge`): learns source MACs per port,
// floods broadcast, multicast and unknown unicast to every port but the ingress one, forwards
// known unicast to its port, and filters frames whose destination is behind the ingress port
// (net/bridge/br_input.c, br_forward.c). It never changes a frame: the same object goes out.
// Its ports are veth devices whose frames the bridge claims with its rx_handler (br_handle_frame),
// as an upper device does; it sends through them with dev_queue_xmit. br_add_if puts a new port
// at the head of the bridge's port list (list_add_rcu), and br_flood walks that list: a flood
// leaves the most recently added port first. With vlan_filtering, bridge-vlan.ts decides which
// VLAN a frame is in, where it may go and whether it leaves tagged. A bridge device made inside a
// linux node (an L3 switch, bridge-dev.ts) is this with `local`: frames for its own address go up
// to that node's stack (br_pass_frame_up), and the stack sends through it (br_dev_xmit).

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

/** The bridge device of a linux node: its name and address, and where frames for it go up. */
export interface BridgeLocal {
  name: string;
  mac: MacAddr;
  up(frame: EthernetFrame, pkt: PacketId): void;
}

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
    private readonly local?: BridgeLocal,
  ) {
    this.name = node.name;
    this.ports = node.ifaces.map((i) => {
      const port = netdevCreate(this, 'veth', i.name, i.mac, {});
      netdevRxHandlerRegister(port, this.handleFrame);
      this.portByName.set(i.name, port);
      return port;
    }).reverse();
    this.localMacs = new Set([...node.ifaces.map((i) => i.mac), ...(local ? [local.mac] : [])]);
    this.vlans = new BridgeVlanGroups(node, local?.name);
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
    if (this.localMacs.has(frame.dstMac)) return 'pass';
    this.forward(dev, br, pkt);
    return 'consumed';
  };

  /** br_dev_xmit: a frame the node sends through its bridge device, in the bridge device's VLAN. */
  xmit(frame: EthernetFrame, pkt: PacketId): void {
    const self = this.local?.name ?? '';
    const ing = this.vlans.ingress(self, frame);
    if (ing.kind === 'drop') {
      this.sim.emit({ kind: 'drop', node: this.name, iface: self, pkt, reason: 'vlan-filter', detail: `VLAN ${ing.vid ?? 0} is not on ${self}` });
      return;
    }
    this.forward(undefined, ing.br, pkt);
  }

  /** br_handle_frame_finish / __br_dev_xmit: flood a group or unknown destination, forward a known one, filter one behind its ingress port. */
  private forward(dev: NetDevice | undefined, br: BrFrame, pkt: PacketId): void {
    const { sim, name } = this;
    const port = dev?.name ?? this.local?.name ?? '';
    const vlan = br.vid ? { vlan: br.vid } : {};
    const dst = br.frame.dstMac;
    if (isGroupMac(dst)) {
      this.flood(dev, br, pkt, 'group');
      // a group frame is also for the bridge itself: br_pass_frame_up after the flood
      if (dev && this.local) this.passUp(dev, br, pkt);
      return;
    }
    const found = this.fdb.lookup(dst, sim.now, br.vid);
    if (found.kind === 'expired') sim.emit({ kind: 'fdb.expire', node: name, mac: dst, port: found.entry.port, ...vlan });
    if (found.kind !== 'found') return this.flood(dev, br, pkt, 'unknown-unicast');
    const entry: FdbView = { mac: dst, port: found.entry.port, ...vlan };
    if (found.entry.port === port || !this.vlans.allowedEgress(found.entry.port, br)) {
      sim.emit({ kind: 'fdb.forward', node: name, pkt, ingress: port, mode: 'forward', why: 'known-unicast', egress: [], entry, ...vlan });
      sim.emit({ kind: 'drop', node: name, iface: port, pkt, reason: 'bridge-filter' });
      return;
    }
    sim.emit({ kind: 'fdb.forward', node: name, pkt, ingress: port, mode: 'forward', why: 'known-unicast', egress: [entry.port], entry, ...vlan });
    devQueueXmit(this.portByName.get(entry.port)!, this.vlans.egress(entry.port, br), pkt);
  }

  /** Frames for the bridge itself: up to the node's stack (br_pass_frame_up), or, on a bridge node, which has no IP stack, they end here. */
  protocolRcv(dev: NetDevice, frame: EthernetFrame, pkt: PacketId): void {
    const ing = this.local && this.vlans.ingress(dev.name, frame);
    if (ing?.kind === 'ok') return this.passUp(dev, ing.br, pkt);
    this.sim.emit({ kind: 'drop', node: this.name, iface: dev.name, pkt, reason: 'bridge-local' });
  }

  /** br_pass_frame_up: in a VLAN of the bridge device's own, tagged or not as that VLAN is on it. */
  private passUp(dev: NetDevice, br: BrFrame, pkt: PacketId): void {
    const local = this.local!;
    if (!this.vlans.allowedEgress(local.name, br)) {
      this.sim.emit({ kind: 'drop', node: this.name, iface: dev.name, pkt, reason: 'vlan-filter', detail: `VLAN ${br.vid} is not on ${local.name}` });
      return;
    }
    local.up(this.vlans.egress(local.name, br), pkt);
  }

  /** br_flood: to every port but the ingress one that is a member of the frame's VLAN. */
  private flood(ingress: NetDevice | undefined, br: BrFrame, pkt: PacketId, why: 'group' | 'unknown-unicast'): void {
    const out: NetDevice[] = [];
    const notMember: NetDevice[] = [];
    for (const p of this.ports) if (p !== ingress) (this.vlans.allowedEgress(p.name, br) ? out : notMember).push(p);
    const vlan = br.vid ? { vlan: br.vid, notMember: notMember.map((p) => p.name) } : {};
    this.sim.emit({ kind: 'fdb.forward', node: this.name, pkt, ingress: ingress?.name ?? this.local?.name ?? '', mode: 'flood', why, egress: out.map((p) => p.name), ...vlan });
    for (const p of out) devQueueXmit(p, this.vlans.egress(p.name, br), pkt);
  }
}
