// Share and open, as the app does them (the worker's API inline): the link opens the same
// network, the same walk and the same step, without autosave; a lesson's walk is shared as its
// short link; a link that cannot be opened opens nothing; the user's own network is kept and
// comes back.

import { beforeEach, describe, expect, test } from 'vitest';
import { AUTOSAVE_KEY, writeAutosave } from '../../store/autosave';
import { resetAppStore, selectTopology, useAppStore } from '../../store';
import { createSimClient } from '../../worker/client';
import { startWalk } from '../commands/runScenario';
import { useLessonStore } from '../lessons/lessonStore';
import { openLesson } from '../lessons/openLesson';
import { useToasts } from '../toast/toastStore';
import { readLink } from './link';
import { openShare, pduSource } from './openLink';
import { backToOwnNetwork, BEFORE_LINK_KEY, keepOwnNetwork, useOwnNetwork } from './ownNetwork';
import { share } from './share';

const client = createSimClient();
const store = () => useAppStore.getState();
const toasts = () => useToasts.getState().toasts.map((t) => t.testId);

function clipboard() {
  const copied: string[] = [];
  return { copied, writeText: async (s: string) => void copied.push(s) };
}

function memoryStorage() {
  const data = new Map<string, string>();
  return { data, getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), removeItem: (k: string) => void data.delete(k) };
}

const location = { href: 'http://127.0.0.1:4173/?example=router-chain#old' };
const textOf = (url: string) => {
  const link = readLink(new URL(url).hash);
  if (link.kind !== 'share') throw new Error(`not a share link: ${url}`);
  return link.text;
};

beforeEach(() => {
  resetAppStore();
  useLessonStore.getState().stop();
  useOwnNetwork.setState({ kept: false });
  useToasts.getState().clear();
});

describe('a shared walk', () => {
  test('opens the same network, the same packet and the same step, without autosave', async () => {
    const topology = await client.loadExample('two-subnets-router');
    store().openTopology(topology);
    const pdu = { source: 'h1', address: '10.0.2.10', protocol: 'icmp' as const, srcPort: 40000, dstPort: 5353, ttl: 9, count: 1 };
    await startWalk(client, pduSource(pdu, topology));
    store().setCursor(10);
    const cb = clipboard();
    const url = await share(client, { clipboard: cb, location });
    expect(cb.copied).toEqual([url]);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:4173\/#share=v1\./);
    expect(toasts()).toContain('share-copied');

    resetAppStore();
    expect(await openShare(client, textOf(url!), { startup: true })).toBe(true);
    expect(selectTopology(store())).toEqual(topology);
    expect(store().persist).toBe(false);
    const run = store().lastRun;
    expect(run.status).toBe('done');
    expect(run.status === 'done' && run.source).toEqual(pduSource(pdu, topology));
    expect(run.status === 'done' && run.cursor).toBe(10);
  });

  test('the topology’s scenario at its start, and a network without a walk', async () => {
    store().openTopology(await client.loadExample('router-chain'));
    await startWalk(client, { kind: 'scenario' });
    const url = await share(client, { clipboard: clipboard(), location });
    resetAppStore();
    await openShare(client, textOf(url!), { startup: true });
    expect(store().lastRun).toMatchObject({ status: 'done', source: { kind: 'scenario' }, cursor: -1 });

    store().dismissRun();
    const alone = await share(client, { clipboard: clipboard(), location });
    resetAppStore();
    await openShare(client, textOf(alone!), { startup: true });
    expect(selectTopology(store())?.name).toBe('router-chain');
    expect(store().lastRun.status).toBe('idle');
  });

  test('when the clipboard refuses, the link is shown to copy by hand', async () => {
    store().openTopology(await client.loadExample('router-chain'));
    const url = await share(client, { clipboard: { writeText: () => Promise.reject(new Error('denied')) }, location });
    const shown = useToasts.getState().toasts.find((t) => t.testId === 'share-copy-failed');
    expect(shown?.details).toEqual([url]);
  });

  test('a damaged link opens nothing and says so', async () => {
    store().openTopology(await client.loadExample('router-chain'));
    const url = await share(client, { clipboard: clipboard(), location });
    resetAppStore();
    expect(await openShare(client, textOf(url!).slice(0, 60), { startup: true })).toBe(false);
    expect(store().doc.status).toBe('loading');
    expect(toasts()).toContain('link-error');
  });

  test('a packet whose source is not in the network is refused', async () => {
    const topology = await client.loadExample('router-chain');
    const text = await client.makeShareLink({ app: 'packetwalk', v: 1, topology, walk: { kind: 'pdu', pdu: { source: 'nobody', address: '10.0.2.10', protocol: 'icmp', srcPort: 1, dstPort: 1, count: 1 } }, step: 2 });
    expect(await openShare(client, text, { startup: true })).toBe(false);
    expect(useToasts.getState().toasts.find((t) => t.testId === 'link-error')?.details).toEqual(['The walk in the link does not fit its network.']);
  });
});

describe('a walk with a link cut in it', () => {
  const cut = { atUs: 9_500_000, node: 'sw3', iface: 'p2' };

  test('is shared with the cut, and opens cut there', async () => {
    store().openTopology(await client.loadExample('stp-triangle'));
    await startWalk(client, { kind: 'scenario', cuts: [cut] });
    store().setCursor(40);
    const url = await share(client, { clipboard: clipboard(), location });
    resetAppStore();
    expect(await openShare(client, textOf(url!), { startup: true })).toBe(true);
    const run = store().lastRun;
    expect(run.status === 'done' && run.source).toEqual({ kind: 'scenario', cuts: [cut] });
    expect(run.status === 'done' && run.cursor).toBe(40);
    expect(run.status === 'done' && run.result.events.some((e) => e.kind === 'link.state' && e.node === 'sw3' && e.iface === 'p2' && !e.up)).toBe(true);
  });

  test('a cut of a link the network does not have is refused, and says which', async () => {
    const topology = await client.loadExample('stp-triangle');
    const text = await client.makeShareLink({ app: 'packetwalk', v: 1, topology, walk: { kind: 'scenario', cuts: [{ ...cut, iface: 'p9' }] } });
    expect(await openShare(client, text, { startup: true })).toBe(false);
    expect(useToasts.getState().toasts.find((t) => t.testId === 'link-error')?.details).toEqual(['The walk in the link cuts the link of sw3:p9, which its network does not have.']);
  });

  test('a malformed cut is refused by the link’s schema', async () => {
    const topology = await client.loadExample('stp-triangle');
    for (const bad of [{ ...cut, atUs: -1 }, { ...cut, node: '' }, { ...cut, extra: 1 }]) {
      resetAppStore();
      useToasts.getState().clear();
      const text = await client.makeShareLink({ app: 'packetwalk', v: 1, topology, walk: { kind: 'scenario', cuts: [bad] } });
      expect(await openShare(client, text, { startup: true }), JSON.stringify(bad)).toBe(false);
      expect(toasts()).toContain('link-error');
    }
  });
});

describe('a lesson', () => {
  test('opens at the step asked for, and Share gives its short link while it is unedited', async () => {
    expect(await openLesson(client, 'through-a-router', { startup: true, step: 4 })).toBe(true);
    expect(store().persist).toBe(false);
    expect(store().lastRun).toMatchObject({ status: 'done', cursor: 3 });
    const url = await share(client, { clipboard: clipboard(), location });
    expect(new URL(url!).hash).toBe('#lesson=through-a-router&step=4');

    store().setIpForward('r2', false);
    await startWalk(client, { kind: 'scenario' });
    expect(new URL((await share(client, { clipboard: clipboard(), location }))!).hash).toMatch(/^#share=v1\./);
  });

  test('an unknown lesson opens nothing', async () => {
    expect(await openLesson(client, 'no-such-lesson', { startup: true })).toBe(false);
    expect(store().doc.status).toBe('loading');
    expect(toasts()).toContain('lesson-error');
  });
});

describe('the user’s own network', () => {
  test('is kept when the first link opens, and comes back', async () => {
    const storage = memoryStorage();
    const own = await client.loadExample('home-nat');
    writeAutosave(storage, own, true);
    keepOwnNetwork(storage);
    expect(storage.data.get(BEFORE_LINK_KEY)).toBe(storage.data.get(AUTOSAVE_KEY));
    // A later link does not replace what was kept (the autosave may be a link's network by then).
    writeAutosave(storage, await client.loadExample('router-chain'), true);
    keepOwnNetwork(storage);
    expect(JSON.parse(storage.data.get(BEFORE_LINK_KEY)!).topology.name).toBe('home-nat');

    expect(await backToOwnNetwork(client, storage)).toBe(true);
    expect(selectTopology(store())?.name).toBe('home-nat');
    expect(store().persist).toBe(true);
    expect(store().edited).toBe(true);
    expect(storage.data.has(BEFORE_LINK_KEY)).toBe(false);
    expect(useOwnNetwork.getState().kept).toBe(false);
  });

  test('nothing is kept when there is no autosave', () => {
    const storage = memoryStorage();
    keepOwnNetwork(storage);
    expect(storage.data.size).toBe(0);
    expect(useOwnNetwork.getState().kept).toBe(false);
  });
});
