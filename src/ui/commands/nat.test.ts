// NAT rules edited through the worker, as the inspector edits them: every line checked with
// checkNatRule (what packetwalk models, interfaces that exist on the node), nothing applied unless
// every line is accepted, each change one undo step that clears the last run.

import { beforeEach, describe, expect, test } from 'vitest';
import type { LinuxNode } from '../../engine';
import { deleteLinks, iptablesRule, natRulesOf } from '../../engine/pure';
import { resetAppStore, selectNode, selectTopology, useAppStore } from '../../store';
import { createSimClient } from '../../worker/client';
import { useToasts } from '../toast/toastStore';
import { removeInterface } from './interfaces';
import { addNatRule, applyNatLines, checkNatLines, deleteNatRule, setWanInterface } from './nat';
import { openExample } from './openExample';
import { runScenario } from './runScenario';

const client = createSimClient();
const store = () => useAppStore.getState();
const topology = () => selectTopology(store())!;
const linux = (name: string) => selectNode(name)(store()) as LinuxNode;
const rules = (name: string) => natRulesOf(linux(name)).map(iptablesRule);
const pastSteps = () => useAppStore.temporal.getState().pastStates.length;

const MASQ = '-A POSTROUTING -o wan -j MASQUERADE';
const FORWARD = '-A PREROUTING -i wan -p tcp --dport 8080 -j DNAT --to-destination 192.168.1.10:80';

beforeEach(async () => {
  resetAppStore();
  useToasts.getState().clear();
  await openExample(client, 'tcp-nat', { startup: true });
});

describe('rule lines', () => {
  test('each line is checked on the node, with iptables’ reason and its line number', async () => {
    const text = `${MASQ}\n-A POSTROUTING -o wan -j DROP\n\n# a comment\n-A PREROUTING -i eth9 -p udp --dport 53 -j DNAT --to-destination 192.168.1.10`;
    expect(await checkNatLines(client, topology(), 'gw', text)).toEqual({
      ok: false,
      errors: [
        { line: 2, message: 'iptables: target "DROP" is not supported (MASQUERADE, SNAT, DNAT)' },
        { line: 5, message: 'iptables: interface "eth9" does not exist on gw' },
      ],
    });
  });

  test('a line may be the words after "iptables -t nat", after "iptables", or the whole command', async () => {
    const text = `${MASQ}\n-t nat ${FORWARD}\niptables -t nat -A PREROUTING -i wan -p udp --dport 53 -j DNAT --to-destination 192.168.1.10`;
    const r = await checkNatLines(client, topology(), 'gw', text);
    expect(r.ok && r.rules.map(iptablesRule)).toEqual([MASQ, FORWARD, '-A PREROUTING -i wan -p udp --dport 53 -j DNAT --to-destination 192.168.1.10']);
  });

  test('text with a bad line applies nothing', async () => {
    const before = topology();
    const r = await applyNatLines(client, 'gw', `${MASQ}\n-A POSTROUTING -o eth9 -j MASQUERADE`);
    expect(r).toEqual({ kind: 'invalid', errors: [{ line: 2, message: 'iptables: interface "eth9" does not exist on gw' }] });
    expect(topology()).toBe(before);
    expect(pastSteps()).toBe(0);
  });

  test('valid text replaces the rules in one undo step, and clears the last run', async () => {
    await runScenario(client);
    expect(store().lastRun.status).toBe('done');
    expect((await applyNatLines(client, 'gw', `${FORWARD}\n${MASQ}`)).kind).toBe('applied');
    expect(rules('gw')).toEqual([FORWARD, MASQ]);
    expect(pastSteps()).toBe(1);
    expect(store().lastRun.status).toBe('idle');
    store().undo();
    expect(rules('gw')).toEqual([MASQ]);
  });

  test('empty text removes every rule', async () => {
    expect((await applyNatLines(client, 'gw', '')).kind).toBe('applied');
    expect(linux('gw').nat).toBeUndefined();
  });
});

describe('one rule at a time', () => {
  test('a port forward is added after the other rules; a dry run changes nothing', async () => {
    expect((await addNatRule(client, 'gw', FORWARD, true)).kind).toBe('applied');
    expect(rules('gw')).toEqual([MASQ]);
    expect((await addNatRule(client, 'gw', FORWARD)).kind).toBe('applied');
    expect(rules('gw')).toEqual([MASQ, FORWARD]);
    expect(pastSteps()).toBe(1);
  });

  test('a rule iptables would refuse, or that packetwalk does not model, is refused with the reason', async () => {
    expect(await addNatRule(client, 'gw', '-A PREROUTING -i wan -p tcp --dport 99999 -j DNAT --to-destination 192.168.1.10')).toEqual({
      kind: 'invalid',
      errors: [{ line: 1, message: 'iptables: invalid port "99999" for --dport' }],
    });
    expect(await addNatRule(client, 'gw', '-A PREROUTING -i wan -p tcp --dport 80 -j DNAT --to-destination 192.168.1.300')).toEqual({
      kind: 'invalid',
      errors: [{ line: 1, message: 'iptables: bad IP address "192.168.1.300"' }],
    });
    expect(rules('gw')).toEqual([MASQ]);
  });

  test('deleting a rule is one undo step', async () => {
    await addNatRule(client, 'gw', FORWARD);
    expect((await deleteNatRule(client, 'gw', 0)).kind).toBe('applied');
    expect(rules('gw')).toEqual([FORWARD]);
    store().undo();
    expect(rules('gw')).toEqual([MASQ, FORWARD]);
  });

  test('an interface a rule names cannot be removed while the rule is there', async () => {
    store().edit((t) => deleteLinks(t, ['gw:wan--server:eth1']));
    const r = await removeInterface(client, 'gw', 'wan');
    expect(r.kind === 'rejected' && r.messages).toEqual(['gw: iptables -t nat -A POSTROUTING -o wan -j MASQUERADE: interface "wan" does not exist']);
    expect(linux('gw').ifaces.map((i) => i.name)).toEqual(['lan', 'wan']);
  });
});

describe('the WAN interface', () => {
  test('choosing another WAN moves MASQUERADE and the port forwards to it', async () => {
    await addNatRule(client, 'gw', FORWARD);
    expect((await setWanInterface(client, 'gw', 'lan')).kind).toBe('applied');
    expect(rules('gw')).toEqual(['-A POSTROUTING -o lan -j MASQUERADE', '-A PREROUTING -i lan -p tcp --dport 8080 -j DNAT --to-destination 192.168.1.10:80']);
    expect(pastSteps()).toBe(2);
  });

  test('a router whose WAN is chosen becomes a NAT gateway', async () => {
    await openExample(client, 'two-subnets-router', { startup: true });
    expect((await setWanInterface(client, 'r1', 'eth2')).kind).toBe('applied');
    expect(linux('r1')).toMatchObject({ role: 'nat', ipForward: true });
    expect(rules('r1')).toEqual(['-A POSTROUTING -o eth2 -j MASQUERADE']);
    store().undo();
    expect(linux('r1')).toMatchObject({ role: 'router' });
    expect(linux('r1').nat).toBeUndefined();
  });
});
