// What a device changed in a packet, field by field, on real frames: a router's rewrite, a
// switch's nothing, NAT's source rewrite and its de-NAT of an ICMP error with its quote.

import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { diffFrames } from './diff';
import { frameLayers, tunnelChange } from './fields';
import { stepFrames } from './rows';
import { testWalk } from './testWalk';
import { frameTunnel } from '../../walk/tunnel';
import { frameProtocol } from '../../walk/steps';

const changes = (d: ReturnType<typeof diffFrames>) => d.changes.map((c) => [c.path, c.old, c.new, c.cause]);

describe('two-subnets-router', () => {
  const w = testWalk('two-subnets-router');
  const out = (step: number) => stepFrames(w.result.events, w.steps[step - 1]!).find((f) => f.dir === 'out')!;

  test('r1 rewrites both MACs and decrements the TTL (the checksum follows); the addresses stay', () => {
    const f = out(11);
    const d = diffFrames(f.prev!, f.frame, f.nat);
    expect(changes(d)).toEqual([
      ['eth.dstMac', '02:00:00:00:00:03', '02:00:00:00:00:07', 'hop'],
      ['eth.srcMac', '02:00:00:00:00:01', '02:00:00:00:00:05', 'hop'],
      ['ipv4.ttl', '64', '63', 'hop'],
      ['ipv4.headerChecksum', expect.stringMatching(/^0x[0-9a-f]{4}$/), expect.stringMatching(/^0x[0-9a-f]{4}$/), 'hop'],
    ]);
    expect(d.ipUnchanged).toBe(true);
  });

  test('a switch changes nothing', () => {
    const f = out(6);
    expect(diffFrames(f.prev!, f.frame, false)).toEqual({ changes: [], ipUnchanged: true });
  });

  test('a packet a device makes has no previous hop', () => {
    expect(out(1).prev).toBeUndefined();
    expect(out(5).prev).toBeUndefined();
  });

  test('the layers of an echo request carry every field under the path the hex view uses', () => {
    const layers = frameLayers(out(11).frame);
    expect(layers.map((l) => l.id)).toEqual(['eth', 'ipv4', 'icmp']);
    const paths = layers.flatMap((l) => l.fields.map((f) => f.path));
    expect(paths).toEqual(expect.arrayContaining(['eth.dstMac', 'ipv4.ttl', 'ipv4.srcIp', 'icmp.identifier', 'icmp.sequence', 'icmp.data']));
    expect(layers[1]!.fields.find((f) => f.path === 'ipv4.protocol')?.value).toBe('1 (ICMP)');
  });
});

describe('home-nat', () => {
  const w = testWalk('home-nat');
  const outs = w.steps.flatMap((s) => stepFrames(w.result.events, s).filter((f) => f.dir === 'out' && f.node === 'gw' && f.prev));

  test('MASQUERADE: the source address is NAT’s change, the MACs and TTL the hop’s', () => {
    const f = outs[0]!;
    const d = diffFrames(f.prev!, f.frame, f.nat);
    expect(changes(d).filter(([p]) => !String(p).includes('hecksum'))).toEqual([
      ['eth.dstMac', '02:00:00:00:00:05', '02:00:00:00:00:08', 'hop'],
      ['eth.srcMac', '02:00:00:00:00:01', '02:00:00:00:00:07', 'hop'],
      ['ipv4.ttl', '64', '63', 'hop'],
      ['ipv4.srcIp', '192.168.1.10', '198.51.100.2', 'nat'],
    ]);
    expect(d.ipUnchanged).toBe(false);
  });

  test('an ICMP error going back in is translated with the datagram it quotes', () => {
    const f = outs.find((x) => x.frame.payload.kind === 'ipv4' && x.frame.payload.payload.kind === 'icmp' && x.frame.payload.payload.type === 3)!;
    const d = diffFrames(f.prev!, f.frame, f.nat);
    expect(changes(d)).toEqual(
      expect.arrayContaining([
        ['ipv4.dstIp', '198.51.100.2', '192.168.1.10', 'nat'],
        ['icmp.quote.ipv4.srcIp', '198.51.100.2', '192.168.1.10', 'nat'],
      ]),
    );
    expect(frameLayers(f.frame).map((l) => l.id)).toEqual(['eth', 'ipv4', 'icmp', 'quote.ipv4', 'quote.udp']);
  });
});

test('TCP segments show flags, seq and ack', () => {
  const w = testWalk('tcp-nat');
  const syn = w.result.events.find((e) => e.kind === 'frame.tx' && e.frame.payload.kind === 'ipv4' && e.frame.payload.payload.kind === 'tcp');
  expect(syn?.kind).toBe('frame.tx');
  const tcp = frameLayers((syn as { frame: Parameters<typeof frameLayers>[0] }).frame).find((l) => l.id === 'tcp')!;
  expect(tcp.fields.find((f) => f.path === 'tcp.flags')?.value).toBe('SYN');
  expect(tcp.fields.map((f) => f.path)).toEqual(expect.arrayContaining(['tcp.seq', 'tcp.ack', 'tcp.window']));
});

describe('calico-ipip: a packet inside a packet', () => {
  const w = testWalk('calico-ipip');
  const frames = w.steps.flatMap((s) => stepFrames(w.result.events, s).filter((f) => f.dir === 'out').map((f) => ({ node: s.node, f })));
  const onLan = frames.find(({ node, f }) => node === 'node1' && f.frame.payload.kind === 'ipv4' && f.frame.payload.protocol === 4)!;
  const toPodB = frames.find(({ node, f }) => node === 'node2' && f.frame.payload.kind === 'ipv4' && f.frame.payload.protocol === 1 && f.frame.payload.dstIp === '172.32.135.130')!;

  test('on the LAN: the outer layers, then the inner packet as layers of its own', () => {
    const layers = frameLayers(onLan.f.frame);
    expect(layers.map((l) => [l.id, l.inner ?? false])).toEqual([
      ['eth', false],
      ['ipv4', false],
      ['inner.ipv4', true],
      ['inner.icmp', true],
    ]);
    const value = (id: string, label: string) => layers.find((l) => l.id === id)!.fields.find((x) => x.label === label)!.value;
    expect([value('ipv4', 'srcIp'), value('ipv4', 'dstIp'), value('ipv4', 'protocol')]).toEqual(['192.168.56.101', '192.168.56.103', '4 (IP in IP)']);
    expect([value('inner.ipv4', 'srcIp'), value('inner.ipv4', 'dstIp'), value('inner.ipv4', 'ttl')]).toEqual(['172.32.185.70', '172.32.135.130', '63']);
  });

  test('node1 added the outer header, node2 removed it', () => {
    expect(tunnelChange(onLan.f.prev, onLan.f.frame)).toMatchObject({ kind: 'added', outer: { srcIp: '192.168.56.101', dstIp: '192.168.56.103', protocol: 4 } });
    expect(tunnelChange(toPodB.f.prev, toPodB.f.frame)).toMatchObject({ kind: 'removed', outer: { srcIp: '192.168.56.101', dstIp: '192.168.56.103' } });
    expect(toPodB.f.frame.payload).toMatchObject({ ttl: 62 });
  });
});

describe('the tag of a tunnel frame names what it carries', () => {
  test('IP in IP with ICMP inside on the LAN of calico-ipip; VXLAN with ARP, then ICMP, on vxlan-overlay', () => {
    const inside = (name: string) =>
      testWalk(name)
        .result.events.filter((e) => e.kind === 'frame.tx')
        .flatMap((e) => (e.kind === 'frame.tx' ? [frameTunnel(e.frame)] : []))
        .filter((x) => x !== undefined);
    expect(new Set(inside('calico-ipip').map((x) => `${x.tunnel} ${x.inner}`))).toEqual(new Set(['ipip icmp']));
    expect(inside('vxlan-overlay').map((x) => `${x.tunnel} ${x.inner}`).slice(0, 3)).toEqual(['vxlan arp', 'vxlan arp', 'vxlan arp']);
    expect(inside('vxlan-overlay').some((x) => x.inner === 'icmp')).toBe(true);
  });
});

describe('router-on-a-stick: the 802.1Q tag pushed at the trunk, popped at the access port', () => {
  const clab = readFileSync(new URL('../../engine/__oracle__/router-on-a-stick.clab.yml', import.meta.url), 'utf8');
  const w = testWalk('router-on-a-stick', clab);
  const outs = w.steps.flatMap((s) => stepFrames(w.result.events, s).filter((f) => f.dir === 'out' && f.prev && f.frame.payload.kind === 'ipv4'));
  const vlans = outs.map((f) => [f.node, diffFrames(f.prev!, f.frame, f.nat).vlan]);

  test('sw1 pushes 10 toward r1, r1 sends 20, sw1 pops 20 toward h20 (and back)', () => {
    expect(vlans.slice(0, 3)).toEqual([
      ['sw1', { kind: 'pushed', vid: 10 }],
      ['r1', { kind: 'changed', old: 10, vid: 20 }],
      ['sw1', { kind: 'popped', vid: 20 }],
    ]);
    const pushed = diffFrames(outs[0]!.prev!, outs[0]!.frame, false).changes.find((c) => c.path === 'eth.vlans.0.vid');
    expect(pushed).toMatchObject({ old: '—', new: '10 (pcp 0)' });
  });
});

describe("the event list's Proto column names a tunnel frame's innermost protocol, as Wireshark does", () => {
  test('ICMP for the ping inside IP in IP on the LAN of calico-ipip; ARP, then ICMP, inside VXLAN', () => {
    const protos = (name: string, clab?: string) => testWalk(name, clab).result.events.flatMap((e) => (e.kind === 'frame.tx' && frameTunnel(e.frame) ? [frameProtocol(e.frame)] : []));
    expect(new Set(protos('calico-ipip'))).toEqual(new Set(['icmp']));
    expect(protos('vxlan-overlay').slice(0, 3)).toEqual(['arp', 'arp', 'arp']);
    expect(protos('vxlan-overlay')).toContain('icmp');
    const greTap = protos('gre-key-tap', readFileSync(new URL('../../engine/__oracle__/gre-key-tap.clab.yml', import.meta.url), 'utf8'));
    expect(new Set(greTap)).toEqual(new Set(['icmp', 'arp']));
  });
});
