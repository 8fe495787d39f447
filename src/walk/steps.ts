// The player's steps: the trace grouped into moments a student can follow, one row of the event
// list each. A step is one of
//   - `frame`: a frame arriving at a device (its frame.rx) together with everything that device
//     did because of it in the same instant: lookups, table updates, decisions, and the frames it
//     sent (a switch's flooded copies, a router's forwarded packet, an ARP reply, a packet it had
//     held and can now release…);
//   - `command`: a scenario step starting on a device (step.start) and what its process did at
//     once (its first packet, the ARP request that packet needs…);
//   - `local`: a device acting on its own at a later moment: a timer (ARP retransmit, neighbour
//     state change, fdb ageing) or a process (ping's next request, nc's datagram);
//   - `exit`: a scenario step ending (step.end, with its output);
//   - `stop`: the simulation stopping early (the event bound, a broadcast storm): the last step of
//     a walk whose result says it stopped; it holds no event (`first` > `last`).
// A step starts at frame.rx, step.start, step.end and sim.stop; any other event joins the open
// step when it happens on the same device at the same virtual time, else it opens a `local` step.
// The step's "current frames" are the frames it put on a wire (its frame.tx events): they are what
// moves on the canvas, so each wire crossing is animated once, at its sender's step (a flood fans
// out there). A step that sent nothing shows the frame it received (a drop, a delivery).
// Pure functions of the trace: no React, no store; computed once per walk.

import type { EthernetFrame, LimitStop, PacketId, TraceEvent } from '../engine';
import { frameTunnel } from './tunnel';

/** What a step's frame carries, for the protocol column and its filter. */
export type Protocol = 'arp' | 'stp' | 'icmp' | 'udp' | 'tcp' | 'other';
export const PROTOCOLS = ['arp', 'stp', 'icmp', 'udp', 'tcp', 'other'] as const satisfies readonly Protocol[];

export type StepKind = 'command' | 'frame' | 'local' | 'exit' | 'stop';

/** What happened at a step, as the event list says it (the first is the main one). */
export type Outcome = 'sent' | 'flooded' | 'forwarded' | 'dropped' | 'delivered' | 'held' | 'started' | 'exited' | 'stopped' | 'timer';

/** Outcomes in the order a row names them (the most telling first). */
const OUTCOME_ORDER: readonly Outcome[] = ['stopped', 'dropped', 'flooded', 'forwarded', 'delivered', 'sent', 'held', 'started', 'exited', 'timer'];

/** One frame a step put on a wire, and where the packet came from. */
export interface StepTx {
  /** the frame.tx event */
  seq: number;
  pkt: PacketId;
  /** the device at the other end of the wire ('' when the interface has no link) */
  to: string;
  link: string | null;
  /** the frame.rx of the same packet at this device, when the device received it (the previous hop) */
  prev?: number;
  /** nat.rewrite events this device applied to the packet since it received it */
  nat: number[];
  /** how the device came to send it */
  via: 'forward' | 'bridge' | 'local';
  /** the step at which the packet had been held waiting for ARP, when it was */
  heldAt?: number;
}

export interface PlayerStep {
  index: number;
  kind: StepKind;
  /** seq of the first and last event (inclusive) */
  first: number;
  last: number;
  /** virtual time, µs */
  t: number;
  /** the device acting ("at device"); absent for a sleep step and a stop */
  node?: string;
  /** the frame.rx that started it */
  rx?: number;
  /** the device the received frame came from */
  from?: string;
  tx: StepTx[];
  outcomes: Outcome[];
  /** the protocol of its current frame (the first sent, else the received one) */
  protocol?: Protocol;
  /** the scenario step it belongs to (step.start / step.end) */
  scenarioStep?: number;
  /** why the simulation stopped (a `stop` step) */
  stop?: LimitStop;
}

/**
 * The protocol of a frame, as the event list names it: as Wireshark's Protocol column does, the
 * innermost one a tunnel frame carries (ICMP for a ping inside IP in IP, ARP inside VXLAN), read
 * by the one reader of tunnel headers (tunnel.ts).
 */
export function frameProtocol(frame: EthernetFrame): Protocol {
  const p = frame.payload;
  const inside = frameTunnel(frame);
  if (inside) return inside.inner;
  if (p.kind === 'arp') return 'arp';
  if (p.kind === 'stp') return 'stp';
  if (p.kind !== 'ipv4' || !p.payload) return 'other';
  const k = p.payload.kind;
  return k === 'icmp' || k === 'udp' || k === 'tcp' ? k : 'other';
}

/** The far end of a link key "a:if--b:if" seen from node:iface. */
export function linkPeer(link: string, node: string, iface: string): string {
  const [a, b] = link.split('--') as [string, string?];
  const self = `${node}:${iface}`;
  const other = a === self ? b : a;
  return other ? other.slice(0, other.lastIndexOf(':')) : '';
}

const nodeOf = (e: TraceEvent): string | undefined => ('node' in e ? e.node : undefined);
const key = (node: string, pkt: number) => `${node}|${pkt}`;

/** Groups a trace into steps (see the module comment); `stopped` is the result's early stop. */
export function buildSteps(events: readonly TraceEvent[], stopped: LimitStop | null = null): PlayerStep[] {
  const steps: PlayerStep[] = [];
  let open: (PlayerStep & { outs: Set<Outcome> }) | undefined;
  /** per device and packet: the last frame.rx, the NAT rewrites since, forward decisions, holds */
  const lastRx = new Map<string, number>();
  const natSince = new Map<string, number[]>();
  const forwarded = new Set<string>();
  const heldAt = new Map<string, number>();

  const close = () => {
    if (!open) return;
    const { outs, ...step } = open;
    step.outcomes = OUTCOME_ORDER.filter((o) => outs.has(o));
    steps.push(step);
    open = undefined;
  };
  const start = (e: TraceEvent, kind: StepKind) => {
    close();
    const node = nodeOf(e);
    open = { index: steps.length, kind, first: e.seq, last: e.seq, t: e.t, ...(node !== undefined ? { node } : {}), tx: [], outcomes: [], outs: new Set() };
    return open;
  };

  for (const e of events) {
    const node = nodeOf(e);
    let s = open;
    switch (e.kind) {
      case 'frame.rx':
        s = start(e, 'frame');
        s.rx = e.seq;
        s.from = linkPeer(e.link, e.node, e.iface);
        s.protocol = frameProtocol(e.frame);
        lastRx.set(key(e.node, e.pkt), e.seq);
        natSince.delete(key(e.node, e.pkt));
        break;
      case 'step.start':
        s = start(e, 'command');
        s.scenarioStep = e.step;
        s.outs.add('started');
        break;
      case 'step.end':
        s = start(e, 'exit');
        s.scenarioStep = e.step;
        s.outs.add('exited');
        break;
      case 'sim.stop':
        s = start(e, 'stop');
        s.outs.add('stopped');
        break;
      default:
        // A socket that opens, changes or closes belongs to what its device is doing at that
        // moment, its program's exit included.
        if (!s || (s.kind === 'exit' && e.kind !== 'socket.state') || s.kind === 'stop' || node === undefined || s.node !== node || s.t !== e.t) {
          s = start(e, 'local');
          s.outs.add('timer');
        }
    }
    s.last = e.seq;
    switch (e.kind) {
      case 'frame.tx': {
        const k = key(e.node, e.pkt);
        const prev = lastRx.get(k);
        const bridged = s.kind === 'frame' && s.rx !== undefined && events[s.rx]?.kind === 'frame.rx' && (events[s.rx] as { pkt: number }).pkt === e.pkt && !forwarded.has(k) && prev !== undefined;
        const via: StepTx['via'] = forwarded.has(k) ? 'forward' : bridged ? 'bridge' : 'local';
        const held = heldAt.get(k);
        s.tx.push({
          seq: e.seq,
          pkt: e.pkt,
          to: e.link ? linkPeer(e.link, e.node, e.iface) : '',
          link: e.link,
          ...(prev !== undefined && via !== 'local' ? { prev } : {}),
          nat: via === 'local' ? [] : (natSince.get(k) ?? []),
          via,
          ...(held !== undefined ? { heldAt: held } : {}),
        });
        if (s.tx.length === 1) s.protocol = frameProtocol(e.frame);
        if (via === 'forward') s.outs.add('forwarded');
        else if (via === 'local') s.outs.add('sent');
        heldAt.delete(k);
        break;
      }
      case 'fdb.forward':
        s.outs.add(e.mode === 'flood' ? 'flooded' : 'forwarded');
        break;
      case 'ip.forward':
        forwarded.add(key(e.node, e.pkt));
        break;
      case 'nat.rewrite': {
        const k = key(e.node, e.pkt);
        natSince.set(k, [...(natSince.get(k) ?? []), e.seq]);
        break;
      }
      case 'neigh.hold':
        heldAt.set(key(e.node, e.pkt), s.index);
        s.outs.add('held');
        break;
      case 'drop':
        s.outs.add('dropped');
        break;
      case 'ip.local':
      case 'ip.loopback':
      case 'socket.deliver':
        s.outs.add('delivered');
        break;
      case 'arp.answer':
        s.outs.add('delivered');
        break;
      case 'neigh.update':
        if (e.cause === 'arp-reply' && e.pkt !== undefined) s.outs.add('delivered');
        break;
      default:
        break;
    }
  }
  close();
  if (stopped) {
    const t = events.length ? events[events.length - 1]!.t : 0;
    steps.push({ index: steps.length, kind: 'stop', first: events.length, last: events.length - 1, t, tx: [], outcomes: ['stopped'], stop: stopped });
  }
  // A step that only received a frame and did nothing visible with it (an ARP packet that
  // changed nothing, say) still says where the frame ended.
  for (const s of steps) if (s.kind === 'frame' && s.outcomes.length === 0) s.outcomes = ['delivered'];
  return steps;
}

/** The index of the step that holds event `seq` (binary search over the steps' ranges). */
export function stepOfSeq(steps: readonly PlayerStep[], seq: number): number {
  let lo = 0;
  let hi = steps.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (steps[mid]!.first <= seq) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
