// The header's Lessons menu: every lesson (title and what it shows), and a way back to the
// user's own network after a link or a lesson (see share/ownNetwork.ts).

import { useTranslation } from 'react-i18next';
import { addEnglish } from '../../i18n';
import { LESSON_IDS } from '../../lessons/types';
import { simClient } from '../../worker/client';
import { Menu, type MenuItem } from '../header/Menu';
import { backToOwnNetwork, useOwnNetwork } from '../share/ownNetwork';

export function LessonsMenu() {
  const { t } = useTranslation();
  const kept = useOwnNetwork((s) => s.kept);
  const items: MenuItem[] = LESSON_IDS.map((id, i) => ({
    id,
    label: `${i + 1}. ${t(`lessons.titles.${id}`)}`,
    detail: t(`lessons.summaries.${id}`),
    testId: `lesson.${id}`,
    onSelect: () => void Promise.all([import('./openLesson'), addEnglish('lessons')]).then(([m]) => m.openLesson(simClient(), id)),
  }));
  if (kept) items.push({ id: 'back', label: t('lessons.back'), detail: t('lessons.backHint'), testId: 'lesson.back', separated: true, onSelect: () => void backToOwnNetwork(simClient()) });
  return <Menu label={t('lessons.menu')} testId="header.lessons" items={items} />;
}
