// Nothing is lost: the open topology is written to localStorage after every committed edit, in
// the same task (the changes of one task are written once, before the page draws its next frame:
// a renderer that crashes right after an edit has it stored), again when the page is hidden or
// closed, and read back at startup. With it go the links cut during the scenario's walk shown
// ("Cut here"): at startup that walk runs again, cut where it was. What is read back is
// never trusted: the startup command checks it through the worker (checkTopology) and, when it
// is not a valid topology, keeps a copy under REJECTED_KEY and leaves the stored value alone.
// The key is versioned: a later format gets a new key, and this one stays readable.

import type { LinkCut, Topology } from '../engine';
import type { AppState } from './store';

export const AUTOSAVE_KEY = 'packetwalk.autosave.v1';
/** Where a stored value that failed the check is kept, so that it can still be recovered by hand. */
export const REJECTED_KEY = 'packetwalk.autosave.v1.rejected';
/** What is stored: the document and whether it was changed since it was last saved to a file. */
export interface AutosaveRecord {
  format: 'packetwalk-autosave';
  version: 1;
  savedAt: string;
  edited: boolean;
  topology: Topology;
  /** the links cut during the walk of the scenario shown (absent: none, or no such walk) */
  cuts?: LinkCut[];
}

export type StoredValue =
  | { kind: 'none' }
  /** a record whose topology still has to be checked */
  | { kind: 'found'; topology: unknown; edited: boolean; raw: string; cuts?: unknown }
  /** something that is not a record of ours (the text is kept as it is) */
  | { kind: 'unreadable'; raw: string; reason: string };

/** The storage, or undefined where there is none (privacy settings, tests without DOM). */
export function browserStorage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}

export function readAutosave(storage: Pick<Storage, 'getItem'>): StoredValue {
  const raw = storage.getItem(AUTOSAVE_KEY);
  if (raw === null) return { kind: 'none' };
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (e) {
    return { kind: 'unreadable', raw, reason: e instanceof Error ? e.message : String(e) };
  }
  if (typeof value !== 'object' || value === null || (value as { format?: unknown }).format !== 'packetwalk-autosave' || (value as { version?: unknown }).version !== 1) {
    return { kind: 'unreadable', raw, reason: 'not a packetwalk autosave (version 1)' };
  }
  const v = value as Partial<AutosaveRecord>;
  return { kind: 'found', topology: v.topology, edited: v.edited === true, raw, ...(v.cuts !== undefined ? { cuts: v.cuts } : {}) };
}

/** Writes the record; false when the storage refuses (full, disabled). */
export function writeAutosave(storage: Pick<Storage, 'setItem'>, topology: Topology, edited: boolean, now = new Date(), cuts?: readonly LinkCut[]): boolean {
  const record: AutosaveRecord = { format: 'packetwalk-autosave', version: 1, savedAt: now.toISOString(), edited, topology, ...(cuts?.length ? { cuts: [...cuts] } : {}) };
  try {
    storage.setItem(AUTOSAVE_KEY, JSON.stringify(record));
    return true;
  } catch {
    return false;
  }
}

/** Keeps a stored value that could not be opened under REJECTED_KEY. */
export function keepRejected(storage: Pick<Storage, 'setItem'>, raw: string): void {
  try {
    storage.setItem(REJECTED_KEY, raw);
  } catch {
    // Full storage: the value is still under AUTOSAVE_KEY until the next edit.
  }
}

/** The links cut during the walk shown, when it is the scenario's. */
const scenarioCuts = (s: AppState): readonly LinkCut[] | undefined => (s.lastRun.status === 'done' && s.lastRun.source.kind === 'scenario' ? s.lastRun.source.cuts : undefined);

interface StoreLike {
  getState(): AppState;
  subscribe(listener: (state: AppState, prev: AppState) => void): () => void;
}

export interface AutosaveOptions {
  /** where pagehide / visibilitychange come from (window in the app) */
  events?: { addEventListener(type: string, listener: () => void): void; removeEventListener(type: string, listener: () => void): void };
  /** after each write (the app drops ?example= from the URL once the user's edits are saved) */
  onWrite?: (ok: boolean) => void;
}

/**
 * Writes the topology whenever it changes (in a microtask: at the end of the task that changed
 * it, once for all its changes), when autosave is on for the document (see AppState.persist),
 * and when the page is hidden or closed. Returns a function that stops it (after writing what is
 * pending). An edit is committed once (a drag at its end, a field on Enter or blur), so a write
 * per edit costs one JSON.stringify of the document per user action.
 */
export function startAutosave(store: StoreLike, storage: Pick<Storage, 'setItem'>, options: AutosaveOptions = {}): () => void {
  let scheduled = false;
  let written: Topology | undefined;
  let writtenEdited: boolean | undefined;
  let writtenCuts: readonly LinkCut[] | undefined;

  const flush = () => {
    const s = store.getState();
    if (s.doc.status !== 'ready' || !s.persist) return;
    const cuts = scenarioCuts(s);
    if (s.doc.topology === written && s.edited === writtenEdited && cuts === writtenCuts) return;
    const ok = writeAutosave(storage, s.doc.topology, s.edited, new Date(), cuts);
    if (ok) {
      written = s.doc.topology;
      writtenEdited = s.edited;
      writtenCuts = cuts;
    }
    options.onWrite?.(ok);
  };

  const unsubscribe = store.subscribe((s, prev) => {
    if (s.doc === prev.doc && s.persist === prev.persist && s.edited === prev.edited && scenarioCuts(s) === scenarioCuts(prev)) return;
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(() => {
      scheduled = false;
      flush();
    });
  });
  const onHide = () => flush();
  const onVisibility = () => {
    if (typeof document !== 'undefined' && document.visibilityState === 'hidden') flush();
  };
  options.events?.addEventListener('pagehide', onHide);
  options.events?.addEventListener('visibilitychange', onVisibility);
  return () => {
    flush();
    unsubscribe();
    options.events?.removeEventListener('pagehide', onHide);
    options.events?.removeEventListener('visibilitychange', onVisibility);
  };
}
