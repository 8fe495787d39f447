// The header's Share button (see share.ts): an icon beside Help, named by its label and tooltip.
// What makes the link loads with the first click, not with the page.

import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store';
import { simClient } from '../../worker/client';
import { ReasonButton } from '../toolbar/ReasonButton';

export function ShareButton() {
  const { t } = useTranslation();
  const ready = useAppStore((s) => s.doc.status === 'ready');
  return (
    <ReasonButton
      type="button"
      className="pw-icon-button pw-icon-button--header"
      data-testid="header.share"
      reason={ready ? undefined : t('header.why.noNetwork')}
      aria-label={t('lessons.share.button')}
      title={`${t('lessons.share.button')}: ${t('lessons.share.hint')}`}
      onClick={() => void import('./share').then((m) => m.share(simClient()))}
    >
      <svg width="18" height="18" viewBox="0 0 14 14" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.3" strokeLinecap="round">
        <circle cx="3.5" cy="7" r="1.8" />
        <circle cx="10.5" cy="3" r="1.8" />
        <circle cx="10.5" cy="11" r="1.8" />
        <path d="M5.1 6.1 8.9 3.9M5.1 7.9l3.8 2.2" />
      </svg>
      <span className="pw-bar-label">{t('lessons.share.button')}</span>
    </ReasonButton>
  );
}
