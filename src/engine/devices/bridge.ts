// A Linux bridge with STP off (the oracle's `kind: bridge`): learns source MACs per port,
// floods broadcast, multicast and unknown unicast to every port but the ingress one, forwards
// known unicast to its port, and filters frames whose destination is behind the ingress port
// (net/bridge/br_input.c, br_forward.c). It never changes a frame: the same object goes out.

import { isGroupMac, ZERO_MAC, type MacAddr } from '../wire/addr';
import type { EthernetFrame } from '../wire/types';
import { Fdb } from '../tables/fdb';
import type { BridgeNode } from '../topology';
import type { Device, Network } from '../sim/network';
import type { Sim } from '../sim/sim';
import type { FdbView, PacketId } from '../sim/trace';

export class Bridge implements Device {
  readonly name: string;
  readonly fdb = new Fdb();
  private readonly ports: string[];
  /** the MACs of the bridge's own ports: frames to them are for the bridge itself */
  private readonly localMacs: Set<MacAddr>;

  constructor(
    node: BridgeNode,
    private readonly sim: Sim,
    private readonly net: Network,
  ) {
    this.name = node.name;
    this.ports = node.ifaces.map((i) => i.name);
    this.localMacs = new Set(node.ifaces.map((i) => i.mac));
  }

  receive(port: string, frame: EthernetFrame, pkt: PacketId): void {
    const { sim, name } = this;
    const src = frame.srcMac;
    // br_handle_frame: a group or all-zero source address is invalid and the frame is dropped.
    if (isGroupMac(src) || src === ZERO_MAC) {
      sim.emit({ kind: 'drop', node: name, iface: port, pkt, reason: 'martian-source', detail: src });
      return;
    }
    if (!this.localMacs.has(src)) {
      const r = this.fdb.learn(src, port, sim.now);
      if (r.kind === 'new') sim.emit({ kind: 'fdb.learn', node: name, mac: src, port });
      else if (r.kind === 'moved') sim.emit({ kind: 'fdb.learn', node: name, mac: src, port, prev: r.prev });
    }
    const dst = frame.dstMac;
    if (isGroupMac(dst)) return this.flood(port, frame, pkt, 'group');
    if (this.localMacs.has(dst)) {
      sim.emit({ kind: 'drop', node: name, iface: port, pkt, reason: 'bridge-local' });
      return;
    }
    const found = this.fdb.lookup(dst, sim.now);
    if (found.kind === 'expired') sim.emit({ kind: 'fdb.expire', node: name, mac: dst, port: found.entry.port });
    if (found.kind !== 'found') return this.flood(port, frame, pkt, 'unknown-unicast');
    const entry: FdbView = { mac: dst, port: found.entry.port };
    if (found.entry.port === port) {
      sim.emit({ kind: 'fdb.forward', node: name, pkt, ingress: port, mode: 'forward', why: 'known-unicast', egress: [], entry });
      sim.emit({ kind: 'drop', node: name, iface: port, pkt, reason: 'bridge-filter' });
      return;
    }
    sim.emit({ kind: 'fdb.forward', node: name, pkt, ingress: port, mode: 'forward', why: 'known-unicast', egress: [entry.port], entry });
    this.net.transmit(name, entry.port, frame, pkt);
  }

  private flood(ingress: string, frame: EthernetFrame, pkt: PacketId, why: 'group' | 'unknown-unicast'): void {
    const egress = this.ports.filter((p) => p !== ingress);
    this.sim.emit({ kind: 'fdb.forward', node: this.name, pkt, ingress, mode: 'flood', why, egress });
    for (const p of egress) this.net.transmit(this.name, p, frame, pkt);
  }
}
