// The latest run of the scenario: running, its result, or why it failed. Each run has an id so
// that the answer to an older run, arriving late, cannot overwrite a newer one.

import type { StateCreator } from 'zustand';
import type { SimResult } from '../engine';
import type { AppState, StoreMutators } from './store';

export type LastRun =
  | { status: 'idle' }
  | { status: 'running'; runId: number }
  | { status: 'done'; runId: number; result: SimResult }
  | { status: 'failed'; runId: number; message: string };

export interface LastRunSlice {
  lastRun: LastRun;
  /** Marks a run as started and returns its id. */
  runStarted(): number;
  runFinished(runId: number, result: SimResult): void;
  runFailed(runId: number, message: string): void;
  /** Hides the output of the last run. */
  dismissRun(): void;
}

let nextRunId = 1;

export const createLastRunSlice: StateCreator<AppState, StoreMutators, [], LastRunSlice> = (set) => ({
  lastRun: { status: 'idle' },
  runStarted: () => {
    const runId = nextRunId++;
    set({ lastRun: { status: 'running', runId } });
    return runId;
  },
  runFinished: (runId, result) =>
    set((s) => (s.lastRun.status === 'running' && s.lastRun.runId === runId ? { lastRun: { status: 'done', runId, result } } : {})),
  runFailed: (runId, message) =>
    set((s) => (s.lastRun.status === 'running' && s.lastRun.runId === runId ? { lastRun: { status: 'failed', runId, message } } : {})),
  dismissRun: () => set({ lastRun: { status: 'idle' } }),
});
