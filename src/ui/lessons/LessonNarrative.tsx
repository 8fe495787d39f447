// The lesson's narrative in the player, above the explanation: the introduction at the start,
// the key step's paragraph at a key step (between key steps, the last one, muted), and buttons
// to the previous and next key steps. A lesson of several walks (lessons/types.ts) goes on from
// its walk's last key step to the next walk, which opens its own network, and back. Key steps are found in the walk by their anchors (once per
// walk); the text follows the app's language. Text only: `code` spans become <code> elements,
// nothing is ever parsed as HTML.

import { Fragment, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore, type DoneRun } from '../../store';
import { jumpTo } from '../player/playerView';
import { useActiveLesson, type ActiveLesson } from './lessonStore';
import { lessonWalks } from '../../lessons/types';
import { simClient } from '../../worker/client';
import { ReasonButton } from '../toolbar/ReasonButton';
import './lessons.css';

/** A paragraph with its `code` spans. */
function Text({ text }: { text: string }) {
  return (
    <>
      {text.split('`').map((part, i) => (i % 2 ? <code key={i}>{part}</code> : <Fragment key={i}>{part}</Fragment>))}
    </>
  );
}

function Narrative({ active, walk }: { active: ActiveLesson; walk: DoneRun }) {
  const { t, i18n } = useTranslation();
  const { lesson } = active;
  const walks = lessonWalks(lesson);
  const { keys, id: introId } = walks[active.walk]!;
  const keyAt = useMemo(() => active.resolve(lessonWalks(active.lesson)[active.walk]!.keys, walk.steps, walk.result.events), [active, walk.steps, walk.result.events]);
  const cursor = walk.cursor;
  const text = i18n.language.startsWith('zh') ? active.text['zh-CN'] : active.text.en;
  const found = keyAt.map((at, i) => ({ at, key: keys[i]! })).filter((k) => k.at >= 0);
  let current = -1;
  found.forEach((k, i) => {
    if (k.at <= cursor) current = i;
  });
  const shown = current >= 0 ? found[current]! : undefined;
  const here = shown?.at === cursor;
  const prev = found.filter((k) => k.at < cursor).pop();
  const next = found.find((k) => k.at > cursor);
  const paragraph = (text as Record<string, string>)[shown ? shown.key.id : introId] ?? '';
  // Before the walk's first key step, the walk before it; after its last, the next one.
  const otherWalk = (walk: number, step: 'last-key' | 0) => () => void import('./openLesson').then((m) => m.openLesson(simClient(), lesson.id, { walk, step }));
  const toPrev = prev ? () => jumpTo(prev.at) : active.walk > 0 ? otherWalk(active.walk - 1, 'last-key') : undefined;
  const toNext = next ? () => jumpTo(next.at) : active.walk + 1 < walks.length ? otherWalk(active.walk + 1, 0) : undefined;
  const part = walks.length > 1 ? `${t('lessons.walk', { n: active.walk + 1, count: walks.length })} · ` : '';
  return (
    <section className="pw-lesson" data-testid="lesson.narrative" lang={i18n.language} aria-label={t('lessons.lesson', { n: active.n, title: t(`lessons.titles.${lesson.id}`) })}>
      <header className="pw-lesson__bar">
        <span className="pw-lesson__title">{t('lessons.lesson', { n: active.n, title: t(`lessons.titles.${lesson.id}`) })}</span>
        <span className="pw-lesson__where" data-testid="lesson.where">
          {part}
          {shown ? `${t('lessons.keyStep', { n: current + 1, count: found.length })}${here ? '' : ` · ${t('lessons.fromStep', { step: shown.at + 1 })}`}` : t('lessons.introduction')}
        </span>
        <span className="pw-lesson__nav">
          <ReasonButton type="button" className="pw-button pw-button--small" reason={toPrev ? undefined : t('lessons.firstKey')} onClick={toPrev} data-testid="lesson.previous">
            {`‹ ${t(prev || !toPrev ? 'lessons.previous' : 'lessons.previousWalk')}`}
          </ReasonButton>
          <ReasonButton type="button" className="pw-button pw-button--small pw-button--primary" reason={toNext ? undefined : t('lessons.lastKey')} onClick={toNext} data-testid="lesson.next">
            {`${t(next || !toNext ? 'lessons.next' : 'lessons.nextWalk')} ›`}
          </ReasonButton>
        </span>
      </header>
      <p className={`pw-lesson__text${shown && !here ? ' is-past' : ''}`} data-testid="lesson.text" data-key={shown?.key.id ?? introId}>
        <Text text={paragraph} />
      </p>
      {!toNext && here ? <p className="pw-lesson__end pw-muted">{t('lessons.finished')}</p> : null}
    </section>
  );
}

/** The lesson's block, when the walk shown is a lesson's (else nothing). */
export function LessonNarrative() {
  const active = useActiveLesson();
  const walk = useAppStore((s) => (s.lastRun.status === 'done' ? s.lastRun : undefined));
  return active && walk ? <Narrative active={active} walk={walk} /> : null;
}
