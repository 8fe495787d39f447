// Checks what a narrative states against its step of the walk (see Fact in types.ts), and lists
// what a narrative quotes (addresses, MACs, `code`) so that the tests can compare it with the
// trace and the two languages with each other. Used by the lessons' tests only.

import type { FibRoute, TraceEvent } from '../engine';
import { formatRouteLine } from '../engine/pure';
import type { PlayerStep } from '../walk/steps';
import type { Walk } from '../walk/walk';
import { receivedFrame, sentFrames } from './anchors';
import type { Fact } from './types';

function at(value: unknown, path: string): unknown {
  let v: unknown = value;
  for (const k of path.split('.')) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
  return v;
}

/** The routes a step's lookups chose (for an error like a blackhole's, the candidate it chose). */
function chosenRoutes(events: readonly TraceEvent[], step: PlayerStep): FibRoute[] {
  const out: FibRoute[] = [];
  for (let i = step.first; i <= step.last; i++) {
    const e = events[i];
    if (e?.kind !== 'fib.lookup') continue;
    if (e.result.kind === 'route') out.push(e.result.route);
    for (const c of e.candidates) if (c.chosen) out.push(c.route);
  }
  return out;
}

/** Why a fact is not true at a step, or undefined when it is. */
export function factProblem(walk: Pick<Walk, 'result'>, step: PlayerStep, fact: Fact): string | undefined {
  const events = walk.result.events;
  if ('sent' in fact) {
    const f = sentFrames(events, step)[0]?.frame;
    const v = at(f, fact.sent);
    return v === fact.value ? undefined : `sent ${fact.sent} is ${String(v)}, not ${fact.value}`;
  }
  if ('received' in fact) {
    const v = at(receivedFrame(events, step), fact.received);
    return v === fact.value ? undefined : `received ${fact.received} is ${String(v)}, not ${fact.value}`;
  }
  if ('event' in fact) {
    const seen = events.slice(step.first, step.last + 1).filter((x) => x.kind === fact.event).map((e) => at(e, fact.path));
    return seen.includes(fact.value) ? undefined : `${fact.event} ${fact.path} is ${seen.map(String).join(', ') || 'absent'}, not ${String(fact.value)}`;
  }
  if ('route' in fact) {
    const node = step.node ?? '';
    const lines = chosenRoutes(events, step).map(formatRouteLine);
    return lines.includes(fact.route) ? undefined : `${node} chose ${lines.join(' | ') || 'no route'}, not ${fact.route}`;
  }
  if ('output' in fact) {
    const e = step.kind === 'exit' ? events[step.first] : undefined;
    const out = e?.kind === 'step.end' ? e.stdout + e.stderr : '';
    return out.includes(fact.output) ? undefined : `the output does not say "${fact.output}"`;
  }
  const rx = receivedFrame(events, step);
  const tx = sentFrames(events, step);
  return tx.length && tx.every((t) => JSON.stringify(t.frame) === JSON.stringify(rx)) ? undefined : 'the frame sent differs from the frame received';
}

/** The text a fact puts in the narrative (booleans and `unchanged` put none). */
export function factText(fact: Fact): string | undefined {
  if ('route' in fact) return fact.route;
  if ('output' in fact) return fact.output;
  if ('value' in fact && typeof fact.value !== 'boolean') return String(fact.value);
  return undefined;
}

const IPV4 = /\b\d{1,3}(?:\.\d{1,3}){3}\b/g;
const MAC = /\b[0-9a-f]{2}(?::[0-9a-f]{2}){5}\b/gi;
const CODE = /`([^`]+)`/g;

/** What a narrative quotes: IPv4 addresses, MAC addresses and `code`. */
export function quoted(text: string): { ips: string[]; macs: string[]; code: string[] } {
  return {
    ips: [...new Set(text.match(IPV4) ?? [])].sort(),
    macs: [...new Set((text.match(MAC) ?? []).map((m) => m.toLowerCase()))].sort(),
    code: [...new Set([...text.matchAll(CODE)].map((m) => m[1]!))].sort(),
  };
}
