// Tunnels and overlays beyond what the goldens pin (calico-ipip, gre-routers, vxlan-overlay in
// __oracle__): `ip link add` as iproute2 reads it, sit refused with its line, the bytes of each
// encapsulation read back, VXLAN's flow-hash source port, head-end replication, the tunnel MTU
// and the fragmentation-needed error a DF packet too big for the tunnel gets.

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseClab } from '../io/clab';
import { parseLinkAdd } from '../io/ip-link-add';
import { TopologyError } from '../io/problems';
import { toOracleTrace } from '../io/oracle';
import { simulate } from '../sim/simulate';
import { linkCaptures } from '../sim/captures';
import { formatRoutes } from '../linux-text';
import { nodeRoutes } from './config';
import { tunnelMtu } from './tunnel-params';
import { udpFlowSrcPort } from './vxlan';
import { decodeEncap, grePayload, ipipPayload, vxlanData } from '../wire/encap';
import { buildIpv4, ipv4HeaderChecksum } from '../wire/ipv4';
import { buildIcmpEcho } from '../wire/icmp';
import { buildUdp } from '../wire/udp';
import type { Ipv4Addr, MacAddr } from '../wire/addr';
import type { EthernetFrame } from '../wire/types';
import type { LinuxNode, Topology } from '../topology';

const ORACLE = path.join(import.meta.dirname, '../__oracle__');
const read = (name: string): Topology => parseClab(fs.readFileSync(path.join(ORACLE, `${name}.clab.yml`), 'utf8'), `${name}.clab.yml`);
const ip = (s: string) => s as Ipv4Addr;

describe('ip link add … type ipip|gre|gretap|vxlan', () => {
  it('reads the tunnel arguments as iproute2 does', () => {
    expect(parseLinkAdd(['gre1', 'type', 'gre', 'local', '203.0.113.1', 'remote', '198.51.100.1', 'ttl', '64', 'key', '7'])).toEqual({
      kind: 'ok',
      tunnel: { name: 'gre1', kind: 'gre', local: '203.0.113.1', remote: '198.51.100.1', ttl: 64, key: 7, addrs: [] },
    });
    expect(parseLinkAdd(['name', 'ipip1', 'type', 'ipip', 'remote', 'any', 'ttl', 'inherit'])).toEqual({ kind: 'ok', tunnel: { name: 'ipip1', kind: 'ipip', addrs: [] } });
    // A dotted-quad key is the same 32 bits.
    expect(parseLinkAdd(['g', 'type', 'gretap', 'remote', '10.0.0.2', 'key', '0.0.1.2'])).toMatchObject({ tunnel: { key: 258 } });
    // Without dstport the kernel takes its own default, 8472.
    expect(parseLinkAdd(['vx0', 'type', 'vxlan', 'id', '42', 'nolearning'])).toMatchObject({ tunnel: { vni: 42, dstport: 8472, nolearning: true } });
    expect(parseLinkAdd(['vx0', 'type', 'vxlan', 'dstport', '4789'])).toEqual({ kind: 'error', message: 'vxlan: missing virtual network identifier' });
    expect(parseLinkAdd(['t', 'type', 'ipip', 'key', '1'])).toMatchObject({ kind: 'error' });
    expect(parseLinkAdd(['t', 'type', 'ipip', 'ttl', '300'])).toMatchObject({ kind: 'error' });
  });

  it('refuses sit (IPv6 in IPv4) with the reason, on the line that asks for it', () => {
    const text = fs.readFileSync(path.join(ORACLE, 'gre-routers.clab.yml'), 'utf8').replace('type gre local 203.0.113.1', 'type sit local 203.0.113.1');
    let problems: TopologyError['problems'] = [];
    try {
      parseClab(text, 'sit.clab.yml');
    } catch (e) {
      if (!(e instanceof TopologyError)) throw e;
      problems = e.problems;
    }
    const line = text.split('\n').findIndex((l) => l.includes('type sit')) + 1;
    expect(problems[0]).toMatchObject({ file: 'sit.clab.yml', line });
    expect(problems[0]!.message).toContain('type sit carries IPv6, which packetwalk does not model yet');
  });

  it('makes tunl0 on first mention, before the veths in ifindex order, and prints proto bird back', () => {
    const node1 = read('calico-ipip').nodes.find((n) => n.name === 'node1') as LinuxNode;
    expect(node1.tunnels).toEqual([{ name: 'tunl0', kind: 'ipip', addrs: [{ ip: '172.32.185.64', len: 32 }], fallback: true, up: true }]);
    expect(formatRoutes(nodeRoutes(node1), 'main')).toBe(
      'default via 192.168.56.1 dev enp0s8 \n' +
        '172.32.135.128/26 via 192.168.56.103 dev tunl0 proto bird onlink \n' +
        'blackhole 172.32.185.64/26 proto bird \n' +
        '172.32.185.70 dev calie34960bc671 scope link \n' +
        '192.168.56.0/24 dev enp0s8 proto kernel scope link src 192.168.56.101 \n',
    );
  });

  it('has the MTU Linux gives each type on a 1500-byte link', () => {
    expect(tunnelMtu({ kind: 'ipip' })).toBe(1480);
    expect(tunnelMtu({ kind: 'gre' })).toBe(1476);
    expect(tunnelMtu({ kind: 'gre', key: 1 })).toBe(1472);
    expect(tunnelMtu({ kind: 'gretap' })).toBe(1462);
    expect(tunnelMtu({ kind: 'vxlan', dev: 'eth1' })).toBe(1450);
    expect(tunnelMtu({ kind: 'vxlan' })).toBe(1500);
  });
});

describe('encapsulation bytes', () => {
  const inner = buildIpv4({ srcIp: ip('10.1.0.10'), dstIp: ip('10.2.0.10'), protocol: 1, ttl: 63, identification: 5, df: true, payload: buildIcmpEcho({ type: 8, identifier: 1, sequence: 1, data: '0011' }) });
  const outer = (protocol: number, payload: Parameters<typeof buildIpv4>[0]['payload']) =>
    buildIpv4({ srcIp: ip('203.0.113.1'), dstIp: ip('198.51.100.1'), protocol, ttl: 64, identification: 1, df: true, payload });
  const frame: EthernetFrame = { dstMac: 'ff:ff:ff:ff:ff:ff' as MacAddr, srcMac: '02:00:00:00:0a:01' as MacAddr, ethertype: 0x0800, payload: inner };

  it('reads back what was written: ipip, gre with and without a key, gretap, vxlan', () => {
    expect(decodeEncap(outer(4, ipipPayload(inner)))).toEqual({ kind: 'ipip', inner });
    expect(decodeEncap(outer(47, grePayload(inner)))).toEqual({ kind: 'gre', proto: 0x0800, inner });
    expect(grePayload(inner, 0x01020304).data.slice(0, 16)).toBe('2000080001020304');
    expect(decodeEncap(outer(47, grePayload(inner, 9)))).toEqual({ kind: 'gre', proto: 0x0800, key: 9, inner });
    expect(decodeEncap(outer(47, grePayload(frame)))).toEqual({ kind: 'gre', proto: 0x6558, inner: frame });
    const data = vxlanData(42, frame);
    expect(data.slice(0, 16)).toBe('0800000000002a00');
    const udp = buildUdp({ srcIp: ip('203.0.113.1'), dstIp: ip('198.51.100.1'), srcPort: 40000, dstPort: 4789, data });
    expect(decodeEncap(outer(17, udp))).toEqual({ kind: 'vxlan', vni: 42, inner: frame });
    // Not a tunnel's: UDP to another port, a fragment.
    expect(decodeEncap(outer(17, { ...udp, dstPort: 53 }))).toBeUndefined();
    expect(decodeEncap({ ...outer(4, ipipPayload(inner)), flags: { reserved: false, df: false, mf: true } })).toBeUndefined();
  });

  it('gives every outer header a right checksum and the inner packet its own', () => {
    for (const name of ['calico-ipip', 'gre-routers', 'vxlan-overlay']) {
      const t = read(name);
      const frames = Object.values(linkCaptures(simulate(t)).links).flat();
      const tunnelled = frames.filter((f) => f.payload.kind === 'ipv4' && decodeEncap(f.payload));
      expect(tunnelled.length, name).toBeGreaterThan(0);
      for (const f of tunnelled) {
        const p = f.payload as Extract<EthernetFrame['payload'], { kind: 'ipv4' }>;
        expect(ipv4HeaderChecksum(p)).toBe(p.headerChecksum);
        const e = decodeEncap(p)!;
        const innerIp = 'kind' in e.inner ? e.inner : e.inner.payload.kind === 'ipv4' ? e.inner.payload : undefined;
        if (innerIp) expect(ipv4HeaderChecksum(innerIp)).toBe(innerIp.headerChecksum);
      }
    }
  });
});

describe('VXLAN', () => {
  it('takes its UDP source port from a hash of the inner flow, in the ephemeral range', () => {
    const mk = (src: string, dst: string): EthernetFrame => ({
      dstMac: '02:00:00:00:00:02' as MacAddr,
      srcMac: '02:00:00:00:00:01' as MacAddr,
      ethertype: 0x0800,
      payload: buildIpv4({ srcIp: ip(src), dstIp: ip(dst), protocol: 1, ttl: 64, identification: 1, payload: buildIcmpEcho({ type: 8, identifier: 1, sequence: 1, data: '' }) }),
    });
    const a = udpFlowSrcPort(mk('10.10.0.1', '10.10.0.2'));
    expect(a).toBe(udpFlowSrcPort(mk('10.10.0.1', '10.10.0.2')));
    expect(a).toBeGreaterThanOrEqual(32768);
    expect(a).toBeLessThan(60999);
    expect(udpFlowSrcPort(mk('10.10.0.2', '10.10.0.1'))).not.toBe(a);
  });

  it('sends a broadcast to every VTEP of the flood list (head-end replication), the device remote last', () => {
    const text = `name: hrep
topology:
  nodes:
    a:
      kind: linux
      exec:
        - ip addr add 192.0.2.1/24 dev eth1
        - ip link add vx0 type vxlan id 7 dstport 4789 local 192.0.2.1 remote 192.0.2.2 dev eth1
        - bridge fdb append 00:00:00:00:00:00 dev vx0 dst 192.0.2.3
        - ip link set vx0 up
        - ip addr add 10.7.0.1/24 dev vx0
${['b', 'c']
  .map(
    (n, k) => `    ${n}:
      kind: linux
      exec:
        - ip addr add 192.0.2.${k + 2}/24 dev eth1
        - ip link add vx0 type vxlan id 7 dstport 4789 local 192.0.2.${k + 2} remote 192.0.2.1 dev eth1
        - ip link set vx0 up
        - ip addr add 10.7.0.${k + 2}/24 dev vx0`,
  )
  .join('\n')}
    sw:
      kind: bridge
  links:
    - endpoints: ["a:eth1", "sw:p1"]
    - endpoints: ["b:eth1", "sw:p2"]
    - endpoints: ["c:eth1", "sw:p3"]
scenario:
  - on: a
    run: ping -c 1 -W 1 10.7.0.3
`;
    const t = parseClab(text, 'hrep.clab.yml');
    const r = simulate(t);
    const o = toOracleTrace(t, r);
    const outA = o.links['a:eth1--sw:p1']!.filter((f) => f.vxlan && f.eth!.src === 'a:eth1');
    // the ARP request for 10.7.0.3 goes to both VTEPs: .3 (appended) first, then .2 (the remote)
    expect(outA.slice(0, 2).map((f) => [f.ip!.dst, f.inner!.arp?.op])).toEqual([
      ['192.0.2.3', 'request'],
      ['192.0.2.2', 'request'],
    ]);
    // c answers; a learned c's MAC behind 192.0.2.3, so the echo request goes there alone
    expect(outA.slice(2).map((f) => [f.ip!.dst, f.inner!.icmp?.type])).toEqual([['192.0.2.3', 8]]);
    expect(r.steps[0]).toMatchObject({ exit: 0 });
  });

  // a's default route leaves by eth1 (to r); vx0's `dev eth2` binds its outer route to eth2, where
  // no route reaches 198.51.100.1: Linux then takes the VTEP to be on eth2's link and ARPs for it
  // there (ip_route_output_key_hash_rcu). Without `dev`, the outer packet goes to r.
  const bound = (dev: string) => `name: bound
topology:
  nodes:
    a:
      kind: linux
      exec:
        - ip addr add 192.0.2.1/24 dev eth1
        - ip addr add 203.0.113.1/24 dev eth2
        - ip route add default via 192.0.2.254
        - ip link add vx0 type vxlan id 7 dstport 4789 local 203.0.113.1 remote 198.51.100.1${dev}
        - ip link set vx0 up
        - ip addr add 10.7.0.1/24 dev vx0
    r:
      kind: linux
      exec:
        - ip addr add 192.0.2.254/24 dev eth1
    b:
      kind: linux
      exec:
        - ip addr add 203.0.113.2/24 dev eth1
        - ip addr add 198.51.100.1/32 dev lo
  links:
    - endpoints: ["a:eth1", "r:eth1"]
    - endpoints: ["a:eth2", "b:eth1"]
scenario:
  - on: a
    run: ping -c 1 -W 1 10.7.0.2
`;
  it('sends its own remote\'s outer packets out of its `dev` only: a VTEP no route there reaches is taken to be on that link', () => {
    const arps = (dev: string) => {
      const o = toOracleTrace(parseClab(bound(dev), 'bound.clab.yml'), simulate(parseClab(bound(dev), 'bound.clab.yml')));
      return Object.fromEntries(Object.entries(o.links).map(([k, fs]) => [k, fs.filter((f) => f.arp?.op === 'request' && f.eth!.src.startsWith('a:')).map((f) => f.arp!.targetIp)]));
    };
    expect(arps(' dev eth2')).toEqual({ 'a:eth1--r:eth1': [], 'a:eth2--b:eth1': ['198.51.100.1'] });
    expect(arps('')).toEqual({ 'a:eth1--r:eth1': ['192.0.2.254'], 'a:eth2--b:eth1': [] });
  });

  it('forgets a learned MAC 300 s after its last use: the next frame to it is flooded again', () => {
    const text = fs.readFileSync(path.join(ORACLE, 'vxlan-hrep.clab.yml'), 'utf8');
    const run = (sleep: number) => {
      const t = parseClab(`${text.trimEnd()}\n  - sleep: ${sleep}\n  - on: a\n    run: ping -c 1 -W 1 10.7.0.3\n`, 'age.clab.yml');
      const r = simulate(t);
      const encaps = r.events.flatMap((e) => (e.kind === 'tunnel.encap' && e.node === 'a' ? [e] : []));
      const last = encaps.filter((e) => e.pkt === encaps.at(-1)!.pkt);
      const expired = r.events.flatMap((e) => (e.kind === 'fdb.expire' && e.port === 'vx0' ? [e] : []));
      expect(expired.every((e) => e.cause === 'vxlan-unused')).toBe(true);
      return { to: last.map((e) => `${e.outer.dst} ${e.why}`), expired: expired.map((e) => e.node) };
    };
    // c's reachability probe for a, 5 s after the ping, is the last use of c's MAC at a: 304 s
    // later it is still known; 306 s later it is gone from a (and a's from c and b, which learned it from the first flood)
    expect(run(304)).toEqual({ to: ['192.0.2.3 fdb'], expired: [] });
    expect(run(306)).toEqual({ to: ['192.0.2.3 flood', '192.0.2.2 flood'], expired: ['a', 'c', 'b'] });
  });
});

describe('the tunnel MTU', () => {
  it('answers a DF packet too big for the tunnel with fragmentation needed and the MTU, from the tunnel entry', () => {
    const text = fs.readFileSync(path.join(ORACLE, 'calico-ipip.clab.yml'), 'utf8').replace('ping -c 1 -W 1 172.32.135.130', 'ping -c 1 -W 1 -s 1472 -M do 172.32.135.130');
    const t = parseClab(text, 'df.clab.yml');
    const r = simulate(t);
    const o = toOracleTrace(t, r);
    expect(o.links['pod-a:eth1--node1:calie34960bc671']![3]).toEqual({
      eth: { src: 'node1:calie34960bc671', dst: 'pod-a:eth1', type: 'ipv4' },
      ip: { src: '172.32.185.64', dst: '172.32.185.70', ttl: 64, proto: 'icmp' },
      icmp: { type: 3, code: 4, mtu: 1480, inner: { src: '172.32.185.70', dst: '172.32.135.130', proto: 'icmp' } },
    });
    expect(o.links['node1:enp0s8--lan:p1']).toEqual([]);
    expect(r.steps[0]!.stdout).toContain('From 172.32.185.64 icmp_seq=1 Frag needed and DF set (mtu = 1480)\n');
    // 1452 bytes of data make a 1480-byte packet: it fits
    const fits = parseClab(text.replace('-s 1472', '-s 1452'), 'fits.clab.yml');
    expect(simulate(fits).steps[0]).toMatchObject({ exit: 0 });
  });
});
