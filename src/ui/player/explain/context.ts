// What explaining a step works from: the walk's context (its trace, the topology shown, the
// routes, the commands), the translator, and the step itself with the helpers its sentences share
// (looking ahead for an event said in the same breath, marking it said).

import type { EthernetFrame, FibRoute, SimResult, Topology, TraceEvent } from '../../../engine';
import type { PlayerStep, StepTx } from '../../../walk/steps';
import type { Walk } from '../../../walk/walk';

/** i18next's t, narrowed to what the composer uses (keys are built, so they are plain strings). */
export type Translate = (key: string, options?: Record<string, unknown>) => string;

export interface ExplainContext {
  events: readonly TraceEvent[];
  topology: Topology;
  routes: Record<string, FibRoute[]>;
  /** each scenario step's command line, by step index (the walk's steps: the scenario or the PDU's) */
  commands: readonly string[];
}

export type Kind = TraceEvent['kind'];
export type Ev<K extends Kind> = Extract<TraceEvent, { kind: K }>;

const contexts = new WeakMap<SimResult, { topology: Topology; ctx: ExplainContext }>();

/** The context of a walk's explanations on the topology shown (the same object while neither changes). */
export function walkContext(walk: Pick<Walk, 'result' | 'routes'>, topology: Topology): ExplainContext {
  const hit = contexts.get(walk.result);
  if (hit?.topology === topology) return hit.ctx;
  const ctx: ExplainContext = {
    events: walk.result.events,
    topology,
    routes: walk.routes,
    commands: walk.result.steps.map((s) => s.run ?? ''),
  };
  contexts.set(walk.result, { topology, ctx });
  return ctx;
}

/** The step being explained, as the sentences of each of its events see it. */
export interface StepScope {
  ctx: ExplainContext;
  step: PlayerStep;
  t: Translate;
  /** the frame the step received */
  rxFrame: EthernetFrame | undefined;
  /** the step's frames sent, by their frame.tx seq */
  txAt: ReadonlyMap<number, StepTx>;
  /** the step's device is a switch */
  isBridge: boolean;
  /** The first event of the step after `from`, not said yet, of this kind and matching. */
  ahead<K extends Kind>(from: TraceEvent, kind: K, match: (x: Ev<K>) => boolean): Ev<K> | undefined;
  /** Marks events as said in another's sentences: they get none of their own. */
  use(...seqs: number[]): void;
  /** the last route lookup said (ping looks its destination up twice: it is said once) */
  lastLookup?: Ev<'fib.lookup'>;
}

/** The sentences of one kind of event. */
export type Explainer<K extends Kind> = (e: Ev<K>, s: StepScope) => string[];

/** Sentences by event kind (a kind without one says nothing). */
export type Explainers = { [K in Kind]?: Explainer<K> };
