// Autosave: written after every change, at the end of its task, at once when the page is hidden, never for a
// document that is not to be kept; read back as a record whose topology is still to be checked.

import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { Topology } from '../engine';
import { renameNode } from '../engine/pure';
import { resetAppStore, useAppStore } from './index';
import { simApi } from '../worker/sim-api';
import { AUTOSAVE_KEY, readAutosave, startAutosave, writeAutosave } from './autosave';

const example: Topology = simApi.loadExample('two-subnets-router');

/** A Storage in memory, optionally full. */
function memoryStorage(full = false) {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => {
      if (full) throw new DOMException('quota', 'QuotaExceededError');
      data.set(k, v);
    },
  };
}

/** Just enough of window for pagehide. */
function fakeWindow() {
  const listeners = new Map<string, () => void>();
  return {
    addEventListener: (t: string, f: () => void) => void listeners.set(t, f),
    removeEventListener: (t: string) => void listeners.delete(t),
    fire: (t: string) => listeners.get(t)?.(),
  };
}

beforeEach(() => {
  resetAppStore();
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

describe('startAutosave', () => {
  test('writes the changes of one task once, at its end (before the next frame), with the edited flag', async () => {
    const storage = memoryStorage();
    const writes: boolean[] = [];
    const stop = startAutosave(useAppStore, storage, { onWrite: (ok) => writes.push(ok) });
    useAppStore.getState().openTopology(example);
    useAppStore.getState().addDevice('host', { x: 0, y: 0 });
    useAppStore.getState().addDevice('host', { x: 0, y: 0 });
    expect(storage.data.size).toBe(0);
    await Promise.resolve();
    expect(writes).toEqual([true]);
    const saved = readAutosave(storage);
    expect(saved).toMatchObject({ kind: 'found', edited: true });
    expect(saved.kind === 'found' && (saved.topology as Topology).nodes.map((n) => n.name)).toContain('h4');
    // The next edit is written as soon as its task ends: no timer to wait for.
    useAppStore.getState().moveNode('h1', { x: 5, y: 5 });
    await Promise.resolve();
    expect(writes).toEqual([true, true]);
    stop();
  });

  test('pagehide writes at once', () => {
    const storage = memoryStorage();
    const win = fakeWindow();
    const stop = startAutosave(useAppStore, storage, { events: win });
    useAppStore.getState().openTopology(example);
    useAppStore.getState().moveNode('h1', { x: 9, y: 9 });
    win.fire('pagehide');
    const saved = readAutosave(storage);
    expect(saved.kind === 'found' && (saved.topology as Topology).nodes[0]!.position).toEqual({ x: 9, y: 9 });
    stop();
  });

  test('a document not to be kept (an example from the URL) is written only after the first edit', async () => {
    const storage = memoryStorage();
    storage.setItem(AUTOSAVE_KEY, 'the user’s earlier work');
    const writes: boolean[] = [];
    const stop = startAutosave(useAppStore, storage, { onWrite: (ok) => writes.push(ok) });
    useAppStore.getState().openTopology(example, { persist: false });
    await Promise.resolve();
    vi.advanceTimersByTime(10_000);
    expect(storage.getItem(AUTOSAVE_KEY)).toBe('the user’s earlier work');
    useAppStore.getState().edit((t) => renameNode(t, 'h1', 'alice'));
    await Promise.resolve();
    expect(storage.getItem(AUTOSAVE_KEY)).toContain('alice');
    expect(writes).toEqual([true]);
    stop();
  });

  test('a full storage is reported, not thrown', async () => {
    const writes: boolean[] = [];
    const stop = startAutosave(useAppStore, memoryStorage(true), { onWrite: (ok) => writes.push(ok) });
    useAppStore.getState().openTopology(example);
    await Promise.resolve();
    expect(writes).toEqual([false]);
    stop();
  });

  test('stopping writes what is pending', () => {
    const storage = memoryStorage();
    const stop = startAutosave(useAppStore, storage);
    useAppStore.getState().openTopology(example);
    stop();
    expect(readAutosave(storage).kind).toBe('found');
  });
});

describe('readAutosave', () => {
  test.each([
    ['nothing', null, 'none'],
    ['not JSON', '{oops', 'unreadable'],
    ['JSON of something else', '{"nodes": []}', 'unreadable'],
  ] as const)('%s', (_what, raw, kind) => {
    const storage = memoryStorage();
    if (raw !== null) storage.setItem(AUTOSAVE_KEY, raw);
    expect(readAutosave(storage).kind).toBe(kind);
  });

  test('a record round-trips the topology exactly', () => {
    const storage = memoryStorage();
    expect(writeAutosave(storage, example, false)).toBe(true);
    const r = readAutosave(storage);
    expect(r).toMatchObject({ kind: 'found', edited: false });
    expect(r.kind === 'found' && simApi.checkTopology(r.topology)).toEqual({ ok: true, topology: example });
  });
});
