import { describe, expect, test } from 'vitest';
import { fabricHosts, leafSpine, threeTier, type Topology } from '../engine';
import { checkFabric, checkField, fabricCounts, fabricEnds, fabricName, MAX_DEVICES, MAX_ROUTES, parseFabricName, type FabricSpec } from './fabricSpec';

const text = (o: Record<string, number | string>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, String(v)]));

function generate(spec: FabricSpec): Topology {
  return spec.design === 'leaf-spine' ? leafSpine(spec) : threeTier(spec);
}

describe('checkField: each input as typed', () => {
  test.each([
    ['4', { ok: true, value: 4 }],
    [' 12 ', { ok: true, value: 12 }],
    ['1', { ok: true, value: 1 }],
    [String(MAX_DEVICES), { ok: true, value: MAX_DEVICES }],
    ['', { ok: false, problem: { reason: 'required' } }],
    ['   ', { ok: false, problem: { reason: 'required' } }],
    ['2x', { ok: false, problem: { reason: 'notInteger' } }],
    ['2.5', { ok: false, problem: { reason: 'notInteger' } }],
    ['1e3', { ok: false, problem: { reason: 'notInteger' } }],
    ['0', { ok: false, problem: { reason: 'tooSmall', min: 1 } }],
    ['-3', { ok: false, problem: { reason: 'tooSmall', min: 1 } }],
    [String(MAX_DEVICES + 1), { ok: false, problem: { reason: 'tooLarge', max: MAX_DEVICES } }],
    ['99999999999999999999', { ok: false, problem: { reason: 'tooLarge', max: MAX_DEVICES } }],
  ] as const)('%j', (input, expected) => {
    expect(checkField(input)).toEqual(expected);
  });
});

describe('fabricCounts: what the engine generator really makes', () => {
  test.each<FabricSpec>([
    { design: 'leaf-spine', spines: 2, leaves: 4, hostsPerLeaf: 4 },
    { design: 'leaf-spine', spines: 1, leaves: 1, hostsPerLeaf: 1 },
    { design: 'leaf-spine', spines: 4, leaves: 22, hostsPerLeaf: 45 },
    { design: 'three-tier', cores: 2, pods: 2, aggPerPod: 2, accessPerPod: 2, hostsPerAccess: 4 },
    { design: 'three-tier', cores: 1, pods: 3, aggPerPod: 1, accessPerPod: 2, hostsPerAccess: 1 },
    { design: 'three-tier', cores: 3, pods: 4, aggPerPod: 2, accessPerPod: 5, hostsPerAccess: 20 },
  ])('%o', (spec) => {
    const t = generate(spec);
    const c = fabricCounts(spec);
    const routers = t.nodes.filter((n) => n.kind === 'linux' && n.role === 'router');
    expect(c.devices).toBe(t.nodes.length);
    expect(c.routers).toBe(routers.length);
    expect(c.switches).toBe(t.nodes.filter((n) => n.kind === 'bridge').length);
    expect(c.hosts).toBe(fabricHosts(t).length);
    expect(c.links).toBe(t.links.length);
    expect(c.routerLinks).toBe(t.links.filter((l) => l.a.node.match(/^(spine|leaf|core|agg|acc)/) && l.b.node.match(/^(spine|leaf|core|agg|acc)/)).length);
    expect(c.routes).toBe(routers.reduce((n, r) => n + (r.kind === 'linux' ? r.routes.length : 0), 0));
    // The scenario's ends are the generator's first and last hosts.
    const hosts = fabricHosts(t);
    expect(fabricEnds(spec)).toEqual({ first: hosts[0]!.name, last: hosts[hosts.length - 1]!.name });
    // The generator's own default name is the one the dialog shows and the URL takes.
    expect(fabricName(spec)).toBe(t.name);
  });
});

describe('checkFabric: the whole fabric', () => {
  test('a small three-tier fabric is fine, with its counts', () => {
    const r = checkFabric('three-tier', text({ cores: 2, pods: 2, aggPerPod: 2, accessPerPod: 2, hostsPerAccess: 4 }));
    expect(r).toEqual({
      ok: true,
      spec: { design: 'three-tier', cores: 2, pods: 2, aggPerPod: 2, accessPerPod: 2, hostsPerAccess: 4 },
      counts: { routers: 10, switches: 4, hosts: 16, devices: 30, routerLinks: 16, links: 36, routes: 4 * 9 + 16 * 8 },
    });
  });

  test('every bad field is reported with its reason, and there is no count', () => {
    const r = checkFabric('leaf-spine', { spines: '0', leaves: 'four', hostsPerLeaf: '' });
    expect(r).toEqual({ ok: false, fields: { spines: { reason: 'tooSmall', min: 1 }, leaves: { reason: 'notInteger' }, hostsPerLeaf: { reason: 'required' } } });
  });

  test('only the fields of the chosen design count', () => {
    expect(checkFabric('leaf-spine', { spines: '2', leaves: '2', hostsPerLeaf: '2', cores: 'junk' }).ok).toBe(true);
  });

  test(`exactly ${MAX_DEVICES} devices is allowed, one more is refused with the count`, () => {
    // 4 spines + 6 × (leaf + switch + 1 664 hosts) = 10 000
    expect(checkFabric('leaf-spine', text({ spines: 4, leaves: 6, hostsPerLeaf: 1664 }))).toMatchObject({ ok: true, counts: { devices: 10_000 } });
    expect(checkFabric('leaf-spine', text({ spines: 5, leaves: 6, hostsPerLeaf: 1664 }))).toMatchObject({
      ok: false,
      counts: { devices: 10_001 },
      total: { reason: 'tooManyDevices', max: MAX_DEVICES },
    });
  });

  test('too many routes (routers × uplinks) is refused even under the device limit', () => {
    const r = checkFabric('leaf-spine', text({ spines: 16, leaves: 60, hostsPerLeaf: 30 }));
    expect(r.ok).toBe(false);
    expect(r).toMatchObject({ total: { reason: 'tooManyRoutes', max: MAX_ROUTES } });
    expect(r.counts!.devices).toBeLessThanOrEqual(MAX_DEVICES);
    expect(r.counts!.routes).toBeGreaterThan(MAX_ROUTES);
  });
});

describe('fabric names (the URL: ?example=NAME)', () => {
  test.each([
    ['leaf-spine-4-22-45', { design: 'leaf-spine', values: { spines: '4', leaves: '22', hostsPerLeaf: '45' } }],
    ['three-tier-2-3-2-4-10', { design: 'three-tier', values: { cores: '2', pods: '3', aggPerPod: '2', accessPerPod: '4', hostsPerAccess: '10' } }],
    ['leaf-spine-4-22', undefined],
    ['three-tier-1-2-3-4', undefined],
    ['leaf-spine-1000', undefined],
    ['ring-2-2-2', undefined],
    ['two-subnets-router', undefined],
  ] as const)('%s', (name, expected) => {
    expect(parseFabricName(name)).toEqual(expected);
  });
});
