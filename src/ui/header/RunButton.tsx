// Runs the topology's scenario in the simulator; busy while the worker works. Without a scenario it
// says so on screen (ReasonButton).

import { useTranslation } from 'react-i18next';
import { selectIsRunning, selectTopology, useAppStore } from '../../store';
import { ReasonButton } from '../toolbar/ReasonButton';

export function RunButton({ onRun }: { onRun: () => void }) {
  const { t } = useTranslation();
  const running = useAppStore(selectIsRunning);
  const ready = useAppStore((s) => s.doc.status === 'ready');
  const hasScenario = useAppStore((s) => (selectTopology(s)?.scenario.length ?? 0) > 0);
  return (
    <ReasonButton
      type="button"
      className="pw-button pw-button--primary"
      data-testid="header.run"
      disabled={running}
      reason={!ready ? t('header.why.noNetwork') : hasScenario ? undefined : t('header.noScenario')}
      aria-busy={running}
      title={hasScenario ? t('header.runHint') : t('header.noScenario')}
      onClick={onRun}
    >
      {running ? (
        <span className="pw-spinner" aria-hidden="true" />
      ) : (
        <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">
          <path d="M3 1.8v10.4a.6.6 0 0 0 .9.5l8.2-5.2a.6.6 0 0 0 0-1L3.9 1.3a.6.6 0 0 0-.9.5z" fill="currentColor" />
        </svg>
      )}
      {running ? t('header.running') : t('header.run')}
    </ReasonButton>
  );
}
