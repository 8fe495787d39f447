// The worker client survives its worker: a crash rejects the calls in flight, tells the app, and
// the next call runs on a new worker. The "worker" here is a comlink endpoint on a MessageChannel
// in this thread, with an API whose calls can be held open to crash in the middle of them.

import { expose, type Endpoint } from 'comlink';
import { afterEach, describe, expect, test } from 'vitest';
import { resilientClient, WorkerCrashedError, type WorkerLike } from './client';

interface Fake extends WorkerLike {
  crash(message: string): void;
  terminated: boolean;
}

const made: Fake[] = [];
afterEach(() => {
  for (const f of made.splice(0)) f.terminate();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A worker whose `listExamples` answers at once, whose `walk` never answers, whose `loadExample`
 * throws, and whose `simulate` reports progress ten times, 40 ms apart, then answers.
 */
function spawn(): Fake {
  const { port1, port2 } = new MessageChannel();
  const id = made.length + 1;
  const api = {
    listExamples: () => [{ name: `from worker ${id}`, generated: false }],
    walk: () => new Promise(() => {}),
    loadExample: () => {
      throw new Error('engine bug');
    },
    simulate: async (_t: unknown, progress: (n: number) => Promise<void>) => {
      for (let i = 1; i <= 10; i++) {
        await sleep(40);
        await progress(i);
      }
      return 'done';
    },
  };
  expose(api, port2 as unknown as Endpoint);
  let handler: (m: string) => void = () => {};
  const fake: Fake = {
    endpoint: port1 as unknown as Endpoint,
    terminated: false,
    terminate: () => {
      fake.terminated = true;
      port1.close();
      port2.close();
    },
    onError: (h) => (handler = h),
    crash: (m) => handler(m),
  };
  made.push(fake);
  return fake;
}

describe('a worker that dies', () => {
  test('rejects the calls in flight, is reported, and is replaced for the next call', async () => {
    const client = resilientClient(spawn);
    const crashes: WorkerCrashedError[] = [];
    client.onCrash((e) => crashes.push(e));
    expect(await client.listExamples()).toEqual([{ name: 'from worker 1', generated: false }]);
    const walking = client.walk({ name: 't', nodes: [], links: [], scenario: [] });
    made[0]!.crash('out of memory');
    await expect(walking).rejects.toBeInstanceOf(WorkerCrashedError);
    await expect(walking).rejects.toThrow('out of memory');
    expect(crashes.map((e) => [e.message, e.cancelled])).toEqual([['out of memory', false]]);
    expect(made[0]!.terminated).toBe(true);
    expect(await client.listExamples()).toEqual([{ name: 'from worker 2', generated: false }]);
    client.dispose();
  });

  test('restart() cancels a long call on purpose and says so', async () => {
    const client = resilientClient(spawn);
    const walking = client.walk({ name: 't', nodes: [], links: [], scenario: [] });
    client.restart();
    const error = await walking.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkerCrashedError);
    expect((error as WorkerCrashedError).cancelled).toBe(true);
    expect(await client.listExamples()).toEqual([{ name: 'from worker 2', generated: false }]);
    client.dispose();
  });

  test('a crash of an old worker after its replacement started changes nothing', async () => {
    const client = resilientClient(spawn);
    await client.listExamples();
    made[0]!.crash('first');
    const crashes: string[] = [];
    client.onCrash((e) => crashes.push(e.message));
    await client.listExamples();
    made[0]!.crash('again, late');
    expect(crashes).toEqual([]);
    expect(await client.listExamples()).toEqual([{ name: 'from worker 2', generated: false }]);
    client.dispose();
  });

  test('a call that throws gives its error, and later calls run on a new worker', async () => {
    const client = resilientClient(spawn);
    const crashes: string[] = [];
    client.onCrash((e) => crashes.push(e.message));
    await expect(client.loadExample('x')).rejects.toThrow('engine bug');
    expect(made[0]!.terminated).toBe(true);
    expect(await client.listExamples()).toEqual([{ name: 'from worker 2', generated: false }]);
    expect(crashes).toEqual([]);
    client.dispose();
  });

  test('a worker that threw finishes the calls it was running before it ends', async () => {
    const client = resilientClient(spawn);
    const walking = client.walk({ name: 't', nodes: [], links: [], scenario: [] });
    await expect(client.loadExample('x')).rejects.toThrow('engine bug');
    expect(made[0]!.terminated).toBe(false);
    made[0]!.crash('late');
    await expect(walking).rejects.toThrow('late');
    expect(made[0]!.terminated).toBe(true);
    client.dispose();
  });
});

describe('a worker that falls silent (it exited without an error, or hangs)', () => {
  test('is taken for dead after the silence limit: the call says so, the app is told, the next call gets a new worker', async () => {
    const client = resilientClient(spawn, 150);
    const crashes: WorkerCrashedError[] = [];
    client.onCrash((e) => crashes.push(e));
    const walking = client.walk({ name: 't', nodes: [], links: [], scenario: [] });
    await expect(walking).rejects.toThrow('the simulator stopped answering (nothing for 0.15 s)');
    expect(crashes.map((e) => e.cancelled)).toEqual([false]);
    expect(made[0]!.terminated).toBe(true);
    expect(await client.listExamples()).toEqual([{ name: 'from worker 2', generated: false }]);
    client.dispose();
  });

  test('a long call that reports progress is alive, however long it takes; an idle worker is never timed out', async () => {
    const client = resilientClient(spawn, 150);
    await client.listExamples();
    await sleep(300);
    // 400 ms in all, but never 150 ms without a word.
    const progress: number[] = [];
    const fake = client as unknown as { simulate(t: unknown, p: (n: number) => void): Promise<string> };
    expect(await fake.simulate({}, (n) => void progress.push(n))).toBe('done');
    expect(progress).toHaveLength(10);
    expect(made).toHaveLength(1);
    expect(made[0]!.terminated).toBe(false);
    client.dispose();
  });
});
