import { describe, expect, it } from 'vitest';
import { BROADCAST_MAC, ZERO_MAC, type Ipv4Addr, type MacAddr } from './addr';
import { buildArp } from './arp';
import { buildIcmpEcho, buildIcmpError, icmpChecksum } from './icmp';
import { buildIpv4, withIpv4Checksum } from './ipv4';
import { decodeFrame, decodeIpv4, encodedPayloadLength, encodeFrame, encodeIpv4, fieldSpans, l4ChecksumState, verifyChecksums } from './frame';
import { bytesToHex } from './hex';
import { buildTcp, tcpChecksum } from './tcp';
import { ETHERTYPE, IPPROTO, type EthernetFrame, type IcmpMessage, type Ipv4Packet, type TcpSegment, type UdpDatagram } from './types';
import { buildUdp, udpChecksum } from './udp';

const ip = (s: string) => s as Ipv4Addr;
const mac = (s: string) => s as MacAddr;
const M1 = mac('02:00:00:00:00:01');
const M2 = mac('02:00:00:00:00:02');
const H1 = ip('10.0.1.10');
const H2 = ip('10.0.2.10');
const R1 = ip('10.0.1.1');

/** Linux ping's default 56-byte payload: struct timeval (16 bytes, LE) then 0x10, 0x11, ... 0x37. */
export function pingPayload(sec: number, usec: number): string {
  const b = new Uint8Array(56);
  const dv = new DataView(b.buffer);
  dv.setUint32(0, sec, true);
  dv.setUint32(8, usec, true);
  for (let i = 16; i < 56; i++) b[i] = i;
  return bytesToHex(b);
}

const eth = (payload: EthernetFrame['payload'], ethertype: number = payload.kind === 'arp' ? ETHERTYPE.arp : ETHERTYPE.ipv4): EthernetFrame => ({
  dstMac: M2,
  srcMac: M1,
  ethertype,
  payload,
});

const echoReq = buildIpv4({ srcIp: H1, dstIp: H2, protocol: IPPROTO.icmp, ttl: 64, identification: 50401, df: true, payload: buildIcmpEcho({ type: 8, identifier: 0x1ab6, sequence: 1, data: pingPayload(0x6b072153, 0x353fc) }) });
const echoRep = buildIpv4({ srcIp: H2, dstIp: H1, protocol: IPPROTO.icmp, ttl: 64, identification: 32605, payload: buildIcmpEcho({ type: 0, identifier: 0x1ab6, sequence: 1, data: pingPayload(0x6b072153, 0x353fc) }) });
const udp = buildIpv4({ srcIp: H1, dstIp: H2, protocol: IPPROTO.udp, ttl: 64, identification: 1, df: true, payload: buildUdp({ srcIp: H1, dstIp: H2, srcPort: 40000, dstPort: 53, data: '68690a' }) });
const SYN_OPTS = '020405b40402080a5d627c02000000000103030a'; // mss 1460, sackOK, TS, nop, wscale 10
const syn = buildIpv4({ srcIp: H1, dstIp: H2, protocol: IPPROTO.tcp, ttl: 64, identification: 40413, df: true, payload: buildTcp({ srcIp: H1, dstIp: H2, srcPort: 40002, dstPort: 8080, seq: 1139659763, ack: 0, flags: { syn: true }, window: 64240, options: SYN_OPTS }) });
const synAck = buildIpv4({ srcIp: H2, dstIp: H1, protocol: IPPROTO.tcp, ttl: 64, identification: 0, df: true, payload: buildTcp({ srcIp: H2, dstIp: H1, srcPort: 8080, dstPort: 40002, seq: 313548744, ack: 1139659764, flags: { syn: true, ack: true }, window: 65160, options: '020405b40402080aaf56d7af5d627c020103030a' }) });
const rst = buildIpv4({ srcIp: H2, dstIp: H1, protocol: IPPROTO.tcp, ttl: 64, identification: 0, df: true, payload: buildTcp({ srcIp: H2, dstIp: H1, srcPort: 8081, dstPort: 40002, seq: 0, ack: 1139659764, flags: { rst: true, ack: true }, window: 0 }) });
const tcpData = buildIpv4({ srcIp: H1, dstIp: H2, protocol: IPPROTO.tcp, ttl: 64, identification: 5, df: true, payload: buildTcp({ srcIp: H1, dstIp: H2, srcPort: 40002, dstPort: 8080, seq: 1, ack: 1, flags: { psh: true, ack: true }, window: 502, options: '0101080a0000000100000002', data: '68656c6c6f0a' }) });
const icmpError = (type: number, code: number, original: Ipv4Packet, extra: { rest?: number; gateway?: Ipv4Addr; maxBytes?: number } = {}) =>
  buildIpv4({ srcIp: R1, dstIp: H1, protocol: IPPROTO.icmp, ttl: 64, identification: 59253, dscp: 48, payload: buildIcmpError({ type, code, original, ...extra }) });
const bigUdp = buildIpv4({ srcIp: H1, dstIp: H2, protocol: IPPROTO.udp, ttl: 64, identification: 2, df: true, payload: buildUdp({ srcIp: H1, dstIp: H2, srcPort: 5000, dstPort: 6000, data: 'ab'.repeat(1000) }) });
const withOptions = buildIpv4({ srcIp: H1, dstIp: H2, protocol: IPPROTO.icmp, ttl: 64, identification: 3, options: '0707040000000000', payload: buildIcmpEcho({ type: 8, identifier: 1, sequence: 2, data: '' }) });
const fragment: Ipv4Packet = withIpv4Checksum({ ...bigUdp, totalLength: 20 + 48, flags: { reserved: false, df: false, mf: true }, fragmentOffset: 185, payload: { kind: 'raw', data: 'cd'.repeat(48) } });
const firstFragment: Ipv4Packet = withIpv4Checksum({ ...bigUdp, totalLength: 20 + 16, flags: { reserved: false, df: false, mf: true }, payload: { ...(bigUdp.payload as UdpDatagram), data: 'ab'.repeat(8) } });

const HAND_BUILT: Record<string, EthernetFrame> = {
  'ARP request': { dstMac: BROADCAST_MAC, srcMac: M1, ethertype: ETHERTYPE.arp, payload: buildArp({ op: 1, senderMac: M1, senderIp: H1, targetMac: ZERO_MAC, targetIp: R1 }) },
  'ARP reply': eth(buildArp({ op: 2, senderMac: M2, senderIp: R1, targetMac: M1, targetIp: H1 })),
  'ICMP echo request (ping 56 bytes)': eth(echoReq),
  'ICMP echo reply': eth(echoRep),
  'ICMP time exceeded quoting ICMP': eth(icmpError(11, 0, { ...echoReq, ttl: 1 })),
  'ICMP port unreachable quoting UDP': eth(icmpError(3, 3, udp)),
  'ICMP admin prohibited quoting TCP': eth(icmpError(3, 13, syn)),
  'ICMP frag needed with MTU': eth(icmpError(3, 4, bigUdp, { rest: 1400 })),
  'ICMP error with a truncated quote (576-byte rule)': eth(icmpError(3, 1, bigUdp)),
  'ICMP error whose quote cuts the TCP header': eth(icmpError(11, 0, syn, { maxBytes: 28 + 20 + 12 })),
  'ICMP redirect': eth(icmpError(5, 1, echoReq, { gateway: ip('10.0.1.2') })),
  'ICMP parameter problem': eth(icmpError(12, 0, withOptions, { rest: 20 << 24 })),
  UDP: eth(udp),
  'UDP with empty data': eth(buildIpv4({ srcIp: H1, dstIp: H2, protocol: IPPROTO.udp, ttl: 9, identification: 4, payload: buildUdp({ srcIp: H1, dstIp: H2, srcPort: 1, dstPort: 2, data: '' }) })),
  'TCP SYN with options': eth(syn),
  'TCP SYN-ACK with options': eth(synAck),
  'TCP RST,ACK': eth(rst),
  'TCP PSH,ACK with data': eth(tcpData),
  'VLAN-tagged frame': { ...eth(udp), vlans: [{ pcp: 5, dei: false, vid: 100 }] },
  'QinQ frame': { ...eth(buildArp({ op: 1, senderMac: M1, senderIp: H1, targetMac: ZERO_MAC, targetIp: R1 })), vlans: [{ pcp: 0, dei: true, vid: 4094 }, { pcp: 7, dei: false, vid: 1 }] },
  'unknown ethertype (LLDP)': eth({ kind: 'raw', data: '0207040200000000000104030200010602007800' }, 0x88cc),
  'IPv6 ethertype stays raw': eth({ kind: 'raw', data: '6000000000083aff' }, ETHERTYPE.ipv6),
  'IPv4 with options': eth(withOptions),
  'IPv4 fragment (offset > 0)': eth(fragment),
  'IPv4 first fragment (MF, UDP header decoded)': eth(firstFragment),
  'IPv4 unknown protocol': eth(buildIpv4({ srcIp: H1, dstIp: H2, protocol: 47, ttl: 64, identification: 6, payload: { kind: 'raw', data: '00000800' } })),
};

describe('round trips of hand-built frames', () => {
  for (const [name, f] of Object.entries(HAND_BUILT)) {
    it(name, () => {
      const bytes = encodeFrame(f);
      expect(decodeFrame(bytes)).toStrictEqual(f);
      expect(encodeFrame(decodeFrame(bytes))).toEqual(bytes);
      if (f.payload.kind === 'ipv4') {
        expect(f.payload.totalLength).toBe(encodeIpv4(f.payload).length);
        expect(decodeIpv4(encodeIpv4(f.payload))).toStrictEqual(f.payload);
      }
    });
  }

  it('builders produce valid checksums everywhere (fragments have no L4 check)', () => {
    for (const [name, f] of Object.entries(HAND_BUILT)) {
      const v = verifyChecksums(f);
      if (f.payload.kind !== 'ipv4') expect(v, name).toEqual({});
      else if (f.payload.payload.kind === 'raw' || f.payload.flags.mf || f.payload.fragmentOffset > 0) expect(v, name).toEqual({ ipv4: true });
      else expect(v, name).toEqual({ ipv4: true, l4: true });
    }
  });

  it('encodes the Ethernet header, tags and an untouched stored checksum', () => {
    const b = encodeFrame({ ...HAND_BUILT['VLAN-tagged frame']!, payload: { ...udp, headerChecksum: 0xbeef } });
    expect(bytesToHex(b.subarray(0, 18))).toBe('020000000002' + '020000000001' + '8100a064' + '0800'); // pcp 5, vid 100
    expect(bytesToHex(b.subarray(18 + 10, 18 + 12))).toBe('beef');
    expect(b.length).toBe(18 + 31); // no padding, no FCS
  });
});

describe('ICMP details', () => {
  it('echo: identifier and sequence are big-endian, checksum over the whole message', () => {
    const m = buildIcmpEcho({ type: 8, identifier: 0x1982, sequence: 1, data: '' });
    const b = encodeFrame(eth(buildIpv4({ srcIp: H1, dstIp: H2, protocol: 1, ttl: 64, identification: 0, payload: m })));
    expect(bytesToHex(b.subarray(34))).toBe('0800' + m.checksum.toString(16).padStart(4, '0') + '19820001');
    expect(m.checksum).toBe(icmpChecksum(m));
  });

  it('quotes at most 576 - 28 = 548 bytes, decoded back from the cut bytes', () => {
    const e = buildIcmpError({ type: 3, code: 1, original: bigUdp });
    expect(encodedPayloadLength(e)).toBe(576 - 20);
    const q = e.quote!;
    expect(q.totalLength).toBe(1028); // as the original said
    expect((q.payload as UdpDatagram).length).toBe(1008);
    expect((q.payload as UdpDatagram).data.length / 2).toBe(548 - 28);
    expect(bytesToHex(encodeIpv4(q))).toBe(bytesToHex(encodeIpv4(bigUdp).subarray(0, 548)));
    expect(buildIcmpError({ type: 3, code: 1, original: bigUdp, maxBytes: 1500 }).quote).toStrictEqual(bigUdp);
  });

  it('a quote too short for an IPv4 header is kept as data', () => {
    const e = buildIcmpError({ type: 11, code: 0, original: echoReq, maxBytes: 28 + 10 });
    expect(e.quote).toBeUndefined();
    expect(e.data).toBe(bytesToHex(encodeIpv4(echoReq).subarray(0, 10)));
    expect(decodeFrame(encodeFrame(eth(buildIpv4({ srcIp: R1, dstIp: H1, protocol: 1, ttl: 64, identification: 1, payload: e }))))).toMatchObject({ payload: { payload: { data: e.data } } });
  });

  it('refuses to build an "error" of a type that does not quote', () => {
    expect(() => buildIcmpError({ type: 8, code: 0, original: echoReq })).toThrow();
  });

  it('a quote with trailing bytes beyond its total length decodes as data, losslessly', () => {
    const m: IcmpMessage = { kind: 'icmp', type: 3, code: 3, checksum: 0, rest: 0, data: bytesToHex(encodeIpv4(udp)) + '00000000' };
    const f = eth(buildIpv4({ srcIp: R1, dstIp: H1, protocol: 1, ttl: 64, identification: 1, payload: { ...m, checksum: icmpChecksum(m) } }));
    expect(decodeFrame(encodeFrame(f))).toStrictEqual(f);
  });
});

describe('checksums of stored frames', () => {
  it('UDP: 0 means unused, a computed 0 is sent as 0xffff', () => {
    const u = udp.payload as UdpDatagram;
    expect(verifyChecksums(eth({ ...udp, payload: { ...u, checksum: 0 } }))).toEqual({ ipv4: true, l4: true });
    expect(verifyChecksums(eth({ ...udp, payload: { ...u, checksum: u.checksum ^ 1 } }))).toEqual({ ipv4: true, l4: false });
    // search data whose checksum computes to 0
    let found = false;
    for (let x = 0; x <= 0xffff && !found; x++) {
      const data = x.toString(16).padStart(4, '0');
      const c = udpChecksum({ ...u, length: 10, checksum: 0, data }, H1, H2);
      if (c === 0xffff) {
        found = true;
        const built = buildUdp({ srcIp: H1, dstIp: H2, srcPort: 40000, dstPort: 53, data });
        expect(built.checksum).toBe(0xffff);
        expect(verifyChecksums(eth(buildIpv4({ srcIp: H1, dstIp: H2, protocol: 17, ttl: 1, identification: 0, payload: built })))).toEqual({ ipv4: true, l4: true });
      }
    }
    expect(found).toBe(true);
  });

  it('partial (offloaded) TCP/UDP checksums are recognised but not "right"', () => {
    const u = buildUdp({ srcIp: H1, dstIp: H2, srcPort: 1, dstPort: 2, data: '00', checksumOffload: true });
    const p = buildIpv4({ srcIp: H1, dstIp: H2, protocol: 17, ttl: 64, identification: 0, payload: u });
    expect(l4ChecksumState(p)).toBe('partial');
    expect(verifyChecksums(eth(p))).toEqual({ ipv4: true, l4: false });
    const t = buildTcp({ srcIp: H1, dstIp: H2, srcPort: 1, dstPort: 2, seq: 0, ack: 0, flags: { syn: true }, window: 1, checksumOffload: true });
    expect(l4ChecksumState(buildIpv4({ srcIp: H1, dstIp: H2, protocol: 6, ttl: 64, identification: 0, payload: t }))).toBe('partial');
    expect(t.checksum).not.toBe(tcpChecksum(t, H1, H2));
  });

  it('a wrong IPv4 header checksum, or a truncated packet, is reported', () => {
    expect(verifyChecksums(eth({ ...echoReq, headerChecksum: echoReq.headerChecksum ^ 0x100 }))).toEqual({ ipv4: false, l4: true });
    const truncated = decodeFrame(encodeFrame(eth(echoReq)).subarray(0, 14 + 20 + 30));
    expect(verifyChecksums(truncated)).toEqual({ ipv4: true, l4: false });
  });

  it('TCP builder: data offset from options, rejects unpadded options', () => {
    expect((syn.payload as TcpSegment).dataOffset).toBe(10);
    expect(() => buildTcp({ srcIp: H1, dstIp: H2, srcPort: 1, dstPort: 2, seq: 0, ack: 0, flags: {}, window: 0, options: '020405b401' })).toThrow();
  });
});

describe('fieldSpans', () => {
  it('names every field of an ICMP error quoting UDP, at the right bytes', () => {
    const f = { ...HAND_BUILT['ICMP port unreachable quoting UDP']!, vlans: [{ pcp: 3, dei: true, vid: 0x123 }] };
    const b = encodeFrame(f);
    const spans = fieldSpans(f);
    const at = (path: string) => {
      const s = spans.find((x) => x.path === path);
      if (!s) throw new Error(`no span ${path}`);
      return s;
    };
    const hexAt = (path: string) => bytesToHex(b.subarray(at(path).offset, at(path).offset + at(path).length));
    expect(at('eth.dstMac')).toEqual({ path: 'eth.dstMac', offset: 0, length: 6 });
    expect(at('eth.vlans.0.tpid')).toEqual({ path: 'eth.vlans.0.tpid', offset: 12, length: 2 });
    expect(at('eth.vlans.0.pcp')).toEqual({ path: 'eth.vlans.0.pcp', offset: 14, length: 1, bitOffset: 0, bitLength: 3 });
    expect(at('eth.vlans.0.dei')).toEqual({ path: 'eth.vlans.0.dei', offset: 14, length: 1, bitOffset: 3, bitLength: 1 });
    expect(at('eth.vlans.0.vid')).toEqual({ path: 'eth.vlans.0.vid', offset: 14, length: 2, bitOffset: 4, bitLength: 12 });
    expect(at('eth.ethertype').offset).toBe(16);
    expect(at('ipv4.version')).toEqual({ path: 'ipv4.version', offset: 18, length: 1, bitOffset: 0, bitLength: 4 });
    expect(at('ipv4.dscp')).toEqual({ path: 'ipv4.dscp', offset: 19, length: 1, bitOffset: 0, bitLength: 6 });
    expect(at('ipv4.flags.df')).toEqual({ path: 'ipv4.flags.df', offset: 24, length: 1, bitOffset: 1, bitLength: 1 });
    expect(at('ipv4.fragmentOffset')).toEqual({ path: 'ipv4.fragmentOffset', offset: 24, length: 2, bitOffset: 3, bitLength: 13 });
    expect(at('ipv4.ttl')).toEqual({ path: 'ipv4.ttl', offset: 26, length: 1 });
    expect(hexAt('ipv4.srcIp')).toBe('0a000101');
    expect(hexAt('icmp.type')).toBe('03');
    expect(at('icmp.checksum').offset).toBe(18 + 20 + 2);
    expect(hexAt('icmp.quote.ipv4.srcIp')).toBe('0a00010a');
    expect(hexAt('icmp.quote.ipv4.dstIp')).toBe('0a00020a');
    expect(hexAt('icmp.quote.udp.dstPort')).toBe('0035');
    expect(hexAt('icmp.quote.udp.data')).toBe('68690a');
    expect(spans.some((s) => s.path === 'icmp.data')).toBe(false);
  });

  it('paths for every kind', () => {
    const paths = (name: string) => fieldSpans(HAND_BUILT[name]!).map((s) => s.path);
    expect(paths('ARP request')).toEqual(['eth.dstMac', 'eth.srcMac', 'eth.ethertype', 'arp.htype', 'arp.ptype', 'arp.hlen', 'arp.plen', 'arp.op', 'arp.senderMac', 'arp.senderIp', 'arp.targetMac', 'arp.targetIp']);
    expect(paths('UDP').slice(3)).toEqual(['ipv4.version', 'ipv4.ihl', 'ipv4.dscp', 'ipv4.ecn', 'ipv4.totalLength', 'ipv4.identification', 'ipv4.flags.reserved', 'ipv4.flags.df', 'ipv4.flags.mf', 'ipv4.fragmentOffset', 'ipv4.ttl', 'ipv4.protocol', 'ipv4.headerChecksum', 'ipv4.srcIp', 'ipv4.dstIp', 'udp.srcPort', 'udp.dstPort', 'udp.length', 'udp.checksum', 'udp.data']);
    expect(paths('TCP SYN with options').slice(18)).toEqual(['tcp.srcPort', 'tcp.dstPort', 'tcp.seq', 'tcp.ack', 'tcp.dataOffset', 'tcp.reserved', 'tcp.flags.cwr', 'tcp.flags.ece', 'tcp.flags.urg', 'tcp.flags.ack', 'tcp.flags.psh', 'tcp.flags.rst', 'tcp.flags.syn', 'tcp.flags.fin', 'tcp.window', 'tcp.checksum', 'tcp.urgentPointer', 'tcp.options']);
    expect(paths('ICMP echo request (ping 56 bytes)').slice(18)).toEqual(['icmp.type', 'icmp.code', 'icmp.checksum', 'icmp.identifier', 'icmp.sequence', 'icmp.data']);
    expect(paths('ICMP redirect')).toContain('icmp.gateway');
    expect(paths('ICMP frag needed with MTU')).toContain('icmp.rest');
    expect(paths('IPv4 with options')).toContain('ipv4.options');
    expect(paths('IPv4 fragment (offset > 0)').at(-1)).toBe('raw.data');
    expect(paths('unknown ethertype (LLDP)')).toEqual(['eth.dstMac', 'eth.srcMac', 'eth.ethertype', 'raw.data']);
    expect(paths('ICMP error whose quote cuts the TCP header').at(-1)).toBe('icmp.quote.raw.data');
  });
});
