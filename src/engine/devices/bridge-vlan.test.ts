import { describe, expect, it } from 'vitest';
import type { Ipv4Addr, MacAddr } from '../wire/addr';
import { buildArp } from '../wire/arp';
import type { EthernetFrame } from '../wire/types';
import { Sim } from '../sim/sim';
import type { Network } from '../sim/network';
import type { BridgeNode } from '../topology';
import { Bridge } from './bridge';

const mac = (n: number) => `02:00:00:00:00:${n.toString(16).padStart(2, '0')}` as MacAddr;
const BCAST = 'ff:ff:ff:ff:ff:ff' as MacAddr;

function frame(src: MacAddr, dst: MacAddr, vid?: number): EthernetFrame {
  return {
    srcMac: src,
    dstMac: dst,
    ...(vid !== undefined ? { vlans: [{ pcp: 0, dei: false, vid }] } : {}),
    ethertype: 0x0806,
    payload: buildArp({ op: 1, senderMac: src, senderIp: '10.0.0.1' as Ipv4Addr, targetMac: '00:00:00:00:00:00' as MacAddr, targetIp: '10.0.0.2' as Ipv4Addr }),
  };
}

/** p1 access VLAN 10, p2 access VLAN 20, p3 trunk 10 and 20 tagged, p4 access VLAN 10. */
function setup() {
  const sim = new Sim(1, 1000);
  const sent: { port: string; vids: number[] }[] = [];
  const net = { transmit: (_n: string, port: string, f: EthernetFrame) => (sent.push({ port, vids: (f.vlans ?? []).map((v) => v.vid) }), true) } as unknown as Network;
  const node: BridgeNode = {
    kind: 'bridge',
    name: 'sw1',
    role: 'switch',
    ifaces: ['p1', 'p2', 'p3', 'p4'].map((name, i) => ({ name, mac: mac(0xa0 + i), addrs: [] })),
    vlanFiltering: true,
    vlans: {
      p1: [{ vid: 10, pvid: true, untagged: true }],
      p2: [{ vid: 20, pvid: true, untagged: true }],
      p3: [{ vid: 10 }, { vid: 20 }],
      p4: [{ vid: 10, pvid: true, untagged: true }],
    },
  };
  const br = new Bridge(node, sim, net);
  return { sim, sent, br };
}

describe('Linux bridge with vlan_filtering', () => {
  it('floods an untagged frame within the pvid VLAN only: tagged on the trunk, untagged at the access port', () => {
    const { br, sent, sim } = setup();
    br.receive('p1', frame(mac(1), BCAST), 1);
    expect(sent).toEqual([{ port: 'p4', vids: [] }, { port: 'p3', vids: [10] }]);
    expect(sim.events.find((e) => e.kind === 'fdb.forward')).toMatchObject({ vlan: 10, notMember: ['p2'] });
  });

  it('pops the tag of a trunk frame at an access port of its VLAN', () => {
    const { br, sent } = setup();
    br.receive('p3', frame(mac(1), BCAST, 20), 1);
    expect(sent).toEqual([{ port: 'p2', vids: [] }]);
  });

  it('drops a frame of a VLAN the port is not a member of, with the reason', () => {
    const { br, sent, sim } = setup();
    br.receive('p3', frame(mac(1), BCAST, 30), 1);
    expect(sent).toEqual([]);
    expect(sim.events.find((e) => e.kind === 'drop')).toMatchObject({ reason: 'vlan-filter', detail: 'VLAN 30 is not on p3' });
  });

  it('drops a tagged frame at an access port whose VLAN it is not, and an untagged one on a port without pvid', () => {
    const { br, sent, sim } = setup();
    br.receive('p1', frame(mac(1), BCAST, 20), 1);
    br.receive('p3', frame(mac(1), BCAST), 2);
    expect(sent).toEqual([]);
    expect(sim.events.filter((e) => e.kind === 'drop').map((e) => e.kind === 'drop' && e.detail)).toEqual(['VLAN 20 is not on p1', 'no pvid on p3']);
  });

  it('learns the same MAC in two VLANs on different ports, and forwards by the frame\'s VLAN', () => {
    const { br, sent } = setup();
    br.receive('p1', frame(mac(1), BCAST), 1);
    br.receive('p3', frame(mac(1), BCAST, 20), 2);
    expect(br.fdb.list(0).map((e) => `${e.mac} ${e.port} ${e.vlan}`)).toEqual([`${mac(1)} p1 10`, `${mac(1)} p3 20`]);
    sent.length = 0;
    br.receive('p2', frame(mac(2), mac(1)), 3);
    expect(sent).toEqual([{ port: 'p3', vids: [20] }]);
    sent.length = 0;
    br.receive('p4', frame(mac(3), mac(1)), 4);
    expect(sent).toEqual([{ port: 'p1', vids: [] }]);
  });
});
