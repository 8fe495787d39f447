// The step's marks follow the cursor onto the mounted elements of the devices and links, and stop
// when the elements go.

import { beforeEach, describe, expect, test } from 'vitest';
import { resetAppStore, useAppStore } from '../../store';
import { testWalk } from '../player/testWalk';
import { stepMark } from './stepMarks';

/** The part of an Element that the marks use. */
class FakeElement {
  attrs = new Map<string, string>();
  setAttribute(k: string, v: string) {
    this.attrs.set(k, v);
  }
  removeAttribute(k: string) {
    this.attrs.delete(k);
  }
  get step() {
    return this.attrs.get('data-step');
  }
}

const store = () => useAppStore.getState();
const w = testWalk('two-subnets-router');

/** Mounts an element for `key` as React would (the ref's cleanup unmounts it). */
function mount(key: string): { el: FakeElement; unmount: () => void } {
  const el = new FakeElement();
  const cleanup = stepMark(key)(el as unknown as Element);
  return { el, unmount: () => (cleanup as () => void)() };
}

beforeEach(() => {
  resetAppStore();
  store().openTopology(w.topology, { persist: false });
  store().runFinished(store().runStarted(), w);
});

describe('step marks', () => {
  test('an element gets its mark on mount and follows the cursor', () => {
    const sw1 = mount('n:sw1');
    const r1 = mount('n:r1');
    const link = mount('l:h1:eth1--sw1:p1');
    expect([sw1.el.step, r1.el.step, link.el.step]).toEqual([undefined, undefined, undefined]);
    store().setCursor(1); // sw1 floods the ARP request to r1
    expect([sw1.el.step, r1.el.step, link.el.step]).toEqual(['at', 'involved', 'involved']);
    store().setCursor(2); // r1 answers
    expect([sw1.el.step, r1.el.step]).toEqual(['involved', 'at']);
    expect(link.el.step).toBeUndefined();
    for (const m of [sw1, r1, link]) m.unmount();
  });

  test('an element mounted mid-walk (scrolled into view) shows the current mark; an unmounted one is left alone', () => {
    store().setCursor(1);
    const sw1 = mount('n:sw1');
    expect(sw1.el.step).toBe('at');
    const h2 = mount('n:h2');
    sw1.unmount();
    store().setCursor(2);
    expect(sw1.el.step).toBe('at');
    expect(h2.el.step).toBeUndefined();
    h2.unmount();
  });

  test('closing the walk clears every mark', () => {
    store().setCursor(1);
    const sw1 = mount('n:sw1');
    store().dismissRun();
    expect(sw1.el.step).toBeUndefined();
    sw1.unmount();
  });
});
