// Store slices without React: actions in, state out. The store is reset between tests.

import { beforeEach, describe, expect, test } from 'vitest';
import type { SimResult, Topology } from '../engine';
import { linkKey } from '../engine/pure';
import { simApi } from '../worker/sim-api';
import { DEFAULT_EXAMPLE } from '../worker/protocol';
import { selectCanRun, selectInspected, selectIsRunning, selectLink, selectNode, selectParallel, selectTopology } from './selectors';
import { HISTORY_LIMIT, resetAppStore, useAppStore } from './store';

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

  test('a drag of several devices is one edit that keeps the last run (nothing in the network changed)', () => {
    store().openTopology(example);
    store().runFinished(store().runStarted(), result);
    store().moveNodes({ h1: { x: 1, y: 2 }, h2: { x: 3, y: 4 } });
    expect(history().pastStates).toHaveLength(1);
    expect(store().lastRun.status).toBe('done');
    expect(selectNode('h2')(store())?.position).toEqual({ x: 3, y: 4 });
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
    const id = linkKey(example.links[0]!);
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
    // A bare result (no table history, no steps) is a walk with nothing to step through.
    expect(store().lastRun).toEqual({ status: 'done', runId: id, source: { kind: 'scenario' }, result, history: {}, routes: {}, steps: [], cursor: -1 });
  });

  test('the answer to an older run is ignored', () => {
    store().openTopology(example);
    const first = store().runStarted();
    const second = store().runStarted();
    store().runFailed(first, 'late');
    expect(store().lastRun).toEqual({ status: 'running', runId: second, source: { kind: 'scenario' }, events: 0 });
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

const history = () => useAppStore.temporal.getState();

describe('editing and history', () => {
  test('opening starts a new history', () => {
    store().openTopology(example);
    store().addDevice('host', { x: 0, y: 0 });
    expect(history().pastStates).toHaveLength(1);
    store().openTopology({ ...example, name: 'other' });
    expect(history().pastStates).toHaveLength(0);
    expect(store().edited).toBe(false);
  });

  test('an edit clears the last run and marks the document edited; undo and redo walk the versions', () => {
    store().openTopology(example, { persist: false });
    store().runFinished(store().runStarted(), result);
    const name = store().addDevice('router', { x: 5, y: 5 });
    expect(name).toBe('r2');
    expect(store().selectedNodes).toEqual(['r2']);
    // The walk belonged to the network before the edit: cleared, with a notice.
    expect(store().lastRun).toEqual({ status: 'idle', invalidated: { kind: 'scenario' } });
    expect(store().edited).toBe(true);
    expect(store().persist).toBe(true);
    const r = store().connect('r2', 'sw2');
    expect(r?.kind).toBe('ok');
    // The device the link was drawn from stays selected (its new eth1 needs an address next).
    expect(store().selectedNodes).toEqual(['r2']);
    expect(store().selectedLinks).toEqual([]);

    store().undo();
    expect(selectTopology(store())?.links.map(linkKey)).not.toContain('r2:eth1--sw2:p3');
    expect(store().selectedLinks).toEqual([]);
    expect(store().selectedNodes).toEqual(['r2']);
    store().undo();
    expect(selectNode('r2')(store())).toBeUndefined();
    expect(selectTopology(store())).toBe(example);
    expect(store().selectedNodes).toEqual([]);
    store().undo(); // nothing before the open
    expect(selectTopology(store())).toBe(example);

    store().redo();
    store().redo();
    expect(selectTopology(store())?.links.map(linkKey)).toContain('r2:eth1--sw2:p3');
    expect(history().futureStates).toHaveLength(0);
  });

  test('a new edit after undo drops the redo steps', () => {
    store().openTopology(example);
    store().addDevice('host', { x: 0, y: 0 });
    store().undo();
    store().addDevice('server', { x: 0, y: 0 });
    expect(history().futureStates).toHaveLength(0);
    store().redo();
    expect(selectNode('h3')(store())).toBeUndefined();
    expect(selectNode('srv1')(store())).toBeDefined();
  });

  test('selection, runs and an edit that changes nothing are not history', () => {
    store().openTopology(example);
    store().setNodeSelected('h1', true);
    store().runFinished(store().runStarted(), result);
    expect(store().edit((t) => t)).toBe(false);
    store().setIpForward('r1', true); // already on
    expect(history().pastStates).toHaveLength(0);
  });

  test('deleting the selection removes devices with their links and the selected links', () => {
    store().openTopology(example);
    store().select(['sw2'], ['h1:eth1--sw1:p1']);
    store().deleteSelection();
    const t = selectTopology(store())!;
    expect(t.nodes.map((n) => n.name)).toEqual(['h1', 'r1', 'h2', 'sw1']);
    expect(t.links.map(linkKey)).toEqual(['r1:eth1--sw1:p2']);
    expect(store().selectedNodes).toEqual([]);
    store().undo();
    expect(selectTopology(store())).toBe(example);
  });

  test('a rename follows the selection', () => {
    store().openTopology(example);
    store().select(['h1']);
    store().renameNode('h1', 'alice');
    expect(store().selectedNodes).toEqual(['alice']);
    expect(selectTopology(store())?.scenario[0]).toMatchObject({ on: 'alice' });
  });

  test(`the history keeps the last ${HISTORY_LIMIT} edits`, () => {
    store().openTopology(example);
    for (let i = 0; i < HISTORY_LIMIT + 5; i++) store().moveNode('h1', { x: i + 1, y: 0 });
    expect(history().pastStates).toHaveLength(HISTORY_LIMIT);
  });

  test('markSaved clears edited; undo after it sets it again', () => {
    store().openTopology(example);
    store().addDevice('host', { x: 0, y: 0 });
    store().markSaved();
    expect(store().edited).toBe(false);
    store().undo();
    expect(store().edited).toBe(true);
  });
});

describe('selectors', () => {
  test('two cables between the same devices are told apart', () => {
    store().openTopology(example);
    store().connect('r1', 'sw1');
    expect(selectParallel('r1:eth1--sw1:p2')(store())).toBe('0/2');
    expect(selectParallel('r1:eth3--sw1:p3')(store())).toBe('1/2');
    expect(selectParallel('h1:eth1--sw1:p1')(store())).toBe('0/1');
  });

  test('the inspector shows a device only when it alone is selected', () => {
    store().openTopology(example);
    store().select(['h1']);
    expect(selectInspected(store())).toBe('h1');
    store().select(['h1', 'h2']);
    expect(selectInspected(store())).toBeUndefined();
    store().select(['h1'], ['h1:eth1--sw1:p1']);
    expect(selectInspected(store())).toBeUndefined();
  });
});
