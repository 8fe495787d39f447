// The explanation of a step: a short paragraph in the active language saying what the device did
// and why, with the actual numbers. One i18n template per event kind and decision (see
// i18n/locales/player.*.ts, `player.x.*`), each kind's sentences in the file of its subsystem
// (fib, neigh, fdb, ip, icmp, nat, socket, frame, step), composed here in trace order, with a few
// events merged where a person would say them in one breath ("No neighbour entry for 10.0.1.1 →
// broadcast an ARP request and hold the packet"): an event said with another is marked used.

import type { PlayerStep } from '../../../walk/steps';
import type { Ev, ExplainContext, Explainer, Explainers, Kind, StepScope, Translate } from './context';
import { fdbExplainers } from './fdb';
import { fibExplainers } from './fib';
import { frameExplainers } from './frame';
import { icmpExplainers } from './icmp';
import { ipExplainers } from './ip';
import { natExplainers } from './nat';
import { neighExplainers } from './neigh';
import { socketExplainers } from './socket';
import { stepExplainers, stepPreamble } from './step';
import { tunnelExplainers } from './tunnel';
import { stpExplainers } from './stp';

export { walkContext, type ExplainContext, type Translate } from './context';
export { ctTupleText, frameWhat, hostPort, macText } from './labels';

const EXPLAINERS: Explainers = {
  ...stepExplainers,
  ...frameExplainers,
  ...fdbExplainers,
  ...fibExplainers,
  ...ipExplainers,
  ...neighExplainers,
  ...icmpExplainers,
  ...socketExplainers,
  ...natExplainers,
  ...tunnelExplainers,
  ...stpExplainers,
};

/** The paragraph of a step, as sentences in the language of `t`. */
export function explainStep(ctx: ExplainContext, step: PlayerStep, t: Translate): string[] {
  const ev = ctx.events;
  const used = new Set<number>();
  const scope: StepScope = {
    ctx,
    step,
    t,
    rxFrame: step.rx !== undefined ? (ev[step.rx] as Ev<'frame.rx'>).frame : undefined,
    txAt: new Map(step.tx.map((x) => [x.seq, x])),
    isBridge: step.node !== undefined && ctx.topology.nodes.find((n) => n.name === step.node)?.kind === 'bridge',
    ahead: <K extends Kind>(from: { seq: number }, kind: K, match: (x: Ev<K>) => boolean): Ev<K> | undefined => {
      for (let j = from.seq + 1; j <= step.last; j++) {
        const x = ev[j]!;
        if (!used.has(j) && x.kind === kind && match(x as Ev<K>)) return x as Ev<K>;
      }
      return undefined;
    },
    use: (...seqs) => {
      for (const s of seqs) used.add(s);
    },
  };
  const out = stepPreamble(step, t);
  for (let i = step.first; i <= step.last; i++) {
    if (used.has(i)) continue;
    const e = ev[i]!;
    const say = EXPLAINERS[e.kind] as Explainer<Kind> | undefined;
    if (say) out.push(...say(e, scope));
  }
  return out;
}
