// `ip -s link` and `ip -s addr` on the default example (h1 — sw1 — r1 — sw2 — h2). Expected texts
// are what iproute2 6.1 printed in network namespaces built as the example (same names and MACs,
// IPv6 disabled) before and after `ping -c 1 10.0.2.10` on h1 (counters then: 2 frames, 140
// bytes each way: an ARP frame of 42 bytes and an echo of 98).

import { describe, expect, test } from 'vitest';
import { EXAMPLES } from '../../examples';
import { parseClab } from '../io/clab';
import { simulate } from '../sim/simulate';
import type { Topology } from '../topology';
import { runShell, type Learned } from './shell';
import { formatStats, linkStats } from './ip-stats';

const example = EXAMPLES.find((e) => e.name === 'two-subnets-router')!;
const base = (): Topology => parseClab(example.text, example.file);
const stdout = (node: string, line: string, learned: Learned = {}) => {
  const r = runShell(base(), node, line, learned);
  return r.kind === 'done' ? r.stdout + r.stderr : r.kind;
};
const afterPing = (node: string): Learned => {
  const r = simulate(base(), { scenario: [{ kind: 'run', on: 'h1', run: 'ping -c 1 10.0.2.10' }] });
  return { stats: linkStats(r.events, node, Infinity) };
};

const ZERO = [
  '    RX:  bytes packets errors dropped  missed   mcast           ',
  '             0       0      0       0       0       0 ',
  '    TX:  bytes packets errors dropped carrier collsns           ',
  '             0       0      0       0       0       0 ',
];
const PING = [
  '    RX:  bytes packets errors dropped  missed   mcast           ',
  '           140       2      0       0       0       0 ',
  '    TX:  bytes packets errors dropped carrier collsns           ',
  '           140       2      0       0       0       0 ',
];
const lines = (...l: string[]) => l.join('\n') + '\n';
const ETH1 = '2: eth1@if3: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default qlen 1000';
const ETHER = '    link/ether 02:00:00:00:00:01 brd ff:ff:ff:ff:ff:ff link-netns sw1';

describe('ip -s', () => {
  test('ip -s link before any walk: every counter 0', () => {
    expect(stdout('h1', 'ip -s link')).toBe(
      lines('1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000', '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00', ...ZERO, ETH1, ETHER, ...ZERO),
    );
  });

  test('ip -s link show eth1 after a ping: the frames of the walk', () => {
    expect(stdout('h1', 'ip -s link show eth1', afterPing('h1'))).toBe(lines(ETH1, ETHER, ...PING));
  });

  test('ip -s -s link show eth1: the error lines, and 2 carrier changes (the veth came up with its peer)', () => {
    expect(stdout('h1', 'ip -s -s link show eth1', afterPing('h1'))).toBe(
      lines(
        ETH1,
        ETHER,
        PING[0]!,
        PING[1]!,
        '    RX errors:  length    crc   frame    fifo overrun',
        '                     0      0       0       0       0 ',
        PING[2]!,
        PING[3]!,
        '    TX errors: aborted   fifo  window heartbt transns',
        '                     0      0       0       0       2 ',
      ),
    );
  });

  test('ip -s addr show eth1: the counters after the addresses', () => {
    expect(stdout('h1', 'ip -s addr show eth1', afterPing('h1'))).toBe(
      lines(
        '2: eth1@if3: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000',
        ETHER,
        '    inet 10.0.1.10/24 scope global eth1',
        '       valid_lft forever preferred_lft forever',
        ...PING,
      ),
    );
  });

  test("a bridge's port counts what it passed on (sw1's p2 towards r1)", () => {
    expect(stdout('sw1', 'ip -s link show p2', afterPing('sw1')).split('\n').slice(2).join('\n')).toBe(lines(...PING));
  });

  test('the counters are those of the step shown: none before the walk reached the node', () => {
    const r = simulate(base(), { scenario: [{ kind: 'run', on: 'h1', run: 'ping -c 1 10.0.2.10' }] });
    const firstTx = r.events.find((e) => e.kind === 'frame.tx')!.seq;
    expect(linkStats(r.events, 'h1', firstTx - 1)).toEqual({});
    expect(linkStats(r.events, 'h1', firstTx).eth1).toEqual({ rxBytes: 0, rxPackets: 0, txBytes: 42, txPackets: 1, txDropped: 0 });
  });

  test('columns widen for numbers longer than their header (size_columns)', () => {
    const text = formatStats({ rxBytes: 12345678901, rxPackets: 123456789, txBytes: 0, txPackets: 0, txDropped: 0 }, 2, 1);
    expect(text.split('\n').slice(0, 2)).toEqual(['    RX:   bytes   packets errors dropped  missed   mcast           ', '    12345678901 123456789      0       0       0       0 ']);
  });
});
