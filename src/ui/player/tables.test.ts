// A device's tables at a step: from the history (nothing copied per step), with what the step
// consulted and what it created marked.

import { describe, expect, test } from 'vitest';
import { tablesAtStep, type TablesInput } from './tables';
import { testWalk, type TestWalk } from './testWalk';

const input = (w: TestWalk): TablesInput => ({
  events: w.result.events,
  history: w.history,
  routes: w.routes,
  tracking: new Set(w.topology.nodes.filter((n) => n.kind === 'linux' && n.nat?.length).map((n) => n.name)),
});

describe('two-subnets-router', () => {
  const w = testWalk('two-subnets-router');
  const at = (node: string, step: number | undefined) => tablesAtStep(input(w), node, step === undefined ? undefined : w.steps[step - 1]);

  test('at the start every neighbour cache and fdb is empty', () => {
    for (const n of ['h1', 'r1', 'h2']) expect(at(n, undefined).neigh).toEqual([]);
    expect(at('sw1', undefined).fdb).toEqual([]);
    expect(at('h1', undefined).conntrack).toBeUndefined();
  });

  test('step 1: h1 has a new INCOMPLETE entry for its gateway, and consulted its default route', () => {
    const t = at('h1', 1);
    expect(t.neigh).toEqual([{ entry: { dev: 'eth1', ip: '10.0.1.1', state: 'INCOMPLETE' }, mark: 'new', consulted: true }]);
    expect(t.routes.filter((r) => r.consulted).map((r) => r.text)).toEqual(['default via 10.0.1.1 dev eth1']);
    expect(t.routes.map((r) => r.entry.table)).toContain('local');
  });

  test('step 5: the entry turns REACHABLE (changed), and stays so later without a mark', () => {
    expect(at('h1', 5).neigh).toEqual([{ entry: { dev: 'eth1', ip: '10.0.1.1', mac: '02:00:00:00:00:03', state: 'REACHABLE' }, mark: 'changed', consulted: false }]);
    expect(at('h1', 6).neigh[0]).toMatchObject({ consulted: false });
    expect(at('h1', 6).neigh[0]!.mark).toBeUndefined();
  });

  test('a switch: learned entries are new at their step, the entry used to forward is consulted', () => {
    expect(at('sw1', 2).fdb).toEqual([{ entry: { mac: '02:00:00:00:00:01', port: 'p1' }, mark: 'new', consulted: false }]);
    const t = at('sw1', 4);
    expect(t.fdb).toEqual([
      { entry: { mac: '02:00:00:00:00:01', port: 'p1' }, consulted: true },
      { entry: { mac: '02:00:00:00:00:03', port: 'p2' }, mark: 'new', consulted: false },
    ]);
  });

  test('stepping back gives the earlier tables again (the same objects as the history holds)', () => {
    const later = at('r1', 15).neigh.map((r) => r.entry);
    expect(later.map((n) => n.ip).sort()).toEqual(['10.0.1.10', '10.0.2.10']);
    expect(at('r1', 2).neigh).toEqual([]);
    expect(at('r1', 3).neigh.map((r) => r.entry.state)).toEqual(['STALE']);
  });
});

test('a NAT gateway shows its conntrack table: the entry is new at the MASQUERADE step, used by the reply', () => {
  const w = testWalk('home-nat');
  const gwSteps = w.steps.filter((s) => s.node === 'gw');
  const masq = gwSteps.find((s) => w.result.events.slice(s.first, s.last + 1).some((e) => e.kind === 'nat.match' && e.rule !== null))!;
  const t = tablesAtStep(input(w), 'gw', masq);
  expect(t.conntrack).toEqual([
    {
      entry: expect.objectContaining({ proto: 'icmp', orig: expect.objectContaining({ src: '192.168.1.10', dst: '203.0.113.10' }), reply: expect.objectContaining({ dst: '198.51.100.2' }), unreplied: true }),
      mark: 'new',
      // conntrack looked the packet up and made this (unconfirmed) entry for it
      consulted: true,
    },
  ]);
  const reply = gwSteps.find((s) => s.index > masq.index && w.result.events.slice(s.first, s.last + 1).some((e) => e.kind === 'conntrack.lookup' && e.result === 'reply'))!;
  const r = tablesAtStep(input(w), 'gw', reply);
  expect(r.conntrack![0]).toMatchObject({ mark: 'changed', consulted: true });
  expect(r.conntrack![0]!.entry.unreplied).toBeUndefined();
  expect(tablesAtStep(input(w), 'lan1', reply).conntrack).toBeUndefined();
});

describe('tcp-udp-same-port: the sockets table (ss -tuan)', () => {
  const w = testWalk('tcp-udp-same-port');
  const at = (node: string, step: number | undefined) => tablesAtStep(input(w), node, step === undefined ? undefined : w.steps[step - 1]);
  const line = (r: { entry: { proto: string; state: string; local: string; peer: string }; mark?: string; consulted: boolean }) =>
    `${r.entry.proto} ${r.entry.state} ${r.entry.local} ${r.entry.peer}${r.mark ? ` (${r.mark})` : ''}${r.consulted ? ' (consulted)' : ''}`;
  /** The step (1-based) where `node` delivers a packet to `socket`. */
  const stepOf = (node: string, socket: string) =>
    w.steps.findIndex((s) => s.node === node && w.result.events.slice(s.first, s.last + 1).some((e) => e.kind === 'socket.deliver' && e.socket === socket)) + 1;

  test('h2 listens on UDP 5000 and TCP 5000 at once: two sockets, one port number', () => {
    expect(at('h2', undefined).sockets).toEqual([]);
    // Step 4 starts the fourth listener.
    expect(at('h2', 4).sockets!.map(line)).toEqual(['udp UNCONN 0.0.0.0:5000 0.0.0.0:*', 'tcp LISTEN 0.0.0.0:5000 0.0.0.0:*', 'tcp LISTEN 0.0.0.0:6000 0.0.0.0:*', 'udp UNCONN 0.0.0.0:7000 0.0.0.0:* (new)']);
  });

  test('the UDP datagram to 5000 goes to the UDP socket, the SYN to 5000 to the TCP one', () => {
    const udp = stepOf('h2', 'udp 0.0.0.0:5000');
    expect(at('h2', udp).sockets!.map(line)).toContain('udp ESTAB 10.0.0.2:5000 10.0.0.1:40000 (changed) (consulted)');
    const tcp = stepOf('h2', 'tcp 0.0.0.0:5000');
    const rows = at('h2', tcp).sockets!.map(line);
    expect(rows).toContain('tcp LISTEN 0.0.0.0:5000 0.0.0.0:* (consulted)');
    expect(rows).toContain('tcp SYN-RECV 10.0.0.2:5000 10.0.0.1:40001 (new)');
    expect(rows.filter((r) => r.startsWith('udp ESTAB 10.0.0.2:5000'))).toHaveLength(1);
  });

  test('h1’s connection ends in TIME-WAIT; a node without sockets has no sockets table', () => {
    const last = at('h1', w.steps.length).sockets!.map(line);
    expect(last).toContain('tcp TIME-WAIT 10.0.0.1:40001 10.0.0.2:5000');
    const plain = testWalk('two-subnets-router');
    expect(tablesAtStep(input(plain), 'r1', plain.steps[plain.steps.length - 1]).sockets).toBeUndefined();
  });
});

describe('router-on-a-stick: the fdb per VLAN', () => {
  const w = testWalk('router-on-a-stick');
  const last = w.steps[w.steps.length - 1];

  test('the router\'s MAC is learned on the trunk in VLAN 10 and in VLAN 20: two entries, each its own row', () => {
    const fdb = tablesAtStep(input(w), 'sw1', last).fdb;
    const r1 = fdb.filter((r) => r.entry.port === 'p3');
    expect(r1.map((r) => r.entry.vlan).sort()).toEqual([10, 20]);
    expect(new Set(r1.map((r) => r.entry.mac)).size).toBe(1);
    expect(fdb.map((r) => `${r.entry.vlan}|${r.entry.mac}`)).toEqual([...new Set(fdb.map((r) => `${r.entry.vlan}|${r.entry.mac}`))]);
  });
});
