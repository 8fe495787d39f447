// A modal dialog on the native <dialog> element (focus kept inside, Escape closes, the page behind
// inert), opened and closed by the `open` prop.

import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import './dialog.css';

export function Dialog({ open, onClose, title, children, testId, wide }: { open: boolean; onClose: () => void; title: string; children: ReactNode; testId: string; wide?: boolean }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
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
      <div className="pw-dialog__body">{open ? children : null}</div>
    </dialog>
  );
}
