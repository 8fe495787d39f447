// NAT through whole simulations: what leaves the gateway, what the conntrack table holds, and
// what comes back. (home-nat, recorded on Linux, is checked field by field in the conformance suite.)

import { describe, expect, it } from 'vitest';
import { parseClab } from '../../io/clab';
import { linkCaptures } from '../../sim/captures';
import { simulate } from '../../sim/simulate';
import type { EthernetFrame, Ipv4Packet } from '../../wire/types';

const lab = (gwRules: string[], scenario: string) =>
  parseClab(
    `name: nat
topology:
  nodes:
    lan1: {kind: linux, exec: ["ip addr add 192.168.1.10/24 dev eth1", "ip route add default via 192.168.1.1"]}
    lan2: {kind: linux, exec: ["ip addr add 192.168.1.11/24 dev eth1", "ip route add default via 192.168.1.1"]}
    gw:
      kind: linux
      exec:
        - ip addr add 192.168.1.1/24 dev lan
        - ip addr add 198.51.100.2/24 dev wan
        - sysctl -w net.ipv4.ip_forward=1
${gwRules.map((r) => `        - ${r}`).join('\n')}
    srv: {kind: linux, exec: ["ip addr add 198.51.100.10/24 dev eth1"]}
    sw1: {kind: bridge}
  links:
    - endpoints: ["lan1:eth1", "sw1:p1"]
    - endpoints: ["lan2:eth1", "sw1:p2"]
    - endpoints: ["gw:lan", "sw1:p3"]
    - endpoints: ["gw:wan", "srv:eth1"]
scenario:
${scenario}`,
    'nat.clab.yml',
  );

const ipFrames = (frames: EthernetFrame[]) => frames.map((f) => f.payload).filter((p): p is Ipv4Packet => p.kind === 'ipv4');
const udpEnds = (frames: EthernetFrame[]) =>
  ipFrames(frames).flatMap((p) => (p.payload.kind === 'udp' ? [`${p.srcIp}:${p.payload.srcPort} > ${p.dstIp}:${p.payload.dstPort}`] : []));

const MASQ = 'iptables -t nat -A POSTROUTING -o wan -j MASQUERADE';

describe('MASQUERADE', () => {
  it('keeps a free source port, and gives a clashing one another port', () => {
    const r = simulate(
      lab(
        [MASQ],
        `  - {on: srv, run: "nc -u -l -p 53", background: true}
  - {on: lan1, run: "echo a | nc -u -w1 -p 40000 198.51.100.10 53"}
  - {on: lan2, run: "echo b | nc -u -w1 -p 40000 198.51.100.10 53"}
`,
      ),
    );
    const wan = udpEnds(linkCaptures(r).links['gw:wan--srv:eth1']!);
    expect(wan[0]).toBe('198.51.100.2:40000 > 198.51.100.10:53');
    const second = /^198\.51\.100\.2:(\d+) > 198\.51\.100\.10:53$/.exec(wan.find((x, i) => i > 0 && !x.startsWith('198.51.100.10')) ?? '');
    expect(second).not.toBeNull();
    expect(Number(second![1])).not.toBe(40000);
    expect(Number(second![1])).toBeGreaterThanOrEqual(1024);
    const ct = r.final.gw!.kind === 'linux' ? r.final.gw!.conntrack : undefined;
    expect(ct?.map((e) => `${e.orig.src}:${e.orig.sport} → ${e.reply.dst}:${e.reply.dport}`).sort()).toEqual([
      `192.168.1.10:40000 → 198.51.100.2:40000`,
      `192.168.1.11:40000 → 198.51.100.2:${second![1]}`,
    ]);
  });

  it('keeps the same source port for two hosts talking to different destinations', () => {
    const r = simulate(
      lab(
        [MASQ],
        `  - {on: lan1, run: "echo a | nc -u -w1 -p 40000 198.51.100.10 53"}
  - {on: lan2, run: "echo b | nc -u -w1 -p 40000 198.51.100.10 54"}
`,
      ),
    );
    expect(udpEnds(linkCaptures(r).links['gw:wan--srv:eth1']!).filter((x) => x.startsWith('198.51.100.2'))).toEqual([
      '198.51.100.2:40000 > 198.51.100.10:53',
      '198.51.100.2:40000 > 198.51.100.10:54',
    ]);
  });

  it('translates the ICMP error about a datagram back, quoted header included', () => {
    const r = simulate(lab([MASQ], `  - {on: lan1, run: "echo a | nc -u -w1 -p 40000 198.51.100.10 53"}\n`));
    const back = ipFrames(linkCaptures(r).links['lan1:eth1--sw1:p1']!).find((p) => p.payload.kind === 'icmp')!;
    expect(back).toMatchObject({ srcIp: '198.51.100.10', dstIp: '192.168.1.10', payload: { type: 3, code: 3, quote: { srcIp: '192.168.1.10', payload: { srcPort: 40000 } } } });
    expect(r.events.some((e) => e.kind === 'nat.rewrite' && e.related)).toBe(true);
  });
});

describe('SNAT to a port range', () => {
  it('keeps a source port in the range; a new connection that finds every port taken is dropped, never tracked twice', () => {
    const r = simulate(
      lab(
        ['iptables -t nat -A POSTROUTING -o wan -p udp -j SNAT --to-source 198.51.100.2:7000'],
        `  - {on: lan1, run: "echo a | nc -u -w1 -p 40000 198.51.100.10 53"}
  - {on: lan2, run: "echo b | nc -u -w1 -p 40001 198.51.100.10 53"}
`,
      ),
    );
    expect(udpEnds(linkCaptures(r).links['gw:wan--srv:eth1']!).filter((x) => x.startsWith('198.51.100.2'))).toEqual(['198.51.100.2:7000 > 198.51.100.10:53']);
    expect(r.events.filter((e) => e.kind === 'drop' && e.node === 'gw').map((e) => e.kind === 'drop' && e.reason)).toEqual(['conntrack-clash']);
    const ct = r.final.gw!.kind === 'linux' ? r.final.gw!.conntrack : undefined;
    expect(ct?.map((e) => `${e.orig.src}:${e.orig.sport} → ${e.reply.dst}:${e.reply.dport}`)).toEqual(['192.168.1.10:40000 → 198.51.100.2:7000']);
  });
});

describe('DNAT (port forwarding)', () => {
  it('sends a datagram for the WAN address and port to the inside server, and un-NATs its reply', () => {
    const r = simulate(
      lab(
        ['iptables -t nat -A PREROUTING -i wan -p udp --dport 8053 -j DNAT --to-destination 192.168.1.10:53'],
        `  - {on: lan1, run: "echo pong | nc -u -l -p 53", background: true}
  - {on: srv, run: "echo ping | nc -u -w1 -p 5000 198.51.100.2 8053"}
`,
      ),
    );
    expect(udpEnds(linkCaptures(r).links['lan1:eth1--sw1:p1']!)).toEqual(['198.51.100.10:5000 > 192.168.1.10:53', '192.168.1.10:53 > 198.51.100.10:5000']);
    expect(udpEnds(linkCaptures(r).links['gw:wan--srv:eth1']!)).toEqual(['198.51.100.10:5000 > 198.51.100.2:8053', '198.51.100.2:8053 > 198.51.100.10:5000']);
    expect(r.steps[1]).toMatchObject({ exit: 0, stdout: 'pong\n' });
    expect(r.events.find((e) => e.kind === 'nat.match' && e.rule === 0)).toMatchObject({ target: 'DNAT', to: { ip: '192.168.1.10', port: 53 } });
  });
});

describe('nodes without NAT rules', () => {
  it('track nothing', () => {
    const r = simulate(lab([], `  - {on: lan1, run: "ping -c 1 192.168.1.1"}\n`));
    expect(r.events.some((e) => e.kind.startsWith('conntrack.'))).toBe(false);
    expect(r.final.gw).toEqual({ kind: 'linux', neigh: expect.any(Array) });
  });
});
