import { describe, expect, it } from 'vitest';
import { parseClab } from './io/clab';
import { defaultGateway, l2Segment, nextFreeAddress } from './edit';
import { formatBridgeFdb, formatIpAddr } from './linux-text';

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

describe('Linux views', () => {
  it('prints ip addr as iproute2 does in the oracle’s namespaces (veth ends, IPv6 off)', () => {
    expect(formatIpAddr(lab, 'h1')).toBe(
      [
        '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000',
        '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00',
        '    inet 127.0.0.1/8 scope host lo',
        '       valid_lft forever preferred_lft forever',
        '    inet 10.255.0.1/32 scope global lo',
        '       valid_lft forever preferred_lft forever',
        '2: eth1@if3: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000',
        '    link/ether 02:00:00:00:00:01 brd ff:ff:ff:ff:ff:ff link-netns sw1',
        '    inet 10.0.1.10/24 scope global eth1',
        '       valid_lft forever preferred_lft forever',
        '    inet 10.0.1.15/24 scope global secondary eth1',
        '       valid_lft forever preferred_lft forever',
        '',
      ].join('\n'),
    );
  });

  it('prints bridge fdb show with the permanent and learned entries', () => {
    const out = formatBridgeFdb(lab, 'sw1', [{ mac: '02:00:00:00:00:01' as never, port: 'p1' }]);
    expect(out.split('\n').slice(0, 4)).toEqual([
      '33:33:00:00:00:01 dev br0 self permanent',
      '01:00:5e:00:00:01 dev br0 self permanent',
      '02:00:00:00:00:01 dev p1 master br0 ',
      '02:00:00:00:00:02 dev p1 master br0 permanent',
    ]);
  });
});
