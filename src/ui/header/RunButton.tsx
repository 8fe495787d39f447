// Runs the topology's scenario in the simulator; busy while the worker works.

import { useTranslation } from 'react-i18next';
import { selectCanRun, selectIsRunning, selectTopology, useAppStore } from '../../store';

export function RunButton({ onRun }: { onRun: () => void }) {
  const { t } = useTranslation();
  const canRun = useAppStore(selectCanRun);
  const running = useAppStore(selectIsRunning);
  const hasScenario = useAppStore((s) => (selectTopology(s)?.scenario.length ?? 0) > 0);
  return (
    <button
      type="button"
      className="pw-button pw-button--primary"
      data-testid="header.run"
      disabled={!canRun}
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
    </button>
  );
}
