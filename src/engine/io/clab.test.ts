import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseClab, toClab } from './clab';
import { parseTopologyJson, toTopologyJson, topologyFromUnknown } from './json';
import { TopologyError, type Problem } from './problems';
import { linkKey } from '../topology';

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
    ['a node defined twice', base.replace('    r1:\n      kind: linux', '    h1:\n      kind: linux'), 9, /^Map keys must be unique$/],
    ['a key repeated in a flow map', base.replace('name: t\n', 'name: t\nmgmt: {network: a, network: b}\n'), 2, /^Map keys must be unique$/],
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
    // Bridge ports another bridge also names are renamed for containerlab's host, and their
    // label gives the names back: the network read back is the one written, names included.
    for (const f of fs.readdirSync(ORACLE).filter((x) => x.endsWith('.clab.yml'))) {
      const t = parseClab(fs.readFileSync(path.join(ORACLE, f), 'utf8'), f);
      expect(parseClab(toClab(t).text, f), f).toEqual(t);
    }
  });

  it('gives linux nodes an image, and bridge ports names unique on the host with the student\'s names in a label', () => {
    const t = parseClab(fs.readFileSync(path.join(ORACLE, 'two-subnets-router.clab.yml'), 'utf8'), 'x.yml');
    const out = toClab(t);
    expect(out.text.match(/image: ghcr\.io\/hellt\/network-multitool/g)).toHaveLength(3);
    expect(out.text).toMatch(/h1:\n {6}kind: linux\n {6}image: /);
    expect(out.text).toMatch(/sw1:\n {6}kind: bridge\n {6}labels:/);
    // sw1 and sw2 both have p1 and p2: on the host they are sw1-p1, sw1-p2, sw2-p1, sw2-p2.
    expect(out.text).toContain('endpoints: ["h1:eth1", "sw1:sw1-p1"]');
    expect(out.text).toContain('endpoints: ["r1:eth2", "sw2:sw2-p1"]');
    expect(out.text).toContain('endpoints: ["h2:eth1", "sw2:sw2-p2"]');
    expect(out.text).toContain('packetwalk-ports: sw2-p1=p1 sw2-p2=p2');
    expect(out.warnings).toHaveLength(4);
    expect(out.warnings[2]).toBe(
      "sw2:p1 is written as sw2:sw2-p1: containerlab puts bridge ports in the host's namespace, where their names must be unique (label packetwalk-ports keeps the name p1)",
    );
    const back = parseClab(out.text, 'x.yml');
    expect(back.links.map(linkKey)).toEqual(t.links.map(linkKey));
    expect(back.links.map(linkKey)).toContain('r1:eth2--sw2:p1');
  });

  it('keeps port names no other bridge uses (an older network numbered across switches), and MACs set on renamed ports', () => {
    const t = parseClab(fs.readFileSync(path.join(ORACLE, 'fabric-leaf-spine.clab.yml'), 'utf8'), 'x.yml');
    const out = toClab(t);
    expect(out.warnings).toEqual([]);
    expect(out.text).not.toContain('packetwalk-ports');
    const two = parseClab(fs.readFileSync(path.join(ORACLE, 'two-subnets-router.clab.yml'), 'utf8'), 'x.yml');
    const sw2 = two.nodes.find((n) => n.name === 'sw2')!;
    sw2.ifaces[0]!.mac = '02:00:00:aa:00:01' as never;
    delete sw2.ifaces[0]!.macAuto;
    const text = toClab(two).text;
    expect(text).toContain('ip link set dev sw2-p1 address 02:00:00:aa:00:01');
    expect(parseClab(text, 'x.yml').nodes.find((n) => n.name === 'sw2')!.ifaces[0]).toEqual({ name: 'p1', mac: '02:00:00:aa:00:01', addrs: [] });
  });

  it('writes a host name of at most 15 characters: a long bridge name gets the first free pN', () => {
    const long = 'switch-of-room-12';
    const t = parseClab(fs.readFileSync(path.join(ORACLE, 'two-subnets-router.clab.yml'), 'utf8').replaceAll('sw2', long), 'x.yml');
    const out = toClab(t);
    expect(out.text).toContain(`endpoints: ["r1:eth2", "${long}:p3"]`);
    expect(out.text).toContain(`endpoints: ["h2:eth1", "${long}:p4"]`);
    expect(out.text).toContain('packetwalk-ports: p3=p1 p4=p2');
    expect(parseClab(out.text, 'x.yml')).toEqual(t);
  });

  it.each([
    ['a pair without "="', 'p1', '"p1" is not FILE=PORT'],
    ['a port the bridge does not have', 'p9=p1', '"p9" is not one of its ports'],
    ['a name Linux refuses', 'p1=this-name-is-too-long', '"this-name-is-too-long" is not a port name'],
    ['two ports with one name', 'p1=p2', 'two ports would be named "p2"'],
  ])('reports a packetwalk-ports label with %s, on its line', (_, label, message) => {
    const text = `name: lab
topology:
  nodes:
    h1: { kind: linux }
    sw1:
      kind: bridge
      labels:
        packetwalk-ports: ${label}
  links:
    - endpoints: ["h1:eth1", "sw1:p1"]
    - endpoints: ["h1:eth2", "sw1:p2"]
`;
    expect(() => parseClab(text, 'lab.clab.yml')).toThrow(`lab.clab.yml:8: node sw1: label packetwalk-ports: ${message}`);
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
