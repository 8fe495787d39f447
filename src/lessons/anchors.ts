// Finds a lesson's key steps in a walk: each anchor is looked for after the step of the key step
// before it, so key steps keep their order and "the first echo request r1 forwards" means the
// first one after what the narrative told before. Pure: a function of the walk's steps and
// trace, used by the player (which step a narrative belongs to) and by the lessons' tests.

import type { EthernetFrame, TraceEvent } from '../engine';
import type { PlayerStep } from '../walk/steps';
import type { Anchor, FrameMatch, KeyStep } from './types';

const ICMP_TYPES = { 'echo-request': 8, 'echo-reply': 0, unreachable: 3, 'time-exceeded': 11 } as const;

export function frameMatches(frame: EthernetFrame, m: FrameMatch): boolean {
  const p = frame.payload;
  if (m.arp !== undefined && !(p.kind === 'arp' && p.op === (m.arp === 'request' ? 1 : 2))) return false;
  if (m.targetIp !== undefined && !(p.kind === 'arp' && p.targetIp === m.targetIp)) return false;
  if (m.icmp !== undefined && !(p.kind === 'ipv4' && p.payload.kind === 'icmp' && p.payload.type === ICMP_TYPES[m.icmp])) return false;
  if (m.srcIp !== undefined && !(p.kind === 'ipv4' && p.srcIp === m.srcIp)) return false;
  if (m.dstIp !== undefined && !(p.kind === 'ipv4' && p.dstIp === m.dstIp)) return false;
  return true;
}

/** The frames a step sent (with how), and the frame it received. */
export function sentFrames(events: readonly TraceEvent[], step: PlayerStep): { frame: EthernetFrame; via: 'forward' | 'bridge' | 'local' }[] {
  return step.tx.flatMap((tx) => {
    const e = events[tx.seq];
    return e?.kind === 'frame.tx' ? [{ frame: e.frame, via: tx.via }] : [];
  });
}

export function receivedFrame(events: readonly TraceEvent[], step: PlayerStep): EthernetFrame | undefined {
  const e = step.rx !== undefined ? events[step.rx] : undefined;
  return e?.kind === 'frame.rx' ? e.frame : undefined;
}

function stepMatches(events: readonly TraceEvent[], step: PlayerStep, a: Anchor): boolean {
  if (a.at !== undefined && step.node !== a.at) return false;
  if (a.kind !== undefined && step.kind !== a.kind) return false;
  if (a.outcome !== undefined && !step.outcomes.includes(a.outcome)) return false;
  if (a.sends && !sentFrames(events, step).some((s) => (a.sends!.via === undefined || s.via === a.sends!.via) && frameMatches(s.frame, a.sends!))) return false;
  if (a.receives) {
    const rx = receivedFrame(events, step);
    if (!rx || !frameMatches(rx, a.receives)) return false;
  }
  if (a.event) {
    const want = a.event;
    let found = false;
    for (let i = step.first; i <= step.last && !found; i++) {
      const e = events[i] as unknown as Record<string, unknown>;
      found = Object.entries(want).every(([k, v]) => e[k] === v);
    }
    if (!found) return false;
  }
  return true;
}

/** The step index of each key step (in order), or -1 from the first one that is not found on. */
export function resolveKeySteps(keys: readonly KeyStep[], steps: readonly PlayerStep[], events: readonly TraceEvent[]): number[] {
  const out: number[] = [];
  let from = 0;
  for (const k of keys) {
    if (from < 0) {
      out.push(-1);
      continue;
    }
    const i = steps.findIndex((s) => s.index >= from && stepMatches(events, s, k.anchor));
    out.push(i);
    from = i < 0 ? -1 : i + 1;
  }
  return out;
}
