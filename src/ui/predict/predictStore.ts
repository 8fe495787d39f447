// Predict mode's state: whether it is on, the question being asked (about the step after the
// cursor) with the choices picked so far, and the answers given in the current walk, by step.
// View state like the player's (no undo, no autosave). Answers belong to one walk: when another
// walk arrives they are forgotten, so the score is per walk. Stepping back never asks again (an
// answered step shows its answer); stepping forward onto an unanswered step asks first.

import { create } from 'zustand';
import i18n from '../../i18n';
import { selectTopology, useAppStore, type AppState, type DoneRun } from '../../store';
import { walkContext, type Translate } from '../player/explain';
import { usePlayerView } from '../player/playerView';
import { asksQuestion, isRight, predictQuestion, type Question } from './questions';

export interface Answer {
  /** the choice ids picked */
  chosen: string[];
  right: boolean;
}

interface PredictState {
  on: boolean;
  /** the walk the answers belong to */
  runId?: number;
  /** answers by step index */
  answers: Record<number, Answer>;
  /** the step whose question is open (the one after the cursor) */
  asking?: number;
  /** choice ids picked for the open question */
  picked: string[];
  setOn(on: boolean): void;
  /** Picks a choice (a single-answer question replaces the pick, a multi-answer one toggles it). */
  pick(id: string, multi: boolean): void;
  /** Closes the open question without answering it (the cursor stays). */
  close(): void;
}

const walkOf = (s: AppState): DoneRun | undefined => (s.lastRun.status === 'done' ? s.lastRun : undefined);

export const usePredict = create<PredictState>()((set) => ({
  on: false,
  // This module loads with the player, after the first walk: the answers belong to that walk.
  runId: walkOf(useAppStore.getState())?.runId,
  answers: {},
  picked: [],
  setOn: (on) => set(on ? { on } : { on, asking: undefined, picked: [] }),
  pick: (id, multi) => set((s) => ({ picked: multi ? (s.picked.includes(id) ? s.picked.filter((x) => x !== id) : [...s.picked, id]) : [id] })),
  close: () => set({ asking: undefined, picked: [] }),
}));

// A new walk forgets the answers; moving the cursor elsewhere (a jump, stepping back) closes the
// open question.
useAppStore.subscribe((s) => {
  const walk = walkOf(s);
  const p = usePredict.getState();
  if (walk?.runId !== p.runId) usePredict.setState({ runId: walk?.runId, answers: {}, asking: undefined, picked: [] });
  else if (p.asking !== undefined && walk && walk.cursor !== p.asking - 1) usePredict.setState({ asking: undefined, picked: [] });
});

/** The question of a step of the walk shown, in the active language. */
export function questionOf(index: number, t: Translate = i18n.t.bind(i18n) as unknown as Translate): Question | undefined {
  const s = useAppStore.getState();
  const walk = walkOf(s);
  const topology = selectTopology(s);
  const step = walk?.steps[index];
  return walk && topology && step ? predictQuestion(walkContext(walk, topology), step, t) : undefined;
}

/**
 * Before the player moves on to the next step: in predict mode, when that step asks a question
 * not yet answered, opens it (or keeps it open) and says so; the cursor must then stay.
 */
export function askFirst(): boolean {
  const p = usePredict.getState();
  const s = useAppStore.getState();
  const walk = walkOf(s);
  const topology = selectTopology(s);
  if (!p.on || !walk || !topology) return false;
  const next = walk.cursor + 1;
  const step = walk.steps[next];
  if (!step || p.answers[next]) return false;
  if (p.asking === next) return true;
  if (!asksQuestion(walkContext(walk, topology), step)) return false;
  usePredict.setState({ asking: next, picked: [] });
  return true;
}

/** Checks the open question's picks, records the answer and shows the step with it. */
export function submit(): void {
  const p = usePredict.getState();
  if (p.asking === undefined || p.picked.length === 0) return;
  const q = questionOf(p.asking);
  if (!q) return usePredict.getState().close();
  const step = p.asking;
  usePredict.setState({ answers: { ...p.answers, [step]: { chosen: p.picked, right: isRight(q, p.picked) } }, asking: undefined, picked: [] });
  usePlayerView.getState().setFrame(-1);
  useAppStore.getState().setCursor(step);
}

/** Right answers and questions answered in this walk. */
export function scoreOf(answers: Record<number, Answer>): { right: number; asked: number } {
  const all = Object.values(answers);
  return { right: all.filter((a) => a.right).length, asked: all.length };
}
