import { describe, expect, it } from 'vitest';
import type { Ipv4Addr, MacAddr } from '../wire/addr';
import { buildArp } from '../wire/arp';
import type { EthernetFrame } from '../wire/types';
import { Sim } from '../sim/sim';
import type { Network } from '../sim/network';
import { Bridge } from './bridge';

const mac = (n: number) => `02:00:00:00:00:${n.toString(16).padStart(2, '0')}` as MacAddr;
const BCAST = 'ff:ff:ff:ff:ff:ff' as MacAddr;

function frame(src: MacAddr, dst: MacAddr): EthernetFrame {
  return {
    srcMac: src,
    dstMac: dst,
    ethertype: 0x0806,
    payload: buildArp({ op: 1, senderMac: src, senderIp: '10.0.0.1' as Ipv4Addr, targetMac: '00:00:00:00:00:00' as MacAddr, targetIp: '10.0.0.2' as Ipv4Addr }),
  };
}

function setup() {
  const sim = new Sim(1, 1000);
  const sent: { port: string; frame: EthernetFrame }[] = [];
  const net = { transmit: (_n: string, port: string, f: EthernetFrame) => (sent.push({ port, frame: f }), true) } as unknown as Network;
  const ports = ['p1', 'p2', 'p3'].map((name, i) => ({ name, mac: mac(0xa0 + i), addrs: [] }));
  const br = new Bridge({ kind: 'bridge', name: 'sw1', role: 'switch', ifaces: ports }, sim, net);
  return { sim, sent, br };
}

describe('Linux bridge', () => {
  it.each([
    ['floods a broadcast to every port but the ingress', BCAST, [], ['p3', 'p2']],
    ['floods an unknown unicast the same way', mac(2), [], ['p3', 'p2']],
    ['forwards a known unicast to its port only', mac(2), [[mac(2), 'p3']], ['p3']],
    ['filters a frame whose destination is behind the ingress port', mac(2), [[mac(2), 'p1']], []],
  ] as [string, MacAddr, [MacAddr, string][], string[]][])('%s', (_why, dst, known, out) => {
    const { br, sent, sim } = setup();
    for (const [m, p] of known) br.fdb.learn(m, p, 0);
    br.receive('p1', frame(mac(1), dst), 1);
    expect(sent.map((s) => s.port)).toEqual(out);
    if (out.length === 0) expect(sim.events.some((e) => e.kind === 'drop' && e.reason === 'bridge-filter')).toBe(true);
  });

  it('floods from the most recently added port down (br_add_if adds a port at the head of the list)', () => {
    const { br, sent, sim } = setup();
    br.receive('p2', frame(mac(1), BCAST), 1);
    expect(sent.map((s) => s.port)).toEqual(['p3', 'p1']);
    expect(sim.events.find((e) => e.kind === 'fdb.forward')).toMatchObject({ mode: 'flood', egress: ['p3', 'p1'] });
  });

  it('learns the source MAC on the ingress port, and moves it when it shows up elsewhere', () => {
    const { br, sim } = setup();
    br.receive('p1', frame(mac(1), BCAST), 1);
    expect(br.fdb.list(0)).toEqual([{ mac: mac(1), port: 'p1', vlan: 0, updated: 0 }]);
    br.receive('p2', frame(mac(1), BCAST), 2);
    expect(br.fdb.list(0).map((e) => e.port)).toEqual(['p2']);
    expect(sim.events.filter((e) => e.kind === 'fdb.learn').map((e) => e.kind === 'fdb.learn' && `${e.port}${e.prev ? ` from ${e.prev}` : ''}`)).toEqual(['p1', 'p2 from p1']);
  });

  it('never changes a frame: the very same frame goes out on every port', () => {
    const { br, sent } = setup();
    const f = frame(mac(1), BCAST);
    const copy = structuredClone(f);
    br.receive('p1', f, 1);
    expect(sent.every((s) => s.frame === f)).toBe(true);
    expect(f).toEqual(copy);
  });

  it('drops frames with a multicast or zero source address, learning nothing', () => {
    const { br, sent } = setup();
    br.receive('p1', frame('01:00:5e:00:00:01' as MacAddr, BCAST), 1);
    br.receive('p1', frame('00:00:00:00:00:00' as MacAddr, BCAST), 2);
    expect(sent).toEqual([]);
    expect(br.fdb.list(0)).toEqual([]);
  });

  it("keeps a frame for one of its own ports' MACs: learned, then dropped as for the bridge itself", () => {
    const { br, sent, sim } = setup();
    br.receive('p1', frame(mac(1), mac(0xa2)), 1);
    expect(sent).toEqual([]);
    expect(br.fdb.list(0).map((e) => e.mac)).toEqual([mac(1)]);
    expect(sim.events.map((e) => (e.kind === 'drop' ? `drop:${e.reason}:${e.iface}` : e.kind))).toEqual(['fdb.learn', 'drop:bridge-local:p1']);
  });

  it('forgets entries after the ageing time (300 s) and floods again', () => {
    const { br, sent, sim } = setup();
    br.fdb.learn(mac(2), 'p3', 0);
    sim.now = 301_000_000;
    br.receive('p1', frame(mac(1), mac(2)), 1);
    expect(sent.map((s) => s.port)).toEqual(['p3', 'p2']);
    expect(sim.events.some((e) => e.kind === 'fdb.expire')).toBe(true);
  });
});
