// The step grouping on real traces: the default example's ping, a flood that fans out, NAT, a
// timer-driven ARP retry, a storm.

import { describe, expect, test } from 'vitest';
import { simApi } from '../worker/sim-api';
import { buildSteps, linkPeer, stepOfSeq } from './steps';

/** A bundled example's walk (or a containerlab text's), as the worker builds it. */
function testWalk(example: string, clab?: string, options: Parameters<typeof simApi.walk>[1] = {}) {
  const parsed = clab ? simApi.parseTopologyFile(clab, `${example}.clab.yml`) : undefined;
  if (parsed && !parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join('\n'));
  return simApi.walk(parsed?.ok ? parsed.topology : simApi.loadExample(example), options);
}

describe('the default example: h1 pings h2 through r1', () => {
  const w = testWalk('two-subnets-router');
  const rows = w.steps.map((s) => [s.index + 1, s.kind, s.node, s.from ?? '', s.protocol ?? '', s.outcomes.join(' '), s.tx.map((x) => `${x.to}/${x.via}`).join(' ')]);

  test('one step per frame arriving, plus the command and its end', () => {
    expect(rows).toEqual([
      [1, 'command', 'h1', '', 'arp', 'sent held started', 'sw1/local'],
      [2, 'frame', 'sw1', 'h1', 'arp', 'flooded', 'r1/bridge'],
      [3, 'frame', 'r1', 'sw1', 'arp', 'delivered sent', 'sw1/local'],
      [4, 'frame', 'sw1', 'r1', 'arp', 'forwarded', 'h1/bridge'],
      [5, 'frame', 'h1', 'sw1', 'icmp', 'delivered sent', 'sw1/local'],
      [6, 'frame', 'sw1', 'h1', 'icmp', 'forwarded', 'r1/bridge'],
      [7, 'frame', 'r1', 'sw1', 'arp', 'sent held', 'sw2/local'],
      [8, 'frame', 'sw2', 'r1', 'arp', 'flooded', 'h2/bridge'],
      [9, 'frame', 'h2', 'sw2', 'arp', 'delivered sent', 'sw2/local'],
      [10, 'frame', 'sw2', 'h2', 'arp', 'forwarded', 'r1/bridge'],
      [11, 'frame', 'r1', 'sw2', 'icmp', 'forwarded delivered', 'sw2/forward'],
      [12, 'frame', 'sw2', 'r1', 'icmp', 'forwarded', 'h2/bridge'],
      [13, 'frame', 'h2', 'sw2', 'icmp', 'delivered sent', 'sw2/local'],
      [14, 'frame', 'sw2', 'h2', 'icmp', 'forwarded', 'r1/bridge'],
      [15, 'frame', 'r1', 'sw2', 'icmp', 'forwarded', 'sw1/forward'],
      [16, 'frame', 'sw1', 'r1', 'icmp', 'forwarded', 'h1/bridge'],
      [17, 'frame', 'h1', 'sw1', 'icmp', 'delivered', ''],
      [18, 'exit', 'h1', '', '', 'exited', ''],
    ]);
  });

  test('steps cover the trace exactly, in order', () => {
    expect(w.steps[0]!.first).toBe(0);
    for (let i = 1; i < w.steps.length; i++) expect(w.steps[i]!.first).toBe(w.steps[i - 1]!.last + 1);
    expect(w.steps.at(-1)!.last).toBe(w.result.events.length - 1);
    expect(stepOfSeq(w.steps, 0)).toBe(0);
    expect(stepOfSeq(w.steps, w.steps[10]!.first + 1)).toBe(10);
    expect(stepOfSeq(w.steps, w.result.events.length - 1)).toBe(17);
  });

  test('the echo request r1 releases after ARP knows its previous hop (the frame r1 received at step 7)', () => {
    const tx = w.steps[10]!.tx[0]!;
    expect(tx.prev).toBe(w.steps[6]!.rx);
    expect(tx.heldAt).toBe(6);
    expect(tx.nat).toEqual([]);
  });
});

test('a flood sends one copy per port from one step (home-nat: sw1 floods to gw, then lan2)', () => {
  const w = testWalk('home-nat');
  const flood = w.steps.find((s) => s.outcomes[0] === 'flooded')!;
  expect(flood.node).toBe('sw1');
  expect(flood.tx.map((x) => x.to)).toEqual(['gw', 'lan2']);
  // gw answers first; lan2 drops the request (not its address): a step of its own, with the reason.
  expect(w.steps[flood.index + 1]!.node).toBe('gw');
  const drop = w.steps[flood.index + 2]!;
  expect([drop.node, drop.outcomes]).toEqual(['lan2', ['dropped']]);
});

test("the gateway's released packet carries the NAT rewrite it got when it was held", () => {
  const w = testWalk('home-nat');
  const released = w.steps.find((s) => s.node === 'gw' && s.tx.some((x) => x.via === 'forward' && x.heldAt !== undefined))!;
  const tx = released.tx[0]!;
  expect(tx.nat).toHaveLength(1);
  expect(w.result.events[tx.nat[0]!]).toMatchObject({ kind: 'nat.rewrite', manip: 'src', from: { ip: '192.168.1.10' }, to: { ip: '198.51.100.2' } });
});

test('a timer that fires later is a step of its own (ARP retries to a neighbour that never answers)', () => {
  const w = testWalk('arp-fail-router');
  const timers = w.steps.filter((s) => s.kind === 'local');
  expect(timers.length).toBeGreaterThan(0);
  expect(timers.some((s) => s.outcomes.includes('sent') && s.protocol === 'arp')).toBe(true);
  expect(timers.every((s) => s.t > 0)).toBe(true);
});

test('a storm ends with a stop step naming the switches', () => {
  const loop = `name: loop
topology:
  nodes:
    h1: {kind: linux, exec: ["ip addr add 10.0.0.1/24 dev eth1"]}
    sw1: {kind: bridge}
    sw2: {kind: bridge}
    sw3: {kind: bridge}
  links:
    - endpoints: ["h1:eth1", "sw1:p1"]
    - endpoints: ["sw1:p2", "sw2:p1"]
    - endpoints: ["sw2:p2", "sw3:p1"]
    - endpoints: ["sw3:p2", "sw1:p3"]
scenario:
  - on: h1
    run: ping -c 1 -W 1 10.0.0.9
`;
  const w = testWalk('loop', loop, { maxEvents: 5000 });
  const last = w.steps.at(-1)!;
  expect(last).toMatchObject({ kind: 'stop', outcomes: ['stopped'], stop: { storm: { devices: ['sw1', 'sw2', 'sw3'] } } });
  expect(last.first).toBe(w.result.events.length);
  // Built again from the events alone, the grouping is the same.
  expect(buildSteps(w.result.events, w.result.stopped)).toEqual(w.steps);
});

test('linkPeer reads the other end of a link key', () => {
  expect(linkPeer('h1:eth1--sw1:p1', 'h1', 'eth1')).toBe('sw1');
  expect(linkPeer('h1:eth1--sw1:p1', 'sw1', 'p1')).toBe('h1');
});
