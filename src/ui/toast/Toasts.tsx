// The corner where toasts appear. Errors are alerts (read out at once), the rest polite status.

import { useTranslation } from 'react-i18next';
import { useToasts, type Toast } from './toastStore';
import './toast.css';

function ToastView({ toast }: { toast: Toast }) {
  const { t } = useTranslation();
  const dismiss = useToasts((s) => s.dismiss);
  return (
    <div className={`pw-toast pw-toast--${toast.kind}`} role={toast.kind === 'error' ? 'alert' : 'status'} data-testid={`toast${toast.testId ? `.${toast.testId}` : ''}`}>
      {toast.kind === 'progress' ? <span className="pw-spinner" aria-hidden="true" /> : null}
      <div className="pw-toast__body">
        <p className="pw-toast__message">{toast.message}</p>
        {toast.details?.length ? (
          <ul className="pw-toast__details">
            {toast.details.map((d, i) => (
              <li key={i}>{d}</li>
            ))}
          </ul>
        ) : null}
      </div>
      {toast.kind !== 'progress' && (
        <button type="button" className="pw-toast__close" aria-label={t('toast.close')} title={t('toast.close')} onClick={() => dismiss(toast.id)}>
          <svg width="12" height="12" viewBox="0 0 14 14" aria-hidden="true">
            <path d="M3 3l8 8M11 3l-8 8" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
          </svg>
        </button>
      )}
    </div>
  );
}

export function Toasts() {
  const { t } = useTranslation();
  const toasts = useToasts((s) => s.toasts);
  return (
    <section className="pw-toasts" aria-label={t('toast.region')}>
      {toasts.map((x) => (
        <ToastView key={x.id} toast={x} />
      ))}
    </section>
  );
}
