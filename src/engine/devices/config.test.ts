import { describe, expect, it } from 'vitest';
import type { Ipv4Addr } from '../wire/addr';
import type { LinuxNode, RouteSpec } from '../topology';
import { addressRoutes, compileFib, devAddrs } from './config';
import { formatRoutes } from '../linux-text';

const ip = (s: string) => s as Ipv4Addr;
const node = (ifaces: Record<string, string[]>, routes: RouteSpec[] = [], lo: string[] = []): LinuxNode => ({
  kind: 'linux',
  name: 'n',
  role: 'router',
  ifaces: Object.entries(ifaces).map(([name, addrs], i) => ({
    name,
    mac: `02:00:00:00:00:0${i + 1}` as never,
    addrs: addrs.map((a) => ({ ip: ip(a.split('/')[0]!), len: Number(a.split('/')[1]) })),
  })),
  loAddrs: lo.map((a) => ({ ip: ip(a.split('/')[0]!), len: Number(a.split('/')[1]) })),
  routes,
  ipForward: true,
});
const r = (text: Omit<Partial<RouteSpec>, 'dst'> & { dst: string }): RouteSpec => {
  const [a, l] = text.dst.split('/');
  return { type: 'unicast', ...text, dst: { ip: ip(a!), len: Number(l ?? 32) } };
};

describe('routes made from addresses (fib_add_ifaddr)', () => {
  it('matches what Linux 6.18 shows for primaries, secondaries, /31, /32 and lo prefixes', () => {
    const n = node({ eth1: ['10.0.1.10/24', '10.0.1.11/24'], eth2: ['10.0.3.1/31', '10.0.4.1/32'] }, [], ['10.255.0.1/32', '10.0.5.1/16']);
    const { fib } = compileFib(n);
    // Recorded with `ip route show table all` in a namespace with the same addresses.
    expect(formatRoutes([...fib.routes('main'), ...fib.routes('local')], 'all')).toBe(
      [
        '10.0.1.0/24 dev eth1 proto kernel scope link src 10.0.1.10 ',
        '10.0.3.0/31 dev eth2 proto kernel scope link src 10.0.3.1 ',
        'local 10.0.0.0/16 dev lo table local proto kernel scope host src 10.0.5.1 ',
        'local 10.0.1.10 dev eth1 table local proto kernel scope host src 10.0.1.10 ',
        'local 10.0.1.11 dev eth1 table local proto kernel scope host src 10.0.1.10 ',
        'broadcast 10.0.1.255 dev eth1 table local proto kernel scope link src 10.0.1.10 ',
        'local 10.0.3.1 dev eth2 table local proto kernel scope host src 10.0.3.1 ',
        'local 10.0.4.1 dev eth2 table local proto kernel scope host src 10.0.4.1 ',
        'local 10.0.5.1 dev lo table local proto kernel scope host src 10.0.5.1 ',
        'broadcast 10.0.255.255 dev lo table local proto kernel scope link src 10.0.5.1 ',
        'local 10.255.0.1 dev lo table local proto kernel scope host src 10.255.0.1 ',
        'local 127.0.0.0/8 dev lo table local proto kernel scope host src 127.0.0.1 ',
        'local 127.0.0.1 dev lo table local proto kernel scope host src 127.0.0.1 ',
        'broadcast 127.255.255.255 dev lo table local proto kernel scope link src 127.0.0.1 ',
        '',
      ].join('\n'),
    );
  });

  it('keeps one connected route per device when two devices share a subnet (the kernel appends)', () => {
    // Linux 6.18: ip addr add 10.0.1.10/24 dev eth1; ip addr add 10.0.1.11/24 dev eth2 →
    // both routes listed; `ip route add 10.9.0.0/16 via 10.0.1.9 dev eth2` is accepted.
    const n = node({ eth1: ['10.0.1.10/24'], eth2: ['10.0.1.11/24'] }, [r({ dst: '10.9.0.0/16', via: ip('10.0.1.9'), dev: 'eth2' })]);
    const { fib, errors } = compileFib(n);
    expect(errors).toEqual([]);
    expect(formatRoutes(fib.routes('main'), 'main')).toBe(
      '10.0.1.0/24 dev eth1 proto kernel scope link src 10.0.1.10 \n10.0.1.0/24 dev eth2 proto kernel scope link src 10.0.1.11 \n10.9.0.0/16 via 10.0.1.9 dev eth2 \n',
    );
  });

  it('marks the second address of a subnet as secondary', () => {
    const [a, b] = devAddrs('eth1', [
      { ip: ip('10.0.1.10'), len: 24 },
      { ip: ip('10.0.1.11'), len: 24 },
    ]);
    expect([a!.primary, b!.primary, b!.primaryIp]).toEqual([true, false, '10.0.1.10']);
    expect(addressRoutes(b!).map((x) => x.type)).toEqual(['local']);
  });
});

describe('ip route add, as the kernel checks it', () => {
  it.each<[string, RouteSpec, string | null]>([
    ['a gateway on a connected subnet', r({ dst: '10.9.0.0/16', via: ip('10.0.1.1') }), null],
    ['a gateway nowhere near', r({ dst: '10.9.0.0/16', via: ip('10.8.0.1') }), 'Error: Nexthop has invalid gateway.'],
    ['a gateway on another device than the one named', r({ dst: '10.9.0.0/16', via: ip('10.0.1.1'), dev: 'eth2' }), 'Error: Nexthop has invalid gateway.'],
    ['onlink without a device', r({ dst: '10.9.0.0/16', via: ip('192.0.2.1'), onlink: true }), 'Error: Nexthop device required for onlink.'],
    ['onlink with a device', r({ dst: '10.9.0.0/16', via: ip('192.0.2.1'), onlink: true, dev: 'eth2' }), null],
    ['onlink with scope link', r({ dst: '10.9.0.0/16', via: ip('192.0.2.1'), onlink: true, dev: 'eth2', scope: 'link' }), 'Error: Nexthop has invalid scope.'],
    ['scope host with a gateway', r({ dst: '10.9.0.0/16', via: ip('10.0.1.1'), scope: 'host' }), 'Error: Route with host scope can not have a gateway.'],
    ['neither gateway nor device', r({ dst: '10.9.0.0/16' }), 'RTNETLINK answers: No such device'],
    ['the connected prefix again', r({ dst: '10.0.1.0/24', via: ip('10.0.1.1') }), 'RTNETLINK answers: File exists'],
    ['an unknown device', r({ dst: '10.9.0.0/16', dev: 'eth9' }), 'Cannot find device "eth9"'],
    ['a blackhole', r({ dst: '10.66.0.0/16', type: 'blackhole' }), null],
  ])('%s', (_why, spec, message) => {
    const { errors, fib } = compileFib(node({ eth1: ['10.0.1.10/24'], eth2: ['10.0.3.1/31'] }, [spec]));
    expect(errors.map((e) => e.message)).toEqual(message ? [message] : []);
    if (!message) expect(fib.routes('main').some((x) => x.dst === spec.dst.ip && x.len === spec.dst.len && x.proto === 'boot')).toBe(true);
  });

  it('gives a dev-only route scope link and a gatewayed route scope global', () => {
    const { fib } = compileFib(node({ eth1: ['10.0.1.10/24'] }, [r({ dst: '10.9.0.0/16', dev: 'eth1' }), r({ dst: '10.8.0.0/16', via: ip('10.0.1.1') })]));
    expect(formatRoutes(fib.routes('main'), 'main')).toBe(
      '10.0.1.0/24 dev eth1 proto kernel scope link src 10.0.1.10 \n10.8.0.0/16 via 10.0.1.1 dev eth1 \n10.9.0.0/16 dev eth1 scope link \n',
    );
  });
});
