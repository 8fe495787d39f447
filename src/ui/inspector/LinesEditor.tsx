// A node's configuration as lines of text (static routes as `ip route` lines, nat rules as
// `iptables -t nat` lines): each edit is checked by the worker after a short pause, problems are
// listed beside the field with their line numbers, and Apply (or Ctrl+Enter) replaces the node's
// configuration only when every line is accepted. Escape or Revert drops the draft.

import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Topology } from '../../engine';
import { selectTopology, useAppStore } from '../../store';
import type { LineError, RoutesOutcome } from '../commands/routes';
import { reportSideEffects } from './outcome';
import { ReasonButton } from '../toolbar/ReasonButton';

const CHECK_DELAY_MS = 250;

export interface LinesEditorProps {
  /** the id of the text field; the error list and hint take it as a prefix */
  id: string;
  /** test id of the text field; the error list and buttons are named after it */
  testId: string;
  label: string;
  hint: string;
  placeholder: string;
  /** the node's configuration as text */
  current: string;
  /** the field's height in rows for a text */
  rows: (text: string) => number;
  className?: string;
  check: (topology: Topology, text: string) => Promise<{ ok: true } | { ok: false; errors: LineError[] }>;
  apply: (text: string) => Promise<RoutesOutcome>;
}

export function LinesEditor(p: LinesEditorProps) {
  const { t } = useTranslation();
  const lineError = (e: LineError) => (e.line ? t('inspector.lineError', { line: e.line, message: e.message }) : e.message);
  const [draft, setDraft] = useState<string | null>(null);
  const [errors, setErrors] = useState<LineError[]>([]);
  const [busy, setBusy] = useState(false);
  const seq = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const text = draft ?? p.current;
  const changed = draft !== null && draft !== p.current;

  const onChange = (next: string) => {
    setDraft(next);
    const my = ++seq.current;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const t0 = selectTopology(useAppStore.getState());
      if (!t0) return;
      void p.check(t0, next).then((r) => {
        if (seq.current === my) setErrors(r.ok ? [] : r.errors);
      });
    }, CHECK_DELAY_MS);
  };

  const revert = () => {
    seq.current++;
    clearTimeout(timer.current);
    setDraft(null);
    setErrors([]);
  };

  const apply = async () => {
    if (!changed) return revert();
    const my = ++seq.current;
    clearTimeout(timer.current);
    setBusy(true);
    const o = await p.apply(draft).finally(() => setBusy(false));
    if (seq.current !== my) return;
    if (o.kind === 'invalid') setErrors(o.errors);
    else if (o.kind === 'rejected') setErrors(o.messages.map((message) => ({ line: 0, message })));
    else {
      reportSideEffects(o);
      revert();
    }
  };

  return (
    <div className={`pw-field pw-routes-text${errors.length ? ' is-invalid' : ''}`}>
      <label htmlFor={p.id} className="pw-field__label">
        {p.label}
      </label>
      <textarea
        id={p.id}
        className={`pw-input pw-textarea${p.className ? ` ${p.className}` : ''}`}
        value={text}
        rows={p.rows(text)}
        spellCheck={false}
        placeholder={p.placeholder}
        aria-invalid={errors.length ? true : undefined}
        aria-describedby={`${errors.length ? `${p.id}-error ` : ''}${p.id}-hint`}
        data-testid={p.testId}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void apply();
          } else if (e.key === 'Escape' && draft !== null) {
            e.preventDefault();
            e.stopPropagation();
            revert();
          }
        }}
      />
      {errors.length > 0 && (
        <ul id={`${p.id}-error`} className="pw-field__error pw-field__errors" role="alert" data-testid={`${p.testId}.error`}>
          {errors.map((e, i) => (
            <li key={i}>{lineError(e)}</li>
          ))}
        </ul>
      )}
      <p id={`${p.id}-hint`} className="pw-field__hint">
        {p.hint}
      </p>
      <div className="pw-button-row">
        <ReasonButton
          type="button"
          className="pw-button pw-button--small pw-button--primary"
          disabled={busy}
          reason={!changed ? t('inspector.linesUnchanged') : errors[0] ? lineError(errors[0]) : undefined}
          onClick={() => void apply()}
          data-testid={`${p.testId.replace(/-text$/, '')}-apply`}
          aria-busy={busy || undefined}
        >
          {busy ? t('inspector.checking') : t('inspector.apply')}
        </ReasonButton>
        <ReasonButton type="button" className="pw-button pw-button--small" reason={draft === null ? t('inspector.nothingToRevert') : undefined} onClick={revert} data-testid={`${p.testId.replace(/-text$/, '')}-revert`}>
          {t('inspector.revert')}
        </ReasonButton>
      </div>
    </div>
  );
}
