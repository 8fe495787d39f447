// A link or a lesson never overwrites the user's own network. It opens without autosave
// (persist: false), so the network autosaved in this browser stays as it was until the user
// edits the linked one; then that one becomes the autosaved network, as any edited network
// does. So that even then nothing is lost, opening the first link of a page keeps a copy of the
// autosaved network under BEFORE_LINK_KEY, and "Back to my own network" (Lessons menu) opens it
// again, checked by the worker like any stored network.

import { AUTOSAVE_KEY, browserStorage, readAutosave } from '../../store/autosave';
import i18n from '../../i18n';
import { useAppStore } from '../../store';
import type { SimClient } from '../../worker/protocol';
import { problemText } from '../commands/files';
import { confirmReplace } from '../commands/replace';
import { autoLayout } from '../layout/autoLayout';
import { toast } from '../toast/toastStore';
import { create } from 'zustand';
import { forgetLink } from './link';

export const BEFORE_LINK_KEY = 'packetwalk.autosave.v1.before-link';

/** Whether the network on screen came from a link or a lesson, with the user's own one kept. */
export const useOwnNetwork = create<{ kept: boolean }>()(() => ({ kept: false }));

/** Before a link's network opens: keeps the autosaved network (once a page: later links replace a link's). */
export function keepOwnNetwork(storage: Pick<Storage, 'getItem' | 'setItem'> | undefined = browserStorage()): void {
  if (useOwnNetwork.getState().kept || !storage) return;
  const raw = storage.getItem(AUTOSAVE_KEY);
  if (raw === null) return;
  try {
    storage.setItem(BEFORE_LINK_KEY, raw);
    useOwnNetwork.setState({ kept: true });
  } catch {
    // Full storage: the autosave itself is still untouched until the linked network is edited.
  }
}

/** Opens the network kept before the first link; returns true when it did. */
export async function backToOwnNetwork(client: SimClient, storage: Pick<Storage, 'getItem' | 'removeItem'> | undefined = browserStorage()): Promise<boolean> {
  const raw = storage?.getItem(BEFORE_LINK_KEY) ?? null;
  const saved = raw === null ? ({ kind: 'none' } as const) : readAutosave({ getItem: () => raw });
  const r =
    saved.kind === 'found'
      ? await client.checkTopology(saved.topology).catch((e: unknown) => ({ ok: false as const, problems: [{ file: BEFORE_LINK_KEY, message: String(e) }] }))
      : { ok: false as const, problems: [{ file: BEFORE_LINK_KEY, message: saved.kind === 'unreadable' ? saved.reason : 'nothing kept' }] };
  if (!r.ok) {
    toast('error', i18n.t('lessons.backFailed'), { details: r.problems.map(problemText), testId: 'back-failed' });
    return false;
  }
  if (!(await confirmReplace())) return false;
  useAppStore.getState().openTopology(await autoLayout(r.topology), { persist: true, edited: saved.kind === 'found' && saved.edited });
  storage?.removeItem(BEFORE_LINK_KEY);
  useOwnNetwork.setState({ kept: false });
  forgetLink();
  return true;
}
