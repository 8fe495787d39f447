// Wires between devices. A transmitted frame (a `frame.tx` event) reaches the far end (a
// `frame.rx` event) after a fixed delay; frames are processed first in, first out, the way veth
// pairs and bridges queue them on one CPU. Link captures are read from those events afterwards
// (see captures.ts): nothing here records them.

import type { EthernetFrame } from '../wire/types';
import type { Sim } from './sim';
import type { PacketId } from './trace';

/** What a frame in flight needs from its `frame.tx` event. */
type FrameTx = { frame: EthernetFrame; pkt: PacketId };
import { linkKey, type Topology } from '../topology';

/** One hop on a veth pair: enough to order frames, small enough to print sub-ms ping times. */
export const LINK_DELAY_US = 5;

/** A node as its links see it (a LinuxStack, a Bridge): frames arrive on one of its interfaces. */
export interface Device {
  readonly name: string;
  receive(iface: string, frame: EthernetFrame, pkt: PacketId): void;
  /** the interface's carrier went or came back (its link's other end, or itself, set down or up) */
  carrier?(iface: string, up: boolean): void;
}

interface Peer {
  node: string;
  iface: string;
  link: string;
}

/** What a topology's links come down to, computed once per topology object and reused by runs. */
interface Wiring {
  /** a sender's node → its interface → the far end (two lookups of names, no key string built per frame) */
  peers: Map<string, Map<string, Peer>>;
}

const wiringCache = new WeakMap<Topology, Wiring>();

function wiring(topology: Topology): Wiring {
  let w = wiringCache.get(topology);
  if (!w) {
    const peers = new Map<string, Map<string, Peer>>();
    const set = (node: string, iface: string, peer: Peer) => {
      let byIface = peers.get(node);
      if (!byIface) peers.set(node, (byIface = new Map()));
      byIface.set(iface, peer);
    };
    for (const l of topology.links) {
      const key = linkKey(l);
      set(l.a.node, l.a.iface, { node: l.b.node, iface: l.b.iface, link: key });
      set(l.b.node, l.b.iface, { node: l.a.node, iface: l.a.iface, link: key });
    }
    w = { peers };
    wiringCache.set(topology, w);
  }
  return w;
}

export class Network {
  /** devices built so far; a device is built the first time something reaches it */
  readonly devices = new Map<string, Device>();
  /** builds the device of a node on first use (set by simulate) */
  factory: (node: string) => Device | undefined = () => undefined;
  private readonly peers: Map<string, Map<string, Peer>>;
  private readonly arrive = (peer: Peer, tx: FrameTx) => this.deliver(peer, tx);
  /** "node:iface" of interfaces set down (`ip link set DEV down`): their link carries nothing */
  private readonly down = new Set<string>();

  constructor(
    private readonly sim: Sim,
    topology: Topology,
  ) {
    const w = wiring(topology);
    this.peers = w.peers;
  }

  device(node: string): Device | undefined {
    let d = this.devices.get(node);
    if (!d) {
      d = this.factory(node);
      if (d) this.devices.set(node, d);
    }
    return d;
  }

  private peer(node: string, iface: string): Peer | undefined {
    return this.peers.get(node)?.get(iface);
  }

  linkOf(node: string, iface: string): string | null {
    return this.peer(node, iface)?.link ?? null;
  }

  /**
   * `ip link set DEV down|up` on node:iface: a veth pair loses its carrier on both ends (veth_close),
   * so both ends' devices hear of it.
   */
  setUp(node: string, iface: string, up: boolean): void {
    const key = `${node}:${iface}`;
    if (up === !this.down.has(key)) return;
    const peer = this.peer(node, iface);
    const wasCarrier = this.hasCarrier(node, iface);
    if (up) this.down.delete(key);
    else this.down.add(key);
    this.sim.emit({ kind: 'link.state', node, iface, up });
    if (this.hasCarrier(node, iface) === wasCarrier || !peer) return;
    const carrier = !wasCarrier;
    this.device(node)?.carrier?.(iface, carrier);
    this.device(peer.node)?.carrier?.(peer.iface, carrier);
  }

  /** Not set down with `ip link set DEV down`. */
  isUp(node: string, iface: string): boolean {
    return !this.down.has(`${node}:${iface}`);
  }

  /** Linked, and both ends up. */
  hasCarrier(node: string, iface: string): boolean {
    const peer = this.peer(node, iface);
    return !!peer && !this.down.has(`${node}:${iface}`) && !this.down.has(`${peer.node}:${peer.iface}`);
  }

  /** Puts a frame on the wire of node:iface. Returns false when the interface has no link or it is down. */
  transmit(node: string, iface: string, frame: EthernetFrame, pkt: PacketId): boolean {
    const peer = this.peer(node, iface);
    if (peer && this.down.size && (this.down.has(`${node}:${iface}`) || this.down.has(`${peer.node}:${peer.iface}`))) {
      this.sim.emit({ kind: 'drop', node, iface, pkt, reason: 'link-down' });
      return false;
    }
    const tx = this.sim.emit({ kind: 'frame.tx', node, iface, link: peer?.link ?? null, pkt, frame, seq: 0, t: 0 });
    if (!peer) {
      this.sim.emit({ kind: 'drop', node, iface, pkt, reason: 'no-carrier' });
      return false;
    }
    this.sim.afterWith(LINK_DELAY_US, this.arrive, peer, tx);
    return true;
  }

  private deliver(peer: Peer, { frame, pkt }: FrameTx): void {
    this.sim.emit({ kind: 'frame.rx', node: peer.node, iface: peer.iface, link: peer.link, pkt, frame, seq: 0, t: 0 });
    this.device(peer.node)?.receive(peer.iface, frame, pkt);
  }
}
