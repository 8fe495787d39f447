import { beforeEach, expect, test } from 'vitest';
import { resetAppStore, selectTopology, useAppStore } from '../../store';
import { createSimClient } from '../../worker/client';
import { DEFAULT_EXAMPLE, type SimClient } from '../../worker/protocol';
import { openExample } from './openExample';
import { runScenario } from './runScenario';

const client = createSimClient();
beforeEach(resetAppStore);

test('open the default example, run its scenario, get the ping output', async () => {
  await openExample(client, DEFAULT_EXAMPLE);
  expect(selectTopology(useAppStore.getState())?.name).toBe('two-subnets-router');
  const running = runScenario(client);
  expect(useAppStore.getState().lastRun.status).toBe('running');
  await running;
  const run = useAppStore.getState().lastRun;
  expect(run.status === 'done' && run.result.steps[0]?.stdout).toContain('1 packets transmitted, 1 received');
});

test('an unknown example is reported, not thrown', async () => {
  await openExample(client, 'nope');
  expect(useAppStore.getState().doc).toMatchObject({ status: 'failed', message: expect.stringMatching(/no example named "nope"/) });
});

test('a scenario error becomes a failed run', async () => {
  await openExample(client, DEFAULT_EXAMPLE);
  const failing: SimClient = { ...client, simulate: () => Promise.reject(new Error('scenario step 1: unknown node "h9"')) };
  await runScenario(failing);
  expect(useAppStore.getState().lastRun).toMatchObject({ status: 'failed', message: 'scenario step 1: unknown node "h9"' });
});

test('nothing runs while nothing is open', async () => {
  await runScenario(client);
  expect(useAppStore.getState().lastRun.status).toBe('idle');
});
