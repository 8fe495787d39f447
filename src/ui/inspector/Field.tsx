// A text field that checks what is typed as it is typed and applies it only when it is valid.
// While typing: the syntax check (local, at once), then the meaning check (the worker, shortly
// after the last key). Enter or leaving the field applies; Escape puts back the current value.
// An invalid value stays in the field with the reason beside it (aria-describedby) and is not
// applied, so nothing typed is lost and nothing wrong reaches the network.

import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** Pause after the last key before the worker is asked. */
const CHECK_DELAY_MS = 220;

export interface FieldProps {
  label: ReactNode;
  /** the value as it is in the network */
  value: string;
  testId: string;
  /** what is wrong with the text as written (local), or undefined */
  syntax?: (text: string) => string | undefined;
  /** what would be wrong with it in the network (worker), or undefined */
  check?: (text: string) => Promise<string | undefined>;
  /** applies it: what went wrong, or undefined when applied */
  apply: (text: string) => Promise<string | undefined>;
  hint?: string;
  placeholder?: string;
  /** buttons after the input */
  actions?: ReactNode;
  /** label visible only to screen readers */
  labelHidden?: boolean;
  className?: string;
}

export function Field({ label, value, testId, syntax, check, apply, hint, placeholder, actions, labelHidden, className }: FieldProps) {
  const { t } = useTranslation();
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const seq = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const text = draft ?? value;

  const onChange = (next: string) => {
    setDraft(next);
    const mySeq = ++seq.current;
    clearTimeout(timer.current);
    const e = syntax?.(next);
    setError(e);
    if (!e && check && next !== value) {
      timer.current = setTimeout(() => {
        void check(next).then((m) => {
          if (seq.current === mySeq) setError(m);
        });
      }, CHECK_DELAY_MS);
    }
  };

  const revert = () => {
    seq.current++;
    clearTimeout(timer.current);
    setDraft(null);
    setError(undefined);
  };

  const commit = async () => {
    if (draft === null) return;
    if (draft === value) return revert();
    const e = syntax?.(draft);
    if (e) return setError(e);
    const mySeq = ++seq.current;
    clearTimeout(timer.current);
    setBusy(true);
    const m = await apply(draft).finally(() => setBusy(false));
    if (seq.current !== mySeq) return;
    if (m) setError(m);
    else {
      setDraft(null);
      setError(undefined);
    }
  };

  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = `${id}-error`;
  return (
    <div className={`pw-field${error ? ' is-invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id} className={labelHidden ? 'pw-sr-only' : 'pw-field__label'}>
        {label}
      </label>
      <div className="pw-field__row">
        <input
          id={id}
          className="pw-input"
          value={text}
          placeholder={placeholder}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={[error ? errorId : undefined, hintId].filter(Boolean).join(' ') || undefined}
          aria-busy={busy || undefined}
          data-testid={testId}
          onChange={(e) => onChange(e.target.value)}
          onBlur={() => void commit()}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              void commit();
            } else if (e.key === 'Escape' && draft !== null) {
              e.preventDefault();
              e.stopPropagation();
              revert();
            }
          }}
        />
        {actions}
      </div>
      {error ? (
        <p id={errorId} className="pw-field__error" role="alert" data-testid={`${testId}.error`}>
          {error}
        </p>
      ) : busy ? (
        <p className="pw-field__note">{t('inspector.checking')}</p>
      ) : null}
      {hint ? (
        <p id={hintId} className="pw-field__hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
