// `iptables -t nat -S` of a bundled example, the NAT rows' parts, the port-forward form's rule,
// and a line of the rules' text as a command.

import { describe, expect, test } from 'vitest';
import type { NatRule } from '../../engine';
import { parseIptables, shellWords } from '../../engine';
import { iptablesNatS } from '../../engine/pure';
import { simApi } from '../../worker/sim-api';
import { natCommand } from '../commands/nat';
import { matchParts, portForwardLine } from './natRules';

function rule(command: string): NatRule {
  const r = parseIptables((shellWords(command) as string[]).slice(1));
  if (r.kind !== 'ok') throw new Error(r.message);
  return r.rule;
}

test('a bundled example’s gateway lists its MASQUERADE rule after the policies', () => {
  const gw = simApi.loadExample('home-nat').nodes.find((n) => n.name === 'gw');
  expect(gw?.kind === 'linux' && iptablesNatS(gw.nat ?? [])).toMatch(/-P POSTROUTING ACCEPT\n-A POSTROUTING -o wan -j MASQUERADE$/);
});

test('rows: the match as parts', () => {
  const r = rule('iptables -t nat -A PREROUTING -i wan -s 198.51.100.0/24 -p udp --sport 5 --dport 8053 -j DNAT --to-destination 192.168.1.10:53');
  expect(matchParts(r)).toEqual([
    { key: 'in', value: 'wan' },
    { key: 'src', value: '198.51.100.0/24' },
    { key: 'proto', value: 'udp' },
    { key: 'sport', value: '5' },
    { key: 'dport', value: '8053' },
  ]);
  expect(matchParts(rule('iptables -t nat -A POSTROUTING -j MASQUERADE'))).toEqual([]);
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
