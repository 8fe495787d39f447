// Renaming the network (the toolbar's name field): the name heads the page's title, slides and the
// files exported. One undo step; the walk shown stays (a name changes no device, link or setting).

import { useAppStore } from '../../store';

/** Longest name accepted: it heads slides and names files, so a short title. */
export const NETWORK_NAME_MAX = 64;

/** What is wrong with a name as typed (an i18n key), or undefined: trimmed, 1–64 characters, no control characters. */
export function networkNameProblem(text: string): 'empty' | 'long' | 'control' | undefined {
  const name = text.trim();
  if (!name) return 'empty';
  if ([...name].length > NETWORK_NAME_MAX) return 'long';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'control';
  return undefined;
}

/** Renames the open network (one undo step); false when the name is invalid or unchanged. */
export function renameNetwork(text: string): boolean {
  if (networkNameProblem(text)) return false;
  const name = text.trim();
  return useAppStore.getState().edit((t) => (t.name === name ? t : { ...t, name }), { keepRun: true });
}
