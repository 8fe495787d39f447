// Copy, cut, paste and duplicate of devices. The clipboard lives in this page (a copy of the
// devices and the links among them). Pasting gives fresh names and MACs; addresses are kept only
// when nothing else uses them (pasteNodes), and routes the kernel would then refuse are
// left out and reported. This module loads with the first copy, cut, paste or duplicate.

import i18n from '../../i18n';
import { selectTopology, useAppStore } from '../../store';
import type { SimClient } from '../../worker/protocol';
import { toast } from '../toast/toastStore';
import { applyEdit } from './applyEdit';
import { type Clipboard, copyNodes, pasteNodes } from '../../engine/pure';

/** Room below the copied devices before their copies start (a device is about 120 high). */
export const PASTE_GAP = 160;

/** Copies land below the originals (and each paste below the one before), not on top of them. */
export function pasteOffset(clip: Clipboard, times: number): { x: number; y: number } {
  const ys = clip.nodes.map((n) => n.position?.y ?? 0);
  const height = ys.length ? Math.max(...ys) - Math.min(...ys) : 0;
  return { x: 0, y: (height + PASTE_GAP) * times };
}

let clipboard: Clipboard | undefined;
let pastes = 0;

/** Copies the selected devices; returns how many. */
export function copySelection(): number {
  const s = useAppStore.getState();
  const t = selectTopology(s);
  if (!t || !s.selectedNodes.length) return 0;
  clipboard = copyNodes(t, s.selectedNodes);
  pastes = 0;
  return clipboard.nodes.length;
}

/** Copies the selected devices, then deletes them (one undo step). */
export function cutSelection(): number {
  const n = copySelection();
  if (n) {
    const s = useAppStore.getState();
    s.select(s.selectedNodes, []);
    s.deleteSelection();
  }
  return n;
}

/** Copies the selected devices and says how many (the shortcut's and the inspector's copy). */
export function copyAndSay(): number {
  const n = copySelection();
  if (n) toast('success', i18n.t('edit.copied', { count: n }));
  return n;
}

export const hasClipboard = (): boolean => Boolean(clipboard?.nodes.length);

async function pasteClip(client: SimClient, clip: Clipboard, d: { x: number; y: number }): Promise<string[]> {
  const t = selectTopology(useAppStore.getState());
  if (!t) return [];
  const { names } = pasteNodes(t, clip, d);
  const outcome = await applyEdit(client, (cur) => pasteNodes(cur, clip, d).topology, {
    dropBrokenRoutesOf: names,
    select: { nodes: names, links: [] },
  });
  if (outcome.kind !== 'applied') {
    if (outcome.kind === 'rejected') toast('error', outcome.messages.join('\n'));
    return [];
  }
  toast('success', i18n.t('edit.pasted', { count: names.length, names: names.join(', ') }), { testId: 'pasted' });
  if (outcome.droppedRoutes.length) {
    toast('info', i18n.t('edit.pasteDropped', { routes: outcome.droppedRoutes.map((r) => `${r.node}: ${r.route}`).join('; ') }));
  }
  return names;
}

/** Pastes the clipboard, each time a little further from the originals. */
export async function paste(client: SimClient): Promise<string[]> {
  if (!clipboard?.nodes.length) {
    toast('info', i18n.t('edit.nothingToPaste'));
    return [];
  }
  pastes++;
  return pasteClip(client, clipboard, pasteOffset(clipboard, pastes));
}

/** Copies and pastes the selected devices in one go (the clipboard is left as it was). */
export async function duplicateSelection(client: SimClient): Promise<string[]> {
  const s = useAppStore.getState();
  const t = selectTopology(s);
  if (!t || !s.selectedNodes.length) return [];
  const clip = copyNodes(t, s.selectedNodes);
  return pasteClip(client, clip, pasteOffset(clip, 1));
}

/** Forgets the clipboard (tests). */
export function clearClipboard(): void {
  clipboard = undefined;
  pastes = 0;
}
