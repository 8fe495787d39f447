import { describe, expect, it } from 'vitest';
import { NodeBuild } from '../io/exec';
import { bridgeDevLines } from '../io/bridge-vlan';
import { tunnelLines } from '../tunnel-text';
import { parseClab, toClab } from '../io/clab';
import type { LinuxNode } from '../topology';
import type { MacAddr } from '../wire/addr';

const l3sw = (): LinuxNode => ({
  kind: 'linux',
  name: 'l3sw',
  role: 'router',
  ifaces: ['p1', 'p2'].map((name, k) => ({ name, mac: `02:00:00:00:00:0${2 - k}` as MacAddr, addrs: [] })),
  loAddrs: [],
  routes: [],
  ipForward: true,
});

describe('a bridge device in a linux node (the L3 switch)', () => {
  it('takes its ports\' lowest MAC until one is set, and a VLAN device on it follows', () => {
    const n = l3sw();
    const b = new NodeBuild(n, () => '02:00:00:00:00:99' as MacAddr);
    expect(b.exec('ip link add br0 type bridge vlan_filtering 1')).toEqual({ kind: 'ok' });
    expect(b.exec('ip link add link br0 name vlan10 type vlan id 10')).toEqual({ kind: 'ok' });
    expect(b.exec('ip link set p1 master br0')).toEqual({ kind: 'ok' });
    const [br, v10] = n.tunnels!;
    expect([br!.mac, v10!.mac]).toEqual(['02:00:00:00:00:02', '02:00:00:00:00:02']);
    expect(b.exec('ip link set p2 master br0')).toEqual({ kind: 'ok' });
    expect([br!.mac, v10!.mac]).toEqual(['02:00:00:00:00:01', '02:00:00:00:00:01']);
    expect(b.exec('ip link set br0 address 02:00:00:00:01:00')).toEqual({ kind: 'ok' });
    expect(v10!.mac).toBe('02:00:00:00:01:00');
  });

  it('refuses what the kernel refuses', () => {
    const n = l3sw();
    const b = new NodeBuild(n);
    b.exec('ip link add br0 type bridge');
    b.exec('ip link set p1 master br0');
    expect(b.exec('ip link set p1 master br0')).toEqual({ kind: 'error', message: 'RTNETLINK answers: Device or resource busy' });
    expect(b.exec('ip link set p2 master br9')).toEqual({ kind: 'error', message: 'Cannot find device "br9"' });
    expect(b.exec('bridge vlan add dev p2 vid 10')).toEqual({ kind: 'error', message: 'Cannot find device "p2"' });
    expect(b.exec('bridge vlan add dev br0 vid 10')).toMatchObject({ kind: 'error' });
  });

  it('is written back as the lines that make it', () => {
    const n = l3sw();
    const b = new NodeBuild(n);
    const lines = [
      'ip link add br0 type bridge vlan_filtering 1',
      'ip link set dev br0 address 02:00:00:00:01:00',
      'ip link set p1 master br0',
      'bridge vlan del dev p1 vid 1',
      'bridge vlan add dev p1 vid 10 pvid untagged',
      'bridge vlan add dev br0 vid 10 self',
      'ip link set br0 up',
    ];
    for (const l of lines) expect(b.exec(l)).toEqual({ kind: 'ok' });
    expect(tunnelLines(n.tunnels![0]!, bridgeDevLines)).toEqual(lines);
  });
});

describe('an Ethernet tunnel as a bridge port (an L2 overlay)', () => {
  const overlay = `name: o
topology:
  nodes:
    s1:
      kind: linux
      exec:
        - ip addr add 192.0.2.1/24 dev eth2
        - ip link add br0 type bridge mcast_snooping 0
        - ip link set p1 master br0
        - ip link add gt1 type gretap local 192.0.2.1 remote 192.0.2.2
        - ip link set gt1 master br0
        - ip link set gt1 up
        - ip link set br0 up
    h1: {kind: linux}
    s2: {kind: linux}
  links:
    - endpoints: ["h1:eth1", "s1:p1"]
    - endpoints: ["s1:eth2", "s2:eth2"]
`;

  it('joins as br_add_if lets it: gretap and vxlan, not ipip, gre or a bridge', () => {
    const n = l3sw();
    const b = new NodeBuild(n);
    for (const l of ['ip link add br0 type bridge', 'ip link add br1 type bridge', 'ip link add gt1 type gretap remote 192.0.2.2', 'ip link add vx0 type vxlan id 7 dstport 4789 remote 192.0.2.2', 'ip link add t1 type ipip remote 192.0.2.2', 'ip link add g1 type gre remote 192.0.2.2']) expect(b.exec(l)).toEqual({ kind: 'ok' });
    expect(b.exec('ip link set gt1 master br0')).toEqual({ kind: 'ok' });
    expect(b.exec('ip link set vx0 master br0')).toEqual({ kind: 'ok' });
    expect(b.exec('ip link set t1 master br0')).toEqual({ kind: 'error', message: 'RTNETLINK answers: Invalid argument' });
    expect(b.exec('ip link set g1 master br0')).toEqual({ kind: 'error', message: 'RTNETLINK answers: Invalid argument' });
    expect(b.exec('ip link set br1 master br0')).toEqual({ kind: 'error', message: 'RTNETLINK answers: Too many levels of symbolic links' });
    expect(n.tunnels!.find((t) => t.name === 'br0')!.ports).toEqual(['gt1', 'vx0']);
    // a static neighbour on a tunnel device, as on an interface
    expect(b.exec('ip neigh add 10.7.0.1 lladdr 02:00:00:00:07:01 dev vx0 nud permanent')).toEqual({ kind: 'ok' });
    expect(b.exec('ip neigh add 10.7.0.1 lladdr 02:00:00:00:07:01 dev vx9')).toEqual({ kind: 'error', message: 'Cannot find device "vx9"' });
  });

  it('is written back with the tunnel made before it joins, and reads back the same', () => {
    const t = parseClab(overlay);
    const exec = (toClab(t).text.match(/s1:[\s\S]*?exec:\n((?:\s+- .*\n)+)/)?.[1] ?? '').split('\n').map((l) => l.trim().replace(/^- /, '')).filter(Boolean);
    expect(exec.indexOf('ip link set gt1 master br0')).toBeGreaterThan(exec.findIndex((l) => l.startsWith('ip link add gt1')));
    expect(parseClab(toClab(t).text).nodes).toEqual(t.nodes);
  });
});
