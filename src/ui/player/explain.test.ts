// The explanation of a step, in both languages, with the actual numbers.

import { describe, expect, test } from 'vitest';
import i18n from '../../i18n';
import { explainStep, type Translate } from './explain';
import { walkComments } from './exportWalk';
import { testWalk } from './testWalk';
import ecmpGolden from '../../engine/__oracle__/ecmp-2spine-l4.clab.yml?raw';

const en = i18n.getFixedT('en') as unknown as Translate;
const zh = i18n.getFixedT('zh-CN') as unknown as Translate;

describe('two-subnets-router', () => {
  const w = testWalk('two-subnets-router');
  const say = (step: number, t: Translate) => explainStep(w.ctx, w.steps[step - 1]!, t);

  test('h1 works out that 10.0.2.10 is not on its network, and ARPs for its gateway', () => {
    expect(say(1, en)).toEqual([
      'h1 runs “ping -c 1 -W 1 10.0.2.10”.',
      'ping sends an IPv4 packet 10.0.1.10 → 10.0.2.10 (protocol ICMP, TTL 64).',
      'Route lookup for 10.0.2.10: 10.0.2.10 AND 255.255.255.0 = 10.0.2.0, which is not my network 10.0.1.0/24 → send it to the gateway 10.0.1.1 (route default via 10.0.1.1 dev eth1).',
      'No neighbour entry for 10.0.1.1 → broadcast an ARP request (who has 10.0.1.1? tell 10.0.1.10) and hold the packet.',
      'It sends the frame out of eth1 towards sw1: ARP request: who has 10.0.1.1? tell 10.0.1.10.',
    ]);
  });

  test('the same in Chinese, with the same numbers', () => {
    const s = say(1, zh);
    expect(s[2]).toBe('查找 10.0.2.10 的路由：10.0.2.10 AND 255.255.255.0 = 10.0.2.0，不是我的网络 10.0.1.0/24 → 发给网关 10.0.1.1（路由 default via 10.0.1.1 dev eth1）。');
    expect(s[3]).toBe('邻居表中没有 10.0.1.1 → 广播一个 ARP 请求（谁是 10.0.1.1？请告诉 10.0.1.10），并暂存该数据包。');
  });

  test('sw1 learns the sender and floods the broadcast', () => {
    expect(say(2, en).slice(1, 3)).toEqual([
      'It learns that 02:00:00:00:00:01 (h1:eth1) is behind port p1 (a new fdb entry).',
      'The destination MAC ff:ff:ff:ff:ff:ff (broadcast) is the broadcast address → it floods the frame out of every other port: p2.',
    ]);
    expect(say(4, en)[2]).toBe('The fdb says 02:00:00:00:00:01 (h1:eth1) is behind port p1 → it forwards the frame out of p1 only.');
  });

  test('r1 answers ARP for its own address and says why (the local table first)', () => {
    const s = say(3, en);
    expect(s).toContain('The ARP request asks for 10.0.1.1: that is my own address (table local) → I answer it.');
    expect(s).toContain('Routes that match 10.0.1.1: local 10.0.1.1/32 (/32, table local) ✓ chosen; 10.0.1.0/24 (/24, table main) ✗ the local table is searched first.');
    expect(s).toContain('It replies: 10.0.1.1 is at 02:00:00:00:00:03 (r1:eth1), sent straight to 10.0.1.10.');
  });

  test('r1 forwards: its own network, the TTL, the held packet', () => {
    const s = say(7, en);
    expect(s).toContain('Route lookup for 10.0.2.10: 10.0.2.10 AND 255.255.255.0 = 10.0.2.0, which is my network 10.0.2.0/24 → send it directly on eth2 (route 10.0.2.0/24 dev eth2 proto kernel scope link src 10.0.2.1).');
    expect(s).toContain('It forwards the packet from eth1 to eth2, next hop 10.0.2.10: TTL 64 → 63, so the header checksum is updated too.');
    expect(s).toContain('The IP addresses stay as they are: only the MAC addresses and the TTL change at a router.');
    expect(say(11, en)).toContain('Now that 10.0.2.10 is at 02:00:00:00:00:07 (h2:eth1), it releases the packet it held at step 7: the destination MAC is 02:00:00:00:00:07 (h2:eth1).');
    expect(say(11, zh)).toContain('既然 10.0.2.10 的 MAC 是 02:00:00:00:00:07 (h2:eth1)，它放行第 7 步暂存的数据包：目的 MAC 为 02:00:00:00:00:07 (h2:eth1)。');
  });

  test('h2 answers the echo request', () => {
    const s = say(13, en);
    expect(s).toContain('The packet is for me (10.0.2.10) → it goes up to my own stack.');
    expect(s).toContain('It answers with an ICMP echo reply to 10.0.1.10.');
    expect(say(18, en)).toEqual(['“ping -c 1 -W 1 10.0.2.10” on h1 ends with exit status 0.']);
  });

  test('the Wireshark comments are the explanations of the steps that sent each frame, in the language asked for', () => {
    const walk = { ...w, status: 'done' as const, runId: 1, source: { kind: 'scenario' as const }, cursor: -1 };
    const comments = walkComments(walk, w.topology, zh);
    const txSeqs = w.result.events.filter((e) => e.kind === 'frame.tx').map((e) => e.seq);
    expect(Object.keys(comments).map(Number).sort((a, b) => a - b)).toEqual(txSeqs);
    expect(comments[txSeqs[0]!]).toEqual(['第 1 步，共 18 步 · h1', ...explainStep(w.ctx, w.steps[0]!, zh)]);
    expect(comments[txSeqs[0]!]!.join('\n')).toContain('邻居表中没有 10.0.1.1');
  });
});

describe('home-nat', () => {
  const w = testWalk('home-nat');
  const masq = w.steps.find((s) => s.node === 'gw' && w.result.events.slice(s.first, s.last + 1).some((e) => e.kind === 'nat.match' && e.rule !== null))!;

  test('the gateway names the rule that matched, its iptables line, and what it rewrote', () => {
    const s = explainStep(w.ctx, masq, en);
    expect(s).toContain('conntrack (PREROUTING): no known connection matches → a new connection icmp 192.168.1.10 → 203.0.113.10 id 18422.');
    expect(s).toContain('nat POSTROUTING: rule 1 matches: “iptables -t nat -A POSTROUTING -o wan -j MASQUERADE” → the source becomes 198.51.100.2.');
    expect(s).toContain('NAT rewrites the source: 192.168.1.10:18422 → 198.51.100.2:18422 (original direction).');
    expect(s).toContain('The connection enters the conntrack table: icmp 192.168.1.10 → 203.0.113.10 id 18422 ⇄ icmp 203.0.113.10 → 198.51.100.2 id 18422.');
    expect(s.join(' ')).not.toContain('The IP addresses stay as they are');
  });

  test('in Chinese too', () => {
    expect(explainStep(w.ctx, masq, zh)).toContain('nat POSTROUTING：第 1 条规则匹配：“iptables -t nat -A POSTROUTING -o wan -j MASQUERADE” → 源地址变为 198.51.100.2。');
  });

  test('a drop says why', () => {
    const drop = w.steps.find((s) => s.outcomes[0] === 'dropped')!;
    expect(explainStep(w.ctx, drop, en).at(-1)).toBe('Dropped: the ARP request asks for an address that is not mine (192.168.1.1).');
  });
});

describe('tcp-udp-same-port: TCP and UDP each look a port up among their own sockets', () => {
  const w = testWalk('tcp-udp-same-port');
  /** Every sentence of the steps where h2 receives a frame. */
  const atH2 = (t: Translate) => w.steps.filter((s) => s.node === 'h2' && s.kind === 'frame').flatMap((s) => explainStep(w.ctx, s, t));

  test('UDP and TCP to port 5000 reach two different listeners', () => {
    expect(atH2(en)).toEqual(
      expect.arrayContaining([
        'UDP looks the port up among its own sockets (TCP and UDP ports are separate) → delivered to udp 0.0.0.0:5000.',
        'TCP looks the port up among its own sockets (TCP and UDP ports are separate) → delivered to tcp 0.0.0.0:5000.',
      ]),
    );
  });

  test('a TCP listener does not take UDP to its port, nor a UDP listener TCP', () => {
    const said = atH2(en);
    expect(said.some((x) => x.startsWith('No UDP socket has that port (UDP and TCP each have their own ports: a TCP listener on it does not count) → it sends ICMP port unreachable'))).toBe(true);
    expect(said).toContain('Dropped: no socket of that protocol has that port (TCP and UDP ports are separate) (tcp 7000).');
    expect(atH2(zh).some((x) => x.includes('没有该协议的套接字使用该端口（TCP 与 UDP 的端口相互独立）'))).toBe(true);
  });
});

describe('ecmp-2spine-l4 (multipath routes, fib_multipath_hash_policy 1)', () => {
  const w = testWalk('ecmp-2spine-l4', ecmpGolden);
  const all = (t: Translate) => w.steps.flatMap((s) => explainStep(w.ctx, s, t));

  test('the leaf says which inputs it hashed and which path holds the hash', () => {
    const said = all(en).filter((s) => s.startsWith('The route has 2 equal-cost paths'));
    // Both pings' requests and replies, the five UDP flows and their five ICMP errors.
    expect(said.length).toBeGreaterThanOrEqual(12);
    expect(said).toContainEqual(
      expect.stringMatching(
        /^The route has 2 equal-cost paths \(ECMP\): Linux hashes UDP from 10\.0\.0\.2 port 40003 to 10\.1\.1\.2 port 5000 \(fib_multipath_hash_policy 1\) to \d+; path 2 \(via 10\.0\.0\.3 dev eth2, weight 1\) takes the hashes 1073741824–2147483647 → it goes via 10\.0\.0\.3 dev eth2\.$/,
      ),
    );
    expect(said).toContainEqual(expect.stringMatching(/Linux hashes UDP from 10\.0\.0\.0 port 40000 to 10\.1\.1\.2 port 5000 .*path 1 \(via 10\.0\.0\.1 dev eth1, weight 1\) takes the hashes 0–1073741823/));
    // connect()'s lookup has no source address yet; the path it picks keeps the source it gives.
    expect(said).toContainEqual(expect.stringMatching(/Linux hashes UDP from 0\.0\.0\.0 \(no source address chosen yet\) port 40003 to .* path 2 /));
    expect(said).toContainEqual(expect.stringMatching(/Linux hashes ICMP from 10\.1\.0\.3 to 10\.1\.1\.3 \(no ports\) \(fib_multipath_hash_policy 1\)/));
    expect(all(zh)).toContainEqual(expect.stringMatching(/^这条路由有 2 条等价路径（ECMP）：Linux 对 UDP 流（10\.0\.0\.2 端口 40003 → 10\.1\.1\.2 端口 5000）做哈希/));
  });
});
