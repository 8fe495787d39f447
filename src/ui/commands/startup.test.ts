// What the app opens at startup, and opening and saving files: a file with problems opens nothing.

import { beforeEach, describe, expect, test } from 'vitest';
import { AUTOSAVE_KEY, REJECTED_KEY, startAutosave, writeAutosave } from '../../store/autosave';
import type { Topology } from '../../engine';
import { addDevice, setIfaceAddrs, setIfaceMac } from '../../engine/pure';
import { resetAppStore, selectTopology, useAppStore } from '../../store';
import { createSimClient } from '../../worker/client';
import { useConfirm } from '../dialog/confirmStore';
import { useToasts } from '../toast/toastStore';
import { exportClab, newTopology, openFile, saveJson } from './files';
import { openExample } from './openExample';
import { startWalk } from './runScenario';
import { startup } from './startup';

const client = createSimClient();
const store = () => useAppStore.getState();

function memoryStorage() {
  const data = new Map<string, string>();
  return { data, getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) };
}

const file = (name: string, text: string | Uint8Array) => {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  return { name, size: bytes.length, arrayBuffer: async () => bytes.slice().buffer };
};

/** Saves through a fake download; returns what was saved. */
function saver() {
  const saved: { name: string; text: string }[] = [];
  return { saved, save: (name: string, text: string) => void saved.push({ name, text }) };
}

beforeEach(() => {
  resetAppStore();
  useToasts.getState().clear();
});

describe('startup', () => {
  test('the URL’s example opens, not kept by autosave until edited', async () => {
    expect(await startup(client, 'router-chain', memoryStorage())).toBe('url-example');
    expect(selectTopology(store())?.name).toBe('router-chain');
    expect(store().persist).toBe(false);
  });

  test('the autosaved network comes back exactly, with its edited flag', async () => {
    const storage = memoryStorage();
    const t = addDevice(await client.loadExample('two-subnets-router'), 'server', { x: 1, y: 2 }).topology;
    writeAutosave(storage, t, true);
    expect(await startup(client, null, storage)).toBe('restored');
    expect(selectTopology(store())).toEqual(t);
    expect(store().edited).toBe(true);
  });

  test('the links cut in the scenario’s walk are autosaved, and the walk comes back cut there', async () => {
    const storage = memoryStorage();
    const stop = startAutosave(useAppStore, storage);
    store().openTopology(await client.loadExample('stp-triangle'), { persist: true });
    const cuts = [{ atUs: 9_500_000, node: 'sw3', iface: 'p2' }];
    await startWalk(client, { kind: 'scenario', cuts });
    await Promise.resolve();
    stop();
    expect(JSON.parse(storage.getItem(AUTOSAVE_KEY)!).cuts).toEqual(cuts);

    resetAppStore();
    expect(await startup(client, null, storage)).toBe('restored');
    expect(store().lastRun).toMatchObject({ status: 'done', source: { kind: 'scenario', cuts } });
  });

  test('autosaved cuts that are malformed or name no link are left out: the network opens without a walk', async () => {
    const t = await client.loadExample('stp-triangle');
    for (const cuts of [[{ atUs: 1, node: 'sw3', iface: 'p9' }], [{ atUs: 'soon', node: 'sw3', iface: 'p2' }], 'p2']) {
      const storage = memoryStorage();
      storage.setItem(AUTOSAVE_KEY, JSON.stringify({ format: 'packetwalk-autosave', version: 1, savedAt: '', edited: false, topology: t, cuts }));
      resetAppStore();
      expect(await startup(client, null, storage)).toBe('restored');
      expect(store().lastRun.status, JSON.stringify(cuts)).toBe('idle');
    }
  });

  test('an autosave that fails the check is kept aside, said, and the default example opens', async () => {
    const storage = memoryStorage();
    const t = await client.loadExample('two-subnets-router');
    const broken: Topology = { ...t, links: [...t.links, { a: { node: 'h1', iface: 'eth9' }, b: { node: 'nope', iface: 'x' } }] };
    writeAutosave(storage, broken, true);
    const raw = storage.getItem(AUTOSAVE_KEY);
    expect(await startup(client, null, storage)).toBe('rejected');
    expect(selectTopology(store())?.name).toBe('two-subnets-router');
    expect(storage.getItem(AUTOSAVE_KEY)).toBe(raw);
    expect(storage.getItem(REJECTED_KEY)).toBe(raw);
    expect(store().persist).toBe(false);
    expect(useToasts.getState().toasts[0]).toMatchObject({ kind: 'error', details: expect.arrayContaining([expect.stringMatching(/unknown node "nope"/)]) });
  });

  test('nothing stored: the default example', async () => {
    expect(await startup(client, null, memoryStorage())).toBe('default');
    expect(selectTopology(store())?.name).toBe('two-subnets-router');
  });
});

describe('files', () => {
  beforeEach(() => openExample(client, 'two-subnets-router', { startup: true }));

  test('a file with problems opens nothing and lists them with file and line', async () => {
    const before = store().doc;
    const ok = await openFile(client, file('lab.clab.yml', 'name: x\ntopology:\n  nodes:\n    h1:\n      kind: linux\n      exec:\n        - ip route add default via 10.9.9.9\n'));
    expect(ok).toBe(false);
    expect(store().doc).toBe(before);
    expect(useToasts.getState().toasts.at(-1)).toMatchObject({
      kind: 'error',
      details: ['lab.clab.yml:7: node h1: exec "ip route add default via 10.9.9.9": Error: Nexthop has invalid gateway.'],
    });
  });

  test('Export as containerlab then Open gives back the same network (MACs left to the kernel aside)', async () => {
    await applyChanges();
    const before = selectTopology(store())!;
    const out = saver();
    await exportClab(client, out.save);
    expect(out.saved[0]!.name).toBe('two-subnets-router.clab.yml');
    expect(out.saved[0]!.text).toContain('image: ghcr.io/hellt/network-multitool');
    expect(store().edited).toBe(false);
    await newTopology();
    expect(selectTopology(store())?.nodes).toEqual([]);
    expect(await openFile(client, file(out.saved[0]!.name, out.saved[0]!.text))).toBe(true);
    // The example's two switches both have p1 and p2: the file names them sw1-p1 … for
    // containerlab's host, and its packetwalk-ports labels give the names back.
    expect(out.saved[0]!.text).toContain('"sw2:sw2-p1"');
    expect(withoutAutoMacs(selectTopology(store())!)).toEqual(withoutAutoMacs(before));
    expect(useAppStore.temporal.getState().pastStates).toHaveLength(0);
  });

  test('a file saved as UTF-16 (with its byte order mark) opens as its UTF-8 twin does', async () => {
    const out = saver();
    await saveJson(client, out.save);
    const text = out.saved[0]!.text;
    const le = new Uint8Array(2 + text.length * 2);
    le.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) le.set([text.charCodeAt(i) & 0xff, text.charCodeAt(i) >> 8], 2 + 2 * i);
    const be = le.map((_, i) => (i < 2 ? [0xfe, 0xff][i]! : le[i % 2 ? i - 1 : i + 1]!));
    await newTopology();
    expect(await openFile(client, file('le.json', le))).toBe(true);
    expect(selectTopology(store())?.name).toBe('two-subnets-router');
    await newTopology();
    expect(await openFile(client, file('be.json', be))).toBe(true);
    expect(selectTopology(store())?.name).toBe('two-subnets-router');
  });

  test('Save as JSON then Open gives back exactly the same network', async () => {
    await applyChanges();
    const before = selectTopology(store())!;
    const out = saver();
    await saveJson(client, out.save);
    expect(await openFile(client, file('x.json', out.saved[0]!.text))).toBe(true);
    expect(selectTopology(store())).toEqual(before);
  });

  test('replacing an edited network asks first; Cancel keeps it', async () => {
    await applyChanges();
    const before = store().doc;
    const pending = newTopology();
    expect(useConfirm.getState().request?.title).toBe('Replace this network?');
    useConfirm.getState().answer(false);
    expect(await pending).toBe(false);
    expect(store().doc).toBe(before);
    const again = openExample(client, 'no-route');
    useConfirm.getState().answer(true);
    expect(await again).toBe(true);
    expect(selectTopology(store())?.name).toBe('no-route');
  });
});

/** A server linked to sw1 with a MAC set by hand and an address, and a moved host. */
async function applyChanges() {
  store().addDevice('server', { x: 100, y: 200 });
  store().connect('srv1', 'sw1');
  store().edit((t) => setIfaceAddrs(t, 'srv1', 'eth1', [{ ip: '10.0.1.50' as never, len: 24 }]));
  store().edit((t) => setIfaceMac(t, 'srv1', 'eth1', '02:aa:00:00:00:01' as never));
  store().moveNode('h2', { x: 1000, y: 120 });
}

function withoutAutoMacs(t: Topology): unknown {
  return { ...t, nodes: t.nodes.map((n) => ({ ...n, ifaces: n.ifaces.map((i) => (i.macAuto ? { ...i, mac: 'auto' } : i)) })) };
}
