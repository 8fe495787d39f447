import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseClab } from './clab';
import { runShell } from '../userspace/shell';
import { simulate } from '../sim/simulate';
import { formatBridgeFdb } from '../linux-text';
import type { BridgeNode } from '../topology';
import { bridgeTarget, bridgeVlanLines } from './bridge-vlan';
import { NodeBuild } from './exec';
import { deviceVlans } from '../devices/bridge-vlan';

const sw = (): BridgeNode => ({
  kind: 'bridge',
  name: 'sw1',
  role: 'switch',
  ifaces: ['p1', 'p2'].map((name, k) => ({ name, mac: `02:00:00:00:00:0${k + 1}` as never, addrs: [] })),
});
const run = (n: BridgeNode, line: string) => new NodeBuild(n).exec(`bridge vlan ${line}`);
const setVlanFiltering = (n: BridgeNode, args: string[]) => new NodeBuild(n).exec(`ip link set ${args.join(' ')}`);

describe('bridge vlan add|del on a bridge node', () => {
  it('a port starts in VLAN 1, pvid untagged; an access VLAN replaces it', () => {
    const n = sw();
    expect(deviceVlans(n, 'p1')).toEqual([{ vid: 1, pvid: true, untagged: true }]);
    expect(run(n, 'del dev p1 vid 1')).toEqual({ kind: 'ok' });
    expect(run(n, 'add dev p1 vid 10 pvid untagged')).toEqual({ kind: 'ok' });
    expect(deviceVlans(n, 'p1')).toEqual([{ vid: 10, pvid: true, untagged: true }]);
    expect(deviceVlans(n, 'p2')).toEqual([{ vid: 1, pvid: true, untagged: true }]);
  });

  it('a new pvid takes it from the old one; re-adding without pvid clears it (__vlan_add_flags)', () => {
    const n = sw();
    run(n, 'add dev p1 vid 20 pvid');
    expect(deviceVlans(n, 'p1')).toEqual([{ vid: 1, untagged: true }, { vid: 20, pvid: true }]);
    run(n, 'add dev p1 vid 20');
    expect(deviceVlans(n, 'p1')).toEqual([{ vid: 1, untagged: true }, { vid: 20 }]);
  });

  it('ranges, and the kernel\'s and iproute2\'s refusals', () => {
    const n = sw();
    expect(run(n, 'add dev p2 vid 10-12')).toEqual({ kind: 'ok' });
    expect(deviceVlans(n, 'p2').map((v) => v.vid)).toEqual([1, 10, 11, 12]);
    expect(run(n, 'del dev p2 vid 30')).toEqual({ kind: 'error', message: 'RTNETLINK answers: No such file or directory' });
    expect(run(n, 'add dev p2 vid 4095')).toEqual({ kind: 'error', message: 'Invalid VLAN ID "4095"' });
    expect(run(n, 'add dev p9 vid 10')).toEqual({ kind: 'error', message: 'Cannot find device "p9"' });
    expect(run(n, 'add dev br0 vid 10').kind).toBe('error');
    expect(run(n, 'add dev br0 vid 10 self')).toEqual({ kind: 'ok' });
  });

  it('vlan_filtering on br0 only', () => {
    const n = sw();
    expect(setVlanFiltering(n, ['br0', 'type', 'bridge', 'vlan_filtering', '1'])).toEqual({ kind: 'ok' });
    expect(n.vlanFiltering).toBe(true);
    expect(setVlanFiltering(n, ['br1', 'type', 'bridge', 'vlan_filtering', '1'])).toEqual({ kind: 'error', message: 'Cannot find device "br1"' });
  });

  it('written back as lines that rebuild the same VLANs', () => {
    const n = sw();
    setVlanFiltering(n, ['br0', 'type', 'bridge', 'vlan_filtering', '1']);
    for (const l of ['del dev p1 vid 1', 'add dev p1 vid 10 pvid untagged', 'add dev p2 vid 10', 'add dev p2 vid 20', 'add dev br0 vid 10 self']) run(n, l);
    const lines = ['ip link set br0 type bridge vlan_filtering 1', ...bridgeVlanLines(bridgeTarget(n, 'br0')!)];
    expect(lines).toEqual([
      'ip link set br0 type bridge vlan_filtering 1',
      'bridge vlan del dev p1 vid 1',
      'bridge vlan add dev p1 vid 10 pvid untagged',
      'bridge vlan add dev p2 vid 10',
      'bridge vlan add dev p2 vid 20',
      'bridge vlan add dev br0 vid 10 self',
    ]);
    const m = sw();
    for (const l of lines) expect(new NodeBuild(m).exec(l)).toEqual({ kind: 'ok' });
    expect(m).toEqual(n);
  });
});

describe('bridge vlan show and bridge fdb show on a VLAN-aware switch', () => {
  const file = path.join(import.meta.dirname, '../__oracle__/vlan-trunk.clab.yml');
  const t = parseClab(fs.readFileSync(file, 'utf8'), file);

  it('lists br0 and each port in ifindex order, one line per VLAN, with its flags', () => {
    const r = runShell(t, 'sw1', 'bridge vlan show');
    expect(r.kind === 'done' && r.stdout).toBe(
      [
        'port              vlan-id  ',
        'br0               1 PVID Egress Untagged',
        'p1                10 PVID Egress Untagged',
        'p2                20 PVID Egress Untagged',
        'p3                10',
        '                  20',
        '',
      ].join('\n'),
    );
  });

  it('prints a learned entry with its VLAN', () => {
    const trace = simulate(t);
    const fdb = trace.final['sw1'];
    const learned = fdb?.kind === 'bridge' ? fdb.fdb : [];
    expect(formatBridgeFdb(t, 'sw1', learned)).toContain(' dev p3 vlan 20 master br0 \n');
  });
});
