import { describe, expect, it } from 'vitest';
import { parseClab } from '../io/clab';
import { defaultGateway, l2Segment, nextFreeAddress } from './segment';

const lab = parseClab(
  `name: lab
topology:
  nodes:
    h1: {kind: linux, exec: ["ip addr add 10.0.1.10/24 dev eth1", "ip addr add 10.0.1.15/24 dev eth1", "ip addr add 10.255.0.1/32 dev lo"]}
    h2: {kind: linux}
    h3: {kind: linux}
    r1: {kind: linux, exec: ["ip addr add 10.0.1.1/24 dev eth1", "ip addr add 10.0.2.1/24 dev eth2", "sysctl -w net.ipv4.ip_forward=1"]}
    sw1: {kind: bridge}
    sw2: {kind: bridge}
  links:
    - endpoints: ["h1:eth1", "sw1:p1"]
    - endpoints: ["h2:eth1", "sw1:p2"]
    - endpoints: ["sw1:p3", "sw2:p1"]
    - endpoints: ["r1:eth1", "sw2:p2"]
    - endpoints: ["r1:eth2", "h3:eth1"]
`,
  'lab.clab.yml',
);

describe('editor helpers', () => {
  it('finds the interfaces of a broadcast domain across bridges, and stops at routers', () => {
    expect(l2Segment(lab, 'h2', 'eth1')).toEqual([
      { node: 'h2', iface: 'eth1' },
      { node: 'h1', iface: 'eth1' },
      { node: 'r1', iface: 'eth1' },
    ]);
    expect(l2Segment(lab, 'h3', 'eth1')).toEqual([{ node: 'h3', iface: 'eth1' }, { node: 'r1', iface: 'eth2' }]);
  });

  it('offers the next free address of the segment’s subnet', () => {
    expect(nextFreeAddress(lab, 'h2', 'eth1')).toEqual({ kind: 'ok', addr: { ip: '10.0.1.2', len: 24 }, subnet: '10.0.1.0/24' });
    expect(nextFreeAddress(lab, 'h3', 'eth1')).toMatchObject({ kind: 'ok', addr: { ip: '10.0.2.2', len: 24 } });
  });

  it('says when there is no subnet to take an address from', () => {
    const bare = parseClab('name: b\ntopology:\n  nodes:\n    a: {kind: linux}\n    b: {kind: linux}\n  links:\n    - endpoints: ["a:eth1", "b:eth1"]\n', 'b.yml');
    expect(nextFreeAddress(bare, 'a', 'eth1')).toEqual({ kind: 'none', reason: 'no-subnet' });
  });

  it('proposes the router on the host’s link as its default gateway', () => {
    expect(defaultGateway(lab, 'h1')).toEqual({ kind: 'ok', via: '10.0.1.1', dev: 'eth1', router: 'r1' });
    expect(defaultGateway(lab, 'h2')).toEqual({ kind: 'none', reason: 'no-address' });
  });
});
