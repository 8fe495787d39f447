// The simple PDU as the commands the engine runs, and its checks.

import { expect, test } from 'vitest';
import { destinations, pduProblems, pduScenario, type Pdu } from './pdu';
import { testWalk } from './testWalk';

const { topology } = testWalk('two-subnets-router');
const ping: Pdu = { source: 'h1', address: '10.0.2.10', device: 'h2', protocol: 'icmp', srcPort: 40000, dstPort: 5353, count: 1 };

test.each<[string, Partial<Pdu>, string[]]>([
  ['a ping', {}, ['h1: ping -c 1 -W 1 10.0.2.10']],
  ['a ping with TTL and count', { ttl: 1, count: 3 }, ['h1: ping -c 3 -t 1 -W 1 10.0.2.10']],
  ['UDP to a device: its listener first, in the background', { protocol: 'udp' }, ['h2: echo reply | nc -u -l -p 5353 &', 'h1: echo hello | nc -u -w1 -p 40000 10.0.2.10 5353']],
  ['UDP to a typed address: no listener', { protocol: 'udp', device: undefined as unknown as string, address: '192.0.2.1', count: 2 }, ['h1: echo hello | nc -u -w1 -p 40000 192.0.2.1 5353', 'h1: echo hello | nc -u -w1 -p 40000 192.0.2.1 5353']],
])('%s', (_what, change, lines) => {
  const p = { ...ping, ...change };
  if (change.device === undefined && 'device' in change) delete p.device;
  expect(pduProblems(p, topology)).toEqual({});
  expect(pduScenario(p).map((s) => (s.kind === 'run' ? `${s.on}: ${s.run}${s.background ? ' &' : ''}` : ''))).toEqual(lines);
});

test.each<[string, Partial<Pdu>, Record<string, string>]>([
  ['a switch cannot send', { source: 'sw1' }, { source: 'noSource' }],
  ['an address must be IPv4', { address: '10.0.2' }, { address: 'badAddress' }],
  ['ports are 1–65535', { protocol: 'udp', srcPort: 0, dstPort: 70000 }, { srcPort: 'badPort', dstPort: 'badPort' }],
  ['TTL is 1–255', { ttl: 256 }, { ttl: 'badTtl' }],
  ['count is 1–10', { count: 0 }, { count: 'badCount' }],
])('%s', (_what, change, problems) => {
  expect(pduProblems({ ...ping, ...change }, topology)).toEqual(problems);
});

test('every address of every Linux device is a destination', () => {
  expect(destinations(topology)).toEqual([
    { device: 'h1', address: '10.0.1.10' },
    { device: 'r1', address: '10.0.1.1' },
    { device: 'r1', address: '10.0.2.1' },
    { device: 'h2', address: '10.0.2.10' },
  ]);
});

test('the PDU walks: h1 pings h2 with TTL 1 and r1 answers time exceeded', () => {
  const w = testWalk('two-subnets-router', undefined, { scenario: pduScenario({ ...ping, ttl: 1 }) });
  expect(w.result.steps[0]!.stdout).toContain('Time to live exceeded');
  expect(w.steps.some((s) => s.node === 'r1' && s.outcomes.includes('dropped'))).toBe(true);
});
