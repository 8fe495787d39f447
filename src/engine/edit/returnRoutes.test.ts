// The routes back a NAT gateway needs, on the network a teacher builds: two LANs joined by r1,
// and nat1 on the second LAN towards an "internet" server. The ping from the far LAN fails until
// the route is added, and works after.

import { describe, expect, it } from 'vitest';
import { parseClab } from '../io/clab';
import { routeText } from '../linux-text';
import { simulate } from '../sim/simulate';
import type { RouteSpec, Topology } from '../topology';
import { macFromSerial, type Ipv4Addr } from '../wire/addr';
import { missingReturnRoutes } from './returnRoutes';
import { setRoutes } from './routes';
import { updateNode } from './update';

/** LAN 10.0.1.0/24 (h1, sw1) — r1 — LAN 10.0.2.0/24 (h2, sw2, nat1) — nat1 — 203.0.113.0/24 (srv). */
const classroom = (natRoutes: string[] = [], more = { r1: '', nodes: '', links: '' }): Topology =>
  parseClab(
    `name: classroom
topology:
  nodes:
    h1: {kind: linux, exec: ["ip addr add 10.0.1.10/24 dev eth1", "ip route add default via 10.0.1.1"]}
    h2: {kind: linux, exec: ["ip addr add 10.0.2.10/24 dev eth1", "ip route add default via 10.0.2.254"]}
    r1:
      kind: linux
      exec: ["ip addr add 10.0.1.1/24 dev eth1", "ip addr add 10.0.2.1/24 dev eth2", ${more.r1}"ip route add default via 10.0.2.254", "sysctl -w net.ipv4.ip_forward=1"]
    nat1:
      kind: linux
      labels: {packetwalk-role: nat}
      exec: ["ip addr add 10.0.2.254/24 dev eth1", "ip addr add 203.0.113.1/24 dev eth2", ${natRoutes.map((r) => `"ip route add ${r}", `).join('')}"sysctl -w net.ipv4.ip_forward=1", "iptables -t nat -A POSTROUTING -o eth2 -j MASQUERADE"]
    srv: {kind: linux, exec: ["ip addr add 203.0.113.10/24 dev eth1"]}
${more.nodes}    sw1: {kind: bridge}
    sw2: {kind: bridge}
  links:
    - endpoints: ["h1:eth1", "sw1:p1"]
    - endpoints: ["r1:eth1", "sw1:p2"]
    - endpoints: ["r1:eth2", "sw2:p1"]
    - endpoints: ["h2:eth1", "sw2:p2"]
    - endpoints: ["nat1:eth1", "sw2:p3"]
    - endpoints: ["nat1:eth2", "srv:eth1"]
${more.links}scenario:
  - on: h1
    run: ping -c 1 -W 1 203.0.113.10
`,
    'classroom.clab.yml',
  );

const lines = (t: Topology, node = 'nat1') => missingReturnRoutes(t, node).map((r) => `${routeText(r.route)} (${r.router})`);

describe('the routes back a NAT gateway needs', () => {
  it('names the LAN behind the router (not its unlinked interface, nor the LAN the gateway is on), and the ping works once it is added', () => {
    const t = updateNode(classroom(), 'r1', (r) => ({ ...r, ifaces: [...r.ifaces, { name: 'eth3', mac: macFromSerial(99), addrs: [{ ip: '10.0.9.1' as Ipv4Addr, len: 24 }] }] }));
    expect(lines(t)).toEqual(['10.0.1.0/24 via 10.0.2.1 dev eth1 (r1)']);
    // Without it, the echo reply for 10.0.1.10 finds no route on nat1 and ping gets nothing back.
    expect(simulate(t).steps[0]!.exit).toBe(1);
    const fixed = setRoutes(t, 'nat1', missingReturnRoutes(t, 'nat1').map((r) => r.route as RouteSpec));
    expect(lines(fixed)).toEqual([]);
    expect(simulate(fixed).steps[0]!.exit).toBe(0);
  });

  it('asks nothing when a route already leads back to the LAN: the same, a wider one, a default route inside, or a blackhole chosen on purpose', () => {
    expect(lines(classroom(['10.0.1.0/24 via 10.0.2.1']))).toEqual([]);
    expect(lines(classroom(['10.0.0.0/16 via 10.0.2.1']))).toEqual([]);
    expect(lines(classroom(['default via 10.0.2.1']))).toEqual([]);
    expect(lines(classroom(['blackhole 10.0.1.0/24']))).toEqual([]);
  });

  it('asks when the only route that holds the network leads out of the WAN', () => {
    expect(lines(classroom(['default via 203.0.113.254']))).toEqual(['10.0.1.0/24 via 10.0.2.1 dev eth1 (r1)']);
    expect(lines(classroom(['10.0.0.0/8 via 203.0.113.254', '10.0.1.0/25 via 10.0.2.1']))).toEqual(['10.0.1.0/24 via 10.0.2.1 dev eth1 (r1)']);
  });

  it('counts every router of the LAN segment and every network behind it, once', () => {
    const t = classroom([], {
      r1: '"ip addr add 10.0.9.1/24 dev eth3", ',
      nodes: `    h3: {kind: linux}
    h4: {kind: linux}
    r2: {kind: linux, exec: ["ip addr add 10.0.2.2/24 dev eth1", "ip addr add 10.0.9.2/24 dev eth2", "ip addr add 172.16.0.1/16 dev eth2", "sysctl -w net.ipv4.ip_forward=1"]}
`,
      links: `    - endpoints: ["r1:eth3", "h3:eth1"]
    - endpoints: ["r2:eth1", "sw2:p4"]
    - endpoints: ["r2:eth2", "h4:eth1"]
`,
    });
    // r1's eth3 is linked now: 10.0.9.0/24 is behind r1 (and behind r2 too: named once).
    expect(lines(t)).toEqual(['10.0.1.0/24 via 10.0.2.1 dev eth1 (r1)', '10.0.9.0/24 via 10.0.2.1 dev eth1 (r1)', '172.16.0.0/16 via 10.0.2.2 dev eth1 (r2)']);
  });

  it('says nothing on a node without a WAN (no NAT), or on a device that is not one', () => {
    const t = classroom();
    expect(missingReturnRoutes(t, 'r1')).toEqual([]);
    expect(missingReturnRoutes(t, 'sw1')).toEqual([]);
    expect(missingReturnRoutes(t, 'nobody')).toEqual([]);
  });
});
