// The simple PDU as the commands the engine runs, and its checks.

import { describe, expect, test } from 'vitest';
import { answerer, destinations, pduProblems, pduScenario, type Pdu } from './pdu';
import type { TcpSegment } from '../engine';
import { simApi } from '../worker/sim-api';

/** A bundled example's walk, with another scenario, as the worker builds it. */
const testWalk = (example: string, options: Parameters<typeof simApi.walk>[1] = {}) => simApi.walk(simApi.loadExample(example), options);
/** The flags a segment has set, as tcpdump names them ("SYN, ACK"). */
const flags = (s: TcpSegment) => (['syn', 'fin', 'rst', 'psh', 'ack'] as const).filter((f) => s.flags[f]).map((f) => f.toUpperCase()).join(', ');

const topology = simApi.loadExample('two-subnets-router');
const ping: Pdu = { source: 'h1', address: '10.0.2.10', device: 'h2', protocol: 'icmp', srcPort: 40000, dstPort: 5353, count: 1 };

test.each<[string, Partial<Pdu>, string[]]>([
  ['a ping', {}, ['h1: ping -c 1 -W 1 10.0.2.10']],
  ['a ping with TTL and count', { ttl: 1, count: 3 }, ['h1: ping -c 3 -t 1 -W 1 10.0.2.10']],
  ['a ping with a size and DF clear', { size: 1472, df: 'dont' }, ['h1: ping -c 1 -s 1472 -M dont -W 1 10.0.2.10']],
  ['UDP to a device: its listener first, in the background', { protocol: 'udp' }, ['h2: echo reply | nc -u -l -p 5353 &', 'h1: echo hello | nc -u -w1 -p 40000 10.0.2.10 5353']],
  ['UDP to a typed address: no listener', { protocol: 'udp', device: undefined as unknown as string, address: '192.0.2.1', count: 2 }, ['h1: echo hello | nc -u -w1 -p 40000 192.0.2.1 5353', 'h1: echo hello | nc -u -w1 -p 40000 192.0.2.1 5353']],
  [
    'TCP to a device: a listener for each connection, each from the next source port',
    { protocol: 'tcp', dstPort: 80, count: 2 },
    ['h2: nc -l -p 80 &', 'h1: echo hello | nc -N -p 40000 10.0.2.10 80', 'h2: nc -l -p 80 &', 'h1: echo hello | nc -N -p 40001 10.0.2.10 80'],
  ],
  ['TCP to a typed address: no listener, give up after a second', { protocol: 'tcp', device: undefined as unknown as string, address: '192.0.2.1', dstPort: 80 }, ['h1: echo hello | nc -w1 -p 40000 192.0.2.1 80']],
])('%s', (_what, change, lines) => {
  const p = { ...ping, ...change };
  if (change.device === undefined && 'device' in change) delete p.device;
  expect(pduProblems(p, topology)).toEqual({});
  expect(pduScenario(p, topology).map((s) => (s.kind === 'run' ? `${s.on}: ${s.run}${s.background ? ' &' : ''}` : ''))).toEqual(lines);
});

test.each<[string, Partial<Pdu>, Record<string, string>]>([
  ['a switch cannot send', { source: 'sw1' }, { source: 'noSource' }],
  ['an address must be IPv4', { address: '10.0.2' }, { address: 'badAddress' }],
  ['ports are 1–65535', { protocol: 'udp', srcPort: 0, dstPort: 70000 }, { srcPort: 'badPort', dstPort: 'badPort' }],
  ['TCP: the last connection’s source port is at most 65535', { protocol: 'tcp', srcPort: 65535, count: 2 }, { srcPort: 'badTcpPorts' }],
  ['TTL is 1–255', { ttl: 256 }, { ttl: 'badTtl' }],
  ['the size is 0–1472', { size: 1473 }, { size: 'badSize' }],
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
  const w = testWalk('two-subnets-router', { scenario: pduScenario({ ...ping, ttl: 1 }, topology) });
  expect(w.result.steps[0]!.stdout).toContain('Time to live exceeded');
  expect(w.steps.some((s) => s.node === 'r1' && s.outcomes.includes('dropped'))).toBe(true);
});

test('a TCP PDU walks the whole connection: handshake, data, both FINs; the listener prints the data', () => {
  const w = testWalk('two-subnets-router', { scenario: pduScenario({ ...ping, protocol: 'tcp', dstPort: 80 }, topology) });
  const segments = w.result.events.flatMap((e) =>
    e.kind === 'frame.tx' && (e.node === 'h1' || e.node === 'h2') && e.frame.payload.kind === 'ipv4' && e.frame.payload.payload.kind === 'tcp'
      ? [`${e.node} ${flags(e.frame.payload.payload)}`]
      : [],
  );
  expect(segments.slice(0, 3)).toEqual(['h1 SYN', 'h2 SYN, ACK', 'h1 ACK']);
  expect(segments).toContain('h1 PSH, ACK');
  expect(segments.filter((s) => s.includes('FIN')).map((s) => s.split(' ')[0]).sort()).toEqual(['h1', 'h2']);
  expect(w.result.steps[0]!.stdout).toBe('hello\n');
});

test('a TCP PDU to an address nobody listens on is refused: SYN, then RST', () => {
  const w = testWalk('two-subnets-router', { scenario: pduScenario({ ...ping, device: undefined as unknown as string, protocol: 'tcp', dstPort: 81 }, topology) });
  const segments = w.result.events.flatMap((e) =>
    e.kind === 'frame.tx' && (e.node === 'h1' || e.node === 'h2') && e.frame.payload.kind === 'ipv4' && e.frame.payload.payload.kind === 'tcp'
      ? [`${e.node} ${flags(e.frame.payload.payload)}`]
      : [],
  );
  expect(segments).toEqual(['h1 SYN', 'h2 RST, ACK']);
});

describe('a PDU to a port the destination forwards (DNAT) is answered where it is forwarded to', () => {
  const dnat = simApi.loadExample('nat-dnat');
  const toGw = (protocol: 'udp' | 'tcp', dstPort: number): Pdu => ({ source: 'client', address: '198.51.100.2', device: 'gw', protocol, srcPort: 40000, dstPort, count: 1 });
  const lines = (p: Pdu) => pduScenario(p, dnat).map((s) => (s.kind === 'run' ? `${s.on}: ${s.run}${s.background ? ' &' : ''}` : ''));

  test.each<[string, Pdu, { device: string; port: number }]>([
    ['tcp 8080 → server:80', toGw('tcp', 8080), { device: 'server', port: 80 }],
    ['udp 8053 → server:53', toGw('udp', 8053), { device: 'server', port: 53 }],
    ['tcp 2222 → server, the port kept', toGw('tcp', 2222), { device: 'server', port: 2222 }],
    ['a port it does not forward stays on the gateway', toGw('tcp', 22), { device: 'gw', port: 22 }],
    ['a protocol it does not forward on that port stays on the gateway', toGw('udp', 8080), { device: 'gw', port: 8080 }],
  ])('%s', (_what, p, at) => {
    expect(answerer(p, dnat)).toEqual(at);
  });

  test('the listener runs on the server; the walk carries the data there through the translation', () => {
    const p = toGw('tcp', 8080);
    expect(lines(p)).toEqual(['server: nc -l -p 80 &', 'client: echo hello | nc -N -p 40000 198.51.100.2 8080']);
    const w = testWalk('nat-dnat', { scenario: pduScenario(p, dnat) });
    expect(w.result.steps[0]!.stdout).toBe('hello\n');
    const synAtServer = w.result.events.find(
      (e) => e.kind === 'frame.tx' && e.node === 'gw' && e.frame.payload.kind === 'ipv4' && e.frame.payload.payload.kind === 'tcp' && e.frame.payload.payload.flags.syn,
    );
    expect(synAtServer?.kind === 'frame.tx' && synAtServer.frame.payload.kind === 'ipv4' ? [synAtServer.frame.payload.dstIp, synAtServer.frame.payload.payload.kind === 'tcp' && synAtServer.frame.payload.payload.dstPort] : undefined).toEqual(['192.168.1.10', 80]);
  });

  test('two connections: each listener gets its own, from the next source port', () => {
    const w = testWalk('nat-dnat', { scenario: pduScenario({ ...toGw('tcp', 8080), count: 2 }, dnat) });
    expect(w.result.steps.map((s) => s.stdout)).toEqual(['hello\n', '', 'hello\n', '']);
    expect(w.result.steps.map((s) => s.exit)).toEqual([0, 0, 0, 0]);
  });
});
