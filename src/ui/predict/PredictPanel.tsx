// Predict mode in the player: the toggle with the walk's score (in the playback toolbar), and above
// the explanation either the open question (about the step after the cursor) or, on a step that
// was asked, the answer given and the right one. Keys while a question is open: 1–9 pick a choice,
// Enter checks; → asks rather than skipping past the question.

import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store';
import type { Translate } from '../player/explain';
import { isTyping } from '../useShortcuts';
import { questionOf, scoreOf, submit, usePredict } from './predictStore';
import type { Question } from './questions';
import { ReasonButton } from '../toolbar/ReasonButton';
import './predict.css';

/** The toggle and, while it is on, the score of the walk ("2 / 3"). */
export function PredictToggle() {
  const { t } = useTranslation();
  const on = usePredict((s) => s.on);
  const setOn = usePredict((s) => s.setOn);
  const answers = usePredict((s) => s.answers);
  const { right, asked } = scoreOf(answers);
  return (
    <span className="pw-predict-toggle">
      <button type="button" className={`pw-chip pw-predict-toggle__button${on ? ' is-on' : ''}`} aria-pressed={on} title={t('predict.toggleHint')} onClick={() => setOn(!on)} data-testid="predict.toggle">
        {t('predict.toggle')}
      </button>
      {on && (
        <span className="pw-predict-toggle__score" data-testid="predict.score" aria-label={t('predict.scoreLabel', { right, asked })} title={t('predict.scoreLabel', { right, asked })} aria-live="polite">
          {t('predict.score', { right, asked })}
        </span>
      )}
    </span>
  );
}

const KEY_CHOICES = 9;

/** 1–9 pick, Enter checks, while a question is open (not while typing, nor in a dialog). */
function usePredictKeys(q: Question | undefined): void {
  useEffect(() => {
    if (!q) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target) || document.querySelector('dialog[open]')) return;
      const n = Number(e.key);
      // Enter on another control (a menu item, a button of the toolbar) is that control's.
      const target = e.target instanceof Element ? e.target : null;
      const elsewhere = target?.closest('button, a, select, summary, [role="menuitem"]') && !target.closest('.pw-predict');
      if (e.key.length === 1 && n >= 1 && n <= Math.min(KEY_CHOICES, q.choices.length)) usePredict.getState().pick(q.choices[n - 1]!.id, q.multi);
      else if (e.key === 'Enter' && !elsewhere) submit();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [q]);
}

function Asking({ q }: { q: Question }) {
  const { t } = useTranslation();
  const picked = usePredict((s) => s.picked);
  const pick = usePredict((s) => s.pick);
  const box = useRef<HTMLElement>(null);
  usePredictKeys(q);
  // The question takes the focus when it opens, so a screen reader reads it and keys reach it.
  useEffect(() => box.current?.focus({ preventScroll: true }), [q.step]);
  const count = Math.min(KEY_CHOICES, q.choices.length);
  return (
    <section ref={box} className="pw-predict pw-predict--asking" tabIndex={-1} aria-labelledby="pw-predict-heading" data-testid="predict.question" data-kind={q.kind}>
      <h3 id="pw-predict-heading" className="pw-predict__title">
        {t('predict.heading', { step: q.step + 1 })}
      </h3>
      <p className="pw-predict__prompt" data-testid="predict.prompt">
        {q.prompt}
      </p>
      <div className={`pw-predict__choices pw-predict__choices--${q.kind}`} role="group" aria-label={q.multi ? t('predict.hintMany', { count }) : t('predict.hintOne', { count })}>
        {q.choices.map((c, i) => (
          <button
            key={c.id}
            type="button"
            className={`pw-predict__choice${picked.includes(c.id) ? ' is-picked' : ''}`}
            aria-pressed={picked.includes(c.id)}
            onClick={() => pick(c.id, q.multi)}
            data-testid={`predict.choice-${i + 1}`}
          >
            {i < KEY_CHOICES ? <kbd>{i + 1}</kbd> : null}
            <span>{c.label}</span>
          </button>
        ))}
      </div>
      <div className="pw-predict__bar">
        <span className="pw-muted">{q.multi ? t('predict.hintMany', { count }) : t('predict.hintOne', { count })}</span>
        <ReasonButton type="button" className="pw-button pw-button--small pw-button--primary" reason={picked.length === 0 ? t('predict.pickFirst') : undefined} onClick={submit} data-testid="predict.check">
          {t('predict.check')}
        </ReasonButton>
      </div>
    </section>
  );
}

function Answered({ q, chosen, right }: { q: Question; chosen: string[]; right: boolean }) {
  const { t } = useTranslation();
  const labels = (ids: readonly string[]) => q.choices.filter((c) => ids.includes(c.id)).map((c) => c.label).join(', ') || t('predict.nothing');
  return (
    <section className={`pw-predict pw-predict--${right ? 'right' : 'wrong'}`} data-testid="predict.result" data-result={right ? 'right' : 'wrong'} aria-live="polite">
      <p className="pw-predict__verdict">
        <strong>{right ? `✓ ${t('predict.right')}` : `✗ ${t('predict.wrong')}`}</strong> <span className="pw-predict__prompt">{q.prompt}</span>
      </p>
      <p data-testid="predict.your-answer">{t('predict.yourAnswer', { answer: labels(chosen) })}</p>
      {right ? null : <p data-testid="predict.the-answer">{t('predict.theAnswer', { answer: labels(q.answer) })}</p>}
    </section>
  );
}

/** Above the explanation: the open question, or the answer given at the step shown. */
export function PredictPanel() {
  const { t } = useTranslation();
  const on = usePredict((s) => s.on);
  const asking = usePredict((s) => s.asking);
  const cursor = useAppStore((s) => (s.lastRun.status === 'done' ? s.lastRun.cursor : -1));
  const answer = usePredict((s) => s.answers[cursor]);
  const shown = asking ?? (answer ? cursor : undefined);
  // Worded again when the language changes (`t` changes with it); the same choices and answer.
  const q = useMemo(() => (shown === undefined ? undefined : questionOf(shown, t as unknown as Translate)), [shown, t]);
  if (!on || !q) return null;
  if (asking !== undefined) return <Asking q={q} />;
  return answer ? <Answered q={q} chosen={answer.chosen} right={answer.right} /> : null;
}
