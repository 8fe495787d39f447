// What the app opens when it starts: the example named by `?example=NAME` (kept out of the
// autosave until the user edits it), else the network autosaved in this browser (checked by the
// worker, never trusted) with the walk of its scenario when links were cut in it (walk/cuts.ts:
// well-formed cuts of the network's links only), else the default example. An autosave that fails the check is kept
// under another key, the user is told, and the default example opens instead.

import { AUTOSAVE_KEY, keepRejected, readAutosave } from '../../store/autosave';
import i18n from '../../i18n';
import { useAppStore } from '../../store';
import { DEFAULT_EXAMPLE, type SimClient } from '../../worker/protocol';
import { autoLayout } from '../layout/autoLayout';
import { toast } from '../toast/toastStore';
import { problemText } from './files';
import { openExample } from './openExample';
import { startWalk } from './runScenario';
import { missingCut, readCuts } from '../../walk/cuts';

export type StartupResult = 'url-example' | 'restored' | 'rejected' | 'default';

export async function startup(client: SimClient, urlExample: string | null, storage: Pick<Storage, 'getItem' | 'setItem'> | undefined): Promise<StartupResult> {
  if (urlExample !== null) {
    await openExample(client, urlExample, { startup: true, persist: false });
    return 'url-example';
  }
  const saved = storage ? readAutosave(storage) : ({ kind: 'none' } as const);
  if (saved.kind === 'found') {
    const r = await client.checkTopology(saved.topology).catch((e: unknown) => ({ ok: false as const, problems: [{ file: 'autosave', message: String(e) }] }));
    if (r.ok) {
      useAppStore.getState().openTopology(await autoLayout(r.topology), { persist: true, edited: saved.edited });
      const cuts = readCuts(saved.cuts);
      if (cuts?.length && !missingCut(cuts, r.topology)) await startWalk(client, { kind: 'scenario', cuts });
      return 'restored';
    }
    keepRejected(storage!, saved.raw);
    toast('error', i18n.t('autosave.rejected', { key: AUTOSAVE_KEY }), { details: r.problems.map(problemText), testId: 'autosave-rejected' });
  } else if (saved.kind === 'unreadable') {
    keepRejected(storage!, saved.raw);
    toast('error', i18n.t('autosave.rejected', { key: AUTOSAVE_KEY }), { details: [saved.reason], testId: 'autosave-rejected' });
  }
  await openExample(client, DEFAULT_EXAMPLE, { startup: true, persist: false });
  return saved.kind === 'none' ? 'default' : 'rejected';
}
