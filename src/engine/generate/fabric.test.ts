// The fabric generators: sizes, validity, addressing, static routes along shortest paths (ECMP by
// default, single-path as an option), an end-to-end ping across a small fabric, and flows that
// ECMP spreads over the spines.

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FABRIC_HASH_SEED, fabricHosts, hostAddress, leafSpine, threeTier, withFirstToLastFlows } from './fabric';
import { validateTopology } from '../io/validate';
import { simulate } from '../sim/simulate';
import { ifaceNameProblem } from '../io/validate';
import { nodeNameProblem } from '../edit/names';
import { inPrefix, type Ipv4Addr } from '../wire/addr';
import type { LinuxNode, Topology } from '../topology';

const pingStep = (from: LinuxNode, to: LinuxNode) => [{ kind: 'run' as const, on: from.name, run: `ping -c 1 -W 1 ${hostAddress(to)}` }];

function firstToLast(t: Topology) {
  const hosts = fabricHosts(t);
  return simulate(t, { scenario: pingStep(hosts[0]!, hosts[hosts.length - 1]!) });
}

const linuxByName = (t: Topology, name: string) => t.nodes.find((n) => n.name === name) as LinuxNode;

describe('leafSpine', () => {
  it.each([
    [1, 1, 1],
    [2, 4, 3],
    [4, 20, 50],
    [4, 50, 100],
  ])('spines=%i leaves=%i hostsPerLeaf=%i has the expected nodes and links and validates', (s, l, h) => {
    const t = leafSpine({ spines: s, leaves: l, hostsPerLeaf: h });
    expect(t.nodes.length).toBe(s + l + l + l * h);
    expect(t.links.length).toBe(s * l + l + l * h);
    expect(fabricHosts(t).length).toBe(l * h);
    expect(t.nodes.filter((n) => n.kind === 'bridge').length).toBe(l);
    expect(validateTopology(t)).toEqual([]);
  });

  it('fits 5 000 hosts in 10.0.0.0/8, with racks larger than a /24 when needed', () => {
    const big = leafSpine({ spines: 2, leaves: 2, hostsPerLeaf: 3000 });
    expect(validateTopology(big)).toEqual([]);
    const hosts = fabricHosts(big);
    expect(hosts.length).toBe(6000);
    expect(hosts[0]!.ifaces[0]!.addrs[0]!.len).toBe(20);
    for (const h of hosts) expect(inPrefix(hostAddress(h), '10.0.0.0' as Ipv4Addr, 8)).toBe(true);
  });

  it('names interfaces eth1…, the ports of each bridge p1, p2, … (as the editor numbers them), all valid, and puts tiers on rows', () => {
    const t = leafSpine({ spines: 3, leaves: 4, hostsPerLeaf: 12 });
    let bridges = 0;
    for (const n of t.nodes) {
      expect(nodeNameProblem(n.name)).toBeUndefined();
      if (n.kind === 'bridge') bridges++;
      n.ifaces.forEach((i, k) => {
        expect(ifaceNameProblem(i.name, n.kind)).toBeUndefined();
        expect(i.name).toBe(n.kind === 'bridge' ? `p${k + 1}` : `eth${k + 1}`);
      });
      expect(n.position).toBeDefined();
    }
    expect(bridges).toBe(4);
    const y = (name: string) => t.nodes.find((n) => n.name === name)!.position!.y;
    expect(y('spine1')).toBeLessThan(y('leaf1'));
    expect(y('leaf1')).toBeLessThan(y('sw1'));
    expect(y('sw1')).toBeLessThan(y('h1-1'));
    expect(y('spine1')).toBe(y('spine3'));
    expect(y('leaf1')).toBe(y('leaf4'));
  });

  it('single-path: gives every router one static route per remote prefix, via the lowest-numbered closest neighbour', () => {
    const t = leafSpine({ spines: 3, leaves: 3, hostsPerLeaf: 2, singlePath: true });
    // 3 racks + 9 point-to-point links; a leaf is attached to its rack and 3 links, a spine to 3 links.
    const leaf1 = linuxByName(t, 'leaf1');
    expect(leaf1.routes.length).toBe(12 - 4);
    const dsts = leaf1.routes.map((r) => `${r.dst.ip}/${r.dst.len}`);
    expect(new Set(dsts).size).toBe(dsts.length);
    // Towards other racks: always spine1 (10.0.0.1, the far end of leaf1:eth1), never ECMP.
    expect(leaf1.routes.filter((r) => r.dst.len === 24).map((r) => r.via)).toEqual(['10.0.0.1', '10.0.0.1']);
    // Towards leaf2–spine2 (10.0.0.8/31): spine2 is attached to it, so go through spine2.
    expect(leaf1.routes.find((r) => r.dst.ip === '10.0.0.8')?.via).toBe('10.0.0.3');
    const h = linuxByName(t, 'h2-1');
    expect(h.routes).toEqual([{ type: 'unicast', dst: { ip: '0.0.0.0', len: 0 }, via: '10.1.1.1' }]);
    expect(leaf1.multipathHashPolicy).toBeUndefined();
  });

  it('ECMP (the default): a leaf reaches every other rack through all the spines, hashing by ports with the fabric’s seed', () => {
    const t = leafSpine({ spines: 3, leaves: 3, hostsPerLeaf: 2 });
    const leaf1 = linuxByName(t, 'leaf1');
    expect(leaf1.routes.length).toBe(12 - 4);
    const racks = leaf1.routes.filter((r) => r.dst.len === 24);
    expect(racks.map((r) => r.nexthops?.map((n) => n.via))).toEqual([
      ['10.0.0.1', '10.0.0.3', '10.0.0.5'],
      ['10.0.0.1', '10.0.0.3', '10.0.0.5'],
    ]);
    // Towards leaf2–spine2 (10.0.0.8/31) there is one shortest path: through spine2.
    expect(leaf1.routes.find((r) => r.dst.ip === '10.0.0.8')).toEqual({ type: 'unicast', dst: { ip: '10.0.0.8', len: 31 }, via: '10.0.0.3' });
    expect([leaf1.multipathHashPolicy, leaf1.multipathHashSeed]).toEqual([1, FABRIC_HASH_SEED]);
    // A spine has one path to each rack: no multipath route, no hash settings.
    const spine1 = linuxByName(t, 'spine1');
    expect(spine1.routes.every((r) => !r.nexthops)).toBe(true);
    expect(spine1.multipathHashPolicy).toBeUndefined();
  });

  it('spreads flows with different source ports over the spines, each flow and its answer on one spine', () => {
    const t = withFirstToLastFlows(leafSpine({ spines: 4, leaves: 2, hostsPerLeaf: 2 }), 8);
    const r = simulate(t);
    expect(r.stopped).toBeNull();
    // The spines each step's packets (a flow's SYN and its RST) crossed.
    const byStep: { packets: number; spines: Set<string> }[] = [];
    for (const e of r.events) {
      if (e.kind === 'step.start') byStep.push({ packets: 0, spines: new Set() });
      if (e.kind !== 'ip.forward' || !e.node.startsWith('spine')) continue;
      byStep[byStep.length - 1]!.packets++;
      byStep[byStep.length - 1]!.spines.add(e.node);
    }
    expect(byStep.map((s) => [s.packets, s.spines.size])).toEqual(Array.from({ length: 8 }, () => [2, 1]));
    const used = new Set(byStep.flatMap((s) => [...s.spines]));
    expect(used.size).toBeGreaterThan(1);
    // Every connection was refused (port 80 is closed): nc -z exits 1.
    for (const step of r.steps) expect(step.exit).toBe(1);
  });

  it('is deterministic', () => {
    expect(leafSpine({ spines: 2, leaves: 5, hostsPerLeaf: 7 })).toEqual(leafSpine({ spines: 2, leaves: 5, hostsPerLeaf: 7 }));
  });

  it('refuses nonsense sizes', () => {
    expect(() => leafSpine({ spines: 0, leaves: 1, hostsPerLeaf: 1 })).toThrow(RangeError);
    expect(() => leafSpine({ spines: 1, leaves: 1.5, hostsPerLeaf: 1 })).toThrow(RangeError);
    expect(() => leafSpine({ spines: 1, leaves: 1, hostsPerLeaf: 70_000 })).toThrow(RangeError);
  });

  it('carries a ping from the first host to the last one (3 routed hops)', () => {
    const r = firstToLast(leafSpine({ spines: 2, leaves: 3, hostsPerLeaf: 3, singlePath: true }));
    expect(r.stopped).toBeNull();
    expect(r.steps[0]!.exit).toBe(0);
    expect(r.steps[0]!.stdout).toContain('ttl=61');
    // Single-path: the echo request crosses spine1 only.
    const fwd = r.events.filter((e) => e.kind === 'ip.forward').map((e) => e.node);
    expect(fwd).toEqual(['leaf1', 'spine1', 'leaf3', 'leaf3', 'spine1', 'leaf1']);
  });
});

describe('threeTier', () => {
  it.each([
    [1, 1, 1, 1, 1],
    [2, 2, 2, 2, 2],
    [2, 5, 2, 4, 50],
  ])('cores=%i pods=%i agg=%i access=%i hosts=%i has the expected nodes and links and validates', (c, p, a, x, h) => {
    const t = threeTier({ cores: c, pods: p, aggPerPod: a, accessPerPod: x, hostsPerAccess: h });
    expect(t.nodes.length).toBe(c + p * a + 2 * p * x + p * x * h);
    expect(t.links.length).toBe(c * p * a + p * a * x + p * x + p * x * h);
    expect(fabricHosts(t).length).toBe(p * x * h);
    expect(validateTopology(t)).toEqual([]);
  });

  it('puts core, aggregation, access, bridges and hosts on successive rows', () => {
    const t = threeTier({ cores: 2, pods: 2, aggPerPod: 2, accessPerPod: 2, hostsPerAccess: 2 });
    const y = (name: string) => t.nodes.find((n) => n.name === name)!.position!.y;
    const rows = ['core1', 'agg1-1', 'acc1-1', 'sw1-1', 'h1-1-1'].map(y);
    expect([...rows].sort((a, b) => a - b)).toEqual(rows);
    expect(new Set(rows).size).toBe(5);
  });

  it('ECMP: access routers reach other pods through every aggregation router, and those through every core; flows spread over the cores', () => {
    const t = threeTier({ cores: 2, pods: 2, aggPerPod: 2, accessPerPod: 1, hostsPerAccess: 1 });
    const toPod2 = (name: string) => linuxByName(t, name).routes.find((r) => r.dst.ip === '10.1.1.0');
    expect(toPod2('acc1-1')?.nexthops?.length).toBe(2);
    expect(toPod2('agg1-1')?.nexthops?.length).toBe(2);
    // A core reaches pod 2's rack through both of the pod's aggregation routers.
    expect(toPod2('core1')?.nexthops?.length).toBe(2);
    const r = simulate(withFirstToLastFlows(t, 8));
    const cores = new Set(r.events.flatMap((e) => (e.kind === 'ip.forward' && e.node.startsWith('core') ? [e.node] : [])));
    expect(cores).toEqual(new Set(['core1', 'core2']));
    for (const step of r.steps) expect(step.exit).toBe(1);
  });

  it('carries a ping from the first host to the last one (5 routed hops)', () => {
    const r = firstToLast(threeTier({ cores: 2, pods: 2, aggPerPod: 2, accessPerPod: 2, hostsPerAccess: 2 }));
    expect(r.stopped).toBeNull();
    expect(r.steps[0]!.exit).toBe(0);
    expect(r.steps[0]!.stdout).toContain('ttl=59');
  });
});

describe('any small fabric', () => {
  it('validates and connects any two hosts', () => {
    const shape = fc.oneof(
      fc
        .record({ spines: fc.integer({ min: 1, max: 3 }), leaves: fc.integer({ min: 1, max: 4 }), hostsPerLeaf: fc.integer({ min: 1, max: 3 }) })
        .map((o) => leafSpine(o)),
      fc
        .record({
          cores: fc.integer({ min: 1, max: 2 }),
          pods: fc.integer({ min: 1, max: 3 }),
          aggPerPod: fc.integer({ min: 1, max: 2 }),
          accessPerPod: fc.integer({ min: 1, max: 2 }),
          hostsPerAccess: fc.integer({ min: 1, max: 2 }),
        })
        .map((o) => threeTier(o)),
    );
    fc.assert(
      fc.property(shape, fc.nat(), fc.nat(), (t, i, j) => {
        expect(validateTopology(t)).toEqual([]);
        const hosts = fabricHosts(t);
        const a = hosts[i % hosts.length]!;
        const b = hosts[j % hosts.length]!;
        const r = simulate(t, { scenario: pingStep(a, b) });
        expect(r.steps[0]!.exit).toBe(0);
      }),
      { numRuns: 40 },
    );
  });
});
