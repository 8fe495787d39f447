// The latest walk: running (with its progress), its result, or why it failed; and the playback
// cursor of the player. A walk holds the whole trace, every node's table history, the routes and
// the player's steps (computed once when it arrives): everything the player shows at a step is
// derived from these and the cursor by selectors (see ui/player/selectors.ts), never stored.
// Each run has an id so that the answer to an older run, arriving late, cannot overwrite a newer
// one. An edit of the network clears the walk and leaves a notice (`invalidated`), because the
// walk belonged to the network as it was.

import type { StateCreator } from 'zustand';
import type { LinkCut, ScenarioStep, SimResult } from '../engine';
import type { Pdu } from '../walk/pdu';
import type { Walk } from '../walk/walk';
import type { AppState, StoreMutators } from './store';

/** What was walked: the topology's scenario, or a packet the user composed (its scenario steps). */
export type WalkSource = (
  | { kind: 'scenario' }
  | {
      kind: 'pdu';
      scenario: ScenarioStep[];
      label: string;
      pdu?: Pdu;
      /** Ctrl+C in a terminal: the walk again, its command interrupted this long after it started */
      interrupt?: { step: number; afterUs: number };
    }
) & {
  /** links the user cut during the walk ("cut this link here"): the walk again, with them going down then */
  cuts?: LinkCut[];
};

export type LastRun =
  | { status: 'idle'; invalidated?: WalkSource }
  | { status: 'running'; runId: number; source: WalkSource; events: number }
  | (Walk & {
      status: 'done';
      runId: number;
      source: WalkSource;
      /** the step shown: -1 is the start (before anything happened) */
      cursor: number;
    })
  | { status: 'failed'; runId: number; source: WalkSource; message: string };

export type DoneRun = Extract<LastRun, { status: 'done' }>;

export interface LastRunSlice {
  lastRun: LastRun;
  /** Marks a run as started and returns its id. */
  runStarted(source?: WalkSource): number;
  /** Progress of a running walk (events recorded so far). */
  runProgress(runId: number, events: number): void;
  runFinished(runId: number, walk: Walk | SimResult): void;
  runFailed(runId: number, message: string): void;
  /** Hides the output of the last run. */
  dismissRun(): void;
  /** Moves the player to a step (clamped to -1 … last). */
  setCursor(cursor: number | ((current: number, count: number) => number)): void;
}

let nextRunId = 1;

const SCENARIO: WalkSource = { kind: 'scenario' };

/** What an edit leaves of the last run: nothing, and a notice when there was a walk. */
export function clearedRun(run: LastRun): LastRun {
  return run.status === 'done' || run.status === 'running' ? { status: 'idle', invalidated: run.source } : { status: 'idle' };
}

const isWalk = (w: Walk | SimResult): w is Walk => 'steps' in w && 'history' in w;

export const createLastRunSlice: StateCreator<AppState, StoreMutators, [], LastRunSlice> = (set) => ({
  lastRun: { status: 'idle' },
  runStarted: (source = SCENARIO) => {
    const runId = nextRunId++;
    set({ lastRun: { status: 'running', runId, source, events: 0 } });
    return runId;
  },
  runProgress: (runId, events) =>
    set((s) => (s.lastRun.status === 'running' && s.lastRun.runId === runId ? { lastRun: { ...s.lastRun, events } } : {})),
  runFinished: (runId, walk) =>
    set((s) => {
      if (s.lastRun.status !== 'running' || s.lastRun.runId !== runId) return {};
      // A bare result (no table history): a walk without steps to play.
      const data: Walk = isWalk(walk) ? walk : { result: walk, history: {}, routes: {}, steps: [] };
      return { lastRun: { status: 'done', runId, source: s.lastRun.source, ...data, cursor: -1 } };
    }),
  runFailed: (runId, message) =>
    set((s) =>
      s.lastRun.status === 'running' && s.lastRun.runId === runId ? { lastRun: { status: 'failed', runId, source: s.lastRun.source, message } } : {},
    ),
  dismissRun: () => set({ lastRun: { status: 'idle' } }),
  setCursor: (cursor) =>
    set((s) => {
      if (s.lastRun.status !== 'done') return {};
      const count = s.lastRun.steps.length;
      const wanted = typeof cursor === 'function' ? cursor(s.lastRun.cursor, count) : cursor;
      const next = Math.max(-1, Math.min(count - 1, Math.trunc(wanted)));
      return next === s.lastRun.cursor ? {} : { lastRun: { ...s.lastRun, cursor: next } };
    }),
});
