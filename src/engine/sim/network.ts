// Wires between devices. A transmitted frame appears on its link's capture at once and reaches
// the far end after a fixed delay; frames are processed first in, first out, the way veth pairs
// and bridges queue them on one CPU. The capture of a link is taken at its first endpoint, like
// the oracle's tcpdump: frames that endpoint sends are recorded when sent, frames it receives
// when they arrive.

import type { EthernetFrame } from '../wire/types';
import type { Sim } from './sim';
import type { PacketId } from './trace';
import { endpointLabel, linkKey, type Topology } from '../topology';

/** One hop on a veth pair: enough to order frames, small enough to print sub-ms ping times. */
export const LINK_DELAY_US = 5;

export interface Device {
  readonly name: string;
  receive(iface: string, frame: EthernetFrame, pkt: PacketId): void;
}

interface Peer {
  node: string;
  iface: string;
  link: string;
  /** true when the sending endpoint is the link's first endpoint (where the capture is) */
  senderIsA: boolean;
}

/** What a topology's links come down to, computed once per topology object and reused by runs. */
interface Wiring {
  /** "node:iface" of a sender → the far end */
  peers: Map<string, Peer>;
  linkKeys: string[];
}

const wiringCache = new WeakMap<Topology, Wiring>();

function wiring(topology: Topology): Wiring {
  let w = wiringCache.get(topology);
  if (!w) {
    const peers = new Map<string, Peer>();
    const linkKeys: string[] = [];
    for (const l of topology.links) {
      const key = linkKey(l);
      linkKeys.push(key);
      peers.set(endpointLabel(l.a), { node: l.b.node, iface: l.b.iface, link: key, senderIsA: true });
      peers.set(endpointLabel(l.b), { node: l.a.node, iface: l.a.iface, link: key, senderIsA: false });
    }
    w = { peers, linkKeys };
    wiringCache.set(topology, w);
  }
  return w;
}

/** A frame on its way to the far end of a link. */
interface InFlight {
  peer: Peer;
  frame: EthernetFrame;
  pkt: PacketId;
}

export class Network {
  /** devices built so far; a device is built the first time something reaches it */
  readonly devices = new Map<string, Device>();
  /** builds the device of a node on first use (set by simulate) */
  factory: (node: string) => Device | undefined = () => undefined;
  /** per link key, the frames as the capture at its first endpoint saw them (links that carried any) */
  private readonly captureLists = new Map<string, EthernetFrame[]>();
  /** every captured frame once, in capture order: [link key, index in that link's capture] */
  readonly captureOrder: [string, number][] = [];
  private readonly peers: Map<string, Peer>;
  private readonly linkKeys: string[];
  private readonly arrive = (f: InFlight) => this.deliver(f);

  constructor(
    private readonly sim: Sim,
    topology: Topology,
  ) {
    const w = wiring(topology);
    this.peers = w.peers;
    this.linkKeys = w.linkKeys;
  }

  /** The captures of the links frames crossed, in link order (links nothing crossed are absent). */
  get captures(): Map<string, EthernetFrame[]> {
    const out = new Map<string, EthernetFrame[]>();
    if (this.captureLists.size === 0) return out;
    for (const k of this.linkKeys) {
      const list = this.captureLists.get(k);
      if (list) out.set(k, list);
    }
    return out;
  }

  device(node: string): Device | undefined {
    let d = this.devices.get(node);
    if (!d) {
      d = this.factory(node);
      if (d) this.devices.set(node, d);
    }
    return d;
  }

  linkOf(node: string, iface: string): string | null {
    return this.peers.get(`${node}:${iface}`)?.link ?? null;
  }

  private record(link: string, frame: EthernetFrame): void {
    let list = this.captureLists.get(link);
    if (!list) {
      list = [];
      this.captureLists.set(link, list);
    }
    this.captureOrder.push([link, list.push(frame) - 1]);
  }

  /** Puts a frame on the wire of node:iface. Returns false when the interface has no link. */
  transmit(node: string, iface: string, frame: EthernetFrame, pkt: PacketId): boolean {
    const peer = this.peers.get(`${node}:${iface}`);
    this.sim.emit({ kind: 'frame.tx', node, iface, link: peer?.link ?? null, pkt, frame });
    if (!peer) {
      this.sim.emit({ kind: 'drop', node, iface, pkt, reason: 'no-carrier' });
      return false;
    }
    if (peer.senderIsA) this.record(peer.link, frame);
    this.sim.afterWith(LINK_DELAY_US, this.arrive, { peer, frame, pkt });
    return true;
  }

  private deliver({ peer, frame, pkt }: InFlight): void {
    if (!peer.senderIsA) this.record(peer.link, frame);
    this.sim.emit({ kind: 'frame.rx', node: peer.node, iface: peer.iface, link: peer.link, pkt, frame });
    this.device(peer.node)?.receive(peer.iface, frame, pkt);
  }
}
