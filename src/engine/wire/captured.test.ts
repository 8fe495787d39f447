// The codec and the builders against frames captured on real Linux (see __fixtures__/captured.ts).

import { describe, expect, it } from 'vitest';
import { BROADCAST_MAC, ipToNum, ZERO_MAC, type Ipv4Addr } from './addr';
import { buildArp } from './arp';
import { checksumReplace4, partialChecksumReplace4, pseudoHeaderSum } from './checksum';
import { decodeFrame, encodeFrame, l4ChecksumState, verifyChecksums } from './frame';
import { bytesToHex, hexToBytes } from './hex';
import { buildIcmpEcho, buildIcmpError, icmpChecksum } from './icmp';
import { buildIpv4, ipDecreaseTtl, withIpv4Checksum } from './ipv4';
import { buildTcp } from './tcp';
import { ARPOP, ETHERTYPE, ICMP, ICMP_UNREACH, IPPROTO, type ArpPacket, type EthernetFrame, type IcmpMessage, type Ipv4Packet, type TcpSegment, type UdpDatagram } from './types';
import { buildUdp } from './udp';
import { CAPTURED } from './__fixtures__/captured';

type Name = keyof typeof CAPTURED;
const bytes = (n: Name) => hexToBytes(CAPTURED[n].hex);
const frame = (n: Name) => decodeFrame(bytes(n));
const ipv4 = (n: Name): Ipv4Packet => {
  const p = frame(n).payload;
  if (p.kind !== 'ipv4') throw new Error(`${n} is not IPv4`);
  return p;
};
const icmp = (n: Name) => ipv4(n).payload as IcmpMessage;
const udp = (n: Name) => ipv4(n).payload as UdpDatagram;
const tcp = (n: Name) => ipv4(n).payload as TcpSegment;
const ip = (s: string) => s as Ipv4Addr;
/** The frame `f` with the MACs of captured frame `n`, encoded. */
const onLinkOf = (n: Name, payload: EthernetFrame['payload']) => bytesToHex(encodeFrame({ ...frame(n), payload }));

describe('captured frames decode and re-encode byte for byte', () => {
  for (const [name, c] of Object.entries(CAPTURED)) {
    it(`${name}: ${c.note}`, () => {
      const b = hexToBytes(c.hex);
      expect(bytesToHex(encodeFrame(decodeFrame(b)))).toBe(c.hex);
      const v = verifyChecksums(decodeFrame(b));
      expect(v.ipv4 ?? true).toBe(true);
    });
  }
});

describe('decoded fields of captured frames', () => {
  it('ARP request and reply', () => {
    const req = frame('arpRequest');
    expect(req.dstMac).toBe(BROADCAST_MAC);
    expect(req.ethertype).toBe(ETHERTYPE.arp);
    expect(req.vlans).toBeUndefined();
    expect(req.payload).toStrictEqual<ArpPacket>({ kind: 'arp', htype: 1, ptype: 0x0800, hlen: 6, plen: 4, op: ARPOP.request, senderMac: req.srcMac, senderIp: ip('192.168.1.10'), targetMac: ZERO_MAC, targetIp: ip('192.168.1.1') });
    const rep = frame('arpReply');
    expect(rep.dstMac).toBe(req.srcMac);
    expect(rep.payload).toMatchObject({ op: ARPOP.reply, senderMac: rep.srcMac, senderIp: '192.168.1.1', targetMac: req.srcMac, targetIp: '192.168.1.10' });
    expect(verifyChecksums(req)).toEqual({});
  });

  it('ping echo request: DF, TTL 64, 56-byte payload = timeval + 0x10..0x37', () => {
    const p = ipv4('echoRequest');
    expect(p).toMatchObject({ version: 4, ihl: 5, dscp: 0, ecn: 0, totalLength: 84, identification: 55778, flags: { reserved: false, df: true, mf: false }, fragmentOffset: 0, ttl: 64, protocol: IPPROTO.icmp, srcIp: '192.168.1.10', dstIp: '203.0.113.10', options: '' });
    const m = icmp('echoRequest');
    expect(m).toMatchObject({ type: ICMP.echoRequest, code: 0, identifier: 6530, sequence: 1 });
    const data = hexToBytes(m.data!);
    expect(data.length).toBe(56);
    expect(Array.from(data.subarray(16))).toEqual(Array.from({ length: 40 }, (_, i) => 0x10 + i));
    expect(new DataView(data.buffer).getUint32(0, true)).toBeGreaterThan(1_600_000_000); // tv_sec, little-endian
    expect(verifyChecksums(frame('echoRequest'))).toEqual({ ipv4: true, l4: true });
  });

  it('kernel echo reply: no DF, its own IP id, same identifier/sequence/data', () => {
    const p = ipv4('echoReplySent');
    expect(p).toMatchObject({ ttl: 64, flags: { df: false }, identification: 17105, srcIp: '203.0.113.10', dstIp: '198.51.100.2', dscp: 0 });
    expect(icmp('echoReplySent')).toMatchObject({ type: ICMP.echoReply, code: 0, identifier: 6530, sequence: 1, data: icmp('echoRequest').data });
    expect(ipv4('echoReply')).toMatchObject({ ttl: 62, srcIp: '203.0.113.10', dstIp: '192.168.1.10' });
    expect(verifyChecksums(frame('echoReply'))).toEqual({ ipv4: true, l4: true });
  });

  it('ICMP time exceeded from the router, quoting the TTL-1 datagram', () => {
    const p = ipv4('timeExceededSent');
    expect(p).toMatchObject({ dscp: 48, ecn: 0, flags: { df: false }, ttl: 64, srcIp: '10.0.12.2', dstIp: '10.0.1.10', totalLength: 112 });
    const m = icmp('timeExceededSent');
    expect(m).toMatchObject({ type: ICMP.timeExceeded, code: 0, rest: 0 });
    expect(m.quote).toMatchObject({ ttl: 1, srcIp: '10.0.1.10', dstIp: '10.0.2.10', protocol: 1, identification: 36483, totalLength: 84 });
    expect(m.quote!.payload).toMatchObject({ kind: 'icmp', type: 8, sequence: 1 });
    expect(ipv4('timeExceeded').ttl).toBe(63);
    expect(verifyChecksums(frame('timeExceeded'))).toEqual({ ipv4: true, l4: true });
  });

  it('ICMP port unreachable quoting UDP (as sent, and un-NATed at lan1)', () => {
    const sent = icmp('portUnreachableSent');
    expect(ipv4('portUnreachableSent')).toMatchObject({ dscp: 48, ttl: 64, flags: { df: false }, srcIp: '203.0.113.10', dstIp: '198.51.100.2', totalLength: 59 });
    expect(sent).toMatchObject({ type: ICMP.destUnreachable, code: ICMP_UNREACH.port, rest: 0 });
    expect(sent.quote).toMatchObject({ ttl: 62, srcIp: '198.51.100.2', dstIp: '203.0.113.10', protocol: IPPROTO.udp, flags: { df: true } });
    expect(sent.quote!.payload).toStrictEqual(udp('udpAtServer'));
    const got = icmp('portUnreachable');
    expect(ipv4('portUnreachable')).toMatchObject({ ttl: 62, srcIp: '203.0.113.10', dstIp: '192.168.1.10' });
    expect(got.quote).toMatchObject({ srcIp: '192.168.1.10', dstIp: '203.0.113.10' });
    expect(got.quote!.payload).toMatchObject({ kind: 'udp', srcPort: 40000, dstPort: 53, length: 11, data: '68690a' });
    expect(verifyChecksums(frame('portUnreachable'))).toEqual({ ipv4: true, l4: true });
  });

  it('ICMP net unreachable quoting the whole echo request (TTL not yet decremented)', () => {
    expect(ipv4('netUnreachable')).toMatchObject({ srcIp: '10.0.1.1', dstIp: '10.0.1.10', dscp: 48, ttl: 64 });
    const m = icmp('netUnreachable');
    expect(m).toMatchObject({ type: 3, code: ICMP_UNREACH.net });
    expect(m.quote).toStrictEqual(ipv4('noRouteRequest'));
    expect(verifyChecksums(frame('netUnreachable'))).toEqual({ ipv4: true, l4: true });
  });

  it('UDP from nc: DF, ports, data, and a CHECKSUM_PARTIAL checksum left by veth offload', () => {
    expect(ipv4('udpToClosedPort')).toMatchObject({ ttl: 64, flags: { df: true }, totalLength: 31, identification: 55190 });
    const u = udp('udpToClosedPort');
    expect(u).toStrictEqual<UdpDatagram>({ kind: 'udp', srcPort: 40000, dstPort: 53, length: 11, checksum: 0xfdd9, data: '68690a' });
    expect(u.checksum).toBe(pseudoHeaderSum(ip('192.168.1.10'), ip('203.0.113.10'), IPPROTO.udp, 11));
    expect(verifyChecksums(frame('udpToClosedPort'))).toEqual({ ipv4: true, l4: false });
    expect(l4ChecksumState(ipv4('udpToClosedPort'))).toBe('partial');
    expect(l4ChecksumState(ipv4('udpReplySent'))).toBe('partial');
  });

  it('TCP: socket SYN (partial checksum, options), kernel RST (complete checksum, IP id 0)', () => {
    const s = tcp('tcpSynClosed');
    expect(s).toMatchObject({ srcPort: 40002, dstPort: 8081, ack: 0, dataOffset: 10, reserved: 0, window: 64240, urgentPointer: 0, data: '' });
    expect(s.flags).toEqual({ cwr: false, ece: false, urg: false, ack: false, psh: false, rst: false, syn: true, fin: false });
    expect(s.options.slice(0, 16)).toBe('020405b40402080a'); // MSS 1460, SACK permitted, timestamps...
    expect(s.options.slice(-8)).toBe('0103030a'); // NOP, window scale 10
    expect(l4ChecksumState(ipv4('tcpSynClosed'))).toBe('partial');
    const r = tcp('tcpRst');
    expect(ipv4('tcpRst')).toMatchObject({ identification: 0, flags: { df: true }, ttl: 64 });
    expect(r).toMatchObject({ seq: 0, ack: (s.seq + 1) >>> 0, window: 0, dataOffset: 5, options: '' });
    expect(r.flags).toMatchObject({ rst: true, ack: true, syn: false });
    expect(verifyChecksums(frame('tcpRst'))).toEqual({ ipv4: true, l4: true });
    expect(ipv4('tcpSynAck')).toMatchObject({ identification: 0, flags: { df: true } });
    expect(tcp('tcpSynAck').flags).toMatchObject({ syn: true, ack: true });
  });
});

describe('the builders produce the captured bytes', () => {
  it('ARP request and reply', () => {
    const req = frame('arpRequest');
    const a = req.payload as ArpPacket;
    expect(onLinkOf('arpRequest', buildArp({ op: 1, senderMac: a.senderMac, senderIp: a.senderIp, targetMac: ZERO_MAC, targetIp: a.targetIp }))).toBe(CAPTURED.arpRequest.hex);
    const r = frame('arpReply').payload as ArpPacket;
    expect(onLinkOf('arpReply', buildArp({ op: 2, senderMac: r.senderMac, senderIp: r.senderIp, targetMac: r.targetMac, targetIp: r.targetIp }))).toBe(CAPTURED.arpReply.hex);
  });

  it('ping echo request and the kernel echo reply', () => {
    const q = ipv4('echoRequest');
    const m = icmp('echoRequest');
    const req = buildIpv4({ srcIp: q.srcIp, dstIp: q.dstIp, protocol: IPPROTO.icmp, ttl: 64, identification: q.identification, df: true, payload: buildIcmpEcho({ type: 8, identifier: m.identifier!, sequence: m.sequence!, data: m.data! }) });
    expect(onLinkOf('echoRequest', req)).toBe(CAPTURED.echoRequest.hex);
    const r = ipv4('echoReplySent');
    const rep = buildIpv4({ srcIp: r.srcIp, dstIp: r.dstIp, protocol: IPPROTO.icmp, ttl: 64, identification: r.identification, payload: buildIcmpEcho({ type: 0, identifier: m.identifier!, sequence: m.sequence!, data: m.data! }) });
    expect(onLinkOf('echoReplySent', rep)).toBe(CAPTURED.echoReplySent.hex);
  });

  const icmpErrorLike = (n: Name, original: Ipv4Packet) => {
    const p = ipv4(n);
    const m = icmp(n);
    return buildIpv4({ srcIp: p.srcIp, dstIp: p.dstIp, protocol: IPPROTO.icmp, ttl: 64, identification: p.identification, dscp: 48, payload: buildIcmpError({ type: m.type, code: m.code, original }) });
  };

  it('ICMP time exceeded (TOS 0xc0, no DF) quoting the datagram as received', () => {
    expect(onLinkOf('timeExceededSent', icmpErrorLike('timeExceededSent', ipv4('ttl1Request')))).toBe(CAPTURED.timeExceededSent.hex);
  });

  it('ICMP port unreachable quoting the UDP datagram as received', () => {
    expect(onLinkOf('portUnreachableSent', icmpErrorLike('portUnreachableSent', ipv4('udpAtServer')))).toBe(CAPTURED.portUnreachableSent.hex);
  });

  it('ICMP net unreachable quoting the echo request', () => {
    expect(onLinkOf('netUnreachable', icmpErrorLike('netUnreachable', ipv4('noRouteRequest')))).toBe(CAPTURED.netUnreachable.hex);
  });

  it('UDP datagrams from nc (with checksumOffload, as on veth)', () => {
    for (const n of ['udpToClosedPort', 'udpReplySent'] as const) {
      const p = ipv4(n);
      const u = udp(n);
      const built = buildIpv4({ srcIp: p.srcIp, dstIp: p.dstIp, protocol: IPPROTO.udp, ttl: 64, identification: p.identification, df: true, payload: buildUdp({ srcIp: p.srcIp, dstIp: p.dstIp, srcPort: u.srcPort, dstPort: u.dstPort, data: u.data, checksumOffload: true }) });
      expect(onLinkOf(n, built)).toBe(CAPTURED[n].hex);
    }
  });

  it('TCP SYN / SYN-ACK / ACK from sockets (offload) and the kernel RST (complete)', () => {
    for (const n of ['tcpSynClosed', 'tcpSyn', 'tcpSynAck', 'tcpAck', 'tcpRst'] as const) {
      const p = ipv4(n);
      const t = tcp(n);
      const seg = buildTcp({ srcIp: p.srcIp, dstIp: p.dstIp, srcPort: t.srcPort, dstPort: t.dstPort, seq: t.seq, ack: t.ack, flags: t.flags, window: t.window, options: t.options, data: t.data, checksumOffload: n !== 'tcpRst' });
      expect(onLinkOf(n, buildIpv4({ srcIp: p.srcIp, dstIp: p.dstIp, protocol: IPPROTO.tcp, ttl: 64, identification: p.identification, df: true, payload: seg }))).toBe(CAPTURED[n].hex);
    }
  });
});

describe('forwarding and NAT reproduce the next link byte for byte', () => {
  const forwarded: [Name, Name][] = [
    ['pingH1', 'pingH2'], // two-subnets-router: echo request, h1's link -> h2's link
    ['replyH2', 'replyH1'], // and the echo reply back
    ['ttl2Request', 'ttl1Request'], // ttl-expired: r1 forwards TTL 2 -> 1
    ['timeExceededSent', 'timeExceeded'], // r1 forwards r2's ICMP error
    ['echoRequestNatted', 'echoRequestAtServer'], // home-nat: isp forwards
  ];
  for (const [from, to] of forwarded) {
    it(`ipDecreaseTtl: ${from} -> ${to}`, () => {
      const out = ipDecreaseTtl(ipv4(from));
      expect(onLinkOf(to, out)).toBe(CAPTURED[to].hex);
      // the two captures differ only in MACs, TTL and the header checksum
      const a = bytes(from);
      const b = bytes(to);
      const differing = Array.from(a.keys()).filter((i) => a[i] !== b[i] && !(i < 12 || i === 22 || i === 24 || i === 25));
      expect(differing).toEqual([]);
      expect(withIpv4Checksum(out).headerChecksum).toBe(out.headerChecksum);
    });
  }

  it('MASQUERADE of the echo request at gw: TTL, then source rewrite with csum_replace4', () => {
    const p = ipDecreaseTtl(ipv4('echoRequest'));
    const to = ip('198.51.100.2');
    const natted = { ...p, srcIp: to, headerChecksum: checksumReplace4(p.headerChecksum, ipToNum(p.srcIp), ipToNum(to)) };
    expect(onLinkOf('echoRequestNatted', natted)).toBe(CAPTURED.echoRequestNatted.hex);
  });

  it('MASQUERADE of an offloaded UDP datagram updates the partial checksum', () => {
    const p = ipDecreaseTtl(ipDecreaseTtl(ipv4('udpToClosedPort')));
    const u = p.payload as UdpDatagram;
    const to = ip('198.51.100.2');
    const natted: Ipv4Packet = { ...p, srcIp: to, headerChecksum: checksumReplace4(p.headerChecksum, ipToNum(p.srcIp), ipToNum(to)), payload: { ...u, checksum: partialChecksumReplace4(u.checksum, ipToNum(p.srcIp), ipToNum(to)) } };
    expect(onLinkOf('udpAtServer', natted)).toBe(CAPTURED.udpAtServer.hex);
  });

  it('un-NAT of the port unreachable: outer destination, quoted source, inner checksums, ICMP recomputed', () => {
    const p = ipDecreaseTtl(ipDecreaseTtl(ipv4('portUnreachableSent'))); // isp, then gw
    const m = p.payload as IcmpMessage;
    const q = m.quote!;
    const qu = q.payload as UdpDatagram;
    const wan = ipToNum(ip('198.51.100.2'));
    const lan = ipToNum(ip('192.168.1.10'));
    const quote: Ipv4Packet = { ...q, srcIp: ip('192.168.1.10'), headerChecksum: checksumReplace4(q.headerChecksum, wan, lan), payload: { ...qu, checksum: checksumReplace4(qu.checksum, wan, lan) } };
    const msg: IcmpMessage = { ...m, quote };
    const out: Ipv4Packet = { ...p, dstIp: ip('192.168.1.10'), headerChecksum: checksumReplace4(p.headerChecksum, wan, lan), payload: { ...msg, checksum: icmpChecksum(msg) } };
    expect(onLinkOf('portUnreachable', out)).toBe(CAPTURED.portUnreachable.hex);
  });
});
