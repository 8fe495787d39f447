// Editing operations on plain topologies: names, interfaces, MACs, links, deletion, paste. Every
// result must still be a valid document (validateTopology finds nothing).

import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { iptablesRule, parseIptables } from '../io/iptables';
import { parseClab } from '../io/clab';
import { validateTopology } from '../io/validate';
import { routeText } from '../linux-text';
import { linkKey, type BridgeNode, type LinuxNode, type NatRule, type Topology } from '../topology';
import { macFromSerial, type Ipv4Addr } from '../wire/addr';
import {
  addDevice,
  appendNatRule,
  connect,
  copyNodes,
  deleteLinks,
  deleteNodes,
  dropNatRules,
  emptyTopology,
  moveNodes,
  natRulesOf,
  nextIfaceName,
  pasteNodes,
  removeIface,
  renameNode,
  setIfaceAddrs,
  setIfaceMac,
  setNatRules,
  setWan,
  natLinkSide,
  wanOf,
} from '.';

const ip = (s: string) => s as Ipv4Addr;
const at = { x: 0, y: 0 };

/** Adds devices of these roles in order. */
function build(...roles: Parameters<typeof addDevice>[1][]): Topology {
  return roles.reduce((t, r) => addDevice(t, r, at).topology, emptyTopology());
}

function linked(t: Topology, a: string, b: string): Topology {
  const r = connect(t, a, b);
  if (r.kind !== 'ok') throw new Error(r.reason);
  return r.topology;
}

const node = (t: Topology, name: string) => t.nodes.find((n) => n.name === name)!;
const valid = (t: Topology) => expect(validateTopology(t)).toEqual([]);

describe('new devices', () => {
  test.each([
    ['host', 'h1', 'linux', false],
    ['server', 'srv1', 'linux', false],
    ['router', 'r1', 'linux', true],
    ['nat', 'nat1', 'linux', true],
    ['switch', 'sw1', 'bridge', undefined],
  ] as const)('a %s is called %s, is a %s node, ip_forward %s', (role, name, kind, fwd) => {
    const { topology, name: got } = addDevice(emptyTopology(), role, { x: 10, y: 20 });
    expect(got).toBe(name);
    const n = node(topology, name);
    expect(n).toMatchObject({ kind, role, ifaces: [], position: { x: 10, y: 20 } });
    if (n.kind === 'linux') expect(n.ipForward).toBe(fwd);
    valid(topology);
  });

  test('names take the first free number', () => {
    const t = build('host', 'host', 'host');
    expect(t.nodes.map((n) => n.name)).toEqual(['h1', 'h2', 'h3']);
    const without2 = deleteNodes(t, ['h2']);
    expect(addDevice(without2, 'host', at).name).toBe('h2');
  });
});

describe('connect', () => {
  test('creates eth1 on a linux node and p1 on a switch, with fresh unique MACs', () => {
    const t = linked(build('host', 'switch'), 'h1', 'sw1');
    expect(t.links).toEqual([{ a: { node: 'h1', iface: 'eth1' }, b: { node: 'sw1', iface: 'p1' } }]);
    expect(node(t, 'h1').ifaces).toEqual([{ name: 'eth1', mac: '02:00:00:00:00:01', macAuto: true, addrs: [] }]);
    expect(node(t, 'sw1').ifaces).toEqual([{ name: 'p1', mac: '02:00:00:00:00:02', macAuto: true, addrs: [] }]);
    valid(t);
  });

  test('the next interfaces are eth2, and each switch numbers its own ports from p1', () => {
    let t = build('router', 'switch', 'switch');
    t = linked(t, 'r1', 'sw1');
    t = linked(t, 'r1', 'sw2');
    t = linked(t, 'sw1', 'sw2');
    expect(t.links.map(linkKey)).toEqual(['r1:eth1--sw1:p1', 'r1:eth2--sw2:p1', 'sw1:p2--sw2:p2']);
    valid(t);
  });

  test('a switch whose ports were numbered across switches (an older network) keeps them and fills its own gaps', () => {
    let t = build('host', 'host', 'switch');
    const sw = { ...(t.nodes[2] as BridgeNode), ifaces: [{ name: 'p4', mac: macFromSerial(20), addrs: [] }, { name: 'p5', mac: macFromSerial(21), addrs: [] }] };
    t = { ...t, nodes: [t.nodes[0]!, t.nodes[1]!, sw] };
    t = linked(linked(t, 'h1', 'sw1'), 'h2', 'sw1');
    expect(t.links.map(linkKey)).toEqual(['h1:eth1--sw1:p4', 'h2:eth1--sw1:p5']);
    t = linked(t, 'h1', 'sw1');
    expect(t.links.map(linkKey).at(-1)).toBe('h1:eth2--sw1:p1');
  });

  test('an interface left without a link (a deleted link) is used again, with its address', () => {
    let t = linked(build('host', 'switch', 'switch'), 'h1', 'sw1');
    t = setIfaceAddrs(t, 'h1', 'eth1', [{ ip: ip('192.0.2.10'), len: 24 }]);
    t = deleteLinks(t, ['h1:eth1--sw1:p1']);
    expect(node(t, 'h1').ifaces.map((i) => i.name)).toEqual(['eth1']);
    t = linked(t, 'h1', 'sw2');
    expect(t.links.map(linkKey)).toEqual(['h1:eth1--sw2:p1']);
    expect(node(t, 'h1').ifaces[0]!.addrs).toEqual([{ ip: '192.0.2.10', len: 24 }]);
    valid(t);
  });

  test('eth numbers fill gaps: with eth2 taken the next is eth1', () => {
    const n = { ...(build('host').nodes[0] as LinuxNode), ifaces: [{ name: 'eth2', mac: macFromSerial(9), addrs: [] }] };
    expect(nextIfaceName(n)).toBe('eth1');
  });

  test('a device cannot be linked to itself', () => {
    expect(connect(build('host'), 'h1', 'h1')).toEqual({ kind: 'error', reason: 'self' });
    expect(connect(build('host'), 'h1', 'h9')).toEqual({ kind: 'error', reason: 'unknown-node' });
  });

  test('MACs skip serials used by the file (a MAC set by hand)', () => {
    let t = linked(build('host', 'host'), 'h1', 'h2');
    t = setIfaceMac(t, 'h1', 'eth1', macFromSerial(3));
    t = addDevice(t, 'switch', at).topology;
    t = linked(t, 'h1', 'sw1');
    expect(node(t, 'h1').ifaces.map((i) => i.mac)).toEqual(['02:00:00:00:00:03', '02:00:00:00:00:01']);
    expect(node(t, 'sw1').ifaces[0]!.mac).toBe('02:00:00:00:00:04');
    valid(t);
  });
});

describe('delete', () => {
  const chain = () => {
    let t = build('host', 'switch', 'router');
    t = linked(t, 'h1', 'sw1');
    t = linked(t, 'r1', 'sw1');
    return { ...t, scenario: [{ kind: 'run' as const, on: 'h1', run: 'ping -c 1 10.0.0.1' }, { kind: 'sleep' as const, seconds: 1 }] };
  };

  test('deleting a device removes its links and its scenario steps; peers keep their interfaces', () => {
    const t = deleteNodes(chain(), ['h1']);
    expect(t.nodes.map((n) => n.name)).toEqual(['sw1', 'r1']);
    expect(t.links.map(linkKey)).toEqual(['r1:eth1--sw1:p2']);
    expect(node(t, 'sw1').ifaces.map((i) => i.name)).toEqual(['p1', 'p2']);
    expect(t.scenario).toEqual([{ kind: 'sleep', seconds: 1 }]);
    valid(t);
  });

  test('deleting a link keeps both interfaces', () => {
    const t = deleteLinks(chain(), ['h1:eth1--sw1:p1']);
    expect(t.links.map(linkKey)).toEqual(['r1:eth1--sw1:p2']);
    expect(node(t, 'h1').ifaces.map((i) => i.name)).toEqual(['eth1']);
  });

  test('nothing to delete gives back the same object', () => {
    const t = chain();
    expect(deleteNodes(t, ['nope'])).toBe(t);
    expect(deleteLinks(t, ['a:b--c:d'])).toBe(t);
  });

  test('an interface with a link is not removed; without one it is', () => {
    let t = chain();
    expect(removeIface(t, 'h1', 'eth1')).toBe(t);
    t = removeIface(deleteLinks(t, ['h1:eth1--sw1:p1']), 'h1', 'eth1');
    expect(node(t, 'h1').ifaces).toEqual([]);
  });
});

describe('rename and move', () => {
  test('a rename follows the device into its links and scenario steps', () => {
    let t = linked(build('host', 'switch'), 'h1', 'sw1');
    t = { ...t, scenario: [{ kind: 'run', on: 'h1', run: 'ip route show' }] };
    const r = renameNode(t, 'h1', 'pc-alice');
    expect(r.links.map(linkKey)).toEqual(['pc-alice:eth1--sw1:p1']);
    expect(r.scenario).toEqual([{ kind: 'run', on: 'pc-alice', run: 'ip route show' }]);
    expect(node(r, 'sw1')).toBe(node(t, 'sw1'));
    valid(r);
  });

  test('moving keeps unmoved nodes as they were', () => {
    const t = build('host', 'switch');
    const m = moveNodes(t, { h1: { x: 40, y: 60 } });
    expect(node(m, 'h1').position).toEqual({ x: 40, y: 60 });
    expect(node(m, 'sw1')).toBe(node(t, 'sw1'));
    expect(moveNodes(m, { h1: { x: 40, y: 60 } })).toBe(m);
  });
});

describe('copy and paste', () => {
  const example = parseClab(readFileSync(new URL('../__oracle__/two-subnets-router.clab.yml', import.meta.url), 'utf8'), 'two-subnets-router.clab.yml');

  test('fresh names and MACs; addresses that clash are left empty; links among copies are copied', () => {
    const clip = copyNodes(example, ['h1', 'sw1']);
    expect(clip.links.map(linkKey)).toEqual(['h1:eth1--sw1:p1']);
    const { topology, names } = pasteNodes(example, clip, { x: 40, y: 40 });
    expect(names).toEqual(['h3', 'sw3']);
    const h3 = node(topology, 'h3') as LinuxNode;
    expect(h3.ifaces[0]!.addrs).toEqual([]);
    expect(h3.position).toEqual({ x: 40, y: 40 });
    // A pasted switch keeps its port names: ports are numbered per switch.
    expect(topology.links.map(linkKey)).toContain('h3:eth1--sw3:p1');
    const macs = topology.nodes.flatMap((n) => n.ifaces.map((i) => i.mac));
    expect(new Set(macs).size).toBe(macs.length);
    // The copied default route now has no reachable gateway: the caller drops it (pasteClipboard).
    expect(validateTopology(topology).map((i) => i.message)).toEqual(['h3: ip route add default via 10.0.1.1: Error: Nexthop has invalid gateway.']);
  });

  test('after a cut the addresses (and the name) come back', () => {
    const clip = copyNodes(example, ['h2']);
    const cut = deleteNodes(example, ['h2']);
    const { topology, names } = pasteNodes(cut, clip, { x: 0, y: 0 });
    expect(names).toEqual(['h2']);
    expect((node(topology, 'h2') as LinuxNode).ifaces[0]!.addrs).toEqual([{ ip: '10.0.2.10', len: 24 }]);
    expect((node(topology, 'h2') as LinuxNode).routes.map(routeText)).toEqual(['default via 10.0.2.1']);
    valid(topology);
  });
});

/** A rule from the words after `iptables -t nat`, read by the engine. */
function rule(text: string): NatRule {
  const r = parseIptables(['-t', 'nat', ...text.split(' ')]);
  if (r.kind !== 'ok') throw new Error(r.message);
  return r.rule;
}

const rulesOf = (t: Topology, name: string) => natRulesOf(node(t, name)).map(iptablesRule);

describe('NAT gateway preset', () => {
  /** sw1 (LAN) — nat1 — r1 (WAN), linked in that order. */
  const gateway = () => linked(linked(build('switch', 'nat', 'router'), 'sw1', 'nat1'), 'nat1', 'r1');

  test('its first link is the LAN side; its second link is the WAN side, with MASQUERADE', () => {
    const lanOnly = linked(build('switch', 'nat', 'router'), 'sw1', 'nat1');
    expect(natRulesOf(node(lanOnly, 'nat1'))).toEqual([]);
    expect((node(lanOnly, 'nat1') as LinuxNode).nat).toBeUndefined();
    const t = gateway();
    expect(rulesOf(t, 'nat1')).toEqual(['-A POSTROUTING -o eth2 -j MASQUERADE']);
    expect(wanOf(node(t, 'nat1'))).toBe('eth2');
    expect(node(t, 'nat1')).toMatchObject({ role: 'nat', ipForward: true });
    // The router at the other end gets nothing.
    expect(natRulesOf(node(t, 'r1'))).toEqual([]);
    valid(t);
  });

  test('the link is drawn from either end; a third link adds nothing', () => {
    const t = linked(linked(build('switch', 'nat', 'router'), 'sw1', 'nat1'), 'r1', 'nat1');
    expect(rulesOf(t, 'nat1')).toEqual(['-A POSTROUTING -o eth2 -j MASQUERADE']);
    const more = linked(addDevice(t, 'host', at).topology, 'nat1', 'h1');
    expect(rulesOf(more, 'nat1')).toEqual(['-A POSTROUTING -o eth2 -j MASQUERADE']);
  });

  test('natLinkSide says which side the next link makes, as connect then does', () => {
    let t = build('switch', 'nat', 'router', 'host');
    expect(natLinkSide(t, 'nat1')).toEqual({ iface: 'eth1', side: 'lan' });
    expect(natLinkSide(t, 'r1')).toBeUndefined();
    t = linked(t, 'sw1', 'nat1');
    expect(natLinkSide(t, 'nat1')).toEqual({ iface: 'eth2', side: 'wan' });
    t = linked(t, 'nat1', 'r1');
    expect(wanOf(node(t, 'nat1'))).toBe('eth2');
    expect(natLinkSide(t, 'nat1')).toEqual({ iface: 'eth3', side: 'lan' });
    // The WAN cable unplugged: the next link takes eth2 again, the WAN.
    t = deleteLinks(t, ['nat1:eth2--r1:eth1']);
    expect(natLinkSide(t, 'nat1')).toEqual({ iface: 'eth2', side: 'wan' });
    // A gateway whose rules were removed, with two links: no preset, the WAN is chosen by hand.
    t = setNatRules(linked(t, 'nat1', 'r1'), 'nat1', []);
    expect(natLinkSide(t, 'nat1')).toEqual({ iface: 'eth3', side: 'none' });
    expect(natRulesOf(node(linked(t, 'nat1', 'h1'), 'nat1'))).toEqual([]);
  });

  test('a gateway that has rules already keeps them; a router gets no rule', () => {
    let t = linked(build('switch', 'nat', 'router', 'router'), 'sw1', 'nat1');
    t = setNatRules(t, 'nat1', [rule('-A POSTROUTING -o eth1 -j MASQUERADE')]);
    t = linked(t, 'nat1', 'r1');
    expect(rulesOf(t, 'nat1')).toEqual(['-A POSTROUTING -o eth1 -j MASQUERADE']);
    t = linked(linked(t, 'r1', 'sw1'), 'r1', 'r2');
    expect(natRulesOf(node(t, 'r1'))).toEqual([]);
  });

  test('a pasted gateway keeps its rules (its interfaces keep their names)', () => {
    const t = gateway();
    const { topology, names } = pasteNodes(t, copyNodes(t, ['nat1']), { x: 0, y: 200 });
    expect(rulesOf(topology, names[0]!)).toEqual(['-A POSTROUTING -o eth2 -j MASQUERADE']);
    valid(topology);
  });

  test('setWan moves the WAN side: MASQUERADE and the port forwards coming in on it follow', () => {
    let t = gateway();
    t = appendNatRule(t, 'nat1', rule('-A PREROUTING -i eth2 -p tcp --dport 8080 -j DNAT --to-destination 192.168.1.10:80'));
    t = appendNatRule(t, 'nat1', rule('-A PREROUTING -i eth1 -p udp --dport 53 -j DNAT --to-destination 192.168.1.1'));
    const moved = setWan(t, 'nat1', 'eth1');
    expect(rulesOf(moved, 'nat1')).toEqual([
      '-A POSTROUTING -o eth1 -j MASQUERADE',
      '-A PREROUTING -i eth1 -p tcp --dport 8080 -j DNAT --to-destination 192.168.1.10:80',
      '-A PREROUTING -i eth1 -p udp --dport 53 -j DNAT --to-destination 192.168.1.1',
    ]);
    expect(wanOf(node(moved, 'nat1'))).toBe('eth1');
    expect(node(moved, 'r1')).toBe(node(t, 'r1'));
    valid(moved);
    // Already the WAN, or no such interface: nothing changes.
    expect(setWan(moved, 'nat1', 'eth1')).toBe(moved);
    expect(setWan(moved, 'nat1', 'eth9')).toBe(moved);
    expect(setWan(moved, 'sw1', 'p1')).toBe(moved);
  });

  test('setWan on a router makes it a NAT gateway: MASQUERADE on the WAN, forwarding on', () => {
    let t = linked(linked(build('switch', 'router', 'router'), 'sw1', 'r1'), 'r1', 'r2');
    t = setWan(t, 'r1', 'eth2');
    expect(node(t, 'r1')).toMatchObject({ role: 'nat', ipForward: true, nat: [{ chain: 'POSTROUTING', target: 'MASQUERADE', out: 'eth2' }] });
    valid(t);
  });

  test('the WAN is the out interface of the first rule that rewrites the source', () => {
    let t = gateway();
    expect(wanOf(node(t, 'sw1'))).toBeUndefined();
    t = setNatRules(t, 'nat1', [rule('-A POSTROUTING -j MASQUERADE'), rule('-A POSTROUTING -o eth1 -j SNAT --to-source 192.0.2.1')]);
    expect(wanOf(node(t, 'nat1'))).toBe('eth1');
    t = setNatRules(t, 'nat1', [rule('-A PREROUTING -i eth2 -p tcp --dport 80 -j DNAT --to-destination 192.0.2.9')]);
    expect(wanOf(node(t, 'nat1'))).toBeUndefined();
  });
});

describe('NAT rules', () => {
  const t0 = () => linked(linked(build('switch', 'nat', 'router'), 'sw1', 'nat1'), 'nat1', 'r1');
  const dnat = rule('-A PREROUTING -i eth2 -p udp --dport 8053 -j DNAT --to-destination 192.168.1.10:53');

  test('setNatRules replaces the rules; the same rules give back the same topology; none leaves no nat field', () => {
    const t = t0();
    const two = setNatRules(t, 'nat1', [...natRulesOf(node(t, 'nat1')), dnat]);
    expect(rulesOf(two, 'nat1')).toEqual(['-A POSTROUTING -o eth2 -j MASQUERADE', iptablesRule(dnat)]);
    expect(setNatRules(two, 'nat1', natRulesOf(node(two, 'nat1')).map((r) => ({ ...r })))).toBe(two);
    const none = setNatRules(two, 'nat1', []);
    expect('nat' in node(none, 'nat1')).toBe(false);
    expect(setNatRules(t, 'sw1', [dnat])).toBe(t);
    valid(two);
  });

  test('appendNatRule adds after the others; dropNatRules removes by index', () => {
    let t = appendNatRule(t0(), 'nat1', dnat);
    expect(rulesOf(t, 'nat1')).toEqual(['-A POSTROUTING -o eth2 -j MASQUERADE', iptablesRule(dnat)]);
    t = dropNatRules(t, 'nat1', [0]);
    expect(rulesOf(t, 'nat1')).toEqual([iptablesRule(dnat)]);
    expect(dropNatRules(t, 'nat1', [5])).toBe(t);
  });

  test('the rules are copies: changing the list given does not change the document', () => {
    const given = [{ ...dnat }];
    const t = setNatRules(t0(), 'nat1', given);
    given[0]!.dport = 1;
    expect(rulesOf(t, 'nat1')).toEqual([iptablesRule(dnat)]);
  });
});
