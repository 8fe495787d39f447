import { describe, expect, it } from 'vitest';
import { parseLinkAdd } from '../io/ip-link-add';
import { NodeBuild } from '../io/exec';
import { formatIpTunnel, tunnelDetails, tunnelHead } from '../tunnel-text';
import type { LinuxNode } from '../topology';
import type { MacAddr } from '../wire/addr';

const r1 = (): LinuxNode => ({
  kind: 'linux',
  name: 'r1',
  role: 'router',
  ifaces: [{ name: 'eth1', mac: '02:00:00:00:00:01' as MacAddr, addrs: [] }],
  loAddrs: [],
  routes: [],
  ipForward: true,
});

describe('ip link add link DEV name NAME type vlan id N', () => {
  it('reads the real device and the VID', () => {
    expect(parseLinkAdd('link eth1 name eth1.10 type vlan id 10'.split(' '))).toEqual({ kind: 'ok', tunnel: { name: 'eth1.10', kind: 'vlan', dev: 'eth1', vlanId: 10, addrs: [] } });
    expect(parseLinkAdd('link eth1 name v type vlan protocol 802.1Q id 4094'.split(' '))).toMatchObject({ kind: 'ok' });
  });

  it.each([
    ['name v type vlan id 10', 'Error: 8021q: link not specified.'],
    ['link eth1 name v type vlan', 'Error: 8021q: VLAN id not specified.'],
    ['link eth1 name v type vlan id 4095', 'RTNETLINK answers: Numerical result out of range'],
    ['link eth1 name v type vlan id x', 'Error: argument "x" is wrong: id is invalid'],
    ['link eth1 name v type gre', '"link" is supported for type vlan only here'],
  ])('refuses %s', (line, message) => {
    expect(parseLinkAdd(line.split(' '))).toEqual({ kind: 'error', message });
  });

  it('has its real device\'s MAC, follows it, and one VID per real device', () => {
    const n = r1();
    const b = new NodeBuild(n);
    expect(b.exec('ip link add link eth1 name eth1.10 type vlan id 10')).toEqual({ kind: 'ok' });
    expect(n.tunnels![0]!.mac).toBe('02:00:00:00:00:01');
    expect(b.exec('ip link set dev eth1 address 02:00:00:00:00:aa')).toEqual({ kind: 'ok' });
    expect(n.tunnels![0]!.mac).toBe('02:00:00:00:00:aa');
    expect(b.exec('ip link add link eth1 name v10 type vlan id 10')).toEqual({ kind: 'error', message: 'RTNETLINK answers: File exists' });
    expect(b.exec('ip link add link eth9 name v10 type vlan id 10')).toEqual({ kind: 'error', message: 'Cannot find device "eth9"' });
  });

  it('prints as iproute2 does, and is no IP tunnel', () => {
    const n = r1();
    const b = new NodeBuild(n);
    b.exec('ip link add link eth1 name eth1.10 type vlan id 10');
    b.exec('ip link set eth1.10 up');
    const t = n.tunnels![0]!;
    expect(tunnelHead(t, 3)).toEqual(['3: eth1.10@eth1: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default', '    link/ether 02:00:00:00:00:01 brd ff:ff:ff:ff:ff:ff']);
    expect(tunnelDetails(t, true)).toContain('\n    vlan protocol 802.1Q id 10 <REORDER_HDR> addrgenmode eui64 ');
    expect(formatIpTunnel(n.tunnels!)).toBe('');
  });
});
