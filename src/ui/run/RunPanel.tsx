// The output of the last scenario run, like a terminal: each step's command, what it printed and
// how it exited, plus the size of the trace. (The packet player that walks the trace comes later.)

import { useTranslation } from 'react-i18next';
import type { SimResult, StepResult } from '../../engine';
import { useAppStore } from '../../store';
import './run.css';

const US_PER_S = 1_000_000;

function StepStatus({ step }: { step: StepResult }) {
  const { t } = useTranslation();
  if (step.kind === 'sleep') return null;
  if (step.timedOut) return <span className="pw-badge pw-badge--bad">{t('run.timedOut')}</span>;
  if (step.exit === null || step.exit === undefined) {
    return <span className="pw-badge pw-badge--muted">{step.background ? t('run.background') : t('run.stillRunning')}</span>;
  }
  return (
    <span className={`pw-badge ${step.exit === 0 ? 'pw-badge--ok' : 'pw-badge--bad'}`} data-testid={`run.exit-${step.index + 1}`}>
      {t('run.exit', { code: step.exit })}
    </span>
  );
}

function Step({ step }: { step: StepResult }) {
  return (
    <div className="pw-step" data-testid={`run.step-${step.index + 1}`}>
      <div className="pw-step__cmd">
        {step.kind === 'run' ? (
          <>
            <span className="pw-step__prompt">{`root@${step.on ?? ''}:~#`}</span> {step.run}
            {step.background ? ' &' : ''}
          </>
        ) : (
          <>
            <span className="pw-step__prompt">#</span> {`sleep ${step.sleep ?? 0}`}
          </>
        )}
      </div>
      {step.stdout ? <pre className="pw-step__out">{step.stdout.replace(/\n$/, '')}</pre> : null}
      {step.stderr ? <pre className="pw-step__err">{step.stderr.replace(/\n$/, '')}</pre> : null}
      <StepStatus step={step} />
    </div>
  );
}

function Summary({ result }: { result: SimResult }) {
  const { t } = useTranslation();
  return (
    <span className="pw-run__summary" data-testid="run.summary">
      {t('run.events', { count: result.events.length })}
      <span aria-hidden="true"> · </span>
      {t('run.virtualTime', { seconds: (result.endTime / US_PER_S).toFixed(6) })}
    </span>
  );
}

export function RunPanel() {
  const { t } = useTranslation();
  const run = useAppStore((s) => s.lastRun);
  const dismiss = useAppStore((s) => s.dismissRun);
  if (run.status === 'idle') return null;
  return (
    <section className="pw-run" data-testid="run.output" aria-label={t('run.title')} aria-busy={run.status === 'running'}>
      <header className="pw-run__bar">
        <h2 className="pw-run__title">{t('run.title')}</h2>
        {run.status === 'done' && <Summary result={run.result} />}
        <button type="button" className="pw-run__close" data-testid="run.close" aria-label={t('run.close')} title={t('run.close')} onClick={dismiss}>
          <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">
            <path d="M3 3l8 8M11 3l-8 8" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
          </svg>
        </button>
      </header>
      <div className="pw-run__body" role="log">
        {run.status === 'running' && (
          <p className="pw-run__note">
            <span className="pw-spinner" aria-hidden="true" /> {t('run.running')}
          </p>
        )}
        {run.status === 'failed' && (
          <div className="pw-run__error" role="alert">
            <strong>{t('run.failed')}</strong>
            <pre>{run.message}</pre>
          </div>
        )}
        {run.status === 'done' && (
          <>
            {run.result.steps.map((s) => (
              <Step key={s.index} step={s} />
            ))}
            {run.result.stopped && (
              <p className="pw-run__warning" role="alert">
                {t('run.stopped', { limit: run.result.stopped.limit })}{' '}
                {run.result.stopped.storm ? t('run.storm', { devices: run.result.stopped.storm.devices.join(', ') }) : null}
              </p>
            )}
          </>
        )}
      </div>
    </section>
  );
}
