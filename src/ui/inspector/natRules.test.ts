// `iptables -t nat -S` written from a node's rules, compared with what iptables v1.8.9 printed
// in a network namespace for the same `iptables -t nat -A` commands; the rows' parts; the
// port-forward form's rule.

import { describe, expect, test } from 'vitest';
import type { NatRule } from '../../engine';
import { parseIptables, shellWords } from '../../engine';
import { simApi } from '../../worker/sim-api';
import { natCommand } from '../commands/nat';
import { iptablesNatS, maskedPrefix, matchParts, portForwardLine, toText } from './natRules';

function rule(command: string): NatRule {
  const r = parseIptables((shellWords(command) as string[]).slice(1));
  if (r.kind !== 'ok') throw new Error(r.message);
  return r.rule;
}

describe('iptables -t nat -S', () => {
  test('policies first, then each chain’s rules in iptables’ option order (recorded on Linux)', () => {
    // The commands as typed, in this order, on iptables v1.8.9 (nf_tables and legacy print the same).
    const typed = [
      'iptables -t nat -A POSTROUTING -o eth0 -j MASQUERADE',
      'iptables -t nat -A PREROUTING -i wan -p udp --dport 8053 -j DNAT --to-destination 192.168.1.10:53',
      'iptables -t nat -A PREROUTING -i wan -p tcp --dport 2222 -j DNAT --to-destination 192.168.1.10',
      'iptables -t nat -A POSTROUTING -s 192.168.1.0/24 -d 10.0.0.0/8 -o wan -p tcp --sport 40 -j SNAT --to-source 1.2.3.4:5',
      'iptables -t nat -A POSTROUTING -s 192.168.1.5/32 -p icmp -j SNAT --to-source 1.2.3.4',
      'iptables -t nat -A POSTROUTING -d 0.0.0.0/0 -j MASQUERADE',
      'iptables -t nat -A PREROUTING -s 10.1.2.3/16 -j DNAT --to-destination 10.0.0.1',
      'iptables -t nat -A POSTROUTING -p udp -j MASQUERADE',
      'iptables -t nat -A PREROUTING -i wan -s 10.0.0.0/8 -d 1.2.3.4/32 -p tcp --dport 80 --sport 1234 -j DNAT --to-destination 192.168.1.10:8080',
    ];
    expect(iptablesNatS(typed.map(rule))).toBe(
      [
        '-P PREROUTING ACCEPT',
        '-P INPUT ACCEPT',
        '-P OUTPUT ACCEPT',
        '-P POSTROUTING ACCEPT',
        '-A PREROUTING -i wan -p udp -m udp --dport 8053 -j DNAT --to-destination 192.168.1.10:53',
        '-A PREROUTING -i wan -p tcp -m tcp --dport 2222 -j DNAT --to-destination 192.168.1.10',
        '-A PREROUTING -s 10.1.0.0/16 -j DNAT --to-destination 10.0.0.1',
        '-A PREROUTING -s 10.0.0.0/8 -d 1.2.3.4/32 -i wan -p tcp -m tcp --sport 1234 --dport 80 -j DNAT --to-destination 192.168.1.10:8080',
        '-A POSTROUTING -o eth0 -j MASQUERADE',
        '-A POSTROUTING -s 192.168.1.0/24 -d 10.0.0.0/8 -o wan -p tcp -m tcp --sport 40 -j SNAT --to-source 1.2.3.4:5',
        '-A POSTROUTING -s 192.168.1.5/32 -p icmp -j SNAT --to-source 1.2.3.4',
        '-A POSTROUTING -j MASQUERADE',
        '-A POSTROUTING -p udp -j MASQUERADE',
      ].join('\n'),
    );
  });

  test('no rules: only the policies', () => {
    expect(iptablesNatS([])).toBe('-P PREROUTING ACCEPT\n-P INPUT ACCEPT\n-P OUTPUT ACCEPT\n-P POSTROUTING ACCEPT');
  });

  test.each([
    [{ ip: '10.1.2.3', len: 16 }, '10.1.0.0/16'],
    [{ ip: '192.168.1.5', len: 32 }, '192.168.1.5/32'],
    [{ ip: '203.0.113.77', len: 25 }, '203.0.113.0/25'],
    [{ ip: '255.255.255.255', len: 1 }, '128.0.0.0/1'],
    [{ ip: '10.0.0.1', len: 0 }, undefined],
  ] as const)('maskedPrefix(%o) is %s', (p, text) => {
    expect(maskedPrefix(p as never)).toBe(text);
  });

  test('a bundled example’s gateway', () => {
    const gw = simApi.loadExample('home-nat').nodes.find((n) => n.name === 'gw');
    expect(gw?.kind === 'linux' && iptablesNatS(gw.nat ?? [])).toMatch(/-P POSTROUTING ACCEPT\n-A POSTROUTING -o wan -j MASQUERADE$/);
  });
});

test('rows: the match as parts, the target’s address', () => {
  const r = rule('iptables -t nat -A PREROUTING -i wan -s 198.51.100.0/24 -p udp --sport 5 --dport 8053 -j DNAT --to-destination 192.168.1.10:53');
  expect(matchParts(r)).toEqual([
    { key: 'in', value: 'wan' },
    { key: 'src', value: '198.51.100.0/24' },
    { key: 'proto', value: 'udp' },
    { key: 'sport', value: '5' },
    { key: 'dport', value: '8053' },
  ]);
  expect(toText(r)).toBe('192.168.1.10:53');
  expect(matchParts(rule('iptables -t nat -A POSTROUTING -j MASQUERADE'))).toEqual([]);
  expect(toText(rule('iptables -t nat -A POSTROUTING -j MASQUERADE'))).toBe('');
});

describe('the port-forward form', () => {
  test.each([
    [{ in: 'wan', proto: 'tcp', port: '8080', toAddr: '192.168.1.10', toPort: '80' }, '-A PREROUTING -i wan -p tcp --dport 8080 -j DNAT --to-destination 192.168.1.10:80'],
    [{ in: '', proto: 'udp', port: ' 53 ', toAddr: '192.168.1.10 ', toPort: '' }, '-A PREROUTING -p udp --dport 53 -j DNAT --to-destination 192.168.1.10'],
  ] as const)('%o gives %s, a rule iptables accepts', (fields, line) => {
    expect(portForwardLine(fields)).toBe(line);
    expect(parseIptables((shellWords(natCommand(line)) as string[]).slice(1)).kind).toBe('ok');
  });
});

describe('natCommand: a line of the text as a whole iptables command', () => {
  test.each([
    ['-A POSTROUTING -o eth2 -j MASQUERADE', 'iptables -t nat -A POSTROUTING -o eth2 -j MASQUERADE'],
    ['  -t nat -A POSTROUTING -j MASQUERADE ', 'iptables -t nat -A POSTROUTING -j MASQUERADE'],
    ['iptables -t nat -A POSTROUTING -j MASQUERADE', 'iptables -t nat -A POSTROUTING -j MASQUERADE'],
    ['--table filter -A INPUT -j DROP', 'iptables --table filter -A INPUT -j DROP'],
  ])('%s', (line, command) => {
    expect(natCommand(line)).toBe(command);
  });
});
