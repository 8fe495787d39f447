// `iptables -t nat` rules: what is written back is what was typed (parse, then write), a rule's
// target, and `iptables -t nat -S` written from a node's rules, compared with what iptables
// v1.8.9 printed in a network namespace for the same `iptables -t nat -A` commands.

import { describe, expect, test } from 'vitest';
import type { NatRule } from '../topology';
import { shellWords } from '../userspace/commands';
import { iptablesRule, iptablesText, natTo, parseIptables } from './iptables';
import { iptablesNatS, maskedPrefix } from './iptables-save';

function rule(command: string): NatRule {
  const r = parseIptables((shellWords(command) as string[]).slice(1));
  if (r.kind !== 'ok') throw new Error(r.message);
  return r.rule;
}

test.each([
  '-A POSTROUTING -o eth2 -j MASQUERADE',
  '-A PREROUTING -i wan -p udp --dport 8053 -j DNAT --to-destination 192.168.1.10:53',
  '-A PREROUTING -i wan -p tcp --dport 2222 -j DNAT --to-destination 192.168.1.10',
  '-A POSTROUTING -o wan -s 192.168.1.0/24 -d 10.0.0.0/8 -p tcp --sport 40 -j SNAT --to-source 203.0.113.1:5',
  '-A PREROUTING -p icmp -j DNAT --to-destination 10.0.0.1',
  '-A POSTROUTING -o wan -p udp -j SNAT --to-source 198.51.100.2:40000-40001',
])('%s is written back as typed', (text) => {
  const r = rule(`iptables -t nat ${text}`);
  expect(iptablesRule(r)).toBe(text);
  expect(iptablesText(r)).toBe(`iptables -t nat ${text}`);
});

test('a rule’s target: the address and port it translates to, none for MASQUERADE', () => {
  expect(natTo(rule('iptables -t nat -A PREROUTING -p udp --dport 8053 -j DNAT --to-destination 192.168.1.10:53'))).toBe('192.168.1.10:53');
  expect(natTo(rule('iptables -t nat -A POSTROUTING -j SNAT --to-source 203.0.113.1'))).toBe('203.0.113.1');
  expect(natTo(rule('iptables -t nat -A POSTROUTING -j MASQUERADE'))).toBe('');
  expect(rule('iptables -t nat -A POSTROUTING -p udp -j SNAT --to-source 203.0.113.1:7000-7001')).toMatchObject({ toPort: 7000, toPortMax: 7001 });
  expect(rule('iptables -t nat -A POSTROUTING -p udp -j SNAT --to-source 203.0.113.1:7000-7000')).not.toHaveProperty('toPortMax');
  expect(parseIptables(shellWords('-t nat -A POSTROUTING -p udp -j SNAT --to-source 203.0.113.1:7001-7000') as string[])).toMatchObject({ kind: 'error' });
});

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

});
