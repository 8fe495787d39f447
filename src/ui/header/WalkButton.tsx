// Opens the "Walk a packet" form (Packet Tracer's simple PDU).

import { useTranslation } from 'react-i18next';
import { selectIsRunning, useAppStore } from '../../store';
import { usePlayerView } from '../player/playerView';
import { ReasonButton } from '../toolbar/ReasonButton';

export function WalkButton() {
  const { t } = useTranslation();
  const ready = useAppStore((s) => s.doc.status === 'ready');
  const empty = useAppStore((s) => s.doc.status === 'ready' && s.doc.topology.nodes.length === 0);
  const running = useAppStore(selectIsRunning);
  const open = usePlayerView((s) => s.setPduOpen);
  return (
    <ReasonButton
      type="button"
      className="pw-button"
      data-testid="header.walk"
      disabled={running}
      reason={!ready ? t('header.why.noNetwork') : empty ? t('header.why.noDevices') : undefined}
      title={t('header.walkHint')}
      onClick={() => open(true)}
    >
      <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">
        <rect x="1.5" y="4" width="7" height="6" rx="1.5" fill="currentColor" />
        <path d="M9.5 7h3.5M11 5l2 2-2 2" stroke="currentColor" strokeWidth="1.5" fill="none" strokeLinecap="round" />
      </svg>
      {t('header.walk')}
    </ReasonButton>
  );
}
