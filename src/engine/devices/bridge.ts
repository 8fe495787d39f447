// A Linux bridge (the oracle's `kind: bridge`): learns source MACs per port,
// floods broadcast, multicast and unknown unicast to every port but the ingress one, forwards
// known unicast to its port, and filters frames whose destination is behind the ingress port
// (net/bridge/br_input.c, br_forward.c). It never changes a frame: the same object goes out.
// Its ports are veth devices whose frames the bridge claims with its rx_handler (br_handle_frame),
// as an upper device does; it sends through them with dev_queue_xmit. br_add_if puts a new port
// at the head of the bridge's port list (list_add_rcu), and br_flood walks that list: a flood
// leaves the most recently added port first. Its ports' states and the BPDUs sent to the group
// address are the spanning tree's (bridge-stp.ts): only a forwarding port forwards, a learning
// one learns, and with STP off every port that is up forwards.

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
import './veth';

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

  constructor(
    node: BridgeNode,
    readonly sim: Sim,
    readonly net: Network,
  ) {
    this.name = node.name;
    // With STP on, entries age out as Linux ages them, by the gc alone (see fdb.ts): a topology
    // change shortens the ageing time, and it takes effect when the gc next runs. Without STP the
    // bridge is built when a frame first reaches it, long after Linux's gc first ran: its
    // entries age out when they are looked up after their time, which is when the gc would remove them.
    this.fdb = new Fdb(undefined, node.stp?.enabled ?? false);
    this.ports = node.ifaces.map((i) => {
      const port = netdevCreate(this, 'veth', i.name, i.mac, {});
      netdevRxHandlerRegister(port, this.handleFrame);
      this.portByName.set(i.name, port);
      return port;
    }).reverse();
    this.localMacs = new Set(node.ifaces.map((i) => i.mac));
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
    this.fdb.deletePort(port, (e) => this.sim.emit({ kind: 'fdb.expire', node: this.name, mac: e.mac, port: e.port, cause: 'port-down' }));
  }

  fdbGc(run: boolean): void {
    const gen = ++this.gcGen;
    if (!run || !this.fdb.gc) return;
    const cleanup = () => {
      if (gen !== this.gcGen) return;
      const next = this.fdb.cleanup(this.sim.now, (e) => this.sim.emit({ kind: 'fdb.expire', node: this.name, mac: e.mac, port: e.port }));
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
   * br_handle_frame: a BPDU goes to STP (with STP on); otherwise learn, then flood, forward or
   * filter, as the port's state allows; a frame to the bridge's own MAC goes up.
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
      // __br_handle_local_finish learns the sender, then the LLC layer hands it to br_stp_rcv.
      if (learns) this.learn(src, port);
      if (frame.payload.kind !== 'stp' || this.stp.receive(port, frame.payload, pkt) === undefined) sim.emit({ kind: 'drop', node: name, iface: port, pkt, reason: 'stp-bpdu' });
      return 'consumed';
    }
    if (!learns) {
      sim.emit({ kind: 'drop', node: name, iface: port, pkt, reason: 'stp-port-state', detail: state });
      return 'consumed';
    }
    this.learn(src, port);
    if (state === 'learning') {
      sim.emit({ kind: 'drop', node: name, iface: port, pkt, reason: 'stp-port-state', detail: state });
      return 'consumed';
    }
    const dst = frame.dstMac;
    if (isGroupMac(dst)) {
      this.flood(dev, frame, pkt, 'group');
      return 'consumed';
    }
    if (this.localMacs.has(dst)) return 'pass';
    const found = this.fdb.lookup(dst, sim.now);
    if (found.kind === 'expired') sim.emit({ kind: 'fdb.expire', node: name, mac: dst, port: found.entry.port });
    if (found.kind !== 'found') {
      this.flood(dev, frame, pkt, 'unknown-unicast');
      return 'consumed';
    }
    const entry: FdbView = { mac: dst, port: found.entry.port };
    if (found.entry.port === port) {
      sim.emit({ kind: 'fdb.forward', node: name, pkt, ingress: port, mode: 'forward', why: 'known-unicast', egress: [], entry });
      sim.emit({ kind: 'drop', node: name, iface: port, pkt, reason: 'bridge-filter' });
      return 'consumed';
    }
    // should_deliver: only to a forwarding port.
    const outState = this.stp.port(entry.port)?.state ?? 'forwarding';
    sim.emit({ kind: 'fdb.forward', node: name, pkt, ingress: port, mode: 'forward', why: 'known-unicast', egress: outState === 'forwarding' ? [entry.port] : [], entry });
    if (outState === 'forwarding') devQueueXmit(this.portByName.get(entry.port)!, frame, pkt);
    else sim.emit({ kind: 'drop', node: name, iface: entry.port, pkt, reason: 'stp-port-state', detail: outState });
    return 'consumed';
  };

  private learn(src: MacAddr, port: string): void {
    const { sim, name } = this;
    if (!this.localMacs.has(src)) {
      const r = this.fdb.learn(src, port, sim.now);
      if (r.kind === 'new') sim.emit({ kind: 'fdb.learn', node: name, mac: src, port });
      else if (r.kind === 'moved') sim.emit({ kind: 'fdb.learn', node: name, mac: src, port, prev: r.prev });
    }
  }

  /** Frames for the bridge itself: the host has no IP stack on this bridge, so they end here. */
  protocolRcv(dev: NetDevice, _frame: EthernetFrame, pkt: PacketId): void {
    this.sim.emit({ kind: 'drop', node: this.name, iface: dev.name, pkt, reason: 'bridge-local' });
  }

  private flood(ingress: NetDevice, frame: EthernetFrame, pkt: PacketId, why: 'group' | 'unknown-unicast'): void {
    // br_flood: every other port that should_deliver allows (a forwarding one).
    const egress: NetDevice[] = [];
    for (const p of this.ports) if (p !== ingress && (this.stp.port(p.name)?.state ?? 'forwarding') === 'forwarding') egress.push(p);
    this.sim.emit({ kind: 'fdb.forward', node: this.name, pkt, ingress: ingress.name, mode: 'flood', why, egress: egress.map((p) => p.name) });
    for (const p of egress) devQueueXmit(p, frame, pkt);
  }
}
