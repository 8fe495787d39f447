import { beforeEach, expect, test } from 'vitest';
import { resetAppStore, selectTopology, useAppStore } from '../../store';
import { createSimClient } from '../../worker/client';
import { DEFAULT_EXAMPLE, type SimClient } from '../../worker/protocol';
import { useToasts } from '../toast/toastStore';
import { openExample } from './openExample';
import { runScenario, startWalk } from './runScenario';
import { WorkerCrashedError } from '../../worker/client';

const client = createSimClient();
beforeEach(resetAppStore);

test('open the default example, walk its scenario, get the ping output and the steps', async () => {
  await openExample(client, DEFAULT_EXAMPLE);
  expect(selectTopology(useAppStore.getState())?.name).toBe('two-subnets-router');
  const running = runScenario(client);
  expect(useAppStore.getState().lastRun.status).toBe('running');
  await running;
  const run = useAppStore.getState().lastRun;
  expect(run.status === 'done' && run.result.steps[0]?.stdout).toContain('1 packets transmitted, 1 received');
  expect(run.status === 'done' && [run.steps.length, run.cursor]).toEqual([18, -1]);
});

test('a simulator that dies during a walk: the walk says so, the network stays', async () => {
  await openExample(client, DEFAULT_EXAMPLE);
  const before = useAppStore.getState().doc;
  const dying: SimClient = { ...client, walk: () => Promise.reject(new WorkerCrashedError('out of memory')) };
  await runScenario(dying);
  expect(useAppStore.getState().lastRun).toMatchObject({ status: 'failed', message: expect.stringContaining('(out of memory). It has been restarted; the network on screen is unchanged') });
  expect(useAppStore.getState().doc).toBe(before);
});

test('a composed packet walks its own steps, not the scenario', async () => {
  await openExample(client, DEFAULT_EXAMPLE);
  await startWalk(client, { kind: 'pdu', scenario: [{ kind: 'run', on: 'h2', run: 'ping -c 1 -W 1 10.0.1.10' }], label: 'h2 → h1' });
  const run = useAppStore.getState().lastRun;
  expect(run.status === 'done' && run.result.steps.map((s) => s.run)).toEqual(['ping -c 1 -W 1 10.0.1.10']);
  expect(run.status === 'done' && run.steps[0]?.node).toBe('h2');
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
  const failing: SimClient = { ...client, walk: () => Promise.reject(new Error('scenario step 1: unknown node "h9"')) };
  await runScenario(failing);
  expect(useAppStore.getState().lastRun).toMatchObject({ status: 'failed', message: 'scenario step 1: unknown node "h9"' });
});

test('nothing runs while nothing is open', async () => {
  await runScenario(client);
  expect(useAppStore.getState().lastRun.status).toBe('idle');
});
