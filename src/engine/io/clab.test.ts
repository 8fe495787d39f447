import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseClab, toClab } from './clab';
import { parseTopologyJson, toTopologyJson, topologyFromUnknown } from './json';
import { TopologyError, type Problem } from './problems';
import type { Topology } from '../topology';

const ORACLE = path.join(import.meta.dirname, '../__oracle__');
const base = `name: t
topology:
  nodes:
    h1:
      kind: linux
      exec:
        - ip addr add 10.0.1.10/24 dev eth1
        - ip route add default via 10.0.1.1
    r1:
      kind: linux
      exec:
        - ip addr add 10.0.1.1/24 dev eth1
        - sysctl -w net.ipv4.ip_forward=1
  links:
    - endpoints: ["h1:eth1", "r1:eth1"]
scenario:
  - on: h1
    run: ping -c 1 10.0.1.1
`;

function problems(text: string): Problem[] {
  try {
    parseClab(text, 'lab.clab.yml');
  } catch (e) {
    if (e instanceof TopologyError) return e.problems;
    throw e;
  }
  throw new Error('expected a TopologyError');
}

describe('reading containerlab files', () => {
  it('reads nodes, interfaces (from links), addresses, routes, sysctls and the scenario', () => {
    const t = parseClab(base, 'lab.clab.yml');
    expect(t.name).toBe('t');
    const h1 = t.nodes[0]!;
    expect(h1).toMatchObject({ kind: 'linux', name: 'h1', ipForward: false, ifaces: [{ name: 'eth1', addrs: [{ ip: '10.0.1.10', len: 24 }] }] });
    expect(t.nodes[1]).toMatchObject({ ipForward: true });
    expect(t.scenario).toEqual([{ kind: 'run', on: 'h1', run: 'ping -c 1 10.0.1.1' }]);
  });

  it.each([
    ['a route the kernel refuses', base.replace('default via 10.0.1.1', 'default via 10.9.9.9'), 8, /node h1: exec "ip route add default via 10.9.9.9": Error: Nexthop has invalid gateway\./],
    ['an unsupported command', base.replace('sysctl -w net.ipv4.ip_forward=1', 'tc qdisc add dev eth1 root netem delay 10ms'), 13, /command "tc" is not supported/],
    ['an iptables rule outside the nat table', base.replace('sysctl -w net.ipv4.ip_forward=1', 'iptables -A FORWARD -j DROP'), 13, /only the nat table is modelled/],
    ['a DNAT rule without its destination', base.replace('sysctl -w net.ipv4.ip_forward=1', 'iptables -t nat -A PREROUTING -p tcp --dport 80 -j DNAT'), 13, /DNAT needs --to-destination/],
    ['a port match without a protocol', base.replace('sysctl -w net.ipv4.ip_forward=1', 'iptables -t nat -A PREROUTING --dport 80 -j DNAT --to-destination 10.0.1.10'), 13, /needs -p udp or -p tcp/],
    ['a malformed address', base.replace('10.0.1.10/24', '10.0.1.300/24'), 7, /any valid prefix is expected rather than "10\.0\.1\.300\/24"/],
    ['an interface that has no link', base.replace('dev eth1\n        - ip route', 'dev eth7\n        - ip route'), 7, /Cannot find device "eth7"/],
    ['a link to a missing node', base.replace('"r1:eth1"]', '"r9:eth1"]'), 15, /unknown node "r9"/],
    ['an unsupported scenario command', base.replace('ping -c 1 10.0.1.1', 'curl http://10.0.1.1'), 17, /command "curl" is not supported/],
    ['a scenario step on a missing node', base.replace('  - on: h1', '  - on: h9'), 17, /unknown node "h9"/],
    ['the same address on two nodes', base.replace('10.0.1.1/24 dev eth1', '10.0.1.10/24 dev eth1').replace('default via 10.0.1.1', 'default via 10.0.1.2 dev eth1 onlink'), 12, /duplicate address 10\.0\.1\.10/],
    ['an unknown node kind', base.replace('    r1:\n      kind: linux', '    r1:\n      kind: srl'), 10, /kind "srl" is not supported/],
    ['a bad sysctl value', base.replace('ip_forward=1', 'ip_forward=2'), 13, /invalid value "2"/],
  ])('reports %s with its line', (_why, text, line, message) => {
    const p = problems(text);
    expect(p.length).toBeGreaterThan(0);
    expect(p[0]).toMatchObject({ file: 'lab.clab.yml', line });
    expect(p[0]!.message).toMatch(message);
  });

  it('reports broken YAML with its line, not a crash', () => {
    const p = problems('name: x\ntopology:\n  nodes:\n    h1: {kind: linux\n');
    expect(p[0]!.line).toBeGreaterThan(0);
  });

  it.each([['just a string'], ['[1, 2, 3]'], ['topology: 7'], [''], ['name: x\ntopology:\n  nodes: []\n']])('rejects a document that is not a topology: %j', (text) => {
    expect(() => parseClab(text, 'x.yml')).toThrow(TopologyError);
  });

  it('writes a file that reads back as the same network, for every reference topology', () => {
    // Bridge ports that another bridge also names are renamed (containerlab's host namespace):
    // apart from those names, the network read back is the one written.
    const bridgePortsBlank = (t: Topology): Topology => {
      const bridges = new Set(t.nodes.filter((n) => n.kind === 'bridge').map((n) => n.name));
      const blank = (e: { node: string; iface: string }) => (bridges.has(e.node) ? { ...e, iface: '' } : e);
      return {
        ...t,
        nodes: t.nodes.map((n) => (n.kind === 'bridge' ? { ...n, ifaces: n.ifaces.map((i) => ({ ...i, name: '' })) } : n)),
        links: t.links.map((l) => ({ a: blank(l.a), b: blank(l.b) })),
      };
    };
    for (const f of fs.readdirSync(ORACLE).filter((x) => x.endsWith('.clab.yml'))) {
      const t = parseClab(fs.readFileSync(path.join(ORACLE, f), 'utf8'), f);
      const out = toClab(t);
      const again = parseClab(out.text, f);
      if (out.warnings.length === 0) expect(again, f).toEqual(t);
      else expect(bridgePortsBlank(again), f).toEqual(bridgePortsBlank(t));
    }
  });

  it('gives linux nodes an image and bridge ports names that are unique on the host', () => {
    const t = parseClab(fs.readFileSync(path.join(ORACLE, 'two-subnets-router.clab.yml'), 'utf8'), 'x.yml');
    const out = toClab(t);
    expect(out.text.match(/image: ghcr\.io\/hellt\/network-multitool/g)).toHaveLength(3);
    expect(out.text).toMatch(/h1:\n {6}kind: linux\n {6}image: /);
    expect(out.text).toMatch(/sw1:\n {6}kind: bridge\n {6}labels:/);
    expect(out.text).toContain('endpoints: ["r1:eth2", "sw2:p3"]');
    expect(out.text).toContain('endpoints: ["h2:eth1", "sw2:p4"]');
    expect(out.warnings).toEqual([
      "sw2:p1 is written as sw2:p3: containerlab puts bridge ports in the host's namespace, where their names must be unique",
      "sw2:p2 is written as sw2:p4: containerlab puts bridge ports in the host's namespace, where their names must be unique",
    ]);
  });

  it('exports MACs that were set, positions and roles, and says what it cannot hold', () => {
    const t = parseClab(base, 'lab.clab.yml');
    t.nodes[0]!.ifaces[0]!.mac = '02:00:00:aa:bb:cc' as never;
    delete t.nodes[0]!.ifaces[0]!.macAuto;
    t.nodes[0]!.position = { x: 10, y: 20 };
    t.nodes[1]!.ifaces.push({ name: 'eth9', mac: '02:00:00:aa:bb:cd' as never, addrs: [] });
    const out = toClab(t);
    expect(out.text).toContain('ip link set dev eth1 address 02:00:00:aa:bb:cc');
    expect(out.text).toContain('endpoints: ["h1:eth1", "r1:eth1"]');
    expect(out.warnings).toEqual(['r1:eth9 has no link: a containerlab file cannot hold it, so it is left out']);
    const back = parseClab(out.text, 'x.clab.yml');
    expect(back.nodes[0]).toMatchObject({ position: { x: 10, y: 20 }, role: 'host', ifaces: [{ mac: '02:00:00:aa:bb:cc' }] });
  });
});

describe('packetwalk JSON files', () => {
  it('round-trips a topology', () => {
    const t = parseClab(base, 'lab.clab.yml');
    expect(parseTopologyJson(toTopologyJson(t))).toEqual(t);
  });

  it.each([
    ['not JSON', '{nope', /not JSON/],
    ['another format', '{"format":"other"}', /not a packetwalk file/],
    ['a future version', '{"format":"packetwalk","version":9}', /version 9 is not supported/],
    ['a bad address', JSON.stringify({ format: 'packetwalk', version: 1, topology: { name: 'x', nodes: [{ kind: 'linux', name: 'a', role: 'host', ifaces: [{ name: 'eth1', mac: '02:00:00:00:00:01', addrs: [{ ip: '10.0.0.256', len: 24 }] }], loAddrs: [], routes: [], ipForward: false }], links: [], scenario: [] } }), /10\.0\.0\.256" is not an IPv4 address/],
    ['an unknown field', JSON.stringify({ format: 'packetwalk', version: 1, topology: { name: 'x', nodes: [], links: [], scenario: [], evil: '<script>' } }), /evil/],
  ])('refuses %s with a clear message', (_why, text, message) => {
    try {
      parseTopologyJson(text, 'f.json');
      throw new Error('accepted');
    } catch (e) {
      expect(e).toBeInstanceOf(TopologyError);
      expect((e as TopologyError).message).toMatch(message);
    }
  });

  it('validates values from outside (URL, storage) the same way', () => {
    expect(() => topologyFromUnknown({ name: 'x', nodes: 'no', links: [], scenario: [] })).toThrow(TopologyError);
    expect(() => topologyFromUnknown(null)).toThrow(TopologyError);
  });
});
