// The lesson being followed: its data (loaded on demand with its narratives) and the network it
// opened. A lesson is shown only while that very network is on screen (an edit makes a new
// topology object) and the walk shown is its scenario: another walk, or an edit, and the player
// is an ordinary player again. View state: not part of the document, not in the app store.

import { create } from 'zustand';
import type { Topology } from '../../engine';
import type { LessonsText, resolveKeySteps } from '../../lessons';
import type { Lesson } from '../../lessons/types';
import { useAppStore } from '../../store';

export interface ActiveLesson {
  lesson: Lesson;
  /** its number in the menu, from 1 */
  n: number;
  /** which of its walks is shown (lessonWalks), from 0 */
  walk: number;
  /** that walk's network */
  topology: Topology;
  text: { en: LessonsText[keyof LessonsText]; 'zh-CN': LessonsText[keyof LessonsText] };
  resolve: typeof resolveKeySteps;
}

interface LessonState {
  active?: ActiveLesson;
  start(active: ActiveLesson): void;
  stop(): void;
}

export const useLessonStore = create<LessonState>()((set) => ({
  start: (active) => set({ active }),
  stop: () => set({ active: undefined }),
}));

/** The lesson whose walk the player shows, if any. */
export function useActiveLesson(): ActiveLesson | undefined {
  const active = useLessonStore((s) => s.active);
  const shown = useAppStore(
    (s) => active !== undefined && s.doc.status === 'ready' && s.doc.topology === active.topology && s.lastRun.status === 'done' && s.lastRun.source.kind === 'scenario',
  );
  return shown ? active : undefined;
}
