// Devices stacked on devices, as a VLAN or a macvlan will be: a toy pass-through type, registered
// only here, claims its lower device's frames and sends through it. The stack of the namespace
// must then see what arrives on the lower device as arriving on the upper one, and what the upper
// one sends must leave on the lower one's wire.

import { describe, expect, it } from 'vitest';
import type { MacAddr } from '../../wire/addr';
import type { EthernetFrame } from '../../wire/types';
import type { Network } from '../../sim/network';
import { Sim } from '../../sim/sim';
import { devQueueXmit, netdevCreate, netdevRxHandlerRegister, netifReceiveSkb, registerNetdevType, type NetNs } from './netdev';
import '../veth';

registerNetdevType('test-passthru', {
  init: (dev) =>
    netdevRxHandlerRegister(dev.lower!, (_lower, frame, pkt) => {
      netifReceiveSkb(dev, frame, pkt);
      return 'consumed';
    }),
  xmit: (dev, frame, pkt) => devQueueXmit(dev.lower!, frame, pkt),
});

const mac = (n: number) => `02:00:00:00:00:0${n}` as MacAddr;
const frame: EthernetFrame = { dstMac: mac(1), srcMac: mac(9), ethertype: 0x88b5, payload: { kind: 'raw', data: '00' } };

function namespace() {
  const wire: string[] = [];
  const up: string[] = [];
  const net = { transmit: (_node: string, iface: string) => (wire.push(iface), true) } as unknown as Network;
  const ns: NetNs = { name: 'n1', sim: new Sim(1, 100), net, protocolRcv: (dev) => void up.push(dev.name) };
  const eth1 = netdevCreate(ns, 'veth', 'eth1', mac(1), {});
  const eth2 = netdevCreate(ns, 'veth', 'eth2', mac(2), {});
  return { ns, wire, up, eth1, eth2 };
}

describe('stacked network devices', () => {
  it('hands a frame received on the lower device to the stack as received on the upper one, through every level', () => {
    const { ns, up, eth1, eth2 } = namespace();
    const pt0 = netdevCreate(ns, 'test-passthru', 'pt0', mac(1), {}, eth1);
    netdevCreate(ns, 'test-passthru', 'pt1', mac(1), {}, pt0);
    netifReceiveSkb(eth1, frame, 1);
    netifReceiveSkb(eth2, frame, 2);
    expect(up).toEqual(['pt1', 'eth2']);
  });

  it("sends what the upper device transmits on the lower device's wire", () => {
    const { ns, wire, eth1 } = namespace();
    const pt0 = netdevCreate(ns, 'test-passthru', 'pt0', mac(1), {}, eth1);
    const pt1 = netdevCreate(ns, 'test-passthru', 'pt1', mac(1), {}, pt0);
    devQueueXmit(pt1, frame, 1);
    expect(wire).toEqual(['eth1']);
  });

  it('lets one upper device claim a device, as netdev_rx_handler_register does (EBUSY)', () => {
    const { ns, eth1 } = namespace();
    netdevCreate(ns, 'test-passthru', 'pt0', mac(1), {}, eth1);
    expect(() => netdevCreate(ns, 'test-passthru', 'pt1', mac(1), {}, eth1)).toThrow(/already has an rx_handler/);
  });

  it('creates only registered types, each registered once', () => {
    const { ns } = namespace();
    expect(() => netdevCreate(ns, 'vxlan', 'vx0', mac(1), {})).toThrow(/no device type "vxlan"/);
    expect(() => registerNetdevType('veth', { xmit: () => {} })).toThrow(/registered twice/);
  });
});
