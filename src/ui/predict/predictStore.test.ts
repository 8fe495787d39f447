// Predict mode in the stores, without React: stepping forward asks first, an answer reveals the
// step and counts in the score, stepping back never asks again, a jump closes the question, and a
// new walk starts a new score.

import { beforeEach, describe, expect, test } from 'vitest';
import { resetAppStore, useAppStore } from '../../store';
import { testWalk } from '../player/testWalk';
import { usePlayerView } from '../player/playerView';
import { step, togglePlay } from '../player/usePlayerKeys';
import { askFirst, questionOf, scoreOf, submit, usePredict } from './predictStore';

const store = () => useAppStore.getState();
const predict = () => usePredict.getState();
const cursor = () => (store().lastRun as { cursor: number }).cursor;
const w = testWalk('two-subnets-router');

function walked() {
  store().runFinished(store().runStarted(), w);
}

/** Answers the open question right, or with the first wrong choice. */
function answer(right: boolean) {
  const q = questionOf(predict().asking!)!;
  const ids = right ? q.answer : [q.choices.find((c) => !q.answer.includes(c.id))!.id];
  for (const id of ids) predict().pick(id, q.multi);
  submit();
}

beforeEach(() => {
  resetAppStore();
  usePredict.setState({ on: false, answers: {}, asking: undefined, picked: [] });
  store().openTopology(w.topology, { persist: false });
  walked();
});

test('off: → steps as always', () => {
  step('forward');
  expect(cursor()).toBe(0);
  expect(predict().asking).toBeUndefined();
});

describe('on', () => {
  beforeEach(() => predict().setOn(true));

  test('→ asks the next step’s question first, and asks it again rather than skipping it', () => {
    step('forward');
    expect(cursor()).toBe(-1);
    expect(predict().asking).toBe(0);
    step('forward');
    expect(cursor()).toBe(-1);
    expect(askFirst()).toBe(true);
  });

  test('an answer shows the step and counts: right, then wrong', () => {
    step('forward');
    answer(true);
    expect(cursor()).toBe(0);
    expect(predict().answers[0]).toMatchObject({ right: true });
    step('forward');
    expect(predict().asking).toBe(1);
    answer(false);
    expect(cursor()).toBe(1);
    expect(predict().answers[1]).toMatchObject({ right: false });
    expect(scoreOf(predict().answers)).toEqual({ right: 1, asked: 2 });
  });

  test('play asks the next question instead of playing; with the next step answered, play plays', () => {
    togglePlay();
    expect(predict().asking).toBe(0);
    expect(usePlayerView.getState().playing).toBe(false);
    answer(true);
    step('back');
    togglePlay();
    expect(predict().asking).toBeUndefined();
    expect(usePlayerView.getState().playing).toBe(true);
    usePlayerView.getState().setPlaying(false);
  });

  test('nothing picked: Enter does nothing', () => {
    step('forward');
    submit();
    expect(cursor()).toBe(-1);
    expect(predict().answers).toEqual({});
  });

  test('a single answer replaces the pick; several answers toggle', () => {
    predict().pick('a', false);
    predict().pick('b', false);
    expect(predict().picked).toEqual(['b']);
    predict().pick('a', true);
    predict().pick('c', true);
    predict().pick('b', true);
    expect(predict().picked).toEqual(['a', 'c']);
  });

  test('stepping back never asks; forward again onto an answered step does not ask it twice', () => {
    step('forward');
    answer(false);
    step('forward');
    answer(true);
    step('back');
    step('back');
    expect(cursor()).toBe(-1);
    expect(predict().asking).toBeUndefined();
    step('forward');
    step('forward');
    expect(cursor()).toBe(1);
    expect(scoreOf(predict().answers)).toEqual({ right: 1, asked: 2 });
    expect(predict().answers[0]!.chosen).toHaveLength(1);
  });

  test('a step without a question (the command ending) is shown at once', () => {
    store().setCursor(w.steps.length - 2);
    expect(questionOf(w.steps.length - 1)).toBeUndefined();
    step('forward');
    expect(cursor()).toBe(w.steps.length - 1);
  });

  test('a jump (End, a row of the list) closes the open question unanswered', () => {
    step('forward');
    step('last');
    expect(predict().asking).toBeUndefined();
    expect(cursor()).toBe(w.steps.length - 1);
    expect(predict().answers).toEqual({});
  });

  test('turning predict mode off closes the question; the answers stay with the walk', () => {
    step('forward');
    answer(true);
    step('forward');
    predict().setOn(false);
    expect(predict().asking).toBeUndefined();
    predict().setOn(true);
    expect(scoreOf(predict().answers)).toEqual({ right: 1, asked: 1 });
  });

  test('a new walk starts a new score', () => {
    step('forward');
    answer(true);
    walked();
    expect(predict().answers).toEqual({});
    expect(scoreOf(predict().answers)).toEqual({ right: 0, asked: 0 });
    step('forward');
    expect(predict().asking).toBe(0);
  });
});
