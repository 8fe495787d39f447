// Walks a packet: runs the open topology's scenario (or a composed PDU's steps) in the worker,
// with progress, and keeps the walk (trace, table history, routes, the player's steps) in the
// store (the worker groups the steps too, so a storm's 50 000 events cost the page only their
// arrival). A worker that dies during the walk is replaced by the client; the walk says so, and the
// network on screen is untouched (it never left the main thread).

import i18n from '../../i18n';
import { selectTopology, useAppStore, type WalkSource } from '../../store';
import { WorkerCrashedError } from '../../worker/client';
import type { SimClient } from '../../worker/protocol';

/** Walks the topology's scenario (the header's Run button). */
export function runScenario(client: SimClient): Promise<void> {
  return startWalk(client, { kind: 'scenario' });
}

export async function startWalk(client: SimClient, source: WalkSource): Promise<void> {
  const state = useAppStore.getState();
  const topology = selectTopology(state);
  if (!topology || state.lastRun.status === 'running') return;
  if (source.kind === 'scenario' && topology.scenario.length === 0) return;
  const runId = state.runStarted(source);
  try {
    const options = {
      ...(source.kind === 'pdu' ? { scenario: source.scenario, ...(source.interrupt ? { interrupt: source.interrupt } : {}) } : {}),
      ...(source.cuts?.length ? { cuts: source.cuts } : {}),
    };
    const walk = await client.walk(topology, options, (events) => useAppStore.getState().runProgress(runId, events));
    useAppStore.getState().runFinished(runId, walk);
  } catch (e) {
    const message =
      e instanceof WorkerCrashedError
        ? e.cancelled
          ? i18n.t('run.cancelled')
          : i18n.t('run.crashed', { message: e.message })
        : e instanceof Error
          ? e.message
          : String(e);
    useAppStore.getState().runFailed(runId, message);
  }
}
