import { describe, expect, it } from 'vitest';
import type { Ipv4Addr } from '../wire/addr';
import { Fib, type FibRoute } from './fib';

const ip = (s: string) => s as Ipv4Addr;
const route = (dst: string, len: number, extra: Partial<FibRoute> = {}): FibRoute => ({
  table: 'main',
  type: 'unicast',
  dst: ip(dst),
  len,
  scope: 'global',
  proto: 'boot',
  metric: 0,
  nhScope: 'link',
  dev: 'eth1',
  ...extra,
});

function fib(...routes: FibRoute[]): Fib {
  const f = new Fib();
  for (const r of routes) expect(f.add(r)).toBe(true);
  return f;
}

describe('fibLookup', () => {
  const table = fib(
    route('0.0.0.0', 0, { gateway: ip('10.0.1.1') }),
    route('10.0.0.0', 8, { gateway: ip('10.0.1.2') }),
    route('10.0.2.0', 24, { gateway: ip('10.0.1.3') }),
    route('10.0.2.0', 24, { gateway: ip('10.0.1.4'), metric: 50 }),
    route('10.0.3.0', 24, { gateway: ip('10.0.1.5'), metric: 200 }),
    route('10.0.3.0', 24, { gateway: ip('10.0.1.6'), metric: 100 }),
    route('10.0.1.10', 32, { table: 'local', type: 'local', scope: 'host', nhScope: 'host' }),
    route('10.0.1.0', 24, { scope: 'link', nhScope: 'host', proto: 'kernel' }),
  );

  it.each([
    ['a /24 beats a /8 and the default', '10.0.2.7', '10.0.1.3'],
    ['the lowest metric wins between equal prefixes', '10.0.3.7', '10.0.1.6'],
    ['a /8 beats the default', '10.9.9.9', '10.0.1.2'],
    ['the default catches the rest', '192.0.2.1', '10.0.1.1'],
  ])('%s', (_why, dst, gw) => {
    const r = table.lookup(ip(dst));
    expect(r.kind).toBe('found');
    if (r.kind === 'found') expect(r.route.gateway).toBe(gw);
  });

  it('consults the local table before main', () => {
    const r = table.lookup(ip('10.0.1.10'), { withCandidates: true });
    expect(r.kind === 'found' && r.route.type).toBe('local');
    // The connected /24 in main also matched and is listed as passed over.
    expect(r.candidates.map((c) => [c.route.table, c.route.len, c.skipped ?? 'chosen'])).toEqual([
      ['local', 32, 'chosen'],
      ['main', 24, 'local-table-won'],
      ['main', 8, 'longer-prefix-won'],
      ['main', 0, 'longer-prefix-won'],
    ]);
  });

  it('lists every matching route with why it lost', () => {
    const r = table.lookup(ip('10.0.2.7'), { withCandidates: true });
    expect(r.candidates.map((c) => [c.route.len, c.route.metric, c.skipped ?? 'chosen'])).toEqual([
      [24, 0, 'chosen'],
      [24, 50, 'higher-metric'],
      [8, 0, 'longer-prefix-won'],
      [0, 0, 'longer-prefix-won'],
    ]);
  });

  it('misses when nothing matches', () => {
    const f = fib(route('10.0.0.0', 8));
    expect(f.lookup(ip('192.0.2.1')).kind).toBe('miss');
  });

  it('skips routes below the requested scope (the gateway check of ip route add)', () => {
    const f = fib(route('10.0.0.0', 8, { gateway: ip('10.0.1.1') }), route('10.0.1.0', 24, { scope: 'link', nhScope: 'host' }));
    expect(f.lookup(ip('10.0.5.5'), { minScope: 'link' }).kind).toBe('miss');
    expect(f.lookup(ip('10.0.1.5'), { minScope: 'link' }).kind).toBe('found');
  });

  it('honours an output-interface constraint', () => {
    const f = fib(route('10.0.0.0', 8, { dev: 'eth2' }), route('0.0.0.0', 0, { dev: 'eth1' }));
    const r = f.lookup(ip('10.1.1.1'), { oif: 'eth1' });
    expect(r.kind === 'found' && r.route.len).toBe(0);
  });

  it('refuses a second route with the same prefix and metric (File exists)', () => {
    const f = fib(route('10.0.0.0', 8));
    expect(f.add(route('10.0.0.0', 8, { gateway: ip('10.0.1.9') }))).toBe(false);
    expect(f.add(route('10.0.0.0', 8, { metric: 5 }))).toBe(true);
  });

  it('lists routes in kernel order: by address, longer prefix first, then metric', () => {
    const f = fib(route('10.0.0.0', 8), route('0.0.0.0', 0), route('10.0.0.0', 16), route('10.0.0.0', 16, { metric: 9 }), route('9.0.0.0', 8));
    expect(f.routes('main').map((r) => `${r.dst}/${r.len}/${r.metric}`)).toEqual(['0.0.0.0/0/0', '9.0.0.0/8/0', '10.0.0.0/16/0', '10.0.0.0/16/9', '10.0.0.0/8/0']);
  });
});
