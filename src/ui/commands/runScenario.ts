// Runs the open topology's scenario in the worker and keeps the result as the last run.

import type { SimClient } from '../../worker/protocol';
import { selectCanRun, selectTopology, useAppStore } from '../../store';

export async function runScenario(client: SimClient): Promise<void> {
  const state = useAppStore.getState();
  const topology = selectTopology(state);
  if (!topology || !selectCanRun(state)) return;
  const runId = state.runStarted();
  try {
    const result = await client.simulate(topology, {});
    useAppStore.getState().runFinished(runId, result);
  } catch (e) {
    useAppStore.getState().runFailed(runId, e instanceof Error ? e.message : String(e));
  }
}
