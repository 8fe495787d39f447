// The player in the store, without React: a walk arrives, the cursor moves, the scene follows;
// an edit clears the walk and says so.

import { beforeEach, describe, expect, test } from 'vitest';
import { resetAppStore, useAppStore } from '../../store';
import { marksOf } from '../canvas/stepMarks';
import { sceneOf, selectScene, selectStep, selectWalking } from './selectors';
import { testWalk } from './testWalk';

const store = () => useAppStore.getState();
const w = testWalk('two-subnets-router');

function loaded() {
  store().openTopology(w.topology, { persist: false });
  const id = store().runStarted();
  store().runProgress(id, 5000);
  expect(store().lastRun).toMatchObject({ status: 'running', events: 5000 });
  store().runFinished(id, w);
}

beforeEach(() => {
  resetAppStore();
  loaded();
});

describe('the cursor', () => {
  test('starts before the first step: the device where the walk begins stands out, the rest are dimmed, no frame moves', () => {
    expect(store().lastRun).toMatchObject({ status: 'done', cursor: -1 });
    expect(selectStep(store())).toBeUndefined();
    expect(selectWalking(store())).toBe(true);
    expect([...marksOf(selectScene(store()))]).toEqual([['n:h1', 'involved']]);
    expect(selectScene(store()).hops).toEqual([]);
    expect(selectScene(store()).marker).toBeUndefined();
  });

  test('moves and is clamped to the start and the last step', () => {
    store().setCursor((c) => c + 1);
    expect(selectStep(store())?.index).toBe(0);
    store().setCursor(999);
    expect(selectStep(store())?.index).toBe(17);
    store().setCursor(-50);
    expect(selectStep(store())).toBeUndefined();
  });
});

describe('the scene of a step', () => {
  test('the ARP broadcast at sw1: the frame travels sw1 → r1; h1, sw1, r1 are involved, the rest dimmed', () => {
    store().setCursor(1);
    const scene = selectScene(store());
    expect(scene.hops).toEqual([{ seq: w.steps[1]!.tx[0]!.seq, link: 'r1:eth1--sw1:p2', from: 'sw1', to: 'r1', protocol: 'arp', frame: expect.objectContaining({ dstMac: 'ff:ff:ff:ff:ff:ff' }) }]);
    expect([...scene.nodes].sort()).toEqual(['h1', 'r1', 'sw1']);
    const marks = marksOf(scene);
    expect(marks.get('n:sw1')).toBe('at');
    expect(marks.get('n:r1')).toBe('involved');
    expect(marks.has('n:h2')).toBe(false);
    expect(marks.get('l:h1:eth1--sw1:p1')).toBe('involved');
    expect(marks.has('l:r1:eth2--sw2:p1')).toBe(false);
  });

  test('is the same object while the cursor stays, so canvas nodes do not re-render', () => {
    store().setCursor(4);
    const a = selectScene(store());
    store().setNodeSelected('h1', true);
    expect(selectScene(store())).toBe(a);
  });

  test('a delivery is marked where it ends, and stepping back restores the previous scene', () => {
    store().setCursor(16);
    expect(selectScene(store()).marker).toMatchObject({ node: 'h1', kind: 'delivered', from: 'sw1', link: 'h1:eth1--sw1:p1' });
    store().setCursor((c) => c - 1);
    expect(selectScene(store()).marker).toBeUndefined();
    expect(selectScene(store()).hops.map((h) => `${h.from}→${h.to}`)).toEqual(['sw1→h1']);
  });
});

describe('an edit', () => {
  test('clears the walk and leaves a notice naming what was walked', () => {
    store().setCursor(3);
    store().setIpForward('r1', false);
    expect(store().lastRun).toEqual({ status: 'idle', invalidated: { kind: 'scenario' } });
    expect(selectWalking(store())).toBe(false);
  });

  test('moving a device keeps it (nothing in the network changed)', () => {
    store().setCursor(3);
    store().moveNode('h1', { x: 5, y: 5 });
    expect(store().lastRun).toMatchObject({ status: 'done', cursor: 3 });
  });

  test('a walk still running when the network changes is discarded when it arrives', () => {
    const id = store().runStarted({ kind: 'pdu', scenario: [], label: 'x' });
    store().setIpForward('r1', false);
    store().runFinished(id, w);
    expect(store().lastRun).toEqual({ status: 'idle', invalidated: { kind: 'pdu', scenario: [], label: 'x' } });
  });
});

test('a drop marks the frame the device received, not the ICMP error it sent about it', () => {
  const ports = testWalk('tcp-udp-same-port');
  const step = ports.steps.find((s) => s.node === 'h2' && s.outcomes.includes('dropped') && s.protocol === 'icmp')!;
  expect(sceneOf(ports.result.events, step).marker).toMatchObject({ node: 'h2', kind: 'dropped', protocol: 'udp', from: 'h1' });
});
