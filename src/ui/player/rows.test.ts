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

  test('rows say what was decided, then the frame with its TTL; a command and its end say the command', () => {
    const row = (i: number) => rowText(w.result.events, w.topology, w.steps[i]!, w.ctx.commands, en);
    expect(row(0)).toBe('ping -c 1 -W 1 10.0.2.10 · ARP request: who has 10.0.1.1? tell 10.0.1.10');
    expect(row(1)).toBe('broadcast: flood out of p2 · ARP request: who has 10.0.1.1? tell 10.0.1.10');
    expect(row(2)).toBe('answers ARP for 10.0.1.1 · ARP reply: 10.0.1.1 is at 02:00:00:00:00:03 (r1:eth1)');
    expect(row(4)).toBe('10.0.1.1 resolved: sends the held packet · ICMP echo request 10.0.1.10 → 10.0.2.10, TTL 64');
    expect(row(5)).toBe('known MAC: out of p2 · ICMP echo request 10.0.1.10 → 10.0.2.10, TTL 64');
    expect(row(6)).toBe('route 10.0.2.0/24 dev eth2 · ARP request: who has 10.0.2.10? tell 10.0.2.1');
    expect(row(12)).toBe('for me: answers the echo request · ICMP echo reply 10.0.2.10 → 10.0.1.10, TTL 64');
    expect(row(17)).toBe('ping -c 1 -W 1 10.0.2.10: exit 0');
  });

  test('in Chinese too', () => {
    const zh = i18n.getFixedT('zh-CN') as unknown as Translate;
    expect(rowText(w.result.events, w.topology, w.steps[6]!, w.ctx.commands, zh)).toBe('路由 10.0.2.0/24 dev eth2 · ARP 请求：谁是 10.0.2.10？请告诉 10.0.2.1');
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

test('the step where NAT rewrites the source is named by the rewrite, not only by the ARP request it shows', () => {
  const w = testWalk('home-nat');
  expect(rowText(w.result.events, w.topology, w.steps[8]!, w.ctx.commands, en)).toBe('NAT: source 192.168.1.10 → 198.51.100.2 · ARP request: who has 198.51.100.1? tell 198.51.100.2');
  expect(rowText(w.result.events, w.topology, w.steps[16]!, w.ctx.commands, en)).toBe('NAT, reply: destination 198.51.100.2 → 192.168.1.10 · ICMP echo reply 203.0.113.10 → 192.168.1.10, TTL 62');
});

test('a flood is one frame sent on several ports (home-nat: sw1 floods to gw, then lan2); the drop after it says why', () => {
  const w = testWalk('home-nat');
  const flood = w.steps.find((s) => s.outcomes[0] === 'flooded')!;
  expect(stepFrames(w.result.events, flood).map((f) => [f.dir, f.ifaces.join(',')])).toEqual([
    ['in', 'p1'],
    ['out', 'p3,p2'],
  ]);
  const drop = w.steps[flood.index + 2]!;
  expect(rowText(w.result.events, w.topology, drop, w.ctx.commands, en)).toBe('ARP not for me · ARP request: who has 192.168.1.1? tell 192.168.1.10');
});

test('a storm’s last row names the switches', () => {
  const loop = readFileSync(new URL('../../../e2e/scenarios/switch-loop.clab.yml', import.meta.url), 'utf8');
  const w = testWalk('switch-loop', loop, { maxEvents: 5000 });
  expect(rowText(w.result.events, w.topology, w.steps.at(-1)!, w.ctx.commands, en)).toBe('broadcast storm between sw1, sw2, sw3');
});
