// A modal dialog on the native <dialog> element (focus kept inside, Escape closes, the page behind
// inert), opened and closed by the `open` prop. It opens with the focus on its first field (the
// browser would give it to the close button, the first thing that can take it), else its first
// button, else its text (a help page), which a screen reader then reads from the top.

import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import './dialog.css';

const FIELD = 'input:not([type="hidden"]):not(:disabled), select:not(:disabled), textarea:not(:disabled)';
const CONTROL = 'button:not(:disabled), a[href], [tabindex]:not([tabindex="-1"])';

/** Where the focus goes when a dialog opens (in a group of radio buttons, the one checked). */
export function firstField(body: HTMLElement): HTMLElement {
  const field = body.querySelector<HTMLElement>(FIELD);
  if (field instanceof HTMLInputElement && field.type === 'radio' && !field.checked) {
    const checked = body.querySelector<HTMLInputElement>(`input[type="radio"][name="${CSS.escape(field.name)}"]:checked`);
    if (checked) return checked;
  }
  return field ?? body.querySelector<HTMLElement>(CONTROL) ?? body;
}

export function Dialog({ open, onClose, title, children, testId, wide }: { open: boolean; onClose: () => void; title: string; children: ReactNode; testId: string; wide?: boolean }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const body = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      d.showModal();
      if (body.current) firstField(body.current).focus();
    }
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className={`pw-dialog${wide ? ' pw-dialog--wide' : ''}`}
      aria-labelledby={`${testId}-title`}
      data-testid={testId}
      onClose={onClose}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <header className="pw-dialog__head">
        <h2 id={`${testId}-title`}>{title}</h2>
        <button type="button" className="pw-toast__close" aria-label={t('dialog.close')} title={t('dialog.close')} onClick={onClose} data-testid={`${testId}.close`}>
          <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">
            <path d="M3 3l8 8M11 3l-8 8" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
          </svg>
        </button>
      </header>
      <div ref={body} className="pw-dialog__body" tabIndex={-1}>{open ? children : null}</div>
    </dialog>
  );
}
