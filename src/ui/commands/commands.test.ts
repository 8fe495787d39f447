import { beforeEach, expect, test } from 'vitest';
import { resetAppStore, selectTopology, useAppStore } from '../../store';
import { createSimClient } from '../../worker/client';
import { DEFAULT_EXAMPLE, type SimClient } from '../../worker/protocol';
import { useToasts } from '../toast/toastStore';
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

test('an unknown example at startup is reported in place of the canvas, not thrown', async () => {
  await openExample(client, 'nope', { startup: true });
  expect(useAppStore.getState().doc).toMatchObject({ status: 'failed', message: expect.stringMatching(/no example named "nope"/) });
});

test('an unknown example from the menu leaves the open network as it was and says why', async () => {
  await openExample(client, DEFAULT_EXAMPLE);
  const before = useAppStore.getState().doc;
  expect(await openExample(client, 'nope')).toBe(false);
  expect(useAppStore.getState().doc).toBe(before);
  expect(useToasts.getState().toasts.at(-1)).toMatchObject({ kind: 'error', details: [expect.stringMatching(/no example named "nope"/)] });
});

test('examples without positions are laid out when opened', async () => {
  await openExample(client, 'router-chain');
  const t = selectTopology(useAppStore.getState())!;
  expect(t.nodes.every((n) => n.position)).toBe(true);
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
