// Opening what the URL fragment names (link.ts): a shared network with its walk and step, or a
// lesson, asking first if the network on screen was changed (unless at startup). One that cannot
// be opened is reported; the autosaved network is untouched. Loaded when a page has a link
// (startWithLink.ts).

import type { Topology } from '../../engine';
import i18n from '../../i18n';
import { useAppStore, type WalkSource } from '../../store';
import type { ShareLinkResult, SimClient } from '../../worker/protocol';
import { problemText } from '../commands/files';
import { confirmReplace } from '../commands/replace';
import { startWalk } from '../commands/runScenario';
import { autoLayout } from '../layout/autoLayout';
import { openLesson } from '../lessons/openLesson';
import { pduLabel, pduProblems, pduScenario, type Pdu } from '../../walk/pdu';
import { jumpTo } from '../player/playerView';
import { toast } from '../toast/toastStore';
import { MAX_JSON_CHARS, MAX_LINK_CHARS, type SharedWalk } from '../../walk/share/limits';
import { missingCut } from '../../walk/cuts';
import type { LinkRequest } from './link';
import { keepOwnNetwork } from './ownNetwork';

/** The walk of a composed packet, as "Walk a packet" starts it. */
export const pduSource = (pdu: Pdu, topology: Topology): WalkSource => ({ kind: 'pdu', scenario: pduScenario(pdu, topology), label: pduLabel(pdu), pdu });

const number = (n: number) => n.toLocaleString(i18n.language);

/** What to tell the user about a link that cannot be opened. */
function failure(r: Extract<ShareLinkResult, { ok: false }>): string[] {
  switch (r.error) {
    case 'tooLarge':
      return [i18n.t('lessons.link.tooLarge', { chars: number(MAX_LINK_CHARS), json: number(MAX_JSON_CHARS) })];
    case 'invalid':
      return [i18n.t('lessons.link.invalid'), ...(r.problems ?? []).map(problemText)];
    default:
      return [i18n.t(`lessons.link.${r.error}`), ...(r.detail ? [r.detail] : [])];
  }
}

/** A scenario to walk, or a packet whose devices are the topology's (the link's checks are its own). */
function walkFits(walk: SharedWalk, topology: Topology): boolean {
  if (walk.kind === 'scenario') return topology.scenario.length > 0;
  const { device } = walk.pdu;
  return Object.keys(pduProblems(walk.pdu, topology)).length === 0 && (device === undefined || topology.nodes.some((n) => n.name === device && n.kind === 'linux'));
}

/** Why the link's walk cannot be walked on its network, if it cannot. */
function walkProblems(walk: SharedWalk, topology: Topology): string[] | undefined {
  if (!walkFits(walk, topology)) return [i18n.t('lessons.link.badWalk')];
  const missing = missingCut(walk.cuts ?? [], topology);
  return missing ? [i18n.t('lessons.link.badCut', { iface: `${missing.node}:${missing.iface}` })] : undefined;
}

/** Opens a shared link's text (after `#share=`); returns true when it did. */
export async function openShare(client: SimClient, text: string, { startup = false } = {}): Promise<boolean> {
  const r: ShareLinkResult = await client.readShareLink(text).catch((e: unknown) => ({ ok: false as const, error: 'damaged' as const, detail: e instanceof Error ? e.message : String(e) }));
  const details = !r.ok ? failure(r) : r.walk && walkProblems(r.walk, r.topology);
  if (!r.ok || details) {
    toast('error', i18n.t('lessons.link.failed'), { details: details ?? [], testId: 'link-error' });
    return false;
  }
  if (!startup && !(await confirmReplace())) return false;
  keepOwnNetwork();
  useAppStore.getState().openTopology(await autoLayout(r.topology), { persist: false });
  toast('info', i18n.t('lessons.link.opened'), { testId: 'link-opened' });
  if (!r.walk) return true;
  const cuts = r.walk.cuts?.length ? { cuts: r.walk.cuts } : {};
  await startWalk(client, { ...(r.walk.kind === 'pdu' ? pduSource(r.walk.pdu, r.topology) : { kind: 'scenario' }), ...cuts });
  if (r.step) jumpTo(r.step - 1);
  return true;
}

export function openLink(client: SimClient, link: LinkRequest, options: { startup?: boolean } = {}): Promise<boolean> {
  if (link.kind === 'lesson') return openLesson(client, link.id, { ...options, step: link.step, walk: link.walk });
  if (link.kind === 'share') return openShare(client, link.text, options);
  return Promise.resolve(false);
}
