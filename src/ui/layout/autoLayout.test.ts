// The automatic layout of files without positions: left to right by hop distance from the first
// host, no two devices overlapping, positions that exist kept.

import { describe, expect, test } from 'vitest';
import type { Topology } from '../../engine';
import { EXAMPLES } from '../../examples';
import { simApi } from '../../worker/sim-api';
import { SYMBOL_CENTRE_Y } from '../canvas/geometry';
import { autoLayout, needsLayout } from './autoLayout';
import { deviceSize, hopDistances } from './dagreLayout';
import { positionProblem } from '../../engine/io/limits';

const open = (name: string): Topology => simApi.loadExample(name);
const x = (t: Topology, name: string) => t.nodes.find((n) => n.name === name)!.position!.x;

function overlaps(t: Topology): string[] {
  // A device's box: its symbol's centre is SYMBOL_CENTRE_Y below the top.
  const boxes = t.nodes.map((n) => ({ name: n.name, x: n.position!.x, y: n.position!.y - SYMBOL_CENTRE_Y + deviceSize(n).height / 2, ...deviceSize(n) }));
  const out: string[] = [];
  for (const a of boxes)
    for (const b of boxes) {
      if (a.name >= b.name) continue;
      if (Math.abs(a.x - b.x) * 2 < a.width + b.width && Math.abs(a.y - b.y) * 2 < a.height + b.height) out.push(`${a.name}/${b.name}`);
    }
  return out;
}

describe('autoLayout', () => {
  test('hop distance counts from the first host', () => {
    expect(Object.fromEntries(hopDistances(open('router-chain')))).toEqual({ h1: 0, r1: 1, r2: 2, r3: 3, h2: 4 });
  });

  test('a chain reads left to right, in the order of its hops', async () => {
    const t = await autoLayout(open('router-chain'));
    const xs = ['h1', 'r1', 'r2', 'r3', 'h2'].map((n) => x(t, n));
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    expect(new Set(xs).size).toBe(5);
  });

  test('hosts on one switch share the column after it', async () => {
    const t = await autoLayout(open('lan-two-hosts'));
    expect(x(t, 'h1')).toBeLessThan(x(t, 'sw1'));
    expect(x(t, 'sw1')).toBeLessThan(x(t, 'h2'));
    expect(x(t, 'h2')).toBe(x(t, 'h3'));
  });

  test.each(EXAMPLES.map((e) => e.name))('%s: every device placed, none overlapping', async (name) => {
    const t = await autoLayout(open(name));
    expect(needsLayout(t)).toBe(false);
    expect(overlaps(t)).toEqual([]);
  });

  test('a topology with positions is left as it is', async () => {
    const t = open('two-subnets-router');
    expect(await autoLayout(t)).toBe(t);
  });

  test('devices without a position go below the placed ones', async () => {
    const base = await autoLayout(open('no-route'));
    const t: Topology = { ...base, nodes: base.nodes.map((n) => (n.name === 'h2' ? { ...n, position: undefined } : n)) } as Topology;
    const out = await autoLayout(t);
    expect(out.nodes.find((n) => n.name === 'h1')!.position).toEqual(base.nodes.find((n) => n.name === 'h1')!.position);
    const lowest = Math.max(...base.nodes.filter((n) => n.name !== 'h2').map((n) => n.position!.y));
    expect(out.nodes.find((n) => n.name === 'h2')!.position!.y).toBeGreaterThan(lowest);
    expect(overlaps(out)).toEqual([]);
  });

  test.each([600, 5000])('a chain of %i switches without positions is laid out (no recursion as deep as the chain), in bounds, nothing overlapping', async (n) => {
    const name = (i: number) => `sw${i}`;
    const t: Topology = {
      name: 'chain',
      nodes: Array.from({ length: n }, (_, i) => ({ kind: 'bridge' as const, name: name(i), role: 'switch' as const, ifaces: [{ name: 'p1', mac: '02:00:00:00:00:01' as never, addrs: [] }, { name: 'p2', mac: '02:00:00:00:00:02' as never, addrs: [] }] })),
      links: Array.from({ length: n - 1 }, (_, i) => ({ a: { node: name(i), iface: 'p2' }, b: { node: name(i + 1), iface: 'p1' } })),
      scenario: [],
    };
    const out = await autoLayout(t);
    for (const d of out.nodes) expect(positionProblem(d.position!.x, d.position!.y)).toBeUndefined();
    expect(overlaps(out)).toEqual([]);
  });
});
