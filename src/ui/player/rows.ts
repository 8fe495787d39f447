// What each row of the event list says, and which frame a step shows: plain functions of the
// walk, used by the list, the header view and the Wireshark export.

import type { EthernetFrame, Topology, TraceEvent } from '../../engine';
import { frameWhat, type Translate } from './explain';
import type { PlayerStep } from '../../walk/steps';

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

/** The "what happened" text of a row (the outcome badges come beside it). */
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
      for (let i = step.first; i <= step.last; i++) {
        const e = events[i]!;
        if (e.kind === 'drop') return `${t(`player.dropShort.${e.reason}`)}${frameText(events, topology, step, t)}`;
      }
      const f = frameText(events, topology, step, t);
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
