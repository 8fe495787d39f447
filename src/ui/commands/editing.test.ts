// Edits through the worker, as the inspector makes them: a value that Linux would refuse changes
// nothing and says why in iproute2's words; taking an address away removes the routes through it.

import { beforeEach, describe, expect, test } from 'vitest';
import type { Ipv4Addr, LinuxNode, MacAddr, Topology } from '../../engine';
import { addDevice, linkKey, routeText, setIfaceAddrs } from '../../engine/pure';
import { resetAppStore, selectNode, selectTopology, useAppStore } from '../../store';
import { createSimClient } from '../../worker/client';
import { DEFAULT_EXAMPLE } from '../../worker/protocol';
import { useToasts } from '../toast/toastStore';
import { applyEdit } from './applyEdit';
import { clearClipboard, copySelection, cutSelection, duplicateSelection, paste } from './clipboard';
import { assignNextFreeAddress, removeInterface, setAddresses, setMac } from './interfaces';
import { openExample } from './openExample';
import { addReturnRoutes, addRoute, applyRouteLines, checkRouteLines, deleteRoute, setDefaultGateway } from './routes';

const client = createSimClient();
const a = (s: string) => {
  const [ip, len] = s.split('/');
  return { ip: ip as Ipv4Addr, len: Number(len) };
};
const store = () => useAppStore.getState();
const topology = () => selectTopology(store())!;
const linux = (name: string) => selectNode(name)(store()) as LinuxNode;
const routes = (name: string) => linux(name).routes.map(routeText);
const pastSteps = () => useAppStore.temporal.getState().pastStates.length;

beforeEach(async () => {
  resetAppStore();
  useToasts.getState().clear();
  clearClipboard();
  await openExample(client, DEFAULT_EXAMPLE, { startup: true });
});

describe('addresses', () => {
  test('a valid address is applied (one undo step)', async () => {
    expect(await setAddresses(client, 'h2', 'eth1', [a('10.0.2.20/24')])).toEqual({ kind: 'applied', droppedRoutes: [] });
    expect(linux('h2').ifaces[0]!.addrs).toEqual([a('10.0.2.20/24')]);
    expect(pastSteps()).toBe(1);
  });

  test('an address used by another device is refused with the reason, and nothing changes', async () => {
    const before = topology();
    const r = await setAddresses(client, 'r1', 'eth1', [a('10.0.1.10/24')]);
    expect(r).toEqual({ kind: 'rejected', messages: ['duplicate address 10.0.1.10: on r1:eth1 and on h1:eth1'] });
    expect(topology()).toBe(before);
    expect(pastSteps()).toBe(0);
  });

  test('an address that cannot be an interface address is refused', async () => {
    const r = await setAddresses(client, 'h1', 'eth1', [a('224.0.0.1/24')]);
    expect(r.kind === 'rejected' && r.messages[0]).toMatch(/224\.0\.0\.1 cannot be an interface address/);
  });

  test('a dry run says what would happen and changes nothing', async () => {
    expect((await setAddresses(client, 'r1', 'eth1', [a('10.0.1.10/24')], true)).kind).toBe('rejected');
    expect((await setAddresses(client, 'r1', 'eth1', [a('10.0.1.2/24')], true)).kind).toBe('applied');
    expect(linux('r1').ifaces[0]!.addrs).toEqual([a('10.0.1.1/24')]);
  });

  test('moving a host to another subnet removes the route through its old one, as Linux does', async () => {
    const r = await setAddresses(client, 'h1', 'eth1', [a('10.0.9.10/24')]);
    expect(r).toEqual({ kind: 'applied', droppedRoutes: [{ node: 'h1', route: 'default via 10.0.1.1' }] });
    expect(routes('h1')).toEqual([]);
    store().undo();
    expect(routes('h1')).toEqual(['default via 10.0.1.1']);
  });

  test('the next free address of the subnet on the link', async () => {
    await setAddresses(client, 'h2', 'eth1', []);
    const r = await assignNextFreeAddress(client, 'h2', 'eth1');
    expect(r).toMatchObject({ kind: 'ok', addr: a('10.0.2.2/24'), outcome: { kind: 'applied' } });
    expect(linux('h2').ifaces[0]!.addrs).toEqual([a('10.0.2.2/24')]);
  });

  test('no next free address on a link where no one has an address', async () => {
    store().edit((t) => addDevice(t, 'host', { x: 0, y: 0 }).topology);
    store().edit((t) => addDevice(t, 'host', { x: 0, y: 0 }).topology);
    store().connect('h3', 'h4');
    expect(await assignNextFreeAddress(client, 'h3', 'eth1')).toEqual({ kind: 'none', reason: 'no-subnet' });
  });
});

describe('MACs and interfaces', () => {
  test('a MAC set by hand is kept as the user’s (macAuto off); a MAC in use is refused', async () => {
    expect((await setMac(client, 'h1', 'eth1', '02:aa:bb:cc:dd:ee' as MacAddr)).kind).toBe('applied');
    expect(linux('h1').ifaces[0]).toMatchObject({ mac: '02:aa:bb:cc:dd:ee' });
    expect(linux('h1').ifaces[0]!.macAuto).toBeUndefined();
    const r = await setMac(client, 'h2', 'eth1', '02:aa:bb:cc:dd:ee' as MacAddr);
    expect(r.kind === 'rejected' && r.messages[0]).toMatch(/MAC 02:aa:bb:cc:dd:ee of .* is also used by/);
  });

  test('removing an unplugged interface removes the routes through it', async () => {
    store().select([], ['h1:eth1--sw1:p1']);
    store().deleteSelection();
    const r = await removeInterface(client, 'h1', 'eth1');
    expect(r).toEqual({ kind: 'applied', droppedRoutes: [{ node: 'h1', route: 'default via 10.0.1.1' }] });
    expect(linux('h1').ifaces).toEqual([]);
  });
});

describe('routes', () => {
  test('lines are checked in order, each with the routes before it (a dev route makes a gateway reachable)', async () => {
    const text = '10.9.0.0/16 dev eth1\nip route add 172.16.0.0/12 via 10.9.0.1\n\n# comment\ndefault via 10.0.1.1';
    expect(await checkRouteLines(client, topology(), 'h1', text)).toMatchObject({ ok: true, routes: [{ dev: 'eth1' }, { via: '10.9.0.1' }, { via: '10.0.1.1' }] });
    expect(await checkRouteLines(client, topology(), 'h1', '172.16.0.0/12 via 10.9.0.1\n10.9.0.0/16 dev eth1')).toEqual({
      ok: false,
      errors: [{ line: 1, message: 'Error: Nexthop has invalid gateway.' }],
    });
  });

  test('text with a bad line applies nothing', async () => {
    const r = await applyRouteLines(client, 'h1', 'default via 10.0.1.1\n10.1.0.0/16 via 10.0.1.1 metric x\nblackhole 10.2.0.0/15');
    expect(r).toEqual({ kind: 'invalid', errors: [{ line: 2, message: 'Error: argument "x" is wrong: "metric" value is invalid' }] });
    expect(routes('h1')).toEqual(['default via 10.0.1.1']);
    expect(pastSteps()).toBe(0);
  });

  test('valid text replaces the routes (one step)', async () => {
    expect((await applyRouteLines(client, 'h1', 'default via 10.0.1.1 metric 10\nblackhole 198.51.100.0/24')).kind).toBe('applied');
    expect(routes('h1')).toEqual(['default via 10.0.1.1 metric 10', 'blackhole 198.51.100.0/24']);
    expect(pastSteps()).toBe(1);
  });

  test('a route that exists is refused by the kernel; a new one is added after the others', async () => {
    expect(await addRoute(client, 'h1', 'default via 10.0.1.1')).toEqual({ kind: 'invalid', errors: [{ line: 1, message: 'RTNETLINK answers: File exists' }] });
    expect((await addRoute(client, 'h1', 'unreachable 203.0.113.0/24')).kind).toBe('applied');
    expect(routes('h1')).toEqual(['default via 10.0.1.1', 'unreachable 203.0.113.0/24']);
  });

  test('deleting a route another one needs is refused', async () => {
    await applyRouteLines(client, 'h1', '10.9.0.0/16 dev eth1\n172.16.0.0/12 via 10.9.0.1');
    const r = await deleteRoute(client, 'h1', 0);
    expect(r.kind === 'rejected' && r.messages[0]).toMatch(/Nexthop has invalid gateway/);
    expect((await deleteRoute(client, 'h1', 1)).kind).toBe('applied');
    expect(routes('h1')).toEqual(['10.9.0.0/16 dev eth1']);
  });

  test('the default gateway helper replaces the default route with the router on the link', async () => {
    await applyRouteLines(client, 'h2', '');
    const r = await setDefaultGateway(client, 'h2');
    expect(r).toMatchObject({ kind: 'ok', via: '10.0.2.1', router: 'r1', outcome: { kind: 'applied' } });
    expect(routes('h2')).toEqual(['default via 10.0.2.1']);
    // Again: nothing changes, no new undo step.
    const steps = pastSteps();
    expect((await setDefaultGateway(client, 'h2')).kind).toBe('ok');
    expect(pastSteps()).toBe(steps);
  });

  test('no router on the link, or no address: said so', async () => {
    expect(await setDefaultGateway(client, 'r1')).toEqual({ kind: 'none', reason: 'no-router' });
    store().edit((t) => addDevice(t, 'host', { x: 0, y: 0 }).topology);
    expect(await setDefaultGateway(client, 'h3')).toEqual({ kind: 'none', reason: 'no-address' });
  });
});

describe('the routes back a NAT gateway needs', () => {
  /** LAN 10.0.1.0/24 — r1 — LAN 10.0.2.0/24 — nat1 (WAN eth2) — srv. */
  const classroom = `name: classroom
topology:
  nodes:
    h1: {kind: linux, exec: ["ip addr add 10.0.1.10/24 dev eth1", "ip route add default via 10.0.1.1"]}
    r1: {kind: linux, exec: ["ip addr add 10.0.1.1/24 dev eth1", "ip addr add 10.0.2.1/24 dev eth2", "ip route add default via 10.0.2.254", "sysctl -w net.ipv4.ip_forward=1"]}
    nat1: {kind: linux, exec: ["ip addr add 10.0.2.254/24 dev eth1", "ip addr add 203.0.113.1/24 dev eth2", "ip route add 192.0.2.0/24 via 203.0.113.10", "sysctl -w net.ipv4.ip_forward=1", "iptables -t nat -A POSTROUTING -o eth2 -j MASQUERADE"]}
    srv: {kind: linux, exec: ["ip addr add 203.0.113.10/24 dev eth1"]}
    sw1: {kind: bridge}
  links:
    - endpoints: ["h1:eth1", "sw1:p1"]
    - endpoints: ["r1:eth1", "sw1:p2"]
    - endpoints: ["r1:eth2", "nat1:eth1"]
    - endpoints: ["nat1:eth2", "srv:eth1"]
`;

  test('are added after its own routes, checked by the worker, as one undo step', async () => {
    const parsed = await client.parseTopologyFile(classroom, 'classroom.clab.yml');
    if (!parsed.ok) throw new Error('classroom does not parse');
    store().openTopology(parsed.topology);
    expect(await addReturnRoutes(client, 'nat1')).toEqual({ kind: 'applied', droppedRoutes: [] });
    expect(routes('nat1')).toEqual(['192.0.2.0/24 via 203.0.113.10', '10.0.1.0/24 via 10.0.2.1 dev eth1']);
    expect(pastSteps()).toBe(1);
    // Nothing missing any more: nothing changes.
    expect(await addReturnRoutes(client, 'nat1')).toEqual({ kind: 'unchanged' });
    expect(pastSteps()).toBe(1);
  });
});

describe('clipboard', () => {
  test('a pasted host gets a new name and MAC, no address (it clashes) and not the route that needs it', async () => {
    store().select(['h1']);
    expect(copySelection()).toBe(1);
    expect(await paste(client)).toEqual(['h3']);
    const h3 = linux('h3');
    expect(h3.ifaces[0]!.addrs).toEqual([]);
    expect(h3.routes).toEqual([]);
    expect(h3.ifaces[0]!.mac).not.toBe(linux('h1').ifaces[0]!.mac);
    expect(h3.position!.y).toBeGreaterThan(linux('h1').position!.y);
    expect(store().selectedNodes).toEqual(['h3']);
    expect(useToasts.getState().toasts.map((t) => t.message).join('\n')).toMatch(/h3: default via 10\.0\.1\.1/);
  });

  test('cut and paste brings a device back whole', async () => {
    store().select(['h2']);
    cutSelection();
    expect(selectNode('h2')(store())).toBeUndefined();
    expect(await paste(client)).toEqual(['h2']);
    expect(linux('h2').ifaces[0]!.addrs).toEqual([a('10.0.2.10/24')]);
    expect(routes('h2')).toEqual(['default via 10.0.2.1']);
  });

  test('duplicate copies the links among the selected devices', async () => {
    store().select(['h1', 'sw1']);
    expect(await duplicateSelection(client)).toEqual(['h3', 'sw3']);
    expect(topology().links.map(linkKey)).toContain('h3:eth1--sw3:p1');
  });
});

test('an edit checked against a topology that changed meanwhile is checked again on the new one', async () => {
  let calls = 0;
  const racing = {
    ...client,
    validate: async (t: Topology) => {
      calls++;
      // While the first check runs, someone else adds a device.
      if (calls === 2) store().edit((cur) => addDevice(cur, 'server', { x: 0, y: 0 }).topology);
      return client.validate(t);
    },
  };
  const r = await applyEdit(racing, (t) => setIfaceAddrs(t, 'h2', 'eth1', [a('10.0.2.30/24')]));
  expect(r.kind).toBe('applied');
  expect(selectNode('srv1')(store())).toBeDefined();
  expect(linux('h2').ifaces[0]!.addrs).toEqual([a('10.0.2.30/24')]);
});
