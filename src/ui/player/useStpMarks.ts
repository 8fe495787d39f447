// The spanning tree on the diagram during a walk: each bridge port's STP state at the step shown,
// written as `data-stp` on its interface name when it does not forward (blocking, listening,
// learning, disabled), and on its link (`data-stp="cut"` when either end blocks or is disabled,
// "wait" while one listens or learns); canvas.css draws a cut link dashed and a waiting one
// dotted. Written on the diagram's elements after each step is rendered, by the player (loaded
// with the first walk), from the walk's table history (replay.ts: stp.port events).

import { useEffect } from 'react';
import type { StpPortState } from '../../engine';
import type { DoneRun } from '../../store';
import { tablesAfter } from './tables';
import { stepOf } from './selectors';

/** Every bridge port not forwarding at the step shown ("NODE:IFACE" → its state). */
export function stpStates(w: Pick<DoneRun, 'history' | 'steps' | 'cursor'>): Map<string, StpPortState> {
  const out = new Map<string, StpPortState>();
  const seq = stepOf(w)?.last ?? -1;
  for (const node of Object.keys(w.history)) {
    const stp = tablesAfter(w.history, node, seq).stp;
    if (!stp) continue;
    for (const [port, p] of Object.entries(stp.ports)) if (p.state !== 'forwarding') out.set(`${node}:${port}`, p.state);
  }
  return out;
}

/** What a link shows for the states of its two ends. */
export function linkStp(a: StpPortState | undefined, b: StpPortState | undefined): 'cut' | 'wait' | undefined {
  const s = [a, b];
  if (s.includes('blocking') || s.includes('disabled')) return 'cut';
  if (s.includes('listening') || s.includes('learning')) return 'wait';
  return undefined;
}

const set = (el: Element, v: string | undefined) => (v ? el.setAttribute('data-stp', v) : el.removeAttribute('data-stp'));

/** Writes the marks on the diagram (link ends: data-testid link-end.NODE.IFACE; links: React Flow's data-id "A:IF--B:IF"). */
function write(states: Map<string, StpPortState>): void {
  for (const el of document.querySelectorAll('[data-testid^="link-end."]')) {
    const [, node, ...iface] = el.getAttribute('data-testid')!.split('.');
    set(el, states.get(`${node}:${iface.join('.')}`));
  }
  for (const el of document.querySelectorAll('.react-flow__edge[data-id]')) {
    const [a, b] = el.getAttribute('data-id')!.split('--');
    set(el, linkStp(states.get(a ?? ''), states.get(b ?? '')));
  }
}

/** Keeps the diagram's STP marks on the step shown while the player is open; clears them after. */
export function useStpMarks(walk: DoneRun | undefined): void {
  const cursor = walk?.cursor;
  useEffect(() => {
    if (!walk) return;
    const states = stpStates(walk);
    if (states.size === 0 && !document.querySelector('[data-stp]')) return;
    // After React Flow has drawn what the step changed (a frame later).
    const id = requestAnimationFrame(() => write(states));
    return () => cancelAnimationFrame(id);
  }, [walk, cursor]);
  useEffect(() => () => write(new Map()), []);
}
