// A terminal after a walk that set an interface down and up (the golden link-down-router): at
// each step, `ip route`, `ip link` and `ip addr` print what the scenario's own commands printed on
// Linux at that point of the walk.

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseClab } from '../io/clab';
import { normaliseOutput } from '../io/oracle';
import { simulate } from '../sim/simulate';
import { linkStateAt } from './ip-link-state';
import { runShell } from './shell';

const DIR = path.join(import.meta.dirname, '../__oracle__');
const file = path.join(DIR, 'link-down-router.clab.yml');
const topology = parseClab(fs.readFileSync(file, 'utf8'), file);
const golden = JSON.parse(fs.readFileSync(path.join(DIR, 'link-down-router.trace.json'), 'utf8')) as { steps: { on: string; run: string; stdout: string }[] };
const result = simulate(topology);

/** What a terminal on `node` prints for `line` once scenario step `step` has ended. */
function terminal(node: string, line: string, step: number): string {
  const end = result.events.find((e) => e.kind === 'step.end' && e.step === step)!.seq;
  const links = linkStateAt(result.events, topology, node, end);
  const r = runShell(topology, node, line, links ? { links } : {});
  return r.kind === 'done' ? r.stdout + r.stderr : r.kind;
}

describe('a terminal at a step after ip link set eth2 down on r1', () => {
  test('r1: ip route show table all is what Linux printed then (eth2’s routes gone but its local one)', () => {
    expect(golden.steps[2]!.run).toBe('ip route show table all');
    expect(terminal('r1', 'ip route show table all', 1)).toBe(normaliseOutput(golden.steps[2]!.stdout));
  });

  test('h2: its routes are linkdown, as Linux printed them', () => {
    expect(golden.steps[4]!.run).toBe('ip route show');
    expect(terminal('h2', 'ip route show', 1)).toBe(normaliseOutput(golden.steps[4]!.stdout));
  });

  test('ip link: r1’s eth2 down, h2’s eth1 without carrier', () => {
    expect(terminal('r1', 'ip link show eth2', 1).split('\n')[0]).toMatch(/^\d+: eth2@if\d+: <BROADCAST,MULTICAST> mtu 1500 qdisc noqueue state DOWN /);
    expect(terminal('h2', 'ip addr show eth1', 1).split('\n')[0]).toMatch(/^\d+: eth1@if\d+: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state DOWN /);
  });

  test('after ip link set eth2 up: the connected routes are back, the static one is not', () => {
    expect(golden.steps[8]!.run).toBe('ip route show table all');
    expect(terminal('r1', 'ip route show table all', 7)).toBe(normaliseOutput(golden.steps[8]!.stdout));
    expect(terminal('r1', 'ip route show table all', 0)).toContain('10.9.0.0/24 via 10.0.2.10 dev eth2');
    expect(terminal('r1', 'ip link show eth2', 7)).toContain('<BROADCAST,MULTICAST,UP,LOWER_UP>');
  });
});
