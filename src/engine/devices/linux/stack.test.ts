// Packet in, packets out: one Linux stack, one frame fed to `receive`, the frames it sends and
// the trace steps compared. Side effects (neighbour entries) are checked in the same test.

import { describe, expect, it } from 'vitest';
import type { Ipv4Addr, MacAddr } from '../../wire/addr';
import { buildArp } from '../../wire/arp';
import { buildIpv4 } from '../../wire/ipv4';
import { buildIcmpEcho } from '../../wire/icmp';
import { buildUdp } from '../../wire/udp';
import { verifyChecksums } from '../../wire/frame';
import type { EthernetFrame, Ipv4Packet } from '../../wire/types';
import type { LinuxNode, RouteSpec } from '../../topology';
import { Sim } from '../../sim/sim';
import type { Network } from '../../sim/network';
import { netdevRxHandlerRegister } from './netdev';
import { LinuxStack } from './stack';

const ip = (s: string) => s as Ipv4Addr;
const M = {
  r1eth1: '02:00:00:00:01:01',
  r1eth2: '02:00:00:00:01:02',
  h1: '02:00:00:00:00:01',
  h2: '02:00:00:00:00:02',
  other: '02:00:00:00:00:99',
} as unknown as Record<string, MacAddr>;
const BCAST = 'ff:ff:ff:ff:ff:ff' as MacAddr;

function router(opts: { ipForward?: boolean; routes?: RouteSpec[] } = {}): LinuxNode {
  return {
    kind: 'linux',
    name: 'r1',
    role: 'router',
    ifaces: [
      { name: 'eth1', mac: M.r1eth1!, addrs: [{ ip: ip('10.0.1.1'), len: 24 }] },
      { name: 'eth2', mac: M.r1eth2!, addrs: [{ ip: ip('10.0.2.1'), len: 24 }] },
    ],
    loAddrs: [],
    routes: opts.routes ?? [],
    ipForward: opts.ipForward ?? true,
  };
}

function setup(node: LinuxNode) {
  const sim = new Sim(7, 10_000);
  const out: { iface: string; frame: EthernetFrame }[] = [];
  const net = { transmit: (_n: string, iface: string, frame: EthernetFrame) => (out.push({ iface, frame }), true) } as unknown as Network;
  const stack = new LinuxStack(node, sim, net);
  // Known neighbours, so that forwarding tests see no ARP.
  const know = (dev: string, addr: string, mac: MacAddr) => {
    const n = stack.neigh.lookupOrCreate(dev, ip(addr));
    stack.neigh.update(n, mac, 'REACHABLE', true, 'arp-reply');
  };
  const rx = (iface: string, frame: EthernetFrame) => {
    stack.receive(iface, frame, 1);
    sim.run(500_000);
  };
  const kinds = () => sim.events.map((e) => (e.kind === 'drop' ? `drop:${e.reason}` : e.kind));
  return { sim, stack, out, know, rx, kinds };
}

function ipFrame(src: MacAddr, dst: MacAddr, p: Ipv4Packet): EthernetFrame {
  return { srcMac: src, dstMac: dst, ethertype: 0x0800, payload: p };
}
const echo = (src: string, dst: string, ttl = 64) =>
  buildIpv4({ srcIp: ip(src), dstIp: ip(dst), protocol: 1, ttl, identification: 7, df: true, payload: buildIcmpEcho({ type: 8, identifier: 9, sequence: 1, data: '00112233' }) });
const ipOf = (f: EthernetFrame) => f.payload as Ipv4Packet;

describe('ARP', () => {
  const request = (target: string, sender = '10.0.1.10', mac = M.h1!) =>
    ({ srcMac: mac, dstMac: BCAST, ethertype: 0x0806, payload: buildArp({ op: 1, senderMac: mac, senderIp: ip(sender), targetMac: '00:00:00:00:00:00' as MacAddr, targetIp: ip(target) }) }) satisfies EthernetFrame;

  it('answers a request for its address with a unicast reply, and learns the sender as STALE', () => {
    const { out, stack, rx } = setup(router());
    rx('eth1', request('10.0.1.1'));
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ iface: 'eth1', frame: { dstMac: M.h1, srcMac: M.r1eth1, payload: { op: 2, senderIp: '10.0.1.1', senderMac: M.r1eth1, targetIp: '10.0.1.10', targetMac: M.h1 } } });
    expect(stack.neigh.list()).toEqual([{ dev: 'eth1', ip: '10.0.1.10', mac: M.h1, state: 'STALE' }]);
  });

  it('answers for an address of another interface too (weak host model)', () => {
    const { out, rx } = setup(router());
    rx('eth1', request('10.0.2.1'));
    expect(out.map((o) => (o.frame.payload as { senderIp: string }).senderIp)).toEqual(['10.0.2.1']);
  });

  it('ignores a request for someone else and learns nothing from it', () => {
    const { out, stack, rx, kinds } = setup(router());
    rx('eth1', request('10.0.1.99'));
    expect(out).toEqual([]);
    expect(stack.neigh.list()).toEqual([]);
    expect(kinds()).toContain('drop:arp-not-for-us');
  });

  it('answers for a routed address on another interface when proxy_arp is on', () => {
    const node = router();
    node.ifaces[0]!.conf = { proxyArp: true, proxyDelay: 0 };
    const { out, rx } = setup(node);
    rx('eth1', request('10.0.2.10'));
    expect(out.map((o) => [o.iface, (o.frame.payload as { senderIp: string }).senderIp, o.frame.srcMac])).toEqual([['eth1', '10.0.2.10', M.r1eth1]]);
  });
});

describe('IP forwarding', () => {
  it('rewrites both MACs, keeps the IPs, decrements TTL and fixes the checksum', () => {
    const { out, know, rx } = setup(router());
    know('eth2', '10.0.2.10', M.h2!);
    const inPkt = echo('10.0.1.10', '10.0.2.10');
    rx('eth1', ipFrame(M.h1!, M.r1eth1!, inPkt));
    expect(out).toHaveLength(1);
    const f = out[0]!.frame;
    expect(out[0]!.iface).toBe('eth2');
    expect([f.srcMac, f.dstMac]).toEqual([M.r1eth2, M.h2]);
    expect(ipOf(f)).toMatchObject({ srcIp: '10.0.1.10', dstIp: '10.0.2.10', ttl: 63, identification: inPkt.identification });
    expect(verifyChecksums(f).ipv4).toBe(true);
  });

  it.each([
    ['a /24 beats a /16', '10.9.1.5', 'eth2'],
    ['the /16 catches the rest of it', '10.9.2.5', 'eth1'],
  ])('%s', (_why, dst, iface) => {
    const routes: RouteSpec[] = [
      { type: 'unicast', dst: { ip: ip('10.9.0.0'), len: 16 }, via: ip('10.0.1.2') },
      { type: 'unicast', dst: { ip: ip('10.9.1.0'), len: 24 }, via: ip('10.0.2.2') },
    ];
    const { out, know, rx } = setup(router({ routes }));
    know('eth1', '10.0.1.2', M.other!);
    know('eth2', '10.0.2.2', M.other!);
    rx('eth1', ipFrame(M.h1!, M.r1eth1!, echo('10.0.1.10', dst)));
    expect(out.filter((o) => o.frame.dstMac === M.other).map((o) => o.iface)).toEqual([iface]);
  });

  it('forwarding back out of the ingress interface sends a redirect first, then forwards', () => {
    const routes: RouteSpec[] = [{ type: 'unicast', dst: { ip: ip('10.9.0.0'), len: 16 }, via: ip('10.0.1.2') }];
    const { out, know, rx } = setup(router({ routes }));
    know('eth1', '10.0.1.2', M.other!);
    know('eth1', '10.0.1.10', M.h1!);
    rx('eth1', ipFrame(M.h1!, M.r1eth1!, echo('10.0.1.10', '10.9.2.5')));
    expect(out.map((o) => [o.frame.dstMac, (ipOf(o.frame).payload as { type: number }).type])).toEqual([
      [M.h1, 5],
      [M.other, 8],
    ]);
    expect(ipOf(out[0]!.frame).payload).toMatchObject({ code: 1, gateway: '10.0.1.2', quote: { ttl: 63 } });
  });

  it('answers TTL 1 with time exceeded from its address towards the sender, quoting TTL 1', () => {
    const { out, know, rx, kinds } = setup(router());
    know('eth1', '10.0.1.10', M.h1!);
    rx('eth1', ipFrame(M.h1!, M.r1eth1!, echo('10.0.1.10', '10.0.2.10', 1)));
    expect(out).toHaveLength(1);
    const err = ipOf(out[0]!.frame);
    expect(err).toMatchObject({ srcIp: '10.0.1.1', dstIp: '10.0.1.10', ttl: 64, payload: { type: 11, code: 0, quote: { ttl: 1, srcIp: '10.0.1.10', dstIp: '10.0.2.10' } } });
    expect(kinds()).toContain('drop:ttl-exceeded');
  });

  it('answers no route with net unreachable (3/0)', () => {
    const { out, know, rx } = setup(router());
    know('eth1', '10.0.1.10', M.h1!);
    rx('eth1', ipFrame(M.h1!, M.r1eth1!, echo('10.0.1.10', '192.0.2.1')));
    expect(ipOf(out[0]!.frame).payload).toMatchObject({ type: 3, code: 0 });
  });

  it.each([
    ['blackhole', 'drop:route-blackhole', null],
    ['unreachable', 'drop:route-unreachable', [3, 1]],
    ['prohibit', 'drop:route-prohibit', [3, 13]],
  ] as const)('a %s route: %s', (type, drop, icmp) => {
    const { out, know, rx, kinds } = setup(router({ routes: [{ type, dst: { ip: ip('192.0.2.0'), len: 24 } }] }));
    know('eth1', '10.0.1.10', M.h1!);
    rx('eth1', ipFrame(M.h1!, M.r1eth1!, echo('10.0.1.10', '192.0.2.1')));
    expect(kinds()).toContain(drop);
    expect(out.map((o) => [(ipOf(o.frame).payload as { type: number }).type, (ipOf(o.frame).payload as { code: number }).code])).toEqual(icmp ? [icmp] : []);
  });

  it('without ip_forward drops transit packets silently', () => {
    const { out, know, rx, kinds } = setup(router({ ipForward: false }));
    know('eth2', '10.0.2.10', M.h2!);
    rx('eth1', ipFrame(M.h1!, M.r1eth1!, echo('10.0.1.10', '10.0.2.10')));
    expect(out).toEqual([]);
    expect(kinds()).toContain('drop:not-forwarding');
  });

  it('drops a frame addressed to another MAC', () => {
    const { out, rx, kinds } = setup(router());
    rx('eth1', ipFrame(M.h1!, M.other!, echo('10.0.1.10', '10.0.2.10')));
    expect(out).toEqual([]);
    expect(kinds()).toEqual(['drop:otherhost']);
  });

  it('holds a packet while it resolves the next hop, and ARPs from the outgoing interface', () => {
    const { out, stack, rx } = setup(router());
    rx('eth1', ipFrame(M.h1!, M.r1eth1!, echo('10.0.1.10', '10.0.2.10')));
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ iface: 'eth2', frame: { dstMac: BCAST, payload: { op: 1, senderIp: '10.0.2.1', targetIp: '10.0.2.10' } } });
    expect(stack.neigh.lookup('eth2', ip('10.0.2.10'))?.queue).toHaveLength(1);
  });
});

describe('local delivery', () => {
  it('answers an echo request from the address it was sent to, with TTL 64 and no DF', () => {
    const { out, know, rx } = setup(router());
    know('eth1', '10.0.1.10', M.h1!);
    rx('eth1', ipFrame(M.h1!, M.r1eth1!, echo('10.0.1.10', '10.0.2.1', 5)));
    const reply = ipOf(out[0]!.frame);
    expect(reply).toMatchObject({ srcIp: '10.0.2.1', dstIp: '10.0.1.10', ttl: 64, flags: { df: false }, payload: { type: 0, identifier: 9, sequence: 1, data: '00112233' } });
  });

  it('answers UDP to a closed port with port unreachable quoting the ports', () => {
    const { out, know, rx } = setup(router());
    know('eth1', '10.0.1.10', M.h1!);
    const udp = buildIpv4({ srcIp: ip('10.0.1.10'), dstIp: ip('10.0.1.1'), protocol: 17, ttl: 64, identification: 1, df: true, payload: buildUdp({ srcIp: ip('10.0.1.10'), dstIp: ip('10.0.1.1'), srcPort: 40000, dstPort: 53, data: '6869' }) });
    rx('eth1', ipFrame(M.h1!, M.r1eth1!, udp));
    expect(ipOf(out[0]!.frame)).toMatchObject({ srcIp: '10.0.1.1', payload: { type: 3, code: 3, quote: { payload: { srcPort: 40000, dstPort: 53 } } } });
  });

  it('sends no error about an ICMP error', () => {
    const { out, know, rx, kinds } = setup(router());
    know('eth1', '10.0.1.10', M.h1!);
    const inner = echo('10.0.1.1', '10.0.1.10');
    const bad = buildIpv4({ srcIp: ip('10.0.1.10'), dstIp: ip('192.0.2.1'), protocol: 1, ttl: 1, identification: 1, payload: { ...buildIcmpEcho({ type: 8, identifier: 1, sequence: 1, data: '' }), type: 3, code: 1, quote: inner } });
    rx('eth1', ipFrame(M.h1!, M.r1eth1!, bad));
    expect(out).toEqual([]);
    expect(kinds()).toContain('icmp.suppressed');
    expect(kinds()).toContain('drop:no-route');
  });
});

describe('network devices', () => {
  it('lets an upper device on an interface see its frames first, and claim them before the IP stack does', () => {
    const { out, stack, know, rx, sim } = setup(router());
    know('eth1', '10.0.1.10', M.h1!);
    const before = sim.events.length;
    const seen: number[] = [];
    // An upper device that keeps ARP to itself (as a bridge keeps its port's frames) and lets the rest up.
    netdevRxHandlerRegister(stack.devs.get('eth1')!, (_dev, frame) => {
      seen.push(frame.ethertype);
      return frame.ethertype === 0x0806 ? 'consumed' : 'pass';
    });
    rx('eth1', { srcMac: M.h1!, dstMac: BCAST, ethertype: 0x0806, payload: buildArp({ op: 1, senderMac: M.h1!, senderIp: ip('10.0.1.10'), targetMac: '00:00:00:00:00:00' as MacAddr, targetIp: ip('10.0.1.1') }) });
    expect(out).toEqual([]);
    expect(sim.events.length).toBe(before);
    rx('eth1', ipFrame(M.h1!, M.r1eth1!, echo('10.0.1.10', '10.0.1.1')));
    expect(seen).toEqual([0x0806, 0x0800]);
    expect(out.map((o) => [o.iface, (ipOf(o.frame).payload as { type: number }).type])).toEqual([['eth1', 0]]);
  });
});
