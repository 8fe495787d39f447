import { describe, expect, it } from 'vitest';
import { simulate } from '../sim/simulate';
import { parseTopologyJson as parseJson, toTopologyJson as writeJson } from '../io/json';
import { parseClab, toClab } from '../io/clab';

const writeClab = (t: Topology): string => toClab(t).text;
import { validateTopology } from '../io/validate';
import { deviceVlans } from '../devices/bridge-vlan';
import type { BridgeNode, LinuxNode, Topology } from '../topology';
import { addDevice, emptyTopology } from './devices';
import { connect } from './links';
import { setIfaceAddrs } from './interfaces';
import { setRoutes } from './routes';
import { addVlanDevice, applyBridgeVlanText, bridgeVlanText, portVlanList, portVlans, removeVlanDevice, setBridgeVlanFiltering, setDeviceAddrs, setPortVlans } from './vlans';

function ok<T extends object>(r: T): Exclude<T, { error: string } | { errors: unknown[] }> {
  if ('error' in r || 'errors' in r) throw new Error(JSON.stringify(r));
  return r as Exclude<T, { error: string } | { errors: unknown[] }>;
}

/** sw1 with ports p1, p2, p3 (linked to h1, h2, r1). */
function lan(): Topology {
  let t = emptyTopology();
  for (const role of ['switch', 'host', 'host', 'router'] as const) t = addDevice(t, role, { x: 0, y: 0 }).topology;
  for (const peer of ['h1', 'h2', 'r1']) {
    const r = connect(t, 'sw1', peer);
    if (r.kind !== 'ok') throw new Error(r.reason);
    t = r.topology;
  }
  return t;
}
const sw = (t: Topology) => t.nodes.find((n) => n.name === 'sw1') as BridgeNode;
const node = (t: Topology, name: string) => t.nodes.find((n) => n.name === name) as LinuxNode;
const ping = (t: Topology, from: string, to: string): Topology => ({ ...t, scenario: [{ kind: 'run', on: from, run: `ping -c 1 -W 1 ${to}` }] });
const exitOf = (t: Topology): number | null | undefined => {
  const end = simulate(t).events.find((e) => e.kind === 'step.end');
  return end?.kind === 'step.end' ? end.exit : undefined;
};

describe('port VLAN rows', () => {
  it('are an access port or a trunk, and back to the same list', () => {
    expect(portVlans([{ vid: 1, pvid: true, untagged: true }])).toEqual({ mode: 'access', vid: 1 });
    expect(portVlans([{ vid: 10 }, { vid: 20 }, { vid: 30, pvid: true, untagged: true }])).toEqual({ mode: 'trunk', vids: [10, 20], native: 30 });
    expect(portVlans([{ vid: 10, pvid: true }])).toEqual({ mode: 'other' });
    expect(portVlans([{ vid: 10, untagged: true }])).toEqual({ mode: 'other' });
    expect(portVlanList({ mode: 'trunk', vids: [20, 10, 20, 1], native: 1 })).toEqual([{ vid: 1, pvid: true, untagged: true }, { vid: 10 }, { vid: 20 }]);
  });

  it('edit the switch and read back as bridge vlan lines, and the lines make the same switch', () => {
    let t = setBridgeVlanFiltering(lan(), 'sw1', true);
    t = ok(setPortVlans(t, 'sw1', 'p1', { mode: 'access', vid: 10 })).topology;
    t = ok(setPortVlans(t, 'sw1', 'p2', { mode: 'access', vid: 20 })).topology;
    t = ok(setPortVlans(t, 'sw1', 'p3', { mode: 'trunk', vids: [10, 20] })).topology;
    const text = bridgeVlanText(sw(t));
    expect(text).toBe(
      [
        'ip link set br0 type bridge vlan_filtering 1',
        'bridge vlan del dev p1 vid 1',
        'bridge vlan add dev p1 vid 10 pvid untagged',
        'bridge vlan del dev p2 vid 1',
        'bridge vlan add dev p2 vid 20 pvid untagged',
        'bridge vlan del dev p3 vid 1',
        'bridge vlan add dev p3 vid 10',
        'bridge vlan add dev p3 vid 20',
      ].join('\n'),
    );
    // a port without a link is left out of a containerlab file, and so are its VLAN lines
    const unplugged = { ...t, links: t.links.filter((l) => l.b.node !== 'h2') };
    expect(Object.keys(sw(parseClab(writeClab(unplugged))).vlans!)).toEqual(['p1', 'p3']);
    const again = ok(applyBridgeVlanText(lan(), 'sw1', text)).topology;
    expect(sw(again).vlans).toEqual(sw(t).vlans);
    expect(sw(again).vlanFiltering).toBe(true);
    // the access VLAN back to 1 is Linux's default: nothing to write
    t = ok(setPortVlans(t, 'sw1', 'p1', { mode: 'access', vid: 1 })).topology;
    expect(Object.keys(sw(t).vlans!)).toEqual(['p2', 'p3']);
  });

  it('refuses a reserved or missing VLAN id and a port that does not exist, with the line', () => {
    expect(setPortVlans(lan(), 'sw1', 'p1', { mode: 'access', vid: 4095 })).toEqual({ error: 'Invalid VLAN ID "4095"' });
    expect(setPortVlans(lan(), 'sw1', 'p1', { mode: 'access', vid: 0 })).toEqual({ error: 'Invalid VLAN ID "0"' });
    expect(setPortVlans(lan(), 'sw1', 'p9', { mode: 'access', vid: 10 })).toEqual({ error: 'Cannot find device "p9"' });
    expect(applyBridgeVlanText(lan(), 'sw1', '\nbridge vlan add dev p1 vid abc\nbridge vlan add dev p7 vid 10\nip link set br0 up\nip route add default')).toEqual({
      errors: [
        { line: 2, message: 'Invalid VLAN ID "abc"' },
        { line: 3, message: 'Cannot find device "p7"' },
        { line: 4, message: 'only "ip link set br0 type bridge vlan_filtering 0|1" is read here' },
        { line: 5, message: 'expected "bridge vlan add|del dev DEV vid N [pvid] [untagged] [self]"' },
      ],
    });
  });

  it('keep a port named __proto__ an ordinary name, in the model and through JSON', () => {
    let t = lan();
    t = { ...t, nodes: t.nodes.map((n) => (n.name === 'sw1' ? { ...n, ifaces: n.ifaces.map((i) => (i.name === 'p1' ? { ...i, name: '__proto__' } : i)) } : n)) };
    t = { ...t, links: t.links.map((l) => (l.a.node === 'sw1' && l.a.iface === 'p1' ? { ...l, a: { node: 'sw1', iface: '__proto__' } } : l)) };
    t = ok(setPortVlans(t, 'sw1', '__proto__', { mode: 'access', vid: 10 })).topology;
    expect(Object.getPrototypeOf(sw(t).vlans)).toBe(null);
    expect(deviceVlans(sw(t), '__proto__')).toEqual([{ vid: 10, pvid: true, untagged: true }]);
    expect(deviceVlans(sw(t), 'constructor')).toEqual([{ vid: 1, pvid: true, untagged: true }]);
    const back = parseJson(writeJson(t));
    expect(deviceVlans(sw(back), '__proto__')).toEqual([{ vid: 10, pvid: true, untagged: true }]);
    expect(validateTopology(back)).toEqual([]);
  });
});

describe('VLAN settings naming devices that do not exist', () => {
  it('are refused by the JSON reader and by the validation of any topology', () => {
    const t = ok(setPortVlans(lan(), 'sw1', 'p1', { mode: 'access', vid: 10 })).topology;
    const bad = { ...t, nodes: t.nodes.map((n) => (n.name === 'sw1' ? { ...n, vlans: { ...(n as BridgeNode).vlans, p8: [{ vid: 5 }] } } : n)) };
    expect(validateTopology(bad).map((i) => i.message)).toEqual(['sw1: bridge vlan: device "p8" is neither br0 nor one of its ports']);
    expect(() => parseJson(writeJson(bad))).toThrow(/device "p8" is neither br0/);
    const l3 = addDevice(emptyTopology(), 'l3switch', { x: 0, y: 0 }).topology;
    const orphan = { ...l3, nodes: l3.nodes.map((n) => (n.kind === 'linux' ? { ...n, tunnels: n.tunnels!.map((x) => (x.kind === 'bridge' ? { ...x, ports: [...x.ports!, 'eth7'] } : x)) } : n)) };
    expect(validateTopology(orphan).map((i) => i.message)).toEqual(['l3sw1: br0: port "eth7" is not an interface of l3sw1']);
  });
});

describe('a VLAN LAN built with the editor', () => {
  /** h1 in VLAN 10, h2 in VLAN 20; r1 routes between them on a stick (eth1.10, eth1.20 on the trunk). */
  function onAStick(): Topology {
    let t = setBridgeVlanFiltering(lan(), 'sw1', true);
    t = ok(setPortVlans(t, 'sw1', 'p1', { mode: 'access', vid: 10 })).topology;
    t = ok(setPortVlans(t, 'sw1', 'p2', { mode: 'access', vid: 20 })).topology;
    t = ok(setPortVlans(t, 'sw1', 'p3', { mode: 'trunk', vids: [10, 20] })).topology;
    t = setIfaceAddrs(t, 'h1', 'eth1', [{ ip: '10.0.10.10', len: 24 }] as never);
    t = setIfaceAddrs(t, 'h2', 'eth1', [{ ip: '10.0.20.10', len: 24 }] as never);
    for (const vid of [10, 20]) {
      const r = ok(addVlanDevice(t, 'r1', 'eth1', vid));
      t = setDeviceAddrs(r.topology, 'r1', r.name, [{ ip: `10.0.${vid}.1`, len: 24 }] as never);
    }
    t = setRoutes(t, 'h1', [{ type: 'unicast', dst: { ip: '0.0.0.0', len: 0 }, via: '10.0.10.1' }] as never);
    return setRoutes(t, 'h2', [{ type: 'unicast', dst: { ip: '0.0.0.0', len: 0 }, via: '10.0.20.1' }] as never);
  }

  it('routes a ping from VLAN 10 to VLAN 20 on a stick, and survives containerlab and JSON', () => {
    const t = onAStick();
    expect(validateTopology(t)).toEqual([]);
    expect(exitOf(ping(t, 'h1', '10.0.20.10'))).toBe(0);
    expect(exitOf(ping(parseClab(writeClab(t)), 'h1', '10.0.20.10'))).toBe(0);
    expect(exitOf(ping(parseJson(writeJson(t)), 'h1', '10.0.20.10'))).toBe(0);
    // without the router's VLAN 20 device, VLAN 20 is out of reach
    expect(exitOf(ping(removeVlanDevice(t, 'r1', 'eth1.20'), 'h1', '10.0.20.10'))).not.toBe(0);
  });

  it('refuses a VLAN device twice, on a missing device, or with a reserved VID', () => {
    const t = onAStick();
    expect(addVlanDevice(t, 'r1', 'eth1', 10)).toEqual({ error: 'RTNETLINK answers: File exists' });
    expect(addVlanDevice(t, 'r1', 'eth5', 10)).toEqual({ error: 'Cannot find device "eth5"' });
    expect(addVlanDevice(t, 'r1', 'eth1', 4095)).toEqual({ error: 'Invalid VLAN ID "4095"' });
  });

  it('the L3 switch routes between its VLANs as soon as two hosts are linked to it', () => {
    let t = addDevice(emptyTopology(), 'l3switch', { x: 0, y: 0 }).topology;
    for (const role of ['host', 'host'] as const) t = addDevice(t, role, { x: 0, y: 0 }).topology;
    for (const h of ['h1', 'h2']) {
      const r = connect(t, 'l3sw1', h);
      if (r.kind !== 'ok') throw new Error(r.reason);
      t = r.topology;
    }
    const l3 = node(t, 'l3sw1');
    expect(l3.role).toBe('l3switch');
    expect(l3.ipForward).toBe(true);
    // linking takes its ports in order: eth1 in VLAN 10, eth2 in VLAN 20
    expect(t.links.map((l) => `${l.a.node}:${l.a.iface}`)).toEqual(['l3sw1:eth1', 'l3sw1:eth2']);
    expect(bridgeVlanText(l3)).toBe(
      [
        'ip link set br0 type bridge vlan_filtering 1',
        'bridge vlan add dev br0 vid 10 self',
        'bridge vlan add dev br0 vid 20 self',
        'bridge vlan del dev eth1 vid 1',
        'bridge vlan add dev eth1 vid 10 pvid untagged',
        'bridge vlan del dev eth3 vid 1',
        'bridge vlan add dev eth3 vid 10 pvid untagged',
        'bridge vlan del dev eth2 vid 1',
        'bridge vlan add dev eth2 vid 20 pvid untagged',
        'bridge vlan del dev eth4 vid 1',
        'bridge vlan add dev eth4 vid 20 pvid untagged',
      ].join('\n'),
    );
    // the bridge has its lowest port's address, its VLAN devices the bridge's
    expect(l3.tunnels!.map((x) => x.mac)).toEqual([l3.ifaces[0]!.mac, l3.ifaces[0]!.mac, l3.ifaces[0]!.mac]);
    t = setIfaceAddrs(t, 'h1', 'eth1', [{ ip: '10.0.10.10', len: 24 }] as never);
    t = setIfaceAddrs(t, 'h2', 'eth1', [{ ip: '10.0.20.10', len: 24 }] as never);
    t = setRoutes(t, 'h1', [{ type: 'unicast', dst: { ip: '0.0.0.0', len: 0 }, via: '10.0.10.1' }] as never);
    t = setRoutes(t, 'h2', [{ type: 'unicast', dst: { ip: '0.0.0.0', len: 0 }, via: '10.0.20.1' }] as never);
    expect(validateTopology(t)).toEqual([]);
    expect(exitOf(ping(t, 'h1', '10.0.20.10'))).toBe(0);
    // eth3 and eth4 have no link: the containerlab file leaves them out, and their bridge lines with them
    const back = parseClab(writeClab(t));
    expect(node(back, 'l3sw1').role).toBe('l3switch');
    expect(node(back, 'l3sw1').tunnels!.find((x) => x.kind === 'bridge')!.ports).toEqual(['eth1', 'eth2']);
    expect(exitOf(ping(back, 'h1', '10.0.20.10'))).toBe(0);
  });
});
