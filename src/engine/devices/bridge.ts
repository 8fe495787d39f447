// A Linux bridge (the oracle's `kind: bridge`): learns source MACs per port,
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
// Its ports' states and the BPDUs sent to the group address are the spanning tree's
// (bridge-stp.ts): only a forwarding port forwards, a learning one learns, and with STP off every
// port that is up forwards.

import { isGroupMac, ZERO_MAC, type MacAddr } from '../wire/addr';
import type { EthernetFrame } from '../wire/types';
import { Fdb } from '../tables/fdb';
import type { BridgeNode } from '../topology';
import { STP_GROUP_MAC } from '../wire/stp';
import { BridgeStp, type StpHost } from './bridge-stp';
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
  /** the node's device a port stands for, which the bridge's port device transmits through (bridge-dev.ts) */
  lower(port: string): NetDevice;
}

export class Bridge implements Device, NetNs, StpHost {
  readonly name: string;
  readonly fdb: Fdb;
  readonly stp: BridgeStp;
  /** the fdb's gc (br->gc_work), on a bridge running STP */
  private gcGen = 0;
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
    // With STP on, entries age out as Linux ages them, by the gc alone (see fdb.ts): a topology
    // change shortens the ageing time, and it takes effect when the gc next runs. Without STP the
    // bridge is built when a frame first reaches it, long after Linux's gc first ran: its
    // entries age out when they are looked up after their time, which is when the gc would remove them.
    this.fdb = new Fdb(undefined, node.stp?.enabled ?? false);
    this.ports = node.ifaces.map((i) => {
      const port = local ? netdevCreate(this, 'bridge-port', i.name, i.mac, {}, local.lower(i.name)) : netdevCreate(this, 'veth', i.name, i.mac, {});
      netdevRxHandlerRegister(port, this.handleFrame);
      this.portByName.set(i.name, port);
      return port;
    }).reverse();
    this.localMacs = new Set([...node.ifaces.map((i) => i.mac), ...(local ? [local.mac] : [])]);
    this.vlans = new BridgeVlanGroups(node, local?.name);
    this.stp = new BridgeStp(this, node.stp, node.ifaces);
    // A port without a link has no carrier; without STP packetwalk still floods to it (and the
    // frame is dropped there, no-carrier), as it always has.
    if (this.stp.enabled) for (const i of node.ifaces) if (net.linkOf(node.name, i.name) === null) this.stp.port(i.name)!.up = false;
    // br0 is up from the start: the ports that are up block, then listen (STP) or forward.
    this.stp.enableBridge();
  }

  sendBpdu(port: string, frame: EthernetFrame): void {
    devQueueXmit(this.portByName.get(port)!, frame, this.sim.newPacketId());
  }

  setAgeing(us: number): void {
    this.fdb.ageingUs = us;
  }

  fdbDeletePort(port: string): void {
    this.fdb.deletePort(port, (e) => this.sim.emit({ kind: 'fdb.expire', node: this.name, mac: e.mac, port: e.port, ...(e.vlan ? { vlan: e.vlan } : {}), cause: 'port-down' }));
  }

  fdbGc(run: boolean): void {
    const gen = ++this.gcGen;
    if (!run || !this.fdb.gc) return;
    const cleanup = () => {
      if (gen !== this.gcGen) return;
      const next = this.fdb.cleanup(this.sim.now, (e) => this.sim.emit({ kind: 'fdb.expire', node: this.name, mac: e.mac, port: e.port, ...(e.vlan ? { vlan: e.vlan } : {}) }));
      this.sim.after(next, cleanup);
    };
    this.sim.after(100_000, cleanup);
  }

  /** The port's carrier went (`ip link set` on it or on its peer), or came back. */
  carrier(port: string, up: boolean): void {
    this.stp.setPortUp(port, up);
  }

  /** `ip link set br0 down|up`: br_dev_stop, br_dev_open. */
  setUp(up: boolean): void {
    if (up === this.stp.devUp) return;
    if (up) this.stp.enableBridge();
    else this.stp.disableBridge();
  }

  receive(port: string, frame: EthernetFrame, pkt: PacketId): void {
    const dev = this.portByName.get(port);
    if (dev) netifReceiveSkb(dev, frame, pkt);
  }

  /**
   * br_handle_frame: a BPDU goes to STP (with STP on); a port that is not learning or forwarding
   * drops the frame; then br_handle_frame_finish: the VLAN ingress check, learn, and (on a
   * forwarding port) flood, forward or filter; a frame to the bridge's own MAC goes up.
   */
  private readonly handleFrame = (dev: NetDevice, frame: EthernetFrame, pkt: PacketId): RxHandlerResult => {
    const { sim, name } = this;
    const port = dev.name;
    const src = frame.srcMac;
    // A group or all-zero source address is invalid and the frame is dropped.
    if (isGroupMac(src) || src === ZERO_MAC) {
      sim.emit({ kind: 'drop', node: name, iface: port, pkt, reason: 'martian-source', detail: src });
      return 'consumed';
    }
    const state = this.stp.port(port)?.state ?? 'forwarding';
    const learns = state === 'learning' || state === 'forwarding';
    if (frame.dstMac === STP_GROUP_MAC && this.stp.enabled) {
      // __br_handle_local_finish learns the sender (br_should_learn: in the frame's VLAN), then
      // the LLC layer hands it to br_stp_rcv.
      const ing = this.vlans.ingress(port, frame);
      if (learns && ing.kind === 'ok') this.learn(src, port, ing.br.vid);
      if (frame.payload.kind !== 'stp' || this.stp.receive(port, frame.payload, pkt) === undefined) sim.emit({ kind: 'drop', node: name, iface: port, pkt, reason: 'stp-bpdu' });
      return 'consumed';
    }
    if (!learns) {
      sim.emit({ kind: 'drop', node: name, iface: port, pkt, reason: 'stp-port-state', detail: state });
      return 'consumed';
    }
    const ing = this.vlans.ingress(port, frame);
    if (ing.kind === 'drop') {
      const detail = ing.why === 'no-pvid' ? `no pvid on ${port}` : `VLAN ${ing.vid!} is not on ${port}`;
      sim.emit({ kind: 'drop', node: name, iface: port, pkt, reason: 'vlan-filter', detail });
      return 'consumed';
    }
    const br = ing.br;
    this.learn(src, port, br.vid);
    if (state === 'learning') {
      sim.emit({ kind: 'drop', node: name, iface: port, pkt, reason: 'stp-port-state', detail: state });
      return 'consumed';
    }
    if (this.localMacs.has(frame.dstMac)) return 'pass';
    this.forward(dev, br, pkt);
    return 'consumed';
  };

  private learn(src: MacAddr, port: string, vid: number | undefined): void {
    const { sim, name } = this;
    if (this.localMacs.has(src)) return;
    const vlan = vid ? { vlan: vid } : {};
    const r = this.fdb.learn(src, port, sim.now, vid);
    if (r.kind === 'new') sim.emit({ kind: 'fdb.learn', node: name, mac: src, port, ...vlan });
    else if (r.kind === 'moved') sim.emit({ kind: 'fdb.learn', node: name, mac: src, port, prev: r.prev, ...vlan });
  }

  /** The port's STP state allows forwarding (with STP off, every port's does). */
  private forwarding(port: string): boolean {
    return (this.stp.port(port)?.state ?? 'forwarding') === 'forwarding';
  }

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
      sim.emit({ kind: 'fdb.forward', node: name, pkt, ingress: port, mode: 'forward', why: 'known-unicast', egress: [], entry, ...vlan, seq: 0, t: 0 });
      sim.emit({ kind: 'drop', node: name, iface: port, pkt, reason: 'bridge-filter', seq: 0, t: 0 });
      return;
    }
    // should_deliver: only to a forwarding port.
    const deliver = this.forwarding(entry.port);
    sim.emit({ kind: 'fdb.forward', node: name, pkt, ingress: port, mode: 'forward', why: 'known-unicast', egress: deliver ? [entry.port] : [], entry, ...vlan, seq: 0, t: 0 });
    if (deliver) devQueueXmit(this.portByName.get(entry.port)!, this.vlans.egress(entry.port, br), pkt);
    else sim.emit({ kind: 'drop', node: name, iface: entry.port, pkt, reason: 'stp-port-state', detail: this.stp.port(entry.port)!.state });
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

  /** br_flood: to every port but the ingress one that forwards (STP) and is a member of the frame's VLAN. */
  private flood(ingress: NetDevice | undefined, br: BrFrame, pkt: PacketId, why: 'group' | 'unknown-unicast'): void {
    const out: NetDevice[] = [];
    const notMember: NetDevice[] = [];
    for (const p of this.ports) if (p !== ingress && this.forwarding(p.name)) (this.vlans.allowedEgress(p.name, br) ? out : notMember).push(p);
    const vlan = br.vid ? { vlan: br.vid, notMember: notMember.map((p) => p.name) } : {};
    this.sim.emit({ kind: 'fdb.forward', node: this.name, pkt, ingress: ingress?.name ?? this.local?.name ?? '', mode: 'flood', why, egress: out.map((p) => p.name), ...vlan, seq: 0, t: 0 });
    for (const p of out) devQueueXmit(p, this.vlans.egress(p.name, br), pkt);
  }
}
