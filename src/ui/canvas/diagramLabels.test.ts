import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { leafSpine } from '../../engine';
import { linkKey } from '../../engine/pure';
import { selectLinks, selectNodes, useAppStore } from '../../store';
import { diagramLayout, readyLayout, selectCardPlace, selectEnds } from './diagramLabels';
import { prepareLabels } from './FarView';

// A large network's labels are laid out in the background (FarView's prepareLabels), in slices of about
// 12 ms between which the page runs. Here each reading of the clock is 1 ms later.
beforeEach(() => {
  vi.useFakeTimers();
  let clock = 0;
  vi.spyOn(performance, 'now').mockImplementation(() => (clock += 1));
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const open = (hostsPerLeaf: number) => {
  useAppStore.getState().openTopology(leafSpine({ spines: 2, leaves: 4, hostsPerLeaf, name: `fabric-${hostsPerLeaf}` }));
  return useAppStore.getState();
};

/** Every device has its card placed and every link its names. */
const complete = (s: ReturnType<typeof open>) => {
  const layout = diagramLayout(s, 'en');
  return layout.cards.size === selectNodes(s).length && layout.ends.size === selectLinks(s).length;
};

test('a network is laid out in the background in slices, one task each, to the end', async () => {
  const s = open(10);
  prepareLabels(s, 'en');
  expect(vi.getTimerCount()).toBe(1);
  await vi.advanceTimersToNextTimerAsync();
  // One slice is not the whole network: the next one is waiting.
  expect(vi.getTimerCount()).toBe(1);
  let slices = 1;
  while (vi.getTimerCount() > 0) {
    await vi.advanceTimersToNextTimerAsync();
    slices++;
  }
  expect(slices).toBeGreaterThan(5);
  expect(complete(s)).toBe(true);
});

test('asked for before the background is done, the layout is finished at once, and the slices stop', async () => {
  const s = open(12);
  prepareLabels(s, 'en');
  await vi.advanceTimersToNextTimerAsync();
  expect(complete(s)).toBe(true);
  await vi.advanceTimersToNextTimerAsync();
  expect(vi.getTimerCount()).toBe(0);
});

test('the network on screen changes: the background layout of the one before stops', async () => {
  const before = open(14);
  prepareLabels(before, 'en');
  await vi.advanceTimersToNextTimerAsync();
  const after = open(16);
  expect(complete(after)).toBe(true);
  await vi.advanceTimersToNextTimerAsync();
  expect(vi.getTimerCount()).toBe(0);
});

test('while the background is not done, devices and links show a provisional place, and their own once it is', async () => {
  const s = open(18);
  prepareLabels(s, 'en');
  await vi.advanceTimersToNextTimerAsync();
  expect(readyLayout(s, 'en')).toBeUndefined();
  expect(selectCardPlace('leaf1', 'en')(s)).toBe('below 0 0');
  const link = linkKey(selectLinks(s)[0]!);
  expect(selectEnds(link, 'en')(s)).toBe('');
  // Asking did not finish it: the slices go on to the end.
  while (vi.getTimerCount() > 0) await vi.advanceTimersToNextTimerAsync();
  expect(readyLayout(s, 'en')).toBe(diagramLayout(s, 'en'));
  expect(selectEnds(link, 'en')(s)).toMatch(/^\S+ \S+ \S+ \S+$/);
});
