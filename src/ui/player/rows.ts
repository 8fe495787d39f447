// What each row of the event list says, and which frame a step shows: plain functions of the
// walk, used by the list, the header view and the Wireshark export.

import type { EthernetFrame, Topology, TraceEvent } from '../../engine';
import { prefixText } from '../../engine/pure';
import { stepDecision, type StepDecision } from '../../walk/decision';
import type { PlayerStep } from '../../walk/steps';
import { frameWhat, hostPort, type Translate } from './explain';

/** One frame of a step, as the header view offers it. */
export interface StepFrame {
  /** the frame.rx or frame.tx event */
  seq: number;
  dir: 'in' | 'out';
  /** interface(s): several for copies of one frame (a flood) */
  ifaces: string[];
  frame: EthernetFrame;
  /** the frame of the same packet as it arrived here (the previous hop), for the diff */
  prev?: EthernetFrame;
  /** NAT rewrote the packet here */
  nat: boolean;
  node: string;
}

/**
 * The frames of a step: the one received, then each distinct frame sent (copies of one frame on
 * several ports are one entry). The default shown is the first sent, else the received one.
 */
export function stepFrames(events: readonly TraceEvent[], step: PlayerStep): StepFrame[] {
  const out: StepFrame[] = [];
  if (step.rx !== undefined) {
    const rx = events[step.rx];
    if (rx?.kind === 'frame.rx') out.push({ seq: rx.seq, dir: 'in', ifaces: [rx.iface], frame: rx.frame, nat: false, node: rx.node });
  }
  for (const tx of step.tx) {
    const e = events[tx.seq];
    if (e?.kind !== 'frame.tx') continue;
    const last = out[out.length - 1];
    if (last && last.dir === 'out' && events[last.seq]?.kind === 'frame.tx' && (events[last.seq] as { pkt: number }).pkt === tx.pkt && JSON.stringify(last.frame) === JSON.stringify(e.frame)) {
      last.ifaces.push(e.iface);
      continue;
    }
    const prev = tx.prev !== undefined ? events[tx.prev] : undefined;
    out.push({
      seq: e.seq,
      dir: 'out',
      ifaces: [e.iface],
      frame: e.frame,
      ...(prev?.kind === 'frame.rx' ? { prev: prev.frame } : {}),
      nat: tx.nat.length > 0,
      node: e.node,
    });
  }
  return out;
}

/** Index of the frame a step shows first: the first one sent, else the one received. */
export const defaultFrame = (frames: readonly StepFrame[]): number => {
  const i = frames.findIndex((f) => f.dir === 'out');
  return i >= 0 ? i : frames.length ? 0 : -1;
};

/** A step's decision in words (walk/decision.ts): "NAT: source 192.168.1.10 → 198.51.100.2". */
export function decisionText(d: StepDecision, t: Translate): string {
  switch (d.kind) {
    case 'drop':
      return t(`player.dropShort.${d.reason}`);
    case 'nat':
      return t(d.reply ? 'player.decision.natReply' : 'player.decision.nat', { manip: t(`player.x.manip.${d.manip}`), from: hostPort(d.from), to: hostPort(d.to) });
    case 'route':
      return t(d.via ? 'player.decision.routeVia' : 'player.decision.route', { route: prefixText(d.dst, d.len), via: d.via ?? '', dev: d.dev });
    case 'flood':
      return t(d.unknown ? 'player.decision.floodUnknown' : 'player.decision.flood', { ports: d.ports.join(', ') });
    case 'switch':
      return t('player.decision.switch', { port: d.port });
    case 'arp-reply':
      return t(d.proxy ? 'player.decision.arpProxy' : 'player.decision.arpReply', { ip: d.ip });
    case 'release':
      return t('player.decision.release', { ip: d.ip, count: d.count });
    case 'resolve':
      return t('player.decision.resolve', { ip: d.ip });
    case 'deliver':
      return d.to === 'socket' && d.port !== undefined ? t('player.decision.deliverPort', { port: d.port }) : t(d.to === 'echo' ? 'player.decision.deliverEcho' : 'player.decision.deliver');
  }
}

/**
 * The "what happened" text of a row (the outcome badges come beside it): a frame or local step's
 * decision (walk/decision.ts: drop > NAT > route > switch > ARP > delivery) and its frame, a
 * command with its first frame, a command's end, why the walk stopped.
 */
export function rowText(events: readonly TraceEvent[], topology: Topology, step: PlayerStep, commands: readonly string[], t: Translate): string {
  switch (step.kind) {
    case 'command':
      return t('player.what.command', { command: commands[step.scenarioStep ?? -1] ?? '' }) + frameText(events, topology, step, t);
    case 'exit': {
      const e = events[step.first];
      const command = commands[step.scenarioStep ?? -1] ?? '';
      if (e?.kind !== 'step.end') return command;
      return e.timedOut ? t('player.what.killed', { command }) : e.exit === null ? t('player.what.running', { command }) : t('player.what.exit', { command, exit: e.exit });
    }
    case 'stop':
      return step.stop?.storm ? t('player.what.storm', { devices: step.stop.storm.devices.join(', ') }) : t('player.what.stop', { limit: step.stop?.limit ?? 0 });
    default: {
      const decision = stepDecision(events, step);
      const f = frameText(events, topology, step, t);
      if (decision) return `${decisionText(decision, t)}${f}`;
      return f ? f.slice(3) : t('player.what.timer');
    }
  }
}

/** " · " and the step's frame, or '' when it has none. */
function frameText(events: readonly TraceEvent[], topology: Topology, step: PlayerStep, t: Translate): string {
  const seq = step.tx[0]?.seq ?? step.rx;
  if (seq === undefined) return '';
  const e = events[seq];
  return e && (e.kind === 'frame.tx' || e.kind === 'frame.rx') ? ` · ${frameWhat(e.frame, t, topology)}` : '';
}
