// The corner where toasts appear. Errors are alerts (read out at once), the rest polite status.
// A message never grows wider than the window (long tokens wrap anywhere) and can always be
// closed: by its button, or by Escape (the newest first) when the focus is not in a field, a
// dialog or a menu, which have their own Escape. Beyond DETAILS_SHOWN lines, details are folded.

import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useToasts, type Toast } from './toastStore';
import './toast.css';

/** Lines of details shown before the rest is folded under "N more lines". */
const DETAILS_SHOWN = 3;

function Details({ lines }: { lines: string[] }) {
  const { t } = useTranslation();
  const list = (items: string[], from: number) => (
    <ul className="pw-toast__details">
      {items.map((d, i) => (
        <li key={from + i}>{d}</li>
      ))}
    </ul>
  );
  if (lines.length <= DETAILS_SHOWN) return list(lines, 0);
  return (
    <>
      {list(lines.slice(0, DETAILS_SHOWN), 0)}
      <details className="pw-toast__more">
        <summary data-testid="toast.more">{t('toast.more', { count: lines.length - DETAILS_SHOWN })}</summary>
        {list(lines.slice(DETAILS_SHOWN), DETAILS_SHOWN)}
      </details>
    </>
  );
}

function ToastView({ toast }: { toast: Toast }) {
  const { t } = useTranslation();
  const dismiss = useToasts((s) => s.dismiss);
  return (
    <div className={`pw-toast pw-toast--${toast.kind}`} role={toast.kind === 'error' ? 'alert' : 'status'} data-testid={`toast${toast.testId ? `.${toast.testId}` : ''}`}>
      {toast.kind === 'progress' ? <span className="pw-spinner" aria-hidden="true" /> : null}
      <div className="pw-toast__body">
        <p className="pw-toast__message">{toast.message}</p>
        {toast.details?.length ? <Details lines={toast.details} /> : null}
      </div>
      {toast.kind !== 'progress' && (
        <button type="button" className="pw-toast__close" aria-label={t('toast.close')} title={t('toast.close')} onClick={() => dismiss(toast.id)} data-testid="toast.close">
          <svg width="12" height="12" viewBox="0 0 14 14" aria-hidden="true">
            <path d="M3 3l8 8M11 3l-8 8" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
          </svg>
        </button>
      )}
    </div>
  );
}

/** Escape closes the newest message that can be closed, before anything else hears it. */
function useEscapeCloses(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      if (e.target instanceof Element && e.target.closest('input, textarea, select, [contenteditable], dialog, [role="menu"], [role="listbox"]')) return;
      const newest = useToasts.getState().toasts.findLast((x) => x.kind !== 'progress');
      if (!newest) return;
      useToasts.getState().dismiss(newest.id);
      e.preventDefault();
      e.stopPropagation();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
}

export function Toasts() {
  const { t } = useTranslation();
  const toasts = useToasts((s) => s.toasts);
  useEscapeCloses();
  return (
    <section className="pw-toasts" aria-label={t('toast.region')}>
      {toasts.map((x) => (
        <ToastView key={x.id} toast={x} />
      ))}
    </section>
  );
}
