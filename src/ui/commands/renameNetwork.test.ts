import { beforeEach, describe, expect, test } from 'vitest';
import { resetAppStore, selectTopology, useAppStore } from '../../store';
import { simApi } from '../../worker/sim-api';
import { DEFAULT_EXAMPLE } from '../../worker/protocol';
import { NETWORK_NAME_MAX, networkNameProblem, renameNetwork } from './renameNetwork';

const store = () => useAppStore.getState();
const name = () => selectTopology(store())?.name;

beforeEach(() => {
  resetAppStore();
  store().openTopology(simApi.loadExample(DEFAULT_EXAMPLE));
});

describe('networkNameProblem', () => {
  test.each([
    ['lab-3', undefined],
    ['  Lab 3 — two LANs  ', undefined],
    ['家庭网络', undefined],
    ['', 'empty'],
    ['   ', 'empty'],
    ['x'.repeat(NETWORK_NAME_MAX), undefined],
    ['x'.repeat(NETWORK_NAME_MAX + 1), 'long'],
    ['a\tb', 'control'],
  ] as const)('%j: %s', (text, problem) => {
    expect(networkNameProblem(text)).toBe(problem);
  });
});

describe('renameNetwork', () => {
  test('renames the network (trimmed) as one undo step, and undo brings the old name back', () => {
    expect(renameNetwork('  home lab ')).toBe(true);
    expect(name()).toBe('home lab');
    expect(store().edited).toBe(true);
    store().undo();
    expect(name()).toBe('two-subnets-router');
  });

  test('refuses an invalid name and changes nothing for the same name', () => {
    const before = store().doc;
    expect(renameNetwork('')).toBe(false);
    expect(renameNetwork('two-subnets-router')).toBe(false);
    expect(store().doc).toBe(before);
    expect(useAppStore.temporal.getState().pastStates).toHaveLength(0);
  });
});
