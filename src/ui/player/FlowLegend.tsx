// The walk's flows on a multipath network (walk/flows.ts), beside the explanation: each flow's
// colour on the diagram, its command and the routers it went through, so that how ECMP spread
// them over the spines reads at a glance.

import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { DoneRun } from '../../store';
import { FLOW_COLORS } from '../canvas/flowColors';

export const FlowLegend = memo(function FlowLegend({ walk }: { walk: DoneRun }) {
  const { t } = useTranslation();
  const spread = walk.flows;
  if (!spread) return null;
  return (
    <section className="pw-flows" data-testid="player.flows">
      <h3 className="pw-flows__title">{t('player.flows.title', { count: spread.flows.length })}</h3>
      <ol className="pw-flows__list">
        {spread.flows.map((f, i) => (
          <li key={f.step} className="pw-flows__item" data-testid={`player.flow.${i}`} data-routers={f.routers.join(' ')}>
            <span className="pw-flows__swatch" data-flow={i % FLOW_COLORS} aria-hidden="true" />
            <code>{f.command}</code>
            <span className="pw-muted">{f.routers.length ? ` · ${f.routers.join(' → ')}` : ` · ${t('player.flows.notRouted')}`}</span>
          </li>
        ))}
      </ol>
    </section>
  );
});
