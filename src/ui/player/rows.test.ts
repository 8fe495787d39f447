// What the event list's rows say and which frames a step offers, on real walks: the default
// example's ping, a flood that fans out, a storm.

import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import i18n from '../../i18n';
import type { Translate } from './explain';
import { defaultFrame, rowText, stepFrames } from './rows';
import { testWalk } from './testWalk';

const en = i18n.getFixedT('en') as unknown as Translate;

describe('the default example: h1 pings h2 through r1', () => {
  const w = testWalk('two-subnets-router');

  test('rows say what happened, with the TTL and the drop reason', () => {
    expect(rowText(w.result.events, w.topology, w.steps[0]!, w.ctx.commands, en)).toBe('ping -c 1 -W 1 10.0.2.10 · ARP request: who has 10.0.1.1? tell 10.0.1.10');
    expect(rowText(w.result.events, w.topology, w.steps[1]!, w.ctx.commands, en)).toBe('ARP request: who has 10.0.1.1? tell 10.0.1.10');
    expect(rowText(w.result.events, w.topology, w.steps[4]!, w.ctx.commands, en)).toBe('ICMP echo request 10.0.1.10 → 10.0.2.10, TTL 64');
    expect(rowText(w.result.events, w.topology, w.steps[10]!, w.ctx.commands, en)).toBe('ICMP echo request 10.0.1.10 → 10.0.2.10, TTL 63');
    expect(rowText(w.result.events, w.topology, w.steps[17]!, w.ctx.commands, en)).toBe('ping -c 1 -W 1 10.0.2.10: exit 0');
  });

  test('a step offers the frame it received and the one it sent, the sent one first', () => {
    const frames = stepFrames(w.result.events, w.steps[10]!);
    expect(frames.map((f) => [f.dir, f.ifaces.join(',')])).toEqual([
      ['in', 'eth2'],
      ['out', 'eth2'],
    ]);
    expect(defaultFrame(frames)).toBe(1);
    expect(frames[1]!.prev?.payload.kind === 'ipv4' && frames[1]!.prev.payload.ttl).toBe(64);
  });
});

test('a flood is one frame sent on several ports (home-nat: sw1 floods to lan2 and gw); the drop after it says why', () => {
  const w = testWalk('home-nat');
  const flood = w.steps.find((s) => s.outcomes[0] === 'flooded')!;
  expect(stepFrames(w.result.events, flood).map((f) => [f.dir, f.ifaces.join(',')])).toEqual([
    ['in', 'p1'],
    ['out', 'p2,p3'],
  ]);
  const drop = w.steps[flood.index + 1]!;
  expect(rowText(w.result.events, w.topology, drop, w.ctx.commands, en)).toBe('ARP not for me · ARP request: who has 192.168.1.1? tell 192.168.1.10');
});

test('a storm’s last row names the switches', () => {
  const loop = readFileSync(new URL('../../../e2e/scenarios/switch-loop.clab.yml', import.meta.url), 'utf8');
  const w = testWalk('switch-loop', loop, { maxEvents: 5000 });
  expect(rowText(w.result.events, w.topology, w.steps.at(-1)!, w.ctx.commands, en)).toBe('broadcast storm between sw1, sw2, sw3');
});
