// Playing: while `playing`, the cursor moves one step every STEP_MS / speed, and stops at the
// end (or, in predict mode, at a question); "+30 s" plays FAST times faster and stops at its
// step. Each step's frame travels its link in that time (PacketLayer), so playing is the steps'
// animations back to back.

import { useEffect } from 'react';
import { useAppStore } from '../../store';
import { askFirst } from '../predict/predictStore';
import { selectStepMs, usePlayerView } from './playerView';

export function usePlayback(): void {
  const playing = usePlayerView((s) => s.playing);
  const ms = usePlayerView(selectStepMs);
  const until = usePlayerView((s) => s.until);
  const cursor = useAppStore((s) => (s.lastRun.status === 'done' ? s.lastRun.cursor : undefined));
  const count = useAppStore((s) => (s.lastRun.status === 'done' ? s.lastRun.steps.length : 0));
  useEffect(() => {
    if (!playing) return;
    if (cursor === undefined || cursor >= Math.min(count - 1, until ?? Infinity)) {
      usePlayerView.getState().setPlaying(false);
      return;
    }
    // In predict mode playing stops at a step with a question, and asks it.
    const next = () => (askFirst() ? usePlayerView.getState().setPlaying(false) : useAppStore.getState().setCursor((c) => c + 1));
    const id = window.setTimeout(next, ms);
    return () => window.clearTimeout(id);
  }, [playing, ms, until, cursor, count]);
}
