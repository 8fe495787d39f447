// The terminal's commands on the default example (h1 — sw1 — r1 — sw2 — h2). Expected texts are
// what Linux printed (iproute2 6.1, iptables 1.8.9, conntrack-tools 1.4.7, procps sysctl, ss) for
// the same configuration in network namespaces; MACs are the network's.

import { describe, expect, test } from 'vitest';
import { EXAMPLES } from '../../examples';
import { parseClab } from '../io/clab';
import type { LinuxNode, Topology } from '../topology';
import { simulate } from '../sim/simulate';
import { runShell, type ShellResult } from './shell';

const example = EXAMPLES.find((e) => e.name === 'two-subnets-router')!;
const base = (): Topology => parseClab(example.text, example.file);

/** Runs lines one after another, each on the configuration the previous one made. */
function session(node: string, lines: string[], t0 = base()): { t: Topology; results: ShellResult[] } {
  let t = t0;
  const results = lines.map((line) => {
    const r = runShell(t, node, line);
    if (r.kind === 'done' && r.topology) t = r.topology;
    return r;
  });
  return { t, results };
}

/** What a command printed (a walk or a capture prints nothing by itself). */
const out = (r: ShellResult) => (r.kind === 'done' ? { stdout: r.stdout, stderr: r.stderr, exit: r.exit } : { stdout: '', stderr: r.kind, exit: -1 });
const linux = (t: Topology, name: string) => t.nodes.find((n) => n.name === name) as LinuxNode;

describe('show commands print what Linux prints', () => {
  test.each([
    ['ip route', 'default via 10.0.1.1 dev eth1 \n10.0.1.0/24 dev eth1 proto kernel scope link src 10.0.1.10 \n'],
    ['ip -br addr', 'lo               UNKNOWN        127.0.0.1/8 \neth1@if3         UP             10.0.1.10/24 \n'],
    ['ip -br link', 'lo               UNKNOWN        00:00:00:00:00:00 <LOOPBACK,UP,LOWER_UP> \neth1@if3         UP             02:00:00:00:00:01 <BROADCAST,MULTICAST,UP,LOWER_UP> \n'],
    [
      'ip link show dev eth1',
      '2: eth1@if3: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default qlen 1000\n    link/ether 02:00:00:00:00:01 brd ff:ff:ff:ff:ff:ff link-netns sw1\n',
    ],
    ['ip route get 10.0.2.10', '10.0.2.10 via 10.0.1.1 dev eth1 src 10.0.1.10 uid 0 \n    cache \n'],
    ['sysctl net.ipv4.ip_forward', 'net.ipv4.ip_forward = 0\n'],
    ['sysctl net.ipv4.conf.eth1.proxy_arp', 'net.ipv4.conf.eth1.proxy_arp = 0\n'],
    ['hostname', 'h1\n'],
    ['ss -tuan', 'Netid State Recv-Q Send-Q Local Address:Port Peer Address:PortProcess\n'],
    ['bridge fdb show', '33:33:00:00:00:01 dev eth1 self permanent\n01:00:5e:00:00:01 dev eth1 self permanent\n'],
  ])('%s', (line, stdout) => expect(out(runShell(base(), 'h1', line))).toEqual({ stdout, stderr: '', exit: 0 }));

  test('iptables -t nat -L in its columns, with -n, -v and --line-numbers', () => {
    const { results } = session('r1', [
      'iptables -t nat -A POSTROUTING -o eth1 -j MASQUERADE',
      'iptables -t nat -A PREROUTING -i eth1 -p tcp --dport 8080 -j DNAT --to-destination 10.0.1.1:80',
      'iptables -t nat -A POSTROUTING -s 10.0.0.0/8 -d 10.0.2.0/24 -p icmp -j SNAT --to-source 10.0.1.10',
      'iptables -t nat -L',
      'iptables -t nat -L -n -v --line-numbers POSTROUTING',
      'iptables -t nat -S',
    ]);
    expect(out(results[3]!).stdout).toBe(
      [
        'Chain PREROUTING (policy ACCEPT)',
        'target     prot opt source               destination         ',
        'DNAT       tcp  --  anywhere             anywhere             tcp dpt:http-alt to:10.0.1.1:80',
        '',
        'Chain INPUT (policy ACCEPT)',
        'target     prot opt source               destination         ',
        '',
        'Chain OUTPUT (policy ACCEPT)',
        'target     prot opt source               destination         ',
        '',
        'Chain POSTROUTING (policy ACCEPT)',
        'target     prot opt source               destination         ',
        'MASQUERADE  all  --  anywhere             anywhere            ',
        'SNAT       icmp --  10.0.0.0/8           10.0.2.0/24          to:10.0.1.10',
        '',
      ].join('\n'),
    );
    expect(out(results[4]!).stdout).toBe(
      [
        'Chain POSTROUTING (policy ACCEPT 0 packets, 0 bytes)',
        'num   pkts bytes target     prot opt in     out     source               destination         ',
        '1        0     0 MASQUERADE  0    --  *      eth1    0.0.0.0/0            0.0.0.0/0           ',
        '2        0     0 SNAT       1    --  *      *       10.0.0.0/8           10.0.2.0/24          to:10.0.1.10',
        '',
      ].join('\n'),
    );
    expect(out(results[5]!).stdout).toBe(
      '-P PREROUTING ACCEPT\n-P INPUT ACCEPT\n-P OUTPUT ACCEPT\n-P POSTROUTING ACCEPT\n-A PREROUTING -i eth1 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 10.0.1.1:80\n-A POSTROUTING -o eth1 -j MASQUERADE\n-A POSTROUTING -s 10.0.0.0/8 -d 10.0.2.0/24 -p icmp -j SNAT --to-source 10.0.1.10\n',
    );
  });
});

describe('a rejected command changes nothing and prints Linux’s error', () => {
  test.each([
    ['ip route add 10.0.9.0/24 via 10.9.9.9', 'Error: Nexthop has invalid gateway.\n', 2],
    ['ip route add foo', 'Error: any valid prefix is expected rather than "foo".\n', 1],
    ['ip route del 10.0.8.0/24', 'RTNETLINK answers: No such process\n', 2],
    ['ip addr add 10.0.1.10/24 dev eth1', 'Error: ipv4: Address already assigned.\n', 2],
    ['ip addr del 10.0.3.1/24 dev eth1', 'Error: ipv4: Address not found.\n', 2],
    ['ip addr add 10.0.3.1/24', 'Not enough information: "dev" argument is required.\n', 1],
    ['ip addr show dev eth7', 'Device "eth7" does not exist.\n', 1],
    ['ip neigh add 10.0.1.9 dev eth1 nud permanent', 'Error: No link layer address given.\n', 2],
    ['ip neigh add 10.0.1.9 lladdr zz dev eth1', '"zz" is invalid lladdr.\n', 1],
    ['ip neigh add 10.0.1.9 lladdr 02:00:00:00:00:01 dev eth9', 'Cannot find device "eth9"\n', 1],
    ['ip neigh change 10.0.1.77 lladdr 02:00:00:00:00:01 dev eth1', 'RTNETLINK answers: No such file or directory\n', 2],
    ['ip neigh add 10.0.1.10 lladdr 02:00:00:00:00:01 dev eth1 nud bogus', 'Error: argument "bogus" is wrong: nud state is bad\n', 255],
    ['ip neigh add 10.0.1.11 lladdr 02:00:00:00:00:01', 'Device and destination are required arguments.\n', 255],
    ['ip foo', 'Object "foo" is unknown, try "ip help".\n', 255],
    ['iptables -t nat -D POSTROUTING 5', 'iptables: Index of deletion too big.\n', 1],
    ['iptables -t nat -I POSTROUTING 9 -j MASQUERADE', 'iptables: Index of insertion too big.\n', 1],
    ['iptables -t nat -A FOO -j MASQUERADE', 'iptables: No chain/target/match by that name.\n', 1],
    ['sysctl net.foo', 'sysctl: cannot stat /proc/sys/net/foo: No such file or directory\n', 1],
    ['frobnicate', 'bash: frobnicate: command not found\n', 127],
  ])('%s', (line, stderr, exit) => {
    const r = runShell(base(), 'h1', line);
    expect(out(r)).toEqual({ stdout: '', stderr, exit });
    expect(r.kind === 'done' ? r.topology : 'not done').toBeUndefined();
  });
});

describe('configuration commands change the configuration', () => {
  test('ip addr add, then del takes the routes that needed it away', () => {
    const { t } = session('h1', ['ip addr add 10.0.3.1/24 dev eth1', 'ip route add 10.0.9.0/24 via 10.0.3.2']);
    expect(linux(t, 'h1').ifaces[0]!.addrs).toEqual([
      { ip: '10.0.1.10', len: 24 },
      { ip: '10.0.3.1', len: 24 },
    ]);
    expect(linux(t, 'h1').routes.map((r) => r.dst.ip)).toEqual(['0.0.0.0', '10.0.9.0']);
    const after = session('h1', ['ip addr del 10.0.3.1/24 dev eth1'], t).t;
    expect(linux(after, 'h1').routes.map((r) => r.dst.ip)).toEqual(['0.0.0.0']);
  });

  test('ip route replace changes a route in place, del removes it', () => {
    const { t, results } = session('h1', ['ip route add 10.0.9.0/24 via 10.0.1.1', 'ip route replace 10.0.9.0/24 via 10.0.1.2', 'ip route']);
    expect(out(results[2]!).stdout).toBe('default via 10.0.1.1 dev eth1 \n10.0.1.0/24 dev eth1 proto kernel scope link src 10.0.1.10 \n10.0.9.0/24 via 10.0.1.2 dev eth1 \n');
    expect(linux(session('h1', ['ip route del 10.0.9.0/24'], t).t, 'h1').routes).toHaveLength(1);
  });

  test('ip neigh add (permanent by default), show hides noarp, flush keeps permanent entries', () => {
    const { t, results } = session('h1', [
      'ip neigh add 10.0.1.5 lladdr 02:00:00:00:00:09 dev eth1',
      'ip neigh add 10.0.1.6 lladdr 02:00:00:00:00:0A dev eth1 nud noarp',
      'ip neigh add 10.0.1.8 lladdr 02:00:00:00:00:0c dev eth1 nud stale',
      'ip neigh add 10.0.1.5 lladdr 02:00:00:00:00:09 dev eth1',
      'ip neigh',
      'ip neigh show nud noarp',
      'ip neigh flush dev eth1',
      'ip -br neigh',
    ]);
    expect(out(results[3]!)).toEqual({ stdout: '', stderr: 'RTNETLINK answers: File exists\n', exit: 2 });
    expect(out(results[4]!).stdout).toBe('10.0.1.5 dev eth1 lladdr 02:00:00:00:00:09 PERMANENT \n10.0.1.8 dev eth1 lladdr 02:00:00:00:00:0c STALE \n');
    expect(out(results[5]!).stdout).toBe('10.0.1.6 dev eth1 lladdr 02:00:00:00:00:0a NOARP \n');
    expect(out(results[7]!).stdout).toBe('10.0.1.5                                eth1             02:00:00:00:00:09\n');
    expect(linux(t, 'h1').neigh).toEqual([
      { ip: '10.0.1.5', dev: 'eth1', mac: '02:00:00:00:00:09', nud: 'permanent' },
      { ip: '10.0.1.6', dev: 'eth1', mac: '02:00:00:00:00:0a', nud: 'noarp' },
    ]);
  });

  test('sysctl -w writes and prints the setting; hostname renames the device', () => {
    const { t, results } = session('r1', ['sysctl -w net.ipv4.conf.eth1.send_redirects=0', 'sysctl net.ipv4.conf.eth1.send_redirects', 'hostname gw']);
    expect(out(results[0]!).stdout).toBe('net.ipv4.conf.eth1.send_redirects = 0\n');
    expect(out(results[1]!).stdout).toBe('net.ipv4.conf.eth1.send_redirects = 0\n');
    expect(t.nodes.map((n) => n.name)).toContain('gw');
  });

  test('a multipath route typed in the terminal, ip route printing it as iproute2 does, and the hash sysctls', () => {
    const { t, results } = session('r1', [
      'ip route add 198.51.100.0/24 nexthop via 10.0.1.10 weight 2 nexthop via 10.0.2.10',
      'ip route',
      'sysctl -w net.ipv4.fib_multipath_hash_policy=1',
      'sysctl net.ipv4.fib_multipath_hash_seed',
      'sysctl -w net.ipv4.fib_multipath_hash_policy=2',
      'ip route show dev eth1',
    ]);
    // As on Linux 6.18: a multipath route has no device of its own, `ip route show dev` leaves it out.
    expect(out(results[5]!).stdout).not.toContain('198.51.100.0');
    expect(out(results[1]!).stdout).toContain('198.51.100.0/24 \n\tnexthop via 10.0.1.10 dev eth1 weight 2 \n\tnexthop via 10.0.2.10 dev eth2 weight 1 \n');
    expect(out(results[2]!).stdout).toBe('net.ipv4.fib_multipath_hash_policy = 1\n');
    expect(out(results[3]!).stdout).toBe('net.ipv4.fib_multipath_hash_seed = 0\n');
    expect(out(results[4]!).exit).not.toBe(0);
    expect(linux(t, 'r1').routes.at(-1)).toEqual({ type: 'unicast', dst: { ip: '198.51.100.0', len: 24 }, nexthops: [{ via: '10.0.1.10', weight: 2 }, { via: '10.0.2.10' }] });
    expect(linux(t, 'r1').multipathHashPolicy).toBe(1);
  });

  test('iptables -I, -D by rule and -F', () => {
    const { t } = session('r1', ['iptables -t nat -A POSTROUTING -o eth2 -j MASQUERADE', 'iptables -t nat -I POSTROUTING -s 10.0.0.0/8 -j MASQUERADE', 'iptables -t nat -D POSTROUTING -o eth2 -j MASQUERADE']);
    expect(linux(t, 'r1').nat).toEqual([{ chain: 'POSTROUTING', target: 'MASQUERADE', src: { ip: '10.0.0.0', len: 8 } }]);
    expect(linux(session('r1', ['iptables -t nat -F'], t).t, 'r1').nat).toBeUndefined();
  });
});

test('traffic commands are walks; tcpdump is a capture', () => {
  expect(runShell(base(), 'h1', 'ping -c 1 10.0.2.10')).toEqual({ kind: 'walk', run: 'ping -c 1 10.0.2.10' });
  expect(runShell(base(), 'h1', 'echo hi | nc -u -w1 10.0.2.10 5000')).toEqual({ kind: 'walk', run: 'echo hi | nc -u -w1 10.0.2.10 5000' });
  expect(out(runShell(base(), 'h1', 'ping -c x 10.0.2.10'))).toEqual({ stdout: '', stderr: 'ping: invalid count "x"\n', exit: 2 });
  expect(runShell(base(), 'h1', 'tcpdump -i eth1 -n -c 2')).toMatchObject({ kind: 'capture', options: { dev: 'eth1', numeric: true, link: false, count: 2 } });
  expect(out(runShell(base(), 'h1', 'tcpdump -i eth9'))).toEqual({ stdout: '', stderr: 'tcpdump: eth9: No such device exists\n(No such device exists)\n', exit: 1 });
});

describe('traceroute and arping, walked', () => {
  const run = (line: string) => simulate(base(), { scenario: [{ kind: 'run', on: 'h1', run: line }] }).steps[0]!;
  test('traceroute -n: UDP from port 33434, three probes a hop, the destination ends it', () => {
    const s = run('traceroute -n 10.0.2.10');
    expect(s.exit).toBe(0);
    expect(s.stdout!.replace(/\d+\.\d{3} ms/g, '<t> ms')).toBe(
      'traceroute to 10.0.2.10 (10.0.2.10), 30 hops max, 60 byte packets\n 1  10.0.1.1  <t> ms  <t> ms  <t> ms\n 2  10.0.2.10  <t> ms  <t> ms  <t> ms\n',
    );
    // Each line is written when its hop is complete, after the answer that completes it.
    expect(s.output!.map((c) => c.text.slice(0, 3))).toEqual(['tra', ' 1 ', ' 2 ']);
    expect(s.output![1]!.at).toBeLessThan(s.output![2]!.at);
  });
  test('traceroute -I -m 1 -q 1: one ICMP probe', () => {
    expect(run('traceroute -I -m 1 -q 1 10.0.2.10').stdout!.replace(/\d+\.\d{3} ms/g, '<t> ms')).toBe('traceroute to 10.0.2.10 (10.0.2.10), 1 hops max, 60 byte packets\n 1  10.0.1.1 (10.0.1.1)  <t> ms\n');
  });
  test('arping: replies and a timeout', () => {
    const ok = run('arping -c 2 -I eth1 10.0.1.1');
    expect(ok.exit).toBe(0);
    expect(ok.stdout).toMatch(/^ARPING 10\.0\.1\.1\n42 bytes from 02:00:00:00:00:03 \(10\.0\.1\.1\): index=0 time=[\d.]+ usec\n42 bytes from 02:00:00:00:00:03 \(10\.0\.1\.1\): index=1 time=[\d.]+ usec\n\n--- 10\.0\.1\.1 statistics ---\n2 packets transmitted, 2 packets received, {3}0% unanswered \(0 extra\)\nrtt min\/avg\/max\/std-dev = /);
    const none = run('arping -c 1 10.0.1.99');
    expect(none).toMatchObject({ exit: 1, stdout: 'ARPING 10.0.1.99\nTimeout\n\n--- 10.0.1.99 statistics ---\n1 packets transmitted, 0 packets received, 100% unanswered (0 extra)\n\n' });
  });
});

describe('static neighbour entries in a walk', () => {
  const withNeigh = (line: string) => session('h1', [line]).t;
  const walk = (t: Topology) => simulate(t, { scenario: [{ kind: 'run', on: 'h1', run: 'ping -c 1 10.0.2.10' }] });
  test('a permanent entry is used without ARP and ARP never changes it', () => {
    const r = walk(withNeigh('ip neigh add 10.0.1.1 lladdr 02:00:00:00:00:03 dev eth1'));
    expect(r.events.some((e) => e.kind === 'arp.solicit' && e.node === 'h1')).toBe(false);
    // r1 asks for h1 (from 10.0.1.1): h1 answers and keeps its entry as it was.
    expect(r.events.some((e) => e.kind === 'neigh.update' && e.node === 'h1' && e.ip === '10.0.1.1' && e.from === 'PERMANENT' && e.to !== 'PERMANENT')).toBe(false);
    expect(r.final.h1).toMatchObject({ neigh: [{ ip: '10.0.1.1', dev: 'eth1', mac: '02:00:00:00:00:03', state: 'PERMANENT' }] });
    expect(r.steps[0]!.exit).toBe(0);
  });
  test('a wrong permanent address is not corrected by ARP: the ping goes nowhere', () => {
    const r = walk(withNeigh('ip neigh add 10.0.1.1 lladdr 02:00:00:00:00:99 dev eth1 nud noarp'));
    expect(r.steps[0]!.exit).toBe(1);
    expect(r.final.h1).toMatchObject({ neigh: [{ ip: '10.0.1.1', mac: '02:00:00:00:00:99', state: 'NOARP' }] });
  });
  test('a stale entry is used, then confirmed as any other', () => {
    const r = walk(withNeigh('ip neigh add 10.0.1.1 lladdr 02:00:00:00:00:03 dev eth1 nud stale'));
    expect(r.events.find((e) => e.kind === 'neigh.update' && e.node === 'h1' && e.cause === 'use')).toMatchObject({ from: 'STALE', to: 'DELAY' });
  });
});

test('static neighbour entries travel in both file formats', async () => {
  const { toClab } = await import('../io/clab');
  const { parseTopologyJson, toTopologyJson } = await import('../io/json');
  const t = session('h1', ['ip neigh add 10.0.1.1 lladdr 02:00:00:00:00:03 dev eth1 nud noarp']).t;
  const clab = toClab(t).text;
  expect(clab).toContain('ip neigh add 10.0.1.1 lladdr 02:00:00:00:00:03 dev eth1 nud noarp');
  expect(linux(parseClab(clab, 'x.clab.yml'), 'h1').neigh).toEqual([{ ip: '10.0.1.1', dev: 'eth1', mac: '02:00:00:00:00:03', nud: 'noarp' }]);
  expect(linux(parseTopologyJson(toTopologyJson(t), 'x.json'), 'h1').neigh).toEqual(linux(t, 'h1').neigh);
  expect(() => parseClab(clab.replace('dev eth1 nud noarp', 'dev eth9 nud noarp'), 'x.clab.yml')).toThrow(/Cannot find device "eth9"/);
});

test('ping -M dont sends without DF; -I ADDR sends from that address', () => {
  const t = session('h1', ['ip addr add 10.0.1.11/24 dev eth1']).t;
  const r = simulate(t, { scenario: [{ kind: 'run', on: 'h1', run: 'ping -c 1 -M dont -I 10.0.1.11 10.0.2.10' }] });
  const req = r.events.find((e) => e.kind === 'frame.tx' && e.node === 'h1' && e.frame.payload.kind === 'ipv4');
  expect(req?.kind === 'frame.tx' && req.frame.payload.kind === 'ipv4' && { df: req.frame.payload.flags.df, src: req.frame.payload.srcIp }).toEqual({ df: false, src: '10.0.1.11' });
  expect(r.steps[0]!.exit).toBe(0);
});

describe('tcpdump’s line format', async () => {
  const { TcpdumpPrinter } = await import('./tcpdump-print');
  const frames = (line: string) => {
    const r = simulate(base(), { scenario: [{ kind: 'run', on: 'h1', run: line }] });
    return r.events.filter((e) => e.kind === 'frame.tx' && e.node === 'h1' && e.iface === 'eth1' || (e.kind === 'frame.rx' && e.node === 'h1' && e.iface === 'eth1'));
  };
  test('ARP, ICMP echo, with -n and with -e (as tcpdump 4.99 printed them on Linux)', () => {
    const evs = frames('ping -c 1 10.0.2.10');
    const lines = (opts: { link: boolean; numeric: boolean }) => {
      const p = new TcpdumpPrinter(opts);
      return evs.map((e) => (e.kind === 'frame.tx' || e.kind === 'frame.rx' ? p.line(e.frame, e.t).replace(/^\S+ /, '') : ''));
    };
    expect(lines({ link: false, numeric: true })).toEqual([
      'ARP, Request who-has 10.0.1.1 tell 10.0.1.10, length 28',
      'ARP, Reply 10.0.1.1 is-at 02:00:00:00:00:03, length 28',
      'IP 10.0.1.10 > 10.0.2.10: ICMP echo request, id ' + /id (\d+)/.exec(lines({ link: false, numeric: true })[2]!)![1] + ', seq 1, length 64',
      'IP 10.0.2.10 > 10.0.1.10: ICMP echo reply, id ' + /id (\d+)/.exec(lines({ link: false, numeric: true })[2]!)![1] + ', seq 1, length 64',
    ]);
    expect(lines({ link: true, numeric: true })[0]).toBe('02:00:00:00:00:01 > ff:ff:ff:ff:ff:ff, ethertype ARP (0x0806), length 42: Request who-has 10.0.1.1 tell 10.0.1.10, length 28');
    expect(lines({ link: true, numeric: true })[2]).toMatch(/^02:00:00:00:00:01 > 02:00:00:00:00:03, ethertype IPv4 \(0x0800\), length 98: 10\.0\.1\.10 > 10\.0\.2\.10: ICMP echo request/);
  });
  test('UDP probes and the ICMP errors about them, TCP with its options and relative numbers', () => {
    const p = new TcpdumpPrinter({ link: false, numeric: true });
    const tr = frames('traceroute -n -q 1 -m 2 10.0.2.10').map((e) => (e.kind === 'frame.tx' || e.kind === 'frame.rx' ? p.line(e.frame, e.t).replace(/^\S+ /, '') : ''));
    expect(tr.filter((l) => l.startsWith('IP'))).toEqual([
      expect.stringMatching(/^IP 10\.0\.1\.10\.\d+ > 10\.0\.2\.10\.33434: UDP, length 32$/),
      'IP 10.0.1.1 > 10.0.1.10: ICMP time exceeded in-transit, length 68',
      expect.stringMatching(/^IP 10\.0\.1\.10\.\d+ > 10\.0\.2\.10\.33435: UDP, length 32$/),
      'IP 10.0.2.10 > 10.0.1.10: ICMP 10.0.2.10 udp port 33435 unreachable, length 68',
    ]);
    const q = new TcpdumpPrinter({ link: false, numeric: true });
    const tcp = frames('nc -z -p 40000 10.0.2.10 81').map((e) => (e.kind === 'frame.tx' || e.kind === 'frame.rx' ? q.line(e.frame, e.t).replace(/^\S+ /, '') : '')).filter((l) => l.startsWith('IP'));
    expect(tcp).toEqual([
      expect.stringMatching(/^IP 10\.0\.1\.10\.40000 > 10\.0\.2\.10\.81: Flags \[S\], seq \d+, win 64240, options \[mss 1460,sackOK,TS val \d+ ecr 0,nop,wscale 10\], length 0$/),
      expect.stringMatching(/^IP 10\.0\.2\.10\.81 > 10\.0\.1\.10\.40000: Flags \[R\.\], seq 0, ack \d+, win 0, length 0$/),
    ]);
    // The RST's ack is the SYN's sequence number plus one, whole (as tcpdump printed it on Linux).
    expect(Number(/ack (\d+)/.exec(tcp[1]!)![1])).toBe(Number(/seq (\d+)/.exec(tcp[0]!)![1]) + 1);
  });
});

test('Ctrl+C: ping prints its statistics so far; traceroute dies of it (130)', () => {
  const sigint = (run: string) => simulate(base(), { scenario: [{ kind: 'run', on: 'h1', run }], interrupt: { step: 0, afterUs: 2_500_000 } }).steps[0]!;
  const ping = sigint('ping 10.0.2.10');
  expect(ping.exit).toBe(0);
  expect(ping.stdout!.replace(/time=[\d.]+ ms/g, 'time=<t> ms').replace(/mdev = .*/, 'mdev = <t>')).toBe(
    'PING 10.0.2.10 (10.0.2.10) 56(84) bytes of data.\n' +
      [1, 2, 3].map((n) => `64 bytes from 10.0.2.10: icmp_seq=${n} ttl=63 time=<t> ms\n`).join('') +
      '\n--- 10.0.2.10 ping statistics ---\n3 packets transmitted, 3 received, 0% packet loss, time 2500ms\nrtt min/avg/max/mdev = <t>\n',
  );
  const tr = sigint('traceroute -n 10.0.9.9');
  expect(tr).toMatchObject({ exit: 130, stdout: 'traceroute to 10.0.9.9 (10.0.9.9), 30 hops max, 60 byte packets\n' });
});
