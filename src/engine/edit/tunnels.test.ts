import { describe, expect, it } from 'vitest';
import { parseClab } from '../io/clab';
import type { LinuxNode, Topology } from '../topology';
import { checkTunnelLines, newTunnel, removeTunnel, setTunnel, tunnelFields, tunnelFromFields } from './tunnels';

const file = `name: t
topology:
  nodes:
    a:
      kind: linux
      exec:
        - ip addr add 192.0.2.1/24 dev eth1
        - ip link add g1 type gre local 192.0.2.1 remote 192.0.2.2 key 42
        - ip link set g1 up
        - ip addr add 10.42.0.1/30 dev g1
        - ip route add 10.9.0.0/16 dev g1
        - ip link add br0 type bridge
        - ip link add vx0 type vxlan id 7 dstport 4789 remote 192.0.2.2 dev eth1
        - ip link set vx0 master br0
    b: {kind: linux}
  links:
    - endpoints: ["a:eth1", "b:eth1"]
`;
const topo = (): Topology => parseClab(file);
const nodeA = (t: Topology) => t.nodes.find((n) => n.name === 'a') as LinuxNode;

describe('the inspector edits tunnel devices as ip link add reads them', () => {
  it('reads fields as iproute2 does, naming the field it refuses', () => {
    const f = tunnelFields(nodeA(topo()).tunnels!.find((x) => x.name === 'g1')!);
    expect(f).toMatchObject({ kind: 'gre', local: '192.0.2.1', remote: '192.0.2.2', key: '42', ttl: '' });
    expect(tunnelFromFields('g1', { ...f, ttl: '64' }, ['eth1'])).toMatchObject({ kind: 'ok', tunnel: { ttl: 64, key: 42 } });
    expect(tunnelFromFields('g1', { ...f, ttl: 'inherit' }, ['eth1'])).toMatchObject({ kind: 'ok', tunnel: { key: 42 } });
    expect(tunnelFromFields('g1', { ...f, remote: '192.0.2' }, ['eth1'])).toEqual({ kind: 'error', field: 'remote', message: 'Error: inet address is expected rather than "192.0.2".' });
    expect(tunnelFromFields('g1', { ...f, key: '4294967296' }, ['eth1'])).toMatchObject({ kind: 'error', field: 'key' });
    expect(tunnelFromFields('g1', { ...f, ttl: '256' }, ['eth1'])).toMatchObject({ kind: 'error', field: 'ttl' });
    expect(tunnelFromFields('g1', { ...f, dev: 'eth9' }, ['eth1'])).toEqual({ kind: 'error', field: 'dev', message: 'Cannot find device "eth9"' });
    const vx = { ...f, kind: 'vxlan', key: '16777216', dstport: '4789' };
    expect(tunnelFromFields('vx1', vx, ['eth1'])).toEqual({ kind: 'error', field: 'key', message: 'Error: argument "16777216" is wrong: invalid id' });
    expect(tunnelFromFields('vx1', { ...vx, key: '' }, ['eth1'])).toMatchObject({ kind: 'error', field: 'key', message: 'vxlan: missing virtual network identifier' });
    expect(tunnelFromFields('vx1', { ...vx, key: '16777215' }, ['eth1'])).toMatchObject({ kind: 'ok', tunnel: { vni: 16777215, dstport: 4789 } });
  });

  it('keeps what the fields do not hold, adds a device up, and removes one from its bridge', () => {
    const t = topo();
    const g1 = nodeA(t).tunnels!.find((x) => x.name === 'g1')!;
    const changed = setTunnel(t, 'a', { ...g1, ttl: 10, addrs: [] });
    const g1b = nodeA(changed).tunnels!.find((x) => x.name === 'g1')!;
    expect(g1b).toMatchObject({ ttl: 10, up: true, addrs: [{ ip: '10.42.0.1', len: 30 }] });
    expect(nodeA(changed).tunnels!.map((x) => x.name)).toEqual(['g1', 'br0', 'vx0']);
    const added = setTunnel(changed, 'a', newTunnel(nodeA(changed), 'gretap'));
    expect(nodeA(added).tunnels!.at(-1)).toMatchObject({ name: 'gretap1', kind: 'gretap', up: true, macAuto: true });
    const removed = removeTunnel(added, 'a', 'vx0');
    expect(nodeA(removed).tunnels!.map((x) => x.name)).toEqual(['g1', 'br0', 'gretap1']);
    expect(nodeA(removed).tunnels!.find((x) => x.name === 'br0')!.ports).toEqual([]);
    expect(nodeA(t).tunnels!.find((x) => x.name === 'br0')!.ports).toEqual(['vx0']);
    expect(setTunnel(t, 'a', g1)).toBe(t);
  });

  it('reads the devices as ip link add lines, each refusal on its line', () => {
    const n = nodeA(topo());
    expect(checkTunnelLines(n, 'ip link add g1 type gre remote 192.0.2.2 key 42\n\n# a comment\nip link add t1 type ipip ttl 5 dev eth1')).toMatchObject({ ok: true, tunnels: [{ name: 'g1' }, { name: 't1', ttl: 5, dev: 'eth1' }] });
    expect(checkTunnelLines(n, 'ip link add eth1 type ipip\nip link add v type vxlan id 16777216\nip link add b type bridge\nip link add t type ipip dev eth7\nip route add default via 1.2.3.4')).toEqual({
      ok: false,
      errors: [
        { line: 1, message: 'RTNETLINK answers: File exists' },
        { line: 2, message: 'Error: argument "16777216" is wrong: invalid id' },
        { line: 3, message: 'type bridge is not edited here (ipip, gre, gretap, vxlan)' },
        { line: 4, message: 'Cannot find device "eth7"' },
        { line: 5, message: 'each line is an `ip link add NAME type ipip|gre|gretap|vxlan …` line' },
      ],
    });
  });
});
