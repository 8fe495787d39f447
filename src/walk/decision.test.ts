// The decision a step is named by, on real walks: the default example (ARP, a switch, a router),
// home-nat (masquerade and its reply, a drop), nat-dnat (a port forward), a multipath route (the path its hash chose), and the priority when a
// step decides several things.

import { describe, expect, test } from 'vitest';
import { simApi } from '../worker/sim-api';
import { leafSpine, withFirstToLastFlows } from '../engine/generate/fabric';
import { stepDecision } from './decision';

function walk(example: string) {
  const w = simApi.walk(simApi.loadExample(example), {});
  return w.steps.map((s) => stepDecision(w.result.events, s));
}

describe('the default example: h1 pings h2 through r1', () => {
  const d = walk('two-subnets-router');

  test('a command, its end: no decision (they are named by their command)', () => {
    expect(d[0]).toBeUndefined();
    expect(d[17]).toBeUndefined();
  });

  test('switches flood or forward, r1 answers ARP, the held packet is sent once ARP resolves', () => {
    expect(d[1]).toEqual({ kind: 'flood', ports: ['p2'], unknown: false });
    expect(d[2]).toEqual({ kind: 'arp-reply', ip: '10.0.1.1', proxy: false });
    expect(d[3]).toEqual({ kind: 'switch', port: 'p1' });
    expect(d[4]).toEqual({ kind: 'release', ip: '10.0.1.1', count: 1 });
  });

  test('r1 forwarding is named by its route, even when the step shows the ARP request it needs', () => {
    expect(d[6]).toEqual({ kind: 'route', dst: '10.0.2.0', len: 24, dev: 'eth2' });
    expect(d[14]).toEqual({ kind: 'route', dst: '10.0.1.0', len: 24, dev: 'eth1' });
  });

  test('delivery: the echo request answered by h2, the reply for h1', () => {
    expect(d[12]).toEqual({ kind: 'deliver', to: 'echo' });
    expect(d[16]).toEqual({ kind: 'deliver', to: 'stack' });
  });
});

describe('NAT', () => {
  const d = walk('home-nat');

  test('the step where gw masquerades (and asks ARP for its next hop) is named by the rewrite, without ICMP ids as ports', () => {
    expect(d[8]).toEqual({ kind: 'nat', manip: 'src', reply: false, from: { ip: '192.168.1.10' }, to: { ip: '198.51.100.2' } });
    expect(d[16]).toEqual({ kind: 'nat', manip: 'dst', reply: true, from: { ip: '198.51.100.2' }, to: { ip: '192.168.1.10' } });
  });

  test('a drop comes first: lan2 drops the ARP request that is not for it; the server, a datagram for a closed port', () => {
    expect(d[4]).toEqual({ kind: 'drop', reason: 'arp-not-for-us' });
    expect(d[39]).toEqual({ kind: 'drop', reason: 'no-socket' });
  });

  test('UDP keeps its ports in the rewrite; a datagram for a socket says its port', () => {
    expect(d[37]).toEqual({ kind: 'nat', manip: 'src', reply: false, from: { ip: '192.168.1.10', port: 40000 }, to: { ip: '198.51.100.2', port: 40000 } });
    expect(d[53]).toEqual({ kind: 'deliver', to: 'socket', port: 40001 });
  });

  test('a port forward is a destination rewrite', () => {
    const dnat = walk('nat-dnat');
    expect(dnat[5]).toEqual({ kind: 'nat', manip: 'dst', reply: false, from: { ip: '198.51.100.2', port: 8053 }, to: { ip: '192.168.1.10', port: 53 } });
  });
});

describe('ECMP', () => {
  test('a multipath route names the gateway of the path its hash chose, with that path’s device', () => {
    const w = simApi.walk(withFirstToLastFlows(leafSpine({ spines: 4, leaves: 2, hostsPerLeaf: 1 }), 8), {});
    const leaf1 = w.steps.flatMap((s) => {
      const d = stepDecision(w.result.events, s);
      return s.node === 'leaf1' && d?.kind === 'route' && d.dst === '10.1.1.0' ? [d] : [];
    });
    // leaf1's uplink ethK goes to spineK, whose address on it is 10.0.0.(2K-1); the flows take several.
    expect(new Set(leaf1.map((d) => d.dev)).size).toBeGreaterThan(1);
    for (const d of leaf1) expect(d.via).toBe(`10.0.0.${2 * Number(d.dev.slice(3)) - 1}`);
  });
});
