// Opens a lesson, or one of its walks: its data and narratives are loaded on demand, the walk's
// network comes from the worker (a bundled example, the lesson's own file, or the fabric
// generator), the scenario is the walk, which runs at once; the player then stands at the step
// asked for. Like any link, a lesson opens without touching the autosaved network (see
// share/ownNetwork.ts). Going from one walk of a lesson to another asks nothing: the network
// replaced is the lesson's.

import type { Topology } from '../../engine';
import i18n from '../../i18n';
import { isLessonId, LESSON_IDS, lessonWalks, type LessonWalk } from '../../lessons/types';
import { selectTopology, useAppStore } from '../../store';
import type { SimClient } from '../../worker/protocol';
import { confirmReplace } from '../commands/replace';
import { startWalk } from '../commands/runScenario';
import { autoLayout } from '../layout/autoLayout';
import { jumpTo } from '../player/playerView';
import { lessonHash, setHash } from '../share/link';
import { keepOwnNetwork } from '../share/ownNetwork';
import { toast, withProgress } from '../toast/toastStore';
import { useLessonStore } from './lessonStore';

async function walkSource(client: SimClient, walk: LessonWalk): Promise<Topology> {
  const src = walk.topology;
  if ('example' in src) return client.loadExample(src.example);
  if ('fabric' in src) return client.generateFabric(src.fabric);
  const r = await client.parseTopologyFile(src.clab, src.file);
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
  return r.topology;
}

export interface OpenLessonOptions {
  /** At startup nothing is on screen: ask nothing. */
  startup?: boolean;
  /** which of the lesson's walks, from 0 (one past the last: the last) */
  walk?: number;
  /** the step to show: 0 is the start, 'last-key' the walk's last key step */
  step?: number | 'last-key';
}

/** Returns true when the lesson was opened (a failure is reported to the user). */
export async function openLesson(client: SimClient, id: string, { startup = false, walk: asked = 0, step = 0 }: OpenLessonOptions = {}): Promise<boolean> {
  if (!isLessonId(id)) {
    toast('error', i18n.t('lessons.failed'), { details: [i18n.t('lessons.noLesson', { id })], testId: 'lesson-error' });
    return false;
  }
  const current = useLessonStore.getState().active;
  const sameLesson = current?.lesson.id === id && current.topology === selectTopology(useAppStore.getState());
  if (!startup && !sameLesson && !(await confirmReplace())) return false;
  const title = i18n.t(`lessons.titles.${id}`);
  let opened;
  try {
    opened = await withProgress(i18n.t('lessons.opening', { title }), async () => {
      const mod = await import('../../lessons');
      const lesson = mod.findLesson(id);
      const walks = lessonWalks(lesson);
      const walk = Math.min(asked, walks.length - 1);
      const topology = await autoLayout(mod.lessonNetwork(await walkSource(client, walks[walk]!), walks[walk]!));
      return { mod, lesson, walk, keys: walks[walk]!.keys, topology };
    });
  } catch (e) {
    toast('error', i18n.t('lessons.failed'), { details: [e instanceof Error ? e.message : String(e)], testId: 'lesson-error' });
    return false;
  }
  const { mod, lesson, walk, keys, topology } = opened;
  keepOwnNetwork();
  useAppStore.getState().openTopology(topology, { persist: false });
  useLessonStore.getState().start({
    lesson,
    n: LESSON_IDS.indexOf(id) + 1,
    walk,
    topology,
    text: { en: mod.textEn[id], 'zh-CN': mod.textZhCN[id] },
    resolve: mod.resolveKeySteps,
  });
  await startWalk(client, { kind: 'scenario' });
  const run = useAppStore.getState().lastRun;
  const at = step !== 'last-key' ? step - 1 : run.status === 'done' ? Math.max(-1, ...mod.resolveKeySteps(keys, run.steps, run.result.events)) : -1;
  setHash(lessonHash(id, at + 1, walk));
  if (at >= 0) jumpTo(at);
  return true;
}
