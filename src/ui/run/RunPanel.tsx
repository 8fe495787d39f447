// The output of the last walk's scenario, like a terminal: each step's command, what it printed
// and how it exited, plus the size of the trace. Shown in the player's Output tab. In predict mode
// a command's output and exit show only once the walk has reached its end (they give answers away).

import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { SimResult, StepResult } from '../../engine';
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

function Step({ step, ended }: { step: StepResult; ended: boolean }) {
  const { t } = useTranslation();
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
      {!ended ? (
        <p className="pw-muted" data-testid={`run.pending-${step.index + 1}`}>
          {t('run.notYet')}
        </p>
      ) : (
        <>
          {step.stdout ? <pre className="pw-step__out">{step.stdout.replace(/\n$/, '')}</pre> : null}
          {step.stderr ? <pre className="pw-step__err">{step.stderr.replace(/\n$/, '')}</pre> : null}
          <StepStatus step={step} />
        </>
      )}
    </div>
  );
}

/**
 * The terminal of a finished walk: its scenario steps with their output, and why it stopped early.
 * With `upTo` (predict mode: the last event the walk has shown), only what had happened by then.
 */
export function RunOutput({ result, upTo }: { result: SimResult; upTo?: number }) {
  const { t } = useTranslation();
  const endOf = useMemo(() => {
    const m = new Map<number, number>();
    result.events.forEach((e, i) => {
      if (e.kind === 'step.end') m.set(e.step, i);
    });
    return m;
  }, [result.events]);
  const ended = (s: StepResult) => upTo === undefined || (endOf.get(s.index) ?? Infinity) <= upTo;
  const finished = upTo === undefined || upTo >= result.events.length - 1;
  return (
    <section className="pw-run" data-testid="run.output" aria-label={t('run.title')}>
      <header className="pw-run__bar">
        <h2 className="pw-run__title">{t('run.title')}</h2>
        <span className="pw-run__summary" data-testid="run.summary">
          {t('run.events', { count: result.events.length })}
          <span aria-hidden="true"> · </span>
          {t('run.virtualTime', { seconds: (result.endTime / US_PER_S).toFixed(6) })}
        </span>
      </header>
      <div className="pw-run__body" role="log">
        {result.steps.map((s) => (
          <Step key={s.index} step={s} ended={ended(s)} />
        ))}
        {result.stopped && finished && (
          <p className="pw-run__warning" role="alert">
            {t('run.stopped', { limit: result.stopped.limit })} {result.stopped.storm ? t('run.storm', { devices: result.stopped.storm.devices.join(', ') }) : null}
          </p>
        )}
      </div>
    </section>
  );
}
