// Real frames captured on Linux 6.18.44-fc-v669 (uname -r) with the packet-walk oracle
// (shared/oracle/record.mjs --pcap-dir, tcpdump on veth pairs, so no padding and no FCS), then
// read out of the pcap files whole. Topologies: home-nat, two-subnets-router, ttl-expired,
// no-route from shared/oracle/topologies, and tcp-wire, recorded for these tests:
//   h1 (10.0.0.1/24 eth1) -- h2 (10.0.0.2/24 eth1); on h2: nc -l -p 8080 (background);
//   on h1: nc -z -w1 -p 40002 10.0.0.2 8081, then nc -z -w1 -p 40003 10.0.0.2 8080.
// MACs are the random veth MACs of that run. Locally sent TCP/UDP carries the CHECKSUM_PARTIAL
// value (pseudo-header sum) because veth offloads checksums; ICMP and kernel RSTs are complete.

export const CAPTURE_KERNEL = '6.18.44-fc-v669';

export interface CapturedFrame {
  topology: string;
  /** link key of the trace; the capture runs on the first endpoint's interface */
  link: string;
  /** 0-based frame number in that link's pcap */
  index: number;
  note: string;
  hex: string;
}

export const CAPTURED = {
  arpRequest: {
    topology: 'home-nat',
    link: 'lan1:eth1--sw1:p1',
    index: 0,
    note: 'lan1 asks for its gateway 192.168.1.1 (broadcast, zero target MAC)',
    hex: 'ffffffffffffcaba9487f52108060001080006040001caba9487f521c0a8010a000000000000c0a80101',
  },
  arpReply: {
    topology: 'home-nat',
    link: 'lan1:eth1--sw1:p1',
    index: 1,
    note: 'gw answers lan1 (unicast)',
    hex: 'caba9487f521ee65a478fb6708060001080006040002ee65a478fb67c0a80101caba9487f521c0a8010a',
  },
  echoRequest: {
    topology: 'home-nat',
    link: 'lan1:eth1--sw1:p1',
    index: 2,
    note: 'ping from lan1 to 203.0.113.10 as sent (TTL 64, DF, 56-byte payload)',
    hex: 'ee65a478fb67caba9487f521080045000054d9e2400040016309c0a8010acb00710a080064d7198200014e21076b000000006446010000000000101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637',
  },
  echoRequestNatted: {
    topology: 'home-nat',
    link: 'gw:wan--isp:eth1',
    index: 2,
    note: 'the same echo request after gw (MASQUERADE to 198.51.100.2, TTL 63)',
    hex: 'e256f4fd3e78fa8d2b724b5a080045000054d9e240003f01fb85c6336402cb00710a080064d7198200014e21076b000000006446010000000000101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637',
  },
  echoRequestAtServer: {
    topology: 'home-nat',
    link: 'isp:eth2--server:eth1',
    index: 2,
    note: 'the same echo request after isp (TTL 62)',
    hex: '6ad618c856a49e0f4e69e603080045000054d9e240003e01fc85c6336402cb00710a080064d7198200014e21076b000000006446010000000000101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637',
  },
  echoReplySent: {
    topology: 'home-nat',
    link: 'isp:eth2--server:eth1',
    index: 3,
    note: 'the server\'s kernel echo reply as sent (TTL 64, no DF)',
    hex: '9e0f4e69e6036ad618c856a408004500005442d100004001d197cb00710ac633640200006cd7198200014e21076b000000006446010000000000101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637',
  },
  echoReply: {
    topology: 'home-nat',
    link: 'lan1:eth1--sw1:p1',
    index: 3,
    note: 'the echo reply delivered to lan1 (TTL 62, un-NATed)',
    hex: 'caba9487f521ee65a478fb6708004500005442d100003e013c1bcb00710ac0a8010a00006cd7198200014e21076b000000006446010000000000101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637',
  },
  udpToClosedPort: {
    topology: 'home-nat',
    link: 'lan1:eth1--sw1:p1',
    index: 5,
    note: 'echo hi | nc -u -p 40000 203.0.113.10 53 from lan1 (checksum left partial by veth offload)',
    hex: 'ee65a478fb67caba9487f52108004500001fd79640004011657ac0a8010acb00710a9c400035000bfdd968690a',
  },
  udpAtServer: {
    topology: 'home-nat',
    link: 'isp:eth2--server:eth1',
    index: 6,
    note: 'that datagram as it reaches the server (NATed, TTL 62)',
    hex: '6ad618c856a49e0f4e69e60308004500001fd79640003e11fef6c6336402cb00710a9c400035000b665d68690a',
  },
  portUnreachableSent: {
    topology: 'home-nat',
    link: 'isp:eth2--server:eth1',
    index: 7,
    note: 'server\'s ICMP 3/3 as sent, quoting the datagram it received',
    hex: '9e0f4e69e6036ad618c856a4080045c0003b434200004001d07fcb00710ac6336402030387b5000000004500001fd79640003e11fef6c6336402cb00710a9c400035000b665d68690a',
  },
  portUnreachable: {
    topology: 'home-nat',
    link: 'lan1:eth1--sw1:p1',
    index: 6,
    note: 'the same ICMP 3/3 delivered to lan1 (outer and quoted header un-NATed)',
    hex: 'caba9487f521ee65a478fb67080045c0003b434200003e013b03cb00710ac0a8010a03031f32000000004500001fd79640003e11677ac0a8010acb00710a9c400035000bcee068690a',
  },
  udpReplySent: {
    topology: 'home-nat',
    link: 'isp:eth2--server:eth1',
    index: 9,
    note: 'nc -u -l on the server answers "pong" to 198.51.100.2:40001',
    hex: '9e0f4e69e6036ad618c856a40800450000212de340004011a6a8cb00710ac633640214e99c41000d665f706f6e670a',
  },
  pingH1: {
    topology: 'two-subnets-router',
    link: 'h1:eth1--sw1:p1',
    index: 2,
    note: 'ping h1 -> h2 on h1\'s link (TTL 64)',
    hex: '3a8ae90ac11e2280e7a56ca1080045000054c4e1400040015eb40a00010a0a00020a0800c4951ab600015321076b00000000fc53030000000000101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637',
  },
  pingH2: {
    topology: 'two-subnets-router',
    link: 'r1:eth2--sw2:p1',
    index: 2,
    note: 'the same echo request on r1\'s link towards h2 (TTL 63)',
    hex: 'd2500984038ac26c9827736f080045000054c4e140003f015fb40a00010a0a00020a0800c4951ab600015321076b00000000fc53030000000000101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637',
  },
  replyH2: {
    topology: 'two-subnets-router',
    link: 'r1:eth2--sw2:p1',
    index: 3,
    note: 'h2\'s echo reply on r1\'s link towards h2 (TTL 64)',
    hex: 'c26c9827736fd2500984038a0800450000547f5d00004001e4380a00020a0a00010a0000cc951ab600015321076b00000000fc53030000000000101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637',
  },
  replyH1: {
    topology: 'two-subnets-router',
    link: 'h1:eth1--sw1:p1',
    index: 3,
    note: 'the same echo reply on h1\'s link (TTL 63)',
    hex: '2280e7a56ca13a8ae90ac11e0800450000547f5d00003f01e5380a00020a0a00010a0000cc951ab600015321076b00000000fc53030000000000101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637',
  },
  ttl2Request: {
    topology: 'ttl-expired',
    link: 'h1:eth1--r1:eth1',
    index: 2,
    note: 'ping -t 2 from h1',
    hex: 'ea9e962643143aabbdec8c990800450000548e8340000201d3120a00010a0a00020a0800efb41b7b00015621076b00000000d06f000000000000101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637',
  },
  ttl1Request: {
    topology: 'ttl-expired',
    link: 'r1:eth2--r2:eth1',
    index: 2,
    note: 'that echo request after r1 (TTL 1)',
    hex: '4e8eb96028cef6c4d315c9df0800450000548e8340000101d4120a00010a0a00020a0800efb41b7b00015621076b00000000d06f000000000000101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637',
  },
  timeExceededSent: {
    topology: 'ttl-expired',
    link: 'r1:eth2--r2:eth1',
    index: 3,
    note: 'r2\'s ICMP 11/0 as sent, from 10.0.12.2, quoting the TTL 1 datagram',
    hex: 'f6c4d315c9df4e8eb96028ce080045c00070e77500004001714c0a000c020a00010a0b00f4ff00000000450000548e8340000101d4120a00010a0a00020a0800efb41b7b00015621076b00000000d06f000000000000101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637',
  },
  timeExceeded: {
    topology: 'ttl-expired',
    link: 'h1:eth1--r1:eth1',
    index: 3,
    note: 'the same time exceeded after r1 (TTL 63)',
    hex: '3aabbdec8c99ea9e96264314080045c00070e77500003f01724c0a000c020a00010a0b00f4ff00000000450000548e8340000101d4120a00010a0a00020a0800efb41b7b00015621076b00000000d06f000000000000101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637',
  },
  noRouteRequest: {
    topology: 'no-route',
    link: 'h1:eth1--r1:eth1',
    index: 2,
    note: 'ping 10.9.9.9 from h1',
    hex: 'dedb698fdbec32df1d8776a10800450000542fde40004001ecaf0a00010a0a090909080017fb1c0100015821076b000000009ba30a0000000000101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637',
  },
  netUnreachable: {
    topology: 'no-route',
    link: 'h1:eth1--r1:eth1',
    index: 3,
    note: 'r1 has no route: ICMP 3/0 from 10.0.1.1 quoting the whole request',
    hex: '32df1d8776a1dedb698fdbec080045c0007050a900004001131a0a0001010a00010a0300fcff00000000450000542fde40004001ecaf0a00010a0a090909080017fb1c0100015821076b000000009ba30a0000000000101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637',
  },
  tcpSynClosed: {
    topology: 'tcp-wire',
    link: 'h1:eth1--h2:eth1',
    index: 2,
    note: 'nc -z -p 40002 10.0.0.2 8081: SYN with MSS, SACK-permitted, timestamps, window scale',
    hex: '2ebd5c184a5d4a8835bfdc5508004500003c9ddd4000400688dc0a0000010a0000029c421f9143edd3f300000000a002faf014310000020405b40402080a5d627c02000000000103030a',
  },
  tcpRst: {
    topology: 'tcp-wire',
    link: 'h1:eth1--h2:eth1',
    index: 3,
    note: 'the kernel\'s RST,ACK from the closed port (complete checksum, IP id 0)',
    hex: '4a8835bfdc552ebd5c184a5d08004500002800004000400626ce0a0000020a0000011f919c420000000043edd3f450140000c8180000',
  },
  tcpSyn: {
    topology: 'tcp-wire',
    link: 'h1:eth1--h2:eth1',
    index: 4,
    note: 'nc -z -p 40003 10.0.0.2 8080 (listener): SYN',
    hex: '2ebd5c184a5d4a8835bfdc5508004500003c9988400040068d310a0000010a0000029c431f9015b796e700000000a002faf014310000020405b40402080a9a0f2895000000000103030a',
  },
  tcpSynAck: {
    topology: 'tcp-wire',
    link: 'h1:eth1--h2:eth1',
    index: 5,
    note: 'SYN-ACK from the listener (IP id 0)',
    hex: '4a8835bfdc552ebd5c184a5d08004500003c00004000400626ba0a0000020a0000011f909c4312b05fc815b796e8a012fe8814310000020405b40402080aaf56d7af9a0f28950103030a',
  },
  tcpAck: {
    topology: 'tcp-wire',
    link: 'h1:eth1--h2:eth1',
    index: 6,
    note: 'the handshake\'s final ACK',
    hex: '2ebd5c184a5d4a8835bfdc550800450000349989400040068d380a0000010a0000029c431f9015b796e812b05fc98010003f142900000101080a9a0f2895af56d7af',
  },
} as const satisfies Record<string, CapturedFrame>;
