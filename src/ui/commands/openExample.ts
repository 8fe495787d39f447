// Opens one of the bundled examples: the worker reads it, the layout places its devices when the
// file has no positions, the store holds it (a new history).

import i18n from '../../i18n';
import { useAppStore, type OpenOptions } from '../../store';
import type { SimClient } from '../../worker/protocol';
import { autoLayout } from '../layout/autoLayout';
import { toast, withProgress } from '../toast/toastStore';
import { confirmReplace } from './replace';

export interface OpenExampleOptions extends OpenOptions {
  /** At startup nothing is on screen: report a failure in place of the canvas, and ask nothing. */
  startup?: boolean;
}

/** Returns true when the example was opened. */
export async function openExample(client: SimClient, name: string, options: OpenExampleOptions = {}): Promise<boolean> {
  const { startup = false, ...open } = options;
  if (!startup && !(await confirmReplace())) return false;
  try {
    const topology = await withProgress(i18n.t('files.openingExample', { name }), async () => await autoLayout(await client.loadExample(name)));
    useAppStore.getState().openTopology(topology, open);
    return true;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (startup) useAppStore.getState().openFailed(message);
    else toast('error', i18n.t('files.exampleFailed', { name }), { details: [message], testId: 'open-error' });
    return false;
  }
}
