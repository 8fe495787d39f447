import { expect, test } from 'vitest';
import type { LinuxNode } from '../../engine';
import { simApi } from '../../worker/sim-api';
import { matchSpecs, parseRouteShow } from './routeRows';

test('rows of ip route: kernel routes read-only, static routes matched to their place in the list', () => {
  const t = simApi.loadExample('route-types');
  const h2 = t.nodes.find((n) => n.name === 'h2') as LinuxNode;
  const rows = matchSpecs(parseRouteShow(simApi.ipViews(t, 'h2').routeMain), h2.routes);
  expect(rows.map((r) => [r.type, r.dst, r.via, r.dev, r.kernel, r.spec])).toEqual([
    ['unicast', 'default', '10.0.2.1', 'eth1', false, 0],
    ['unicast', '10.0.2.0/24', undefined, 'eth1', true, undefined],
    ['blackhole', '192.0.2.0/26', undefined, undefined, false, 1],
    ['unreachable', '192.0.2.64/26', undefined, undefined, false, 2],
    ['prohibit', '192.0.2.128/26', undefined, undefined, false, 3],
  ]);
  expect(rows[1]).toMatchObject({ proto: 'kernel', scope: 'link', src: '10.0.2.10' });
});

test('a /32 route, onlink and a metric', () => {
  const t = simApi.loadExample('proxy-arp-calico');
  const node = t.nodes.find((n) => n.name === 'node') as LinuxNode;
  const rows = matchSpecs(parseRouteShow(simApi.ipViews(t, 'node').routeMain), node.routes);
  expect(rows.find((r) => r.dst === '10.244.0.5')).toMatchObject({ dev: 'eth1', scope: 'link', spec: 1 });
  const pod = matchSpecs(parseRouteShow(simApi.ipViews(t, 'pod1').routeMain), (t.nodes.find((n) => n.name === 'pod1') as LinuxNode).routes);
  expect(pod[0]).toMatchObject({ dst: 'default', via: '169.254.1.1', onlink: true, spec: 0 });
  expect(parseRouteShow('10.9.0.0/16 via 10.0.1.2 dev eth1 metric 20 \n')).toMatchObject([{ metric: 20, kernel: false }]);
});

test('a multipath route is one row with every path’s gateway and device', () => {
  const text = '10.1.1.0/24 metric 5 \n\tnexthop via 10.0.0.1 dev eth1 weight 1 \n\tnexthop via 10.0.0.3 dev eth2 weight 2 \n10.1.2.0/24 via 10.0.0.1 dev eth1 \n';
  expect(parseRouteShow(text)).toMatchObject([
    { dst: '10.1.1.0/24', via: '10.0.0.1\n10.0.0.3', dev: 'eth1\neth2', metric: 5, line: '10.1.1.0/24 metric 5 nexthop via 10.0.0.1 dev eth1 weight 1 nexthop via 10.0.0.3 dev eth2 weight 2' },
    { dst: '10.1.2.0/24', via: '10.0.0.1', dev: 'eth1' },
  ]);
});
