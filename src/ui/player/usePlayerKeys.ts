// The player's keys while a walk is shown: → and ← step (in predict mode → asks the next step's
// question first), Space plays or pauses, Home and End jump to the start and the end. Not while typing in a field, not on a focused device (there the arrows
// go to the next device), not while a dialog is open; Space is left to a focused button (it presses it).

import { useEffect } from 'react';
import { useAppStore } from '../../store';
import { askFirst } from '../predict/predictStore';
import { isTyping } from '../useShortcuts';
import { usePlayerView } from './playerView';

/** Moves the player's cursor (stepping by hand pauses playing); in predict mode, forward asks first. */
export function step(to: 'first' | 'back' | 'forward' | 'last'): void {
  const s = useAppStore.getState();
  if (s.lastRun.status !== 'done') return;
  usePlayerView.getState().setPlaying(false);
  if (to === 'forward' && askFirst()) return;
  usePlayerView.getState().setFrame(-1);
  s.setCursor((c, n) => (to === 'first' ? -1 : to === 'last' ? n - 1 : to === 'back' ? c - 1 : c + 1));
}

/**
 * The step `us` microseconds of virtual time after the current one: the last step that starts
 * within that time, at least the next one (a walk with the spanning tree spends 30 s converging,
 * which "+30 s" plays fast).
 */
export function skipTarget(steps: readonly { t: number }[], cursor: number, us: number): number {
  if (steps.length === 0) return cursor;
  const from = cursor < 0 ? 0 : steps[cursor]!.t;
  let i = Math.min(cursor + 1, steps.length - 1);
  while (i + 1 < steps.length && steps[i + 1]!.t <= from + us) i++;
  return i;
}

/** Plays the steps of the next `us` of virtual time fast, up to skipTarget; while it plays, stops it. */
export function skipTime(us: number): void {
  const s = useAppStore.getState();
  if (s.lastRun.status !== 'done') return;
  const view = usePlayerView.getState();
  if (view.until !== undefined) return view.setPlaying(false);
  view.setFrame(-1);
  const { steps, cursor } = s.lastRun;
  view.playUntil(skipTarget(steps, cursor, us));
}

/** Plays from here (from the start when at the end), or pauses. */
export function togglePlay(): void {
  const s = useAppStore.getState();
  if (s.lastRun.status !== 'done') return;
  const view = usePlayerView.getState();
  if (view.playing) return view.setPlaying(false);
  if (s.lastRun.cursor >= s.lastRun.steps.length - 1) s.setCursor(-1);
  view.setFrame(-1);
  // In predict mode an unanswered next step is asked at once, not after a step's time.
  if (!askFirst()) view.setPlaying(true);
}

export function usePlayerKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || document.querySelector('dialog[open]')) return;
      if (useAppStore.getState().lastRun.status !== 'done' || isTyping(e.target)) return;
      const target = e.target instanceof Element ? e.target : null;
      if (target?.closest('.react-flow__node')) return;
      const onButton = target?.closest('button, a, summary, [role="tab"]');
      let handled = true;
      if (e.key === 'ArrowRight') step('forward');
      else if (e.key === 'ArrowLeft') step('back');
      else if (e.key === 'Home') step('first');
      else if (e.key === 'End') step('last');
      else if (e.key === ' ' && !onButton) togglePlay();
      else handled = false;
      if (handled) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
