// Tunnel devices in the terminal: `ip addr`, `ip -d link show` and `ip tunnel show` as iproute2
// 6.1 printed them in a User-Mode Linux 6.1 namespace with the same configuration (only the
// interface indexes differ: that kernel also had sit0, after erspan0, whose module packetwalk's
// nodes never load; and its queue counts lack `numrxqueues 1`, which this machine's kernel
// prints, as for every device here). The fallback devices of the modules in use (tunl0; gre0,
// gretap0, erspan0) are in every node, as they are in every namespace: compared with a recording
// (__oracle__/text/tunnel-fallback-devs) below.

import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parseClab } from '../io/clab';
import { runShell } from './shell';

const t = parseClab(
  `name: iptext
topology:
  nodes:
    a:
      kind: linux
      exec:
        - ip addr add 192.0.2.1/24 dev eth1
        - ip link set tunl0 up
        - ip addr add 10.9.0.1/32 dev tunl0
        - ip link add t1 type ipip local 192.0.2.1 remote 192.0.2.2 ttl 10
        - ip link set t1 up
        - ip link add g1 type gre local 192.0.2.1 remote 192.0.2.2 key 7
        - ip link set g1 up
        - ip link add gt1 type gretap local 192.0.2.1 remote 192.0.2.2
        - ip link set gt1 address 02:00:00:00:0b:01
        - ip link set gt1 up
        - ip link add vx0 type vxlan id 42 dstport 4789 local 192.0.2.1 remote 192.0.2.2 dev eth1
        - ip link set vx0 address 02:00:00:00:0a:01
        - ip link set vx0 up
        - ip addr add 10.10.0.1/24 dev vx0
    b:
      kind: linux
  links:
    - endpoints: ["a:eth1", "b:eth1"]
`,
  'iptext.clab.yml',
);
const stdout = (line: string) => {
  const r = runShell(t, 'a', line);
  return r.kind === 'done' ? r.stdout : r.kind;
};
const Q = 'numtxqueues 1 numrxqueues 1 gso_max_size 65536 gso_max_segs 65535';

describe('tunnel devices as iproute2 prints them', () => {
  test('ip addr: tunl0 after lo (made with the namespace), the others after the veth', () => {
    const text = stdout('ip addr');
    expect(text).toContain(
      '2: tunl0@NONE: <NOARP,UP,LOWER_UP> mtu 1480 qdisc noqueue state UNKNOWN group default qlen 1000\n    link/ipip 0.0.0.0 brd 0.0.0.0\n    inet 10.9.0.1/32 scope global tunl0\n       valid_lft forever preferred_lft forever\n' +
        '3: gre0@NONE: <NOARP> mtu 1476 qdisc noop state DOWN group default qlen 1000\n    link/gre 0.0.0.0 brd 0.0.0.0\n' +
        '4: gretap0@NONE: <BROADCAST,MULTICAST> mtu 1462 qdisc noop state DOWN group default qlen 1000\n    link/ether 00:00:00:00:00:00 brd ff:ff:ff:ff:ff:ff\n' +
        '5: erspan0@NONE: <BROADCAST,MULTICAST> mtu 1450 qdisc noop state DOWN group default qlen 1000\n    link/ether 00:00:00:00:00:00 brd ff:ff:ff:ff:ff:ff\n6: eth1@if6:',
    );
    expect(text).toContain(
      '7: t1@NONE: <POINTOPOINT,NOARP,UP,LOWER_UP> mtu 1480 qdisc noqueue state UNKNOWN group default qlen 1000\n    link/ipip 192.0.2.1 peer 192.0.2.2\n' +
        '8: g1@NONE: <POINTOPOINT,NOARP,UP,LOWER_UP> mtu 1472 qdisc noqueue state UNKNOWN group default qlen 1000\n    link/gre 192.0.2.1 peer 192.0.2.2\n' +
        '9: gt1@NONE: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1462 qdisc pfifo_fast state UNKNOWN group default qlen 1000\n    link/ether 02:00:00:00:0b:01 brd ff:ff:ff:ff:ff:ff\n' +
        '10: vx0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UNKNOWN group default qlen 1000\n    link/ether 02:00:00:00:0a:01 brd ff:ff:ff:ff:ff:ff\n    inet 10.10.0.1/24 scope global vx0\n       valid_lft forever preferred_lft forever\n',
    );
  });

  test('ip -d link show: each type’s own line', () => {
    expect(stdout('ip -d link show tunl0')).toBe(
      `2: tunl0@NONE: <NOARP,UP,LOWER_UP> mtu 1480 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000\n    link/ipip 0.0.0.0 brd 0.0.0.0 promiscuity 0  allmulti 0 minmtu 0 maxmtu 0 \n    ipip any remote any local any ttl inherit nopmtudisc addrgenmode eui64 ${Q} tso_max_size 65536 tso_max_segs 65535 gro_max_size 65536 \n`,
    );
    expect(stdout('ip -d link show t1')).toContain(`    ipip any remote 192.0.2.2 local 192.0.2.1 ttl 10 pmtudisc addrgenmode eui64 ${Q} tso_max_size 65536`);
    expect(stdout('ip -d link show g1')).toContain(`    gre remote 192.0.2.2 local 192.0.2.1 ttl inherit ikey 0.0.0.7 okey 0.0.0.7 addrgenmode eui64 ${Q} tso_max_size 65536`);
    expect(stdout('ip -d link show gt1')).toContain(
      `    link/ether 02:00:00:00:0b:01 brd ff:ff:ff:ff:ff:ff promiscuity 0  allmulti 0 minmtu 68 maxmtu 0 \n    gretap remote 192.0.2.2 local 192.0.2.1 ttl inherit addrgenmode eui64 ${Q} tso_max_size 65536`,
    );
    expect(stdout('ip -d link show vx0')).toContain(
      `    link/ether 02:00:00:00:0a:01 brd ff:ff:ff:ff:ff:ff promiscuity 0  allmulti 0 minmtu 68 maxmtu 65535 \n    vxlan id 42 remote 192.0.2.2 local 192.0.2.1 dev eth1 srcport 0 0 dstport 4789 ttl auto ageing 300 udpcsum noudp6zerocsumtx noudp6zerocsumrx addrgenmode eui64 ${Q} tso_max_size 524280`,
    );
  });

  test('ip tunnel show: the IP tunnels only', () => {
    expect(stdout('ip tunnel show')).toBe('tunl0: any/ip remote any local any ttl inherit nopmtudisc\ngre0: gre/ip remote any local any ttl inherit nopmtudisc\nt1: any/ip remote 192.0.2.2 local 192.0.2.1 ttl 10\ng1: gre/ip remote 192.0.2.2 local 192.0.2.1 ttl inherit key 7\n');
  });
});

describe('the fallback devices of the modules in use are in every node, as in a namespace of Linux 6.1', () => {
  const dir = new URL('../__oracle__/text/', import.meta.url);
  const golden = JSON.parse(readFileSync(new URL('tunnel-fallback-devs.trace.json', dir), 'utf8')) as { steps: { on: string; run: string; stdout: string }[] };
  // its scenario is what the recorder ran (packetwalk's scenarios do not take `ip link`): the terminal runs it here
  const topo = parseClab(readFileSync(new URL('tunnel-fallback-devs.clab.yml', dir), 'utf8').split('\nscenario:')[0]!, 'tunnel-fallback-devs.clab.yml');
  const ours = (node: string, line: string) => {
    const r = runShell(topo, node, line);
    return r.kind === 'done' ? r.stdout : r.kind;
  };
  /** Linux's text without sit0 (UML's sit module; packetwalk has no sit) and the veths' random MACs and namespace names; devices renumbered. */
  const linux = (node: string, run: string): string => {
    const text = golden.steps.find((s) => s.on === node && s.run === run)!.stdout;
    const blocks = text.split(/\n(?=\d+: )/).filter((b) => !b.includes('sit0@NONE'));
    const renumber = new Map(blocks.map((b, i) => [b.split(':')[0]!, String(i + 1)]));
    return blocks
      .map((b) => b.replace(/^(\d+):/, (_, n: string) => `${renumber.get(n)}:`).replace(/@if(\d+)/, (_, n: string) => `@if${Number(n) - 1}`))
      .join('\n')
      .replace(/link\/ether (?!00:00:00:00:00:00|02:00:00:00:07:02)\S+/g, 'link/ether MAC')
      .replace(/ link-netns \S+/g, ' link-netns PEER');
  };
  const mask = (text: string) => text.replace(/link\/ether (?!00:00:00:00:00:00|02:00:00:00:07:02)\S+/g, 'link/ether MAC').replace(/ link-netns \S+/g, ' link-netns PEER');

  test('a uses no tunnel and has tunl0, gre0, gretap0 and erspan0 after lo, down, before its veth', () => {
    expect(mask(ours('a', 'ip link show'))).toBe(linux('a', 'ip -d link show').split('\n').filter((l) => /^\d+: |^ {4}link\//.test(l)).map((l) => l.replace(/ promiscuity .*$/, '')).join('\n') + '\n');
  });

  test('b lists them, then its veth, then the devices it added; ip tunnel show lists tunl0, gre0 and its ipip', () => {
    expect(mask(ours('b', 'ip link show'))).toBe(linux('b', 'ip link show'));
    expect(ours('b', 'ip tunnel show')).toBe(linux('b', 'ip tunnel show').split('\n').filter((l) => !l.startsWith('sit0:')).join('\n'));
  });

  test('ip -d link show: each fallback device as Linux prints it (but for the queue counts)', () => {
    const d = linux('a', 'ip -d link show').replaceAll('numtxqueues 1 gso', 'numtxqueues 1 numrxqueues 1 gso');
    for (const dev of ['tunl0', 'gre0', 'gretap0', 'erspan0']) {
      const text = ours('a', `ip -d link show dev ${dev}`);
      expect(text).toMatch(new RegExp(`^\\d+: ${dev}@NONE: `));
      expect(d).toContain(text.trimEnd());
    }
  });
});
