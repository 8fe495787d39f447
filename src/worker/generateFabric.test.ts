// "Generate data center…" through the client, as the UI and the URL (`?example=NAME`) use it.

import { describe, expect, test } from 'vitest';
import { createSimClient } from './client';

const client = createSimClient();

describe('generateFabric', () => {
  test('a three-tier fabric with positions (tiers as rows) and a ping from its first host to its last', async () => {
    const t = await client.generateFabric({ design: 'three-tier', cores: 2, pods: 2, aggPerPod: 2, accessPerPod: 2, hostsPerAccess: 3 });
    expect(t.name).toBe('three-tier-2-2-2-2-3');
    const rowOf = (prefix: string) => new Set(t.nodes.filter((n) => n.name.startsWith(prefix)).map((n) => n.position!.y));
    const rows = ['core', 'agg', 'acc', 'sw', 'h'].map(rowOf);
    for (const r of rows.slice(0, 4)) expect(r.size).toBe(1);
    const ys = rows.map((r) => Math.min(...r));
    expect([...ys].sort((a, b) => a - b)).toEqual(ys);
    expect(t.scenario).toEqual([{ kind: 'run', on: 'h1-1-1', run: 'ping -c 1 -W 1 10.1.3.4' }]);
    const r = await client.simulate(t);
    expect(r.steps[0]!.exit).toBe(0);
    expect(r.steps[0]!.stdout).toContain('1 received');
  });

  test('a fabric named by its size opens like an example', async () => {
    const t = await client.loadExample('leaf-spine-2-3-4');
    expect(t.nodes).toHaveLength(2 + 3 * 6);
    expect(t.scenario).toHaveLength(1);
  });

  test('a name over the limit is refused with the reason', async () => {
    await expect(client.loadExample('leaf-spine-5-6-1664')).rejects.toThrow('cannot generate "leaf-spine-5-6-1664": 10001 devices, at most 10000');
    await expect(client.loadExample('leaf-spine-0-3-4')).rejects.toThrow(/whole number from 1 to 10000/);
  });
});
