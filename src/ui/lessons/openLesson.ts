// Opens a lesson: its data and narratives are loaded on demand, its network comes from the
// worker (a bundled example, the lesson's own file, or the fabric generator), the scenario
// is the lesson's walk, which runs at once; the player then stands at the step asked for. Like
// any link, a lesson opens without touching the autosaved network (see share/ownNetwork.ts).

import type { Topology } from '../../engine';
import i18n from '../../i18n';
import { isLessonId, LESSON_IDS, type Lesson } from '../../lessons/types';
import { useAppStore } from '../../store';
import type { SimClient } from '../../worker/protocol';
import { confirmReplace } from '../commands/replace';
import { startWalk } from '../commands/runScenario';
import { autoLayout } from '../layout/autoLayout';
import { jumpTo } from '../player/playerView';
import { lessonHash, setHash } from '../share/link';
import { keepOwnNetwork } from '../share/ownNetwork';
import { toast, withProgress } from '../toast/toastStore';
import { useLessonStore } from './lessonStore';

async function lessonTopology(client: SimClient, lesson: Lesson): Promise<Topology> {
  const src = lesson.topology;
  if ('example' in src) return client.loadExample(src.example);
  if ('fabric' in src) return client.generateFabric(src.fabric);
  const r = await client.parseTopologyFile(src.clab, src.file);
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
  return r.topology;
}

export interface OpenLessonOptions {
  /** At startup nothing is on screen: ask nothing. */
  startup?: boolean;
  /** the step to show: 0 is the start */
  step?: number;
}

/** Returns true when the lesson was opened (a failure is reported to the user). */
export async function openLesson(client: SimClient, id: string, { startup = false, step = 0 }: OpenLessonOptions = {}): Promise<boolean> {
  if (!isLessonId(id)) {
    toast('error', i18n.t('lessons.failed'), { details: [i18n.t('lessons.noLesson', { id })], testId: 'lesson-error' });
    return false;
  }
  if (!startup && !(await confirmReplace())) return false;
  const title = i18n.t(`lessons.titles.${id}`);
  let opened;
  try {
    opened = await withProgress(i18n.t('lessons.opening', { title }), async () => {
      const mod = await import('../../lessons');
      const lesson = mod.findLesson(id);
      const own = await lessonTopology(client, lesson);
      const topology = await autoLayout({ ...own, scenario: lesson.scenario ?? own.scenario });
      return { mod, lesson, topology };
    });
  } catch (e) {
    toast('error', i18n.t('lessons.failed'), { details: [e instanceof Error ? e.message : String(e)], testId: 'lesson-error' });
    return false;
  }
  const { mod, lesson, topology } = opened;
  keepOwnNetwork();
  useAppStore.getState().openTopology(topology, { persist: false });
  useLessonStore.getState().start({
    lesson,
    n: LESSON_IDS.indexOf(id) + 1,
    topology,
    text: { en: mod.textEn[id], 'zh-CN': mod.textZhCN[id] },
    resolve: mod.resolveKeySteps,
  });
  setHash(lessonHash(id, step));
  await startWalk(client, { kind: 'scenario' });
  if (step > 0) jumpTo(step - 1);
  return true;
}
