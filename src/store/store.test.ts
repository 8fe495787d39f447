// Store slices without React: actions in, state out. The store is reset between tests.

import { beforeEach, describe, expect, test } from 'vitest';
import type { SimResult, Topology } from '../engine';
import { simApi } from '../worker/sim-api';
import { DEFAULT_EXAMPLE } from '../worker/protocol';
import { linkId, selectCanRun, selectIsRunning, selectLink, selectNode, selectTopology } from './selectors';
import { resetAppStore, useAppStore } from './store';

const example: Topology = simApi.loadExample(DEFAULT_EXAMPLE);
const result: SimResult = simApi.simulate(example);
const store = () => useAppStore.getState();

beforeEach(resetAppStore);

describe('topology', () => {
  test('starts loading, then holds the opened topology', () => {
    expect(store().doc.status).toBe('loading');
    store().openTopology(example);
    expect(selectTopology(store())).toBe(example);
  });

  test('moveNode replaces only the moved node', () => {
    store().openTopology(example);
    const sw1 = selectNode('sw1')(store());
    store().moveNode('h1', { x: -40, y: 25 });
    expect(selectNode('h1')(store())?.position).toEqual({ x: -40, y: 25 });
    expect(selectNode('sw1')(store())).toBe(sw1);
    expect(example.nodes.find((n) => n.name === 'h1')?.position).toEqual({ x: 0, y: 0 });
  });

  test('moving a node to where it is changes nothing', () => {
    store().openTopology(example);
    const before = store().doc;
    store().moveNode('h1', { x: 0, y: 0 });
    store().moveNode('nope', { x: 1, y: 1 });
    expect(store().doc).toBe(before);
  });

  test('opening another topology clears the selection and the last run', () => {
    store().openTopology(example);
    store().setNodeSelected('h1', true);
    store().runFinished(store().runStarted(), result);
    store().openTopology({ ...example, name: 'other' });
    expect(store().selectedNodes).toEqual([]);
    expect(store().lastRun).toEqual({ status: 'idle' });
  });

  test('a failed open keeps the problems', () => {
    store().openFailed('could not open', [{ file: 'x.yml', line: 3, message: 'bad' }]);
    expect(store().doc).toEqual({ status: 'failed', message: 'could not open', problems: [{ file: 'x.yml', line: 3, message: 'bad' }] });
    expect(selectTopology(store())).toBeUndefined();
  });
});

describe('selection', () => {
  test.each([
    ['select one', [['h1', true]], ['h1']],
    ['select two', [['h1', true], ['r1', true]], ['h1', 'r1']],
    ['selecting twice keeps one', [['h1', true], ['h1', true]], ['h1']],
    ['deselect', [['h1', true], ['r1', true], ['h1', false]], ['r1']],
  ] as const)('%s', (_what, steps, expected) => {
    for (const [name, on] of steps) store().setNodeSelected(name, on);
    expect(store().selectedNodes).toEqual(expected);
  });

  test('links are selected by id', () => {
    store().openTopology(example);
    const id = linkId(example.links[0]!);
    expect(id).toBe('h1:eth1--sw1:p1');
    store().setLinkSelected(id, true);
    expect(selectLink(store().selectedLinks[0]!)(store())).toBe(example.links[0]);
    store().clearSelection();
    expect(store().selectedLinks).toEqual([]);
  });
});

describe('lastRun', () => {
  test('running, then done', () => {
    store().openTopology(example);
    expect(selectCanRun(store())).toBe(true);
    const id = store().runStarted();
    expect(selectIsRunning(store())).toBe(true);
    expect(selectCanRun(store())).toBe(false);
    store().runFinished(id, result);
    expect(store().lastRun).toEqual({ status: 'done', runId: id, result });
  });

  test('the answer to an older run is ignored', () => {
    store().openTopology(example);
    const first = store().runStarted();
    const second = store().runStarted();
    store().runFailed(first, 'late');
    expect(store().lastRun).toEqual({ status: 'running', runId: second });
  });

  test('a topology without a scenario cannot run', () => {
    store().openTopology({ ...example, scenario: [] });
    expect(selectCanRun(store())).toBe(false);
  });

  test('dismiss hides the output', () => {
    store().runFailed(store().runStarted(), 'boom');
    store().dismissRun();
    expect(store().lastRun).toEqual({ status: 'idle' });
  });
});
