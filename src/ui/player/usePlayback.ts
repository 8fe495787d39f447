// Playing: while `playing`, the cursor moves one step every STEP_MS / speed, and stops at the
// end (or, in predict mode, at a question). Each step's frame travels its link in that time
// (PacketLayer), so playing is the steps' animations back to back.

import { useEffect } from 'react';
import { useAppStore } from '../../store';
import { askFirst } from '../predict/predictStore';
import { STEP_MS, usePlayerView } from './playerView';

export function usePlayback(): void {
  const playing = usePlayerView((s) => s.playing);
  const speed = usePlayerView((s) => s.speed);
  const cursor = useAppStore((s) => (s.lastRun.status === 'done' ? s.lastRun.cursor : undefined));
  const count = useAppStore((s) => (s.lastRun.status === 'done' ? s.lastRun.steps.length : 0));
  useEffect(() => {
    if (!playing) return;
    if (cursor === undefined || cursor >= count - 1) {
      usePlayerView.getState().setPlaying(false);
      return;
    }
    // In predict mode playing stops at a step with a question, and asks it.
    const next = () => (askFirst() ? usePlayerView.getState().setPlaying(false) : useAppStore.getState().setCursor((c) => c + 1));
    const id = window.setTimeout(next, STEP_MS / speed);
    return () => window.clearTimeout(id);
  }, [playing, speed, cursor, count]);
}
