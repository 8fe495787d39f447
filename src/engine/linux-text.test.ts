// Linux's text: `ip addr` and `bridge fdb show` as iproute2 prints them in the oracle's
// namespaces, and the `ip route add` arguments of a static route (what is written back is what
// was typed).

import { describe, expect, it, test } from 'vitest';
import { parseClab } from './io/clab';
import { parseRouteArgs } from './io/exec';
import { formatBridgeFdb, routeText } from './linux-text';
import { formatIpAddr } from './ip-addr-text';

/** h1 (two addresses on eth1, one on lo) plugged into the switch sw1. */
const lab = parseClab(
  `name: lab
topology:
  nodes:
    h1: {kind: linux, exec: ["ip addr add 10.0.1.10/24 dev eth1", "ip addr add 10.0.1.15/24 dev eth1", "ip addr add 10.255.0.1/32 dev lo"]}
    sw1: {kind: bridge}
  links:
    - endpoints: ["h1:eth1", "sw1:p1"]
`,
  'lab.clab.yml',
);

test.each(['default via 10.0.1.1', 'blackhole 198.51.100.0/24 metric 5', '10.9.0.0/16 via 10.0.1.1 dev eth1 onlink scope global src 10.0.1.10', '192.0.2.7/32 dev eth1'])(
  'routeText(%s) gives back what was typed',
  (text) => {
    const r = parseRouteArgs(text.split(' '));
    expect(r.kind === 'ok' && routeText(r.route)).toBe(text);
  },
);

describe('Linux views', () => {
  it('prints ip addr as iproute2 does in the oracle’s namespaces (veth ends, IPv6 off)', () => {
    expect(formatIpAddr(lab, 'h1')).toBe(
      [
        '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000',
        '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00',
        '    inet 127.0.0.1/8 scope host lo',
        '       valid_lft forever preferred_lft forever',
        '    inet 10.255.0.1/32 scope global lo',
        '       valid_lft forever preferred_lft forever',
        '2: eth1@if3: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000',
        '    link/ether 02:00:00:00:00:01 brd ff:ff:ff:ff:ff:ff link-netns sw1',
        '    inet 10.0.1.10/24 scope global eth1',
        '       valid_lft forever preferred_lft forever',
        '    inet 10.0.1.15/24 scope global secondary eth1',
        '       valid_lft forever preferred_lft forever',
        '',
      ].join('\n'),
    );
  });

  it('prints bridge fdb show with the permanent and learned entries', () => {
    const out = formatBridgeFdb(lab, 'sw1', [{ mac: '02:00:00:00:00:01' as never, port: 'p1' }]);
    expect(out.split('\n').slice(0, 4)).toEqual([
      '33:33:00:00:00:01 dev br0 self permanent',
      '01:00:5e:00:00:01 dev br0 self permanent',
      '02:00:00:00:00:01 dev p1 master br0 ',
      '02:00:00:00:00:02 dev p1 master br0 permanent',
    ]);
  });
});
