// The guided lessons: each a network, the walk run on it, and its key steps with the facts their
// narratives state (text.en.ts, text.zh-CN.ts). Networks are the bundled examples (most of them
// recorded on real Linux) where one says what the lesson needs, else a small file of its own in
// topologies/ (described at its top), and the data-centre lesson's comes from the fabric
// generator (the engine's three-tier design, through the worker). Loaded on demand (lessons/index.ts) with the narratives.

import sameSubnet from './topologies/same-subnet.clab.yml?raw';
import routeTable from './topologies/route-table.clab.yml?raw';
import troubles from './topologies/troubles.clab.yml?raw';
import vlans from './topologies/vlans.clab.yml?raw';
import type { Topology } from '../engine';
import type { Lesson, LessonId, LessonWalk } from './types';

const ping = (on: string, address: string, wait = 1) => ({ kind: 'run' as const, on, run: `ping -c 1 -W ${wait} ${address}` });

export const LESSONS: readonly Lesson[] = [
  {
    id: 'same-subnet',
    topology: { clab: sameSubnet, file: 'same-subnet.clab.yml' },
    scenario: [ping('h1', '10.0.1.20'), ping('h1', '10.0.2.10')],
    keys: [
      {
        id: 'andOwn',
        anchor: { at: 'h1', kind: 'command', sends: { arp: 'request', targetIp: '10.0.1.20' } },
        facts: [{ route: '10.0.1.0/24 dev eth1 proto kernel scope link src 10.0.1.10' }, { sent: 'payload.targetIp', value: '10.0.1.20' }, { sent: 'dstMac', value: 'ff:ff:ff:ff:ff:ff' }],
      },
      { id: 'r1Ignores', anchor: { at: 'r1', event: { kind: 'drop', reason: 'arp-not-for-us' } } },
      { id: 'h2Answers', anchor: { at: 'h2', sends: { arp: 'reply' } }, facts: [{ sent: 'payload.senderMac', value: '02:00:00:00:00:03' }] },
      {
        id: 'direct',
        anchor: { at: 'h1', sends: { icmp: 'echo-request', dstIp: '10.0.1.20' } },
        facts: [{ sent: 'dstMac', value: '02:00:00:00:00:03' }, { sent: 'payload.dstIp', value: '10.0.1.20' }],
      },
      {
        id: 'andOther',
        anchor: { at: 'h1', kind: 'command', sends: { arp: 'request', targetIp: '10.0.1.1' } },
        facts: [{ route: 'default via 10.0.1.1 dev eth1' }, { sent: 'payload.targetIp', value: '10.0.1.1' }],
      },
      {
        id: 'viaGateway',
        anchor: { at: 'h1', sends: { icmp: 'echo-request', dstIp: '10.0.2.10' } },
        facts: [{ sent: 'dstMac', value: '02:00:00:00:00:05' }, { sent: 'payload.dstIp', value: '10.0.2.10' }],
      },
      { id: 'done', anchor: { at: 'h1', kind: 'exit' }, facts: [{ output: 'ttl=63' }] },
    ],
  },
  {
    id: 'switch-learns',
    topology: { example: 'lan-two-hosts' },
    scenario: [ping('h1', '10.0.0.2')],
    keys: [
      {
        id: 'flood',
        anchor: { at: 'sw1', outcome: 'flooded' },
        facts: [
          { event: 'fdb.learn', path: 'mac', value: '02:00:00:00:00:01' },
          { event: 'fdb.learn', path: 'port', value: 'p1' },
          { received: 'dstMac', value: 'ff:ff:ff:ff:ff:ff' },
        ],
      },
      { id: 'h3Drops', anchor: { at: 'h3', event: { kind: 'drop', reason: 'arp-not-for-us' } } },
      {
        id: 'forward',
        anchor: { at: 'sw1', receives: { arp: 'reply' } },
        facts: [
          { event: 'fdb.learn', path: 'mac', value: '02:00:00:00:00:03' },
          { event: 'fdb.learn', path: 'port', value: 'p2' },
          { event: 'fdb.forward', path: 'egress.0', value: 'p1' },
          { received: 'dstMac', value: '02:00:00:00:00:01' },
        ],
      },
      {
        id: 'unchanged',
        anchor: { at: 'sw1', receives: { icmp: 'echo-request' } },
        facts: [{ unchanged: true }, { sent: 'payload.ttl', value: 64 }, { event: 'fdb.forward', path: 'egress.0', value: 'p2' }],
      },
      { id: 'done', anchor: { at: 'h1', kind: 'exit' }, facts: [{ output: 'ttl=64' }] },
    ],
  },
  {
    id: 'through-a-router',
    topology: { example: 'router-chain' },
    scenario: [ping('h1', '10.0.2.10')],
    keys: [
      {
        id: 'leave',
        anchor: { at: 'h1', sends: { icmp: 'echo-request' } },
        facts: [
          { sent: 'payload.srcIp', value: '10.0.1.10' },
          { sent: 'payload.dstIp', value: '10.0.2.10' },
          { sent: 'payload.ttl', value: 64 },
          { sent: 'dstMac', value: '02:00:00:00:00:02' },
        ],
      },
      {
        id: 'nextHop',
        anchor: { at: 'r1', event: { kind: 'ip.forward' } },
        facts: [{ route: '10.0.2.0/24 via 10.0.12.2 dev eth2' }, { sent: 'payload.targetIp', value: '10.0.12.2' }],
      },
      {
        id: 'r1',
        anchor: { at: 'r1', sends: { icmp: 'echo-request', via: 'forward' } },
        facts: [
          { sent: 'srcMac', value: '02:00:00:00:00:03' },
          { sent: 'dstMac', value: '02:00:00:00:00:04' },
          { sent: 'payload.srcIp', value: '10.0.1.10' },
          { sent: 'payload.dstIp', value: '10.0.2.10' },
          { sent: 'payload.ttl', value: 63 },
        ],
      },
      {
        id: 'r2',
        anchor: { at: 'r2', sends: { icmp: 'echo-request', via: 'forward' } },
        facts: [
          { sent: 'srcMac', value: '02:00:00:00:00:05' },
          { sent: 'dstMac', value: '02:00:00:00:00:06' },
          { sent: 'payload.ttl', value: 62 },
        ],
      },
      {
        id: 'r3',
        anchor: { at: 'r3', sends: { icmp: 'echo-request', via: 'forward' } },
        facts: [
          { sent: 'dstMac', value: '02:00:00:00:00:08' },
          { sent: 'payload.ttl', value: 61 },
        ],
      },
      {
        id: 'reply',
        anchor: { at: 'h2', sends: { icmp: 'echo-reply' } },
        facts: [
          { sent: 'payload.srcIp', value: '10.0.2.10' },
          { sent: 'payload.dstIp', value: '10.0.1.10' },
          { sent: 'payload.ttl', value: 64 },
        ],
      },
      { id: 'done', anchor: { at: 'h1', kind: 'exit' }, facts: [{ output: 'ttl=61' }] },
    ],
  },
  {
    id: 'route-table',
    topology: { clab: routeTable, file: 'route-table.clab.yml' },
    scenario: [ping('pod1', '10.0.0.10'), ping('h2', '10.244.0.6'), ping('h2', '10.244.0.7')],
    keys: [
      {
        id: 'onlink',
        anchor: { at: 'pod1', kind: 'command' },
        facts: [{ route: 'default via 169.254.1.1 dev eth1 onlink' }, { sent: 'payload.targetIp', value: '169.254.1.1' }],
      },
      {
        id: 'proxyArp',
        anchor: { at: 'node', sends: { arp: 'reply' } },
        facts: [
          { sent: 'payload.senderIp', value: '169.254.1.1' },
          { sent: 'payload.senderMac', value: '02:00:00:00:00:02' },
          { event: 'arp.answer', path: 'proxy', value: true },
        ],
      },
      {
        id: 'kernelRoute',
        anchor: { at: 'node', event: { kind: 'ip.forward' }, receives: { dstIp: '10.0.0.10' } },
        facts: [{ route: '10.0.0.0/24 dev eth2 proto kernel scope link src 10.0.0.1' }],
      },
      {
        id: 'localFirst',
        anchor: { at: 'h2', receives: { icmp: 'echo-request' } },
        facts: [{ route: 'local 10.0.0.10 dev eth1 table local proto kernel scope host src 10.0.0.10' }],
      },
      {
        id: 'slash32',
        anchor: { at: 'node', receives: { dstIp: '10.244.0.5' } },
        facts: [{ route: '10.244.0.5 dev eth1 scope link' }],
      },
      {
        id: 'borrowed',
        anchor: { at: 'node', sends: { arp: 'request', targetIp: '10.244.0.6' } },
        facts: [{ route: '10.244.0.6 dev eth3 scope link' }, { sent: 'payload.senderIp', value: '10.0.0.1' }],
      },
      {
        id: 'blackhole',
        anchor: { at: 'node', event: { kind: 'drop', reason: 'route-blackhole' } },
        facts: [{ route: 'blackhole 10.244.0.0/26' }, { received: 'payload.dstIp', value: '10.244.0.7' }],
      },
      { id: 'silence', anchor: { at: 'h2', kind: 'exit' }, facts: [{ output: '100% packet loss' }] },
    ],
  },
  {
    id: 'home-nat',
    topology: { example: 'home-nat' },
    scenario: [ping('lan1', '203.0.113.10')],
    keys: [
      {
        id: 'leave',
        anchor: { at: 'lan1', sends: { icmp: 'echo-request' } },
        facts: [
          { sent: 'payload.srcIp', value: '192.168.1.10' },
          { sent: 'payload.dstIp', value: '203.0.113.10' },
        ],
      },
      {
        id: 'masquerade',
        anchor: { at: 'gw', event: { kind: 'nat.rewrite' } },
        facts: [
          { event: 'nat.match', path: 'target', value: 'MASQUERADE' },
          { event: 'nat.rewrite', path: 'from.ip', value: '192.168.1.10' },
          { event: 'nat.rewrite', path: 'to.ip', value: '198.51.100.2' },
          { event: 'nat.rewrite', path: 'to.port', value: 34566 },
        ],
      },
      {
        id: 'wan',
        anchor: { at: 'gw', sends: { icmp: 'echo-request', via: 'forward' } },
        facts: [
          { sent: 'payload.srcIp', value: '198.51.100.2' },
          { sent: 'payload.ttl', value: 63 },
        ],
      },
      {
        id: 'serverReplies',
        anchor: { at: 'server', sends: { icmp: 'echo-reply' } },
        facts: [{ sent: 'payload.dstIp', value: '198.51.100.2' }],
      },
      {
        id: 'unNat',
        anchor: { at: 'gw', receives: { icmp: 'echo-reply' } },
        facts: [
          { event: 'nat.rewrite', path: 'to.ip', value: '192.168.1.10' },
          { sent: 'payload.srcIp', value: '203.0.113.10' },
          { sent: 'payload.dstIp', value: '192.168.1.10' },
        ],
      },
      { id: 'done', anchor: { at: 'lan1', kind: 'exit' }, facts: [{ output: 'ttl=62' }] },
    ],
  },
  {
    id: 'ports',
    // The example's own scenario: the one recorded on Linux (src/engine/__oracle__/tcp-udp-same-port).
    topology: { example: 'tcp-udp-same-port' },
    keys: [
      { id: 'udpListens', anchor: { at: 'h2', kind: 'command' }, facts: [{ event: 'socket.state', path: 'view.state', value: 'UNCONN' }] },
      {
        id: 'tcpListens',
        anchor: { at: 'h2', kind: 'command' },
        facts: [
          { event: 'socket.state', path: 'view.state', value: 'LISTEN' },
          { event: 'socket.state', path: 'view.local', value: '0.0.0.0:5000' },
        ],
      },
      {
        id: 'udpArrives',
        anchor: { at: 'h2', event: { kind: 'socket.deliver', socket: 'udp 0.0.0.0:5000' } },
        facts: [
          { received: 'payload.payload.dstPort', value: 5000 },
          { event: 'socket.deliver', path: 'socket', value: 'udp 0.0.0.0:5000' },
        ],
      },
      {
        id: 'tcpArrives',
        anchor: { at: 'h2', event: { kind: 'socket.deliver', socket: 'tcp 0.0.0.0:5000' } },
        facts: [
          { received: 'payload.payload.dstPort', value: 5000 },
          { event: 'socket.deliver', path: 'socket', value: 'tcp 0.0.0.0:5000' },
          { event: 'socket.state', path: 'view.state', value: 'SYN-RECV' },
        ],
      },
      { id: 'listenerGets', anchor: { at: 'h2', kind: 'exit' }, facts: [{ output: 'hello' }] },
      {
        id: 'udpToTcpPort',
        anchor: { at: 'h2', event: { kind: 'icmp.send', reason: 'port-unreachable' } },
        facts: [
          { received: 'payload.payload.dstPort', value: 6000 },
          { event: 'icmp.send', path: 'type', value: 3 },
          { event: 'icmp.send', path: 'code', value: 3 },
        ],
      },
      {
        id: 'tcpToUdpPort',
        anchor: { at: 'h2', event: { kind: 'drop', reason: 'no-socket' } },
        facts: [
          { received: 'payload.payload.dstPort', value: 7000 },
          { event: 'drop', path: 'detail', value: 'tcp 7000' },
        ],
      },
      { id: 'refused', anchor: { at: 'h1', kind: 'exit' } },
    ],
  },
  {
    id: 'troubles',
    topology: { clab: troubles, file: 'troubles.clab.yml' },
    scenario: [ping('h1', '10.9.9.9'), ping('h1', '10.0.3.99', 5), ping('h1', '10.0.4.10'), ping('h1', '10.0.9.9')],
    keys: [
      {
        id: 'noRoute',
        anchor: { at: 'r1', event: { kind: 'drop', reason: 'no-route' } },
        facts: [
          { received: 'payload.dstIp', value: '10.9.9.9' },
          { sent: 'payload.srcIp', value: '10.0.1.1' },
          { sent: 'payload.payload.type', value: 3 },
          { sent: 'payload.payload.code', value: 0 },
        ],
      },
      { id: 'noRouteOutput', anchor: { at: 'h1', kind: 'exit' }, facts: [{ output: 'Destination Net Unreachable' }] },
      {
        id: 'arpAsks',
        anchor: { at: 'r1', sends: { arp: 'request', targetIp: '10.0.3.99' } },
        facts: [{ route: '10.0.3.0/24 dev eth3 proto kernel scope link src 10.0.3.1' }, { sent: 'dstMac', value: 'ff:ff:ff:ff:ff:ff' }],
      },
      {
        id: 'hostUnreachable',
        anchor: { at: 'r1', event: { kind: 'icmp.send', reason: 'host-unreachable' } },
        facts: [
          { sent: 'payload.payload.type', value: 3 },
          { sent: 'payload.payload.code', value: 1 },
        ],
      },
      { id: 'hostUnreachableOutput', anchor: { at: 'h1', kind: 'exit' }, facts: [{ output: 'Destination Host Unreachable' }] },
      {
        id: 'notForwarding',
        anchor: { at: 'mid', event: { kind: 'drop', reason: 'not-forwarding' } },
        facts: [
          { received: 'payload.dstIp', value: '10.0.4.10' },
          { route: '10.0.4.0/24 dev eth2 proto kernel scope link src 10.0.4.1' },
        ],
      },
      { id: 'silent', anchor: { at: 'h1', kind: 'exit' }, facts: [{ output: '100% packet loss' }] },
      {
        id: 'loop',
        anchor: { at: 'r2', event: { kind: 'ip.forward' } },
        facts: [
          { route: '10.0.9.0/24 via 10.0.12.1 dev eth1' },
          { received: 'payload.ttl', value: 63 },
          { sent: 'payload.ttl', value: 62 },
        ],
      },
      {
        id: 'ttlExceeded',
        anchor: { at: 'r2', event: { kind: 'drop', reason: 'ttl-exceeded' } },
        facts: [
          { received: 'payload.ttl', value: 1 },
          { sent: 'payload.srcIp', value: '10.0.12.2' },
          { sent: 'payload.payload.type', value: 11 },
        ],
      },
      { id: 'loopOutput', anchor: { at: 'h1', kind: 'exit' }, facts: [{ output: 'From 10.0.12.2 icmp_seq=1 Time to live exceeded' }] },
    ],
  },
  {
    id: 'loop',
    // First the triangle as a new Linux bridge has it, STP off: the storm; then the same triangle with STP.
    topology: { example: 'stp-triangle', stp: false },
    scenario: [ping('h1', '10.0.0.2')],
    storm: true,
    keys: [
      { id: 'floods', anchor: { at: 'sw1', outcome: 'flooded' }, facts: [{ received: 'dstMac', value: 'ff:ff:ff:ff:ff:ff' }] },
      {
        id: 'comesBack',
        anchor: { at: 'sw2', event: { kind: 'fdb.learn', prev: 'p1' } },
        facts: [
          { event: 'fdb.learn', path: 'prev', value: 'p1' },
          { event: 'fdb.learn', path: 'port', value: 'p2' },
        ],
      },
      { id: 'ownRequest', anchor: { at: 'h1', event: { kind: 'drop', reason: 'arp-not-for-us' } } },
      { id: 'storm', anchor: { kind: 'stop' } },
    ],
    then: [
      {
        id: 'withStp',
        topology: { example: 'stp-triangle' },
        scenario: [{ kind: 'sleep', seconds: 9 }, ping('h1', '10.0.0.2'), { kind: 'run', on: 'sw3', run: 'ip link set p2 down' }, { kind: 'sleep', seconds: 9 }, ping('h1', '10.0.0.2')],
        keys: [
      { id: 'claims', anchor: { at: 'sw2', event: { kind: 'stp.root', rootPort: 'p1' } }, facts: [{ event: 'stp.root', path: 'cost', value: 2 }] },
      { id: 'blocks', anchor: { at: 'sw3', event: { kind: 'stp.port', port: 'p1', state: 'blocking' } } },
      { id: 'learning', anchor: { at: 'sw1', event: { kind: 'stp.port', port: 'p1', state: 'learning' } } },
      { id: 'forwarding', anchor: { at: 'sw1', event: { kind: 'stp.port', port: 'p1', state: 'forwarding' } }, facts: [{ event: 'stp.topology-change', path: 'ageingS', value: 8 }] },
      { id: 'cutOff', anchor: { at: 'sw3', event: { kind: 'drop', reason: 'stp-port-state' } }, facts: [{ received: 'dstMac', value: 'ff:ff:ff:ff:ff:ff' }] },
      { id: 'crossed', anchor: { at: 'h1', kind: 'exit' }, facts: [{ output: '1 received' }] },
      { id: 'failure', anchor: { at: 'sw3', event: { kind: 'link.state', iface: 'p2', up: false } }, facts: [{ event: 'stp.root', path: 'cost', value: 4 }] },
      { id: 'takesOver', anchor: { at: 'sw3', event: { kind: 'stp.port', port: 'p1', state: 'forwarding' } } },
      { id: 'again', anchor: { at: 'h1', kind: 'exit' }, facts: [{ output: '1 received' }] },
        ],
      },
    ],
  },
  {
    id: 'vlans',
    topology: { clab: vlans, file: 'vlans.clab.yml' },
    scenario: [ping('h10', '10.0.10.11'), ping('h10', '10.0.20.10'), ping('g10', '10.1.20.10'), ping('g10', '10.1.20.10')],
    keys: [
      {
        id: 'split',
        anchor: { at: 'sw1', outcome: 'flooded', receives: { arp: 'request', targetIp: '10.0.10.11' } },
        facts: [
          { event: 'fdb.forward', path: 'vlan', value: 10 },
          { event: 'fdb.forward', path: 'notMember.0', value: 'p2' },
          { received: 'dstMac', value: 'ff:ff:ff:ff:ff:ff' },
        ],
      },
      { id: 'sameVlan', anchor: { at: 'h10', kind: 'exit' }, facts: [{ output: 'ttl=64' }] },
      {
        id: 'tagged',
        anchor: { at: 'sw1', receives: { icmp: 'echo-request', dstIp: '10.0.20.10' } },
        facts: [{ event: 'fdb.forward', path: 'egress.0', value: 'p4' }, { sent: 'vlans.0.vid', value: 10 }],
      },
      {
        id: 'onAStick',
        anchor: { at: 'r1', receives: { icmp: 'echo-request', dstIp: '10.0.20.10' } },
        facts: [{ received: 'vlans.0.vid', value: 10 }, { route: '10.0.20.0/24 dev eth1.20 proto kernel scope link src 10.0.20.1' }, { sent: 'vlans.0.vid', value: 20 }],
      },
      {
        id: 'popped',
        anchor: { at: 'sw1', sends: { icmp: 'echo-request', dstIp: '10.0.20.10' } },
        facts: [{ received: 'vlans.0.vid', value: 20 }, { event: 'fdb.forward', path: 'egress.0', value: 'p2' }],
      },
      { id: 'stickDone', anchor: { at: 'h10', kind: 'exit' }, facts: [{ output: 'ttl=63' }] },
      {
        id: 'l3Routes',
        anchor: { at: 'l3sw', receives: { icmp: 'echo-request', dstIp: '10.1.20.10' } },
        facts: [{ route: '10.1.20.0/24 dev vlan20 proto kernel scope link src 10.1.20.1' }],
      },
      { id: 'l3Done', anchor: { at: 'g10', kind: 'exit' }, facts: [{ output: 'ttl=63' }] },
      {
        id: 'again',
        anchor: { at: 'l3sw', receives: { icmp: 'echo-request', dstIp: '10.1.20.10' }, sends: { icmp: 'echo-request', dstIp: '10.1.20.10' } },
        facts: [{ route: '10.1.20.0/24 dev vlan20 proto kernel scope link src 10.1.20.1' }, { event: 'fdb.forward', path: 'egress.0', value: 'p2' }],
      },
      { id: 'cheap', anchor: { at: 'g10', kind: 'exit' }, facts: [{ output: 'ttl=63' }] },
    ],
  },
  {
    id: 'data-center',
    // Single-path (the generator's option): one route per destination, so that the walk follows one path the narrative can name.
    topology: { fabric: { design: 'three-tier', cores: 2, pods: 2, aggPerPod: 2, accessPerPod: 2, hostsPerAccess: 2, singlePath: true } },
    scenario: [ping('h1-1-1', '10.1.0.3'), ping('h1-1-1', '10.1.1.2'), ping('h1-1-1', '10.1.2.2')],
    keys: [
      {
        id: 'rackFlood',
        anchor: { at: 'sw1-1', outcome: 'flooded' },
        facts: [
          { received: 'dstMac', value: 'ff:ff:ff:ff:ff:ff' },
          { received: 'payload.targetIp', value: '10.1.0.3' },
        ],
      },
      { id: 'routerStops', anchor: { at: 'acc1-1', event: { kind: 'drop', reason: 'arp-not-for-us' } } },
      {
        id: 'upToAgg',
        anchor: { at: 'acc1-1', event: { kind: 'ip.forward' }, receives: { dstIp: '10.1.1.2' } },
        facts: [{ route: '10.1.1.0/24 via 10.0.0.17 dev eth1' }],
      },
      {
        id: 'turnAtAgg',
        anchor: { at: 'agg1-1', event: { kind: 'ip.forward' }, receives: { dstIp: '10.1.1.2' } },
        facts: [{ route: '10.1.1.0/24 via 10.0.0.20 dev eth4' }],
      },
      { id: 'otherRack', anchor: { at: 'sw1-2', outcome: 'flooded' } },
      {
        id: 'upToCore',
        anchor: { at: 'agg1-1', event: { kind: 'ip.forward' }, receives: { dstIp: '10.1.2.2' } },
        facts: [{ route: '10.1.2.0/24 via 10.0.0.1 dev eth1' }],
      },
      {
        id: 'core',
        anchor: { at: 'core1', event: { kind: 'ip.forward' }, receives: { dstIp: '10.1.2.2' } },
        facts: [{ route: '10.1.2.0/24 via 10.0.0.8 dev eth3' }],
      },
      { id: 'done', anchor: { at: 'h1-1-1', kind: 'exit', event: { kind: 'step.end', step: 2 } }, facts: [{ output: 'ttl=59' }] },
    ],
  },
  {
    id: 'calico',
    topology: { example: 'calico-ipip' },
    keys: [
      { id: 'proxyArp', anchor: { at: 'node1', sends: { arp: 'reply' } }, facts: [{ sent: 'payload.senderIp', value: '169.254.1.1' }] },
      {
        id: 'intoTunnel',
        anchor: { at: 'node1', event: { kind: 'tunnel.encap' } },
        facts: [{ route: '172.32.135.128/26 via 192.168.56.103 dev tunl0 proto bird onlink' }, { event: 'tunnel.encap', path: 'dev', value: 'tunl0' }],
      },
      {
        id: 'onTheLan',
        anchor: { at: 'node1', sends: { srcIp: '192.168.56.101', dstIp: '192.168.56.103' } },
        facts: [{ sent: 'payload.protocol', value: 4 }, { sent: 'payload.ttl', value: 63 }],
      },
      {
        id: 'outOfTunnel',
        anchor: { at: 'node2', event: { kind: 'tunnel.decap' } },
        facts: [{ event: 'tunnel.decap', path: 'dev', value: 'tunl0' }, { route: '172.32.135.130 dev cali6d5e7989019 scope link' }],
      },
      { id: 'toPodB', anchor: { at: 'node2', sends: { icmp: 'echo-request', dstIp: '172.32.135.130' } }, facts: [{ sent: 'payload.ttl', value: 62 }] },
      { id: 'done', anchor: { at: 'pod-a', kind: 'exit' }, facts: [{ output: 'ttl=62' }] },
      {
        id: 'blackhole',
        anchor: { at: 'node1', event: { kind: 'drop', reason: 'route-blackhole' } },
        facts: [{ route: 'blackhole 172.32.185.64/26 proto bird' }],
      },
      { id: 'lost', anchor: { at: 'pod-a', kind: 'exit' }, facts: [{ output: '100% packet loss' }] },
    ],
  },
  {
    id: 'overlay',
    topology: { example: 'vxlan-overlay' },
    keys: [
      {
        id: 'arpInside',
        anchor: { at: 'a', event: { kind: 'tunnel.encap' } },
        facts: [{ route: '10.10.0.0/24 dev vx0 proto kernel scope link src 10.10.0.1' }, { event: 'tunnel.encap', path: 'vni', value: 42 }],
      },
      { id: 'underlay', anchor: { at: 'r', event: { kind: 'ip.forward' } }, facts: [{ route: '198.51.100.0/24 dev eth2 proto kernel scope link src 198.51.100.254' }] },
      { id: 'learns', anchor: { at: 'b', event: { kind: 'tunnel.decap' } }, facts: [{ event: 'tunnel.decap', path: 'learned', value: '02:00:00:00:0a:01' }] },
      { id: 'echo', anchor: { at: 'a', sends: { srcIp: '192.0.2.1', dstIp: '198.51.100.1' }, event: { kind: 'tunnel.encap', why: 'fdb' } } },
      { id: 'done', anchor: { at: 'a', kind: 'exit' }, facts: [{ output: 'ttl=64' }] },
    ],
  },
];

export function findLesson(id: LessonId): Lesson {
  return LESSONS.find((l) => l.id === id)!;
}

/** The network of one of a lesson's walks, from its source's: its bridges' STP off if asked, the walk as its scenario. */
export function lessonNetwork(own: Topology, walk: LessonWalk): Topology {
  const nodes = 'stp' in walk.topology && walk.topology.stp === false ? own.nodes.map((n) => (n.kind === 'bridge' ? { ...n, stp: undefined } : n)) : own.nodes;
  return { ...own, nodes, scenario: walk.scenario ?? own.scenario };
}
