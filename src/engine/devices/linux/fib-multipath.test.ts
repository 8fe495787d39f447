// Multipath routes: SipHash against the reference vectors, fib_rebalance's bounds, the hash's
// symmetry, and `ip route` of a multipath route as iproute2 printed it on this project's
// machine (Linux 6.18, `ip -n x route` after the same `ip route add` lines). Which path each flow
// takes is checked against Linux by the ecmp-* goldens (conformance.test.ts).

import { describe, expect, it } from 'vitest';
import { parseClab } from '../../io/clab';
import { parseRouteArgs } from '../../io/exec';
import { formatRoutes, routeText } from '../../linux-text';
import type { Ipv4Addr } from '../../wire/addr';
import { nodeRoutes } from '../config';
import { upperBounds } from '../../tables/fib';
import { multipathHash, multipathKeys, selectNexthop } from './fib-multipath';
import { siphash } from './siphash';

const ip = (s: string) => s as Ipv4Addr;

describe('siphash', () => {
  // The SipHash paper's test vectors: key 00 01 … 0f, message 00 01 … (n-1).
  const key = [0x03020100, 0x07060504, 0x0b0a0908, 0x0f0e0d0c] as const;
  it('gives the reference values', () => {
    expect(siphash(new Uint8Array(0), key)).toEqual([0xdd0e0e31, 0x726fdb47]);
    expect(siphash(Uint8Array.from({ length: 8 }, (_, i) => i), key)).toEqual([0x9a932462, 0x93f5f579]);
    // 16 bytes: every carry and rotation path of two compressions
    expect(siphash(Uint8Array.from({ length: 16 }, (_, i) => i), key)).toEqual([0x57c29bdb, 0x3f2acc7f]);
  });
});

describe('fib_rebalance and fib_select_multipath', () => {
  it('splits the 31-bit hash space by weight', () => {
    expect(upperBounds([1, 1])).toEqual([2 ** 30 - 1, 2 ** 31 - 1]);
    expect(upperBounds([1, 3])).toEqual([2 ** 29 - 1, 2 ** 31 - 1]);
    expect(upperBounds([1, 1, 1])).toEqual([715827882, 1431655764, 2 ** 31 - 1]);
  });

  it('takes the first path whose bound the hash does not exceed', () => {
    const nhs = upperBounds([1, 1]).map((upperBound, i) => ({ dev: `eth${i + 1}`, nhScope: 'link' as const, weight: 1, upperBound }));
    expect(selectNexthop(nhs, 0)).toBe(0);
    expect(selectNexthop(nhs, 2 ** 30 - 1)).toBe(0);
    expect(selectNexthop(nhs, 2 ** 30)).toBe(1);
    // A lookup with a source address keeps to the path that has it.
    const saddr = (nh: { dev: string }) => ip(nh.dev === 'eth1' ? '10.0.0.0' : '10.0.0.2');
    expect(selectNexthop(nhs, 2 ** 30, { src: ip('10.0.0.0'), of: saddr })).toBe(0);
    expect(selectNexthop(nhs, 0, { src: ip('10.0.0.2'), of: saddr })).toBe(1);
  });

  it('hashes both directions of a flow alike, and the ports only under policy 1', () => {
    const a = { src: ip('10.1.0.2'), dst: ip('10.1.1.2') };
    const fwd = (policy: 0 | 1, sport: number) => multipathHash(multipathKeys(policy, { flow: { src: a.src, proto: 17, sport, dport: 5000 }, dst: a.dst }), 42);
    const back = (policy: 0 | 1, sport: number) => multipathHash(multipathKeys(policy, { flow: { src: a.dst, proto: 17, sport: 5000, dport: sport }, dst: a.src }), 42);
    expect(fwd(1, 40000)).toBe(back(1, 40000));
    expect(fwd(0, 40000)).toBe(fwd(0, 40001));
    const l4 = new Set([40000, 40001, 40002, 40003].map((p) => fwd(1, p)));
    expect(l4.size).toBe(4);
    for (const h of l4) expect(h).toBeLessThan(2 ** 31);
    expect(fwd(1, 40000)).not.toBe(multipathHash(multipathKeys(1, { flow: { src: a.src, proto: 17, sport: 40000, dport: 5000 }, dst: a.dst }), 43));
  });

  it('hashes an ICMP error by the packet it quotes under policy 0', () => {
    const quote = { srcIp: ip('10.1.0.2'), dstIp: ip('10.1.1.2') };
    const packet = { srcIp: ip('10.0.0.9'), dstIp: ip('10.1.0.2'), fragmentOffset: 0, flags: { mf: false }, protocol: 1, payload: { kind: 'icmp', type: 11, code: 0, quote } };
    expect(multipathKeys(0, { packet: packet as never })).toEqual({ policy: 0, src: quote.srcIp, dst: quote.dstIp, fromQuote: true });
    expect(multipathKeys(1, { packet: packet as never })).toEqual({ policy: 1, src: packet.srcIp, dst: packet.dstIp, proto: 1, sport: 0, dport: 0 });
  });
});

describe('ip route with multipath routes', () => {
  const lab = parseClab(
    `name: mp
topology:
  nodes:
    r:
      kind: linux
      exec:
        - ip addr add 10.0.0.0/31 dev d1
        - ip addr add 10.0.0.2/31 dev d2
        - ip route add 10.9.0.0/24 nexthop via 10.0.0.1 nexthop via 10.0.0.3 weight 3
        - ip route add 10.7.0.0/24 metric 10 nexthop via 10.0.0.1 dev d1 onlink nexthop via 10.0.0.3
        - ip route add default nexthop via 10.0.0.1 nexthop dev d2
        - ip route add 10.6.0.0/24 nexthop via 10.0.0.1
    a: {kind: linux}
    b: {kind: linux}
  links:
    - endpoints: ["r:d1", "a:eth1"]
    - endpoints: ["r:d2", "b:eth1"]
`,
    'mp.clab.yml',
  );

  it('prints them as iproute2 does', () => {
    const node = lab.nodes.find((n) => n.name === 'r')!;
    if (node.kind !== 'linux') throw new Error('r');
    expect(formatRoutes(nodeRoutes(node), 'main')).toBe(
      [
        'default ',
        '\tnexthop via 10.0.0.1 dev d1 weight 1 ',
        '\tnexthop dev d2 weight 1 ',
        '10.0.0.0/31 dev d1 proto kernel scope link src 10.0.0.0 ',
        '10.0.0.2/31 dev d2 proto kernel scope link src 10.0.0.2 ',
        '10.6.0.0/24 via 10.0.0.1 dev d1 ',
        '10.7.0.0/24 metric 10 ',
        '\tnexthop via 10.0.0.1 dev d1 weight 1 onlink ',
        '\tnexthop via 10.0.0.3 dev d2 weight 1 ',
        '10.9.0.0/24 ',
        '\tnexthop via 10.0.0.1 dev d1 weight 1 ',
        '\tnexthop via 10.0.0.3 dev d2 weight 3 ',
        '',
      ].join('\n'),
    );
  });

  it('writes them back as they were typed, and refuses a weight out of range', () => {
    const text = '10.9.0.0/24 metric 5 nexthop via 10.0.0.1 dev d1 weight 2 nexthop via 10.0.0.3';
    const r = parseRouteArgs(text.split(' '));
    expect(r.kind === 'ok' && routeText(r.route)).toBe(text);
    expect(parseRouteArgs('10.5.0.0/24 nexthop via 10.0.0.1 weight 0'.split(' '))).toEqual({ kind: 'error', message: 'Error: argument "0" is wrong: "weight" is invalid' });
  });
});
