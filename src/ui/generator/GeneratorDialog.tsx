// "Generate data center…": a leaf–spine or three-tier fabric of the size typed. Every field is
// checked as it is typed (the reason beside it), the device count follows live, and the limits
// say why they are there. The worker generates the fabric; it opens as a new network.

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { simClient } from '../../worker/client';
import { Dialog } from '../dialog/Dialog';
import { checkFabric, checkFlows, fabricEnds, fabricName, FIELDS, MAX_DEVICES, type Design, type FabricCheck, type FieldName } from '../../walk/fabricSpec';
import { useGenerator } from './generatorStore';
import { openFabric, type OpenPhase } from './openFabric';
import { ReasonButton } from '../toolbar/ReasonButton';
import './generator.css';

const DESIGNS: Design[] = ['three-tier', 'leaf-spine'];

function Summary({ check }: { check: FabricCheck }) {
  const { t } = useTranslation();
  const c = check.counts;
  if (!c) return <p className="pw-gen__count pw-muted" data-testid="generator.count">{t('generator.countPending')}</p>;
  return (
    <>
      <p className={`pw-gen__count${check.ok ? '' : ' is-bad'}`} data-testid="generator.count">
        <strong>{t('generator.devices', { count: c.devices })}</strong>
        {`: ${[t('generator.routers', { count: c.routers }), t('generator.switches', { count: c.switches }), t('generator.hosts', { count: c.hosts })].join(', ')} · ${t('generator.links', { count: c.links })}`}
      </p>
      {!check.ok && check.total ? (
        <p className="pw-gen__error" role="alert" data-testid="generator.total-error">
          {check.total.reason === 'tooManyDevices'
            ? t('generator.tooManyDevices', { count: c.devices, max: check.total.max })
            : t('generator.tooManyRoutes', { count: c.routes, max: check.total.max })}
        </p>
      ) : null}
    </>
  );
}

function Form() {
  const { t } = useTranslation();
  const design = useGenerator((s) => s.design);
  const values = useGenerator((s) => s.values[s.design]);
  const setDesign = useGenerator((s) => s.setDesign);
  const setValue = useGenerator((s) => s.setValue);
  const setOpen = useGenerator((s) => s.setOpen);
  const { singlePath, scenario, flows } = useGenerator((s) => s);
  const setRun = useGenerator((s) => s.setRun);
  const [phase, setPhase] = useState<OpenPhase | undefined>(undefined);
  const check = checkFabric(design, values);
  const flowCheck = scenario === 'flows' ? checkFlows(flows) : undefined;
  const ok = check.ok && (!flowCheck || flowCheck.ok);
  const busy = phase !== undefined;

  const submit = async () => {
    if (!check.ok || !ok || busy) return;
    const spec = { ...check.spec, ...(singlePath ? { singlePath } : {}), ...(flowCheck?.ok ? { flows: flowCheck.value } : {}) };
    const opened = await openFabric(simClient(), spec, setPhase);
    setPhase(undefined);
    if (opened) setOpen(false);
  };

  return (
    <form
      className="pw-gen"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      aria-busy={busy}
    >
      <fieldset className="pw-gen__designs" disabled={busy}>
        <legend>{t('generator.design')}</legend>
        {DESIGNS.map((d) => (
          <label key={d} className="pw-check">
            <input type="radio" name="gen-design" checked={design === d} onChange={() => setDesign(d)} data-testid={`generator.design.${d}`} />
            {t(`generator.designs.${d}`)}
          </label>
        ))}
      </fieldset>
      <p className="pw-muted">{t(`generator.about.${design}`)}</p>
      <div className="pw-gen__fields">
        {FIELDS[design].map((f: FieldName) => {
          const problem = check.ok ? undefined : check.fields[f];
          return (
            <label key={f} className="pw-gen__field">
              <span className="pw-gen__label">{t(`generator.fields.${f}`)}</span>
              <input
                className="pw-input"
                inputMode="numeric"
                value={values[f] ?? ''}
                onChange={(e) => setValue(f, e.target.value)}
                aria-invalid={problem !== undefined}
                disabled={busy}
                data-testid={`generator.${f}`}
              />
              <span className="pw-gen__reason" data-testid={`generator.${f}.error`}>
                {problem ? t(`generator.problem.${problem.reason}`, problem) : ''}
              </span>
            </label>
          );
        })}
      </div>
      <Summary check={check} />
      <p className="pw-gen__note pw-muted" data-testid="generator.limit">
        {t('generator.limit', { max: MAX_DEVICES })}
      </p>
      <fieldset className="pw-gen__designs pw-gen__run" disabled={busy}>
        <legend className="pw-sr-only">{t('generator.routingTitle')}</legend>
        <span className="pw-gen__label">{t('generator.routingTitle')}</span>
        <span role="radiogroup" aria-label={t('generator.routingTitle')} className="pw-gen__choices">
          <label className="pw-check">
            <input type="radio" name="gen-routing" checked={!singlePath} onChange={() => setRun({ singlePath: false })} data-testid="generator.ecmp" />
            {t('generator.ecmp')}
          </label>
          <label className="pw-check">
            <input type="radio" name="gen-routing" checked={singlePath} onChange={() => setRun({ singlePath: true })} data-testid="generator.single-path" />
            {t('generator.singlePath')}
          </label>
        </span>
        <span className="pw-gen__label">{t('generator.scenarioTitle')}</span>
        <span role="radiogroup" aria-label={t('generator.scenarioTitle')} className="pw-gen__choices">
          <label className="pw-check">
            <input type="radio" name="gen-scenario" checked={scenario === 'ping'} onChange={() => setRun({ scenario: 'ping' })} data-testid="generator.scenario.ping" />
            {t('generator.ping')}
          </label>
          <label className="pw-check">
            <input type="radio" name="gen-scenario" checked={scenario === 'flows'} onChange={() => setRun({ scenario: 'flows' })} data-testid="generator.scenario.flows" />
            {t('generator.flowsChoice')}
          </label>
          <input
            className="pw-input pw-gen__flows"
            inputMode="numeric"
            aria-label={t('generator.flowsCount')}
            value={flows}
            onChange={(e) => setRun({ flows: e.target.value, scenario: 'flows' })}
            onFocus={() => setRun({ scenario: 'flows' })}
            aria-invalid={flowCheck?.ok === false}
            data-testid="generator.flows"
          />
          <span className="pw-gen__reason" data-testid="generator.flows.error">
            {flowCheck && !flowCheck.ok ? t(`generator.problem.${flowCheck.problem.reason}`, flowCheck.problem) : ''}
          </span>
        </span>
      </fieldset>
      <p className="pw-gen__note" data-testid="generator.routing">
        {t(singlePath ? 'generator.routingSingle' : 'generator.routing')}
      </p>
      {check.ok ? (
        <p className="pw-gen__note pw-muted" data-testid="generator.scenario">
          {`${t('generator.name')}: `}
          <code>{fabricName(check.spec)}</code>
          {` · ${t(scenario === 'flows' && flowCheck?.ok ? 'generator.scenarioFlows' : 'generator.scenario', { ...fabricEnds(check.spec), count: flowCheck?.ok ? flowCheck.value : 0 })}`}
        </p>
      ) : null}
      <div className="pw-button-row pw-button-row--end">
        {busy ? (
          <span className="pw-gen__busy" role="status" data-testid="generator.busy">
            <span className="pw-spinner pw-spinner--dark" aria-hidden="true" />{' '}
            {t(phase === 'generating' ? 'generator.generating' : 'generator.opening', { count: check.counts?.devices ?? 0 })}
          </span>
        ) : null}
        <button type="button" className="pw-button" onClick={() => setOpen(false)} disabled={busy} data-testid="generator.cancel">
          {t('dialog.cancel')}
        </button>
        <ReasonButton type="submit" className="pw-button pw-button--primary" disabled={busy} reason={ok ? undefined : t('generator.fixFirst')} data-testid="generator.generate">
          {t('generator.generate')}
        </ReasonButton>
      </div>
    </form>
  );
}

export function GeneratorDialog() {
  const { t } = useTranslation();
  const open = useGenerator((s) => s.open);
  const setOpen = useGenerator((s) => s.setOpen);
  return (
    <Dialog open={open} onClose={() => setOpen(false)} title={t('generator.title')} testId="generator">
      <Form />
    </Dialog>
  );
}
