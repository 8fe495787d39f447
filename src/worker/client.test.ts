// The worker API, through the client as the UI uses it. In Node there is no Worker, so this also
// proves the inline fallback.

import { describe, expect, test } from 'vitest';
import { EXAMPLES, findExample } from '../examples';
import { createSimClient } from './client';
import { DEFAULT_EXAMPLE } from './protocol';

const client = createSimClient();

describe('loadExample', () => {
  // The oracle's reference files carry no positions: the UI lays them out (ui/layout/autoLayout).
  test.each(EXAMPLES.map((e) => [e.name]))('%s parses and every node has a role', async (name) => {
    const t = await client.loadExample(name);
    expect(t.nodes.length).toBeGreaterThan(0);
    for (const n of t.nodes) expect(n.role, n.name).toBeDefined();
  });

  test('the hand-placed default example keeps its positions', async () => {
    const t = await client.loadExample(DEFAULT_EXAMPLE);
    for (const n of t.nodes) expect(n.position, n.name).toBeDefined();
  });

  test('the default example lays out h1 — sw1 — r1 — sw2 — h2 from left to right', async () => {
    const t = await client.loadExample(DEFAULT_EXAMPLE);
    const byX = [...t.nodes].sort((a, b) => a.position!.x - b.position!.x);
    expect(byX.map((n) => `${n.name}:${n.role}`)).toEqual(['h1:host', 'sw1:switch', 'r1:router', 'sw2:switch', 'h2:host']);
    expect(t.links).toHaveLength(4);
  });

  test('an unknown example is an error naming the ones there are', async () => {
    await expect(client.loadExample('nope')).rejects.toThrow(/two-subnets-router/);
  });
});

describe('parseTopologyFile', () => {
  const clab = findExample(DEFAULT_EXAMPLE)!.text;

  test('containerlab YAML', async () => {
    const r = await client.parseTopologyFile(clab, 'lab.clab.yaml');
    expect(r.ok && r.topology.nodes.map((n) => n.name).sort()).toEqual(['h1', 'h2', 'r1', 'sw1', 'sw2']);
  });

  test('packetwalk JSON', async () => {
    const topology = await client.loadExample(DEFAULT_EXAMPLE);
    const text = JSON.stringify({ format: 'packetwalk', version: 1, topology });
    const r = await client.parseTopologyFile(text, 'lab.json');
    expect(r).toEqual({ ok: true, topology });
  });

  test.each([
    ['a YAML syntax error', 'name: [unclosed', 'bad.yml', /Flow sequence/],
    ['an unknown node in a link', clab.replace('"h2:eth1", "sw2:p2"', '"h9:eth1", "sw2:p2"'), 'bad.clab.yml', /unknown node "h9"/],
    ['JSON that is not a packetwalk file', '{"nodes": []}', 'bad.json', /not a packetwalk file/],
    ['an unknown extension', 'x', 'lab.txt', /unknown file type/],
  ])('%s gives problems, not an exception', async (_what, text, file, message) => {
    const r = await client.parseTopologyFile(text, file);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.length).toBeGreaterThan(0);
    expect(r.problems.map((p) => p.message).join('\n')).toMatch(message);
    expect(r.problems.every((p) => p.file === file)).toBe(true);
  });

  test('a problem carries the line it was found on', async () => {
    const bad = clab.replace('"h2:eth1", "sw2:p2"', '"h9:eth1", "sw2:p2"');
    const r = await client.parseTopologyFile(bad, 'bad.clab.yml');
    const line = bad.split('\n').findIndex((l) => l.includes('h9:eth1')) + 1;
    expect(!r.ok && r.problems[0]!.line).toBe(line);
  });
});

describe('simulate', () => {
  test("the default example's scenario: one ping, answered", async () => {
    const t = await client.loadExample(DEFAULT_EXAMPLE);
    const r = await client.simulate(t, {});
    expect(r.stopped).toBeNull();
    expect(r.steps).toHaveLength(1);
    expect(r.steps[0]).toMatchObject({ on: 'h1', run: 'ping -c 1 -W 1 10.0.2.10', exit: 0 });
    expect(r.steps[0]!.stdout).toContain('1 packets transmitted, 1 received');
    expect(r.events.length).toBeGreaterThan(0);
  });

  test('the result is plain data (it survives structured cloning unchanged)', async () => {
    const t = await client.loadExample(DEFAULT_EXAMPLE);
    const r = await client.simulate(t);
    expect(structuredClone(r)).toEqual(r);
  });
});

describe('ipViews', () => {
  test('ip route show table all on r1', async () => {
    const t = await client.loadExample(DEFAULT_EXAMPLE);
    const v = await client.ipViews(t, 'r1');
    expect(v.routes).toContain('10.0.1.0/24 dev eth1 proto kernel scope link src 10.0.1.1 \n');
    expect(v.routes).toContain('local 10.0.2.1 dev eth2 table local proto kernel scope host src 10.0.2.1 \n');
  });

  test('a switch has no routing table, but its bridge fdb', async () => {
    const t = await client.loadExample(DEFAULT_EXAMPLE);
    const v = await client.ipViews(t, 'sw1');
    expect(v.routes).toBe('');
    expect(v.fdb).toContain('dev p1 master br0 permanent');
  });

  test('ip neigh from what a run learned', async () => {
    const t = await client.loadExample(DEFAULT_EXAMPLE);
    const r = await client.simulate(t);
    const v = await client.ipViews(t, 'h1', r.final.h1);
    expect(v.neigh).toMatch(/^10\.0\.1\.1 dev eth1 lladdr \S+ REACHABLE \n$/);
    expect(v.addr).toContain('inet 10.0.1.10/24 scope global eth1');
  });
});

describe('editing helpers', () => {
  test('checks a typed route like the kernel', async () => {
    const t = await client.loadExample(DEFAULT_EXAMPLE);
    expect(await client.checkRoute(t, 'h1', 'ip route add 10.9.0.0/16 via 10.0.1.1')).toMatchObject({ ok: true, route: { via: '10.0.1.1' } });
    expect(await client.checkRoute(t, 'h1', '10.9.0.0/16 via 10.8.0.1')).toEqual({ ok: false, message: 'Error: Nexthop has invalid gateway.' });
    expect(await client.checkRoute(t, 'h1', 'default via 10.0.1.1')).toEqual({ ok: false, message: 'RTNETLINK answers: File exists' });
  });

  test('exports and checks values from outside', async () => {
    const t = await client.loadExample(DEFAULT_EXAMPLE);
    const json = JSON.parse(await client.exportJson(t)) as { topology: unknown };
    expect(await client.checkTopology(json.topology)).toEqual({ ok: true, topology: t });
    expect((await client.checkTopology({ nodes: 7 })).ok).toBe(false);
    expect((await client.exportClab(t)).text).toContain('ip route add default via 10.0.1.1');
  });
});

describe('the player\'s calls', () => {
  test('a walk carries the trace, every node\'s table history and its routes, and reports progress', async () => {
    const t = await client.loadExample('leaf-spine-1000');
    const seen: number[] = [];
    const w = await client.walk(t, {}, (n) => seen.push(n));
    expect(w.result.steps[0]).toMatchObject({ exit: 0 });
    expect(Object.keys(w.history)).toHaveLength(t.nodes.length);
    expect(w.routes['spine1']!.length).toBeGreaterThan(10);
    expect(seen.length === 0 || seen.every((n) => n % 5000 === 0)).toBe(true);
  });

  test('frame bytes come with the position of every field', async () => {
    const t = await client.loadExample(DEFAULT_EXAMPLE);
    const w = await client.walk(t);
    const tx = w.result.events.find((e) => e.kind === 'frame.tx')!;
    const b = await client.frameBytes((tx as { frame: Parameters<typeof client.frameBytes>[0] }).frame);
    expect(b.hex).toMatch(/^ffffffffffff/);
    expect(b.spans.find((s) => s.path === 'arp.targetIp')).toMatchObject({ offset: 38, length: 4 });
  });

  test('the walk exports to pcapng, and an empty walk says why instead', async () => {
    const t = await client.loadExample(DEFAULT_EXAMPLE);
    const w = await client.walk(t);
    const ok = await client.exportPcapng(t, w.result, { 0: ['h1 asks who has 10.0.1.1'] });
    expect(ok.ok && ok.bytes.length > 0).toBe(true);
    const empty = await client.exportPcapng(t, { events: [] });
    expect(empty).toMatchObject({ ok: false, code: 'empty-walk' });
  });
});

describe('NAT rules', () => {
  test('are checked as iptables lines on a node, and written back', async () => {
    const t = await client.loadExample('home-nat');
    const r = await client.checkNatRule(t, 'gw', 'iptables -t nat -A PREROUTING -i wan -p tcp --dport 8080 -j DNAT --to-destination 192.168.1.10:80');
    expect(r).toEqual({ ok: true, rule: { chain: 'PREROUTING', target: 'DNAT', in: 'wan', proto: 'tcp', dport: 8080, toAddr: '192.168.1.10', toPort: 80 } });
    expect(await client.checkNatRule(t, 'gw', '-t nat -A POSTROUTING -o eth9 -j MASQUERADE')).toEqual({ ok: false, message: 'iptables: interface "eth9" does not exist on gw' });
    expect((await client.checkNatRule(t, 'gw', 'iptables -A FORWARD -j DROP')).ok).toBe(false);
  });
});
