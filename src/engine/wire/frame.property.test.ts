// Property tests: random valid frames of every kind round-trip exactly; builder frames have valid
// checksums; spans tile the bytes; hostile bytes never make the decoder throw.

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bytesToMac, numToIp, type Ipv4Addr, type MacAddr } from './addr';
import { buildArp } from './arp';
import { tryDecodeIpv4 } from './codec';
import { icmpLayout, ICMP_LAYOUT } from './codec-l4';
import { decodeFrame, encodeFrame, encodeIpv4, fieldSpans, verifyChecksums } from './frame';
import { bytesToHex } from './hex';
import { buildIcmpEcho, buildIcmpError } from './icmp';
import { buildIpv4 } from './ipv4';
import { buildTcp } from './tcp';
import type { EthernetFrame, IcmpMessage, Ipv4Packet, RawBytes, TcpSegment, UdpDatagram, VlanTag } from './types';
import { buildUdp } from './udp';

const RUNS = { numRuns: 300 };
/** fc.record with ordinary object prototypes (frames are plain literals; toStrictEqual compares prototypes). */
const rec = <T,>(model: { [K in keyof T]: fc.Arbitrary<T[K]> }): fc.Arbitrary<T> => fc.record(model, { noNullPrototype: true }) as fc.Arbitrary<T>;

const u8 = fc.integer({ min: 0, max: 0xff });
const u16 = fc.integer({ min: 0, max: 0xffff });
const u32 = fc.tuple(u16, u16).map(([a, b]) => (a * 0x10000 + b) >>> 0);
const mac: fc.Arbitrary<MacAddr> = fc.uint8Array({ minLength: 6, maxLength: 6 }).map((b) => bytesToMac(b));
const ipAddr: fc.Arbitrary<Ipv4Addr> = u32.map(numToIp);
const hex = (maxBytes: number, minBytes = 0) => fc.uint8Array({ minLength: minBytes, maxLength: maxBytes }).map(bytesToHex);
const hexWords = (maxWords: number) => fc.integer({ min: 0, max: maxWords }).chain((n) => hex(4 * n, 4 * n));
const raw = (maxBytes: number): fc.Arbitrary<RawBytes> => hex(maxBytes).map((data) => ({ kind: 'raw', data }));

const vlan: fc.Arbitrary<VlanTag> = rec({ pcp: fc.integer({ min: 0, max: 7 }), dei: fc.boolean(), vid: fc.integer({ min: 0, max: 4095 }) });

const udpArb: fc.Arbitrary<UdpDatagram> = rec({ kind: fc.constant('udp' as const), srcPort: u16, dstPort: u16, length: u16, checksum: u16, data: hex(40) });
const tcpArb: fc.Arbitrary<TcpSegment> = fc
  .record({
    srcPort: u16,
    dstPort: u16,
    seq: u32,
    ack: u32,
    reserved: fc.integer({ min: 0, max: 15 }),
    flags: rec({ cwr: fc.boolean(), ece: fc.boolean(), urg: fc.boolean(), ack: fc.boolean(), psh: fc.boolean(), rst: fc.boolean(), syn: fc.boolean(), fin: fc.boolean() }),
    window: u16,
    checksum: u16,
    urgentPointer: u16,
    options: hexWords(10),
    data: hex(40),
  })
  .map((t) => ({ kind: 'tcp' as const, ...t, dataOffset: 5 + t.options.length / 8 }));

/** An IPv4 packet whose stored fields decode back to themselves; `depth` bounds quoting. */
function ipv4Arb(depth: number): fc.Arbitrary<Ipv4Packet> {
  const header = rec({
    dscp: fc.integer({ min: 0, max: 63 }),
    ecn: fc.integer({ min: 0, max: 3 }),
    identification: u16,
    flags: rec({ reserved: fc.boolean(), df: fc.boolean(), mf: fc.boolean() }),
    fragmentOffset: fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 0x1fff }) }),
    ttl: u8,
    headerChecksum: u16,
    srcIp: ipAddr,
    dstIp: ipAddr,
    options: fc.oneof({ weight: 3, arbitrary: fc.constant('') }, { weight: 1, arbitrary: hexWords(10) }),
    extraLength: fc.oneof({ weight: 5, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 100 }) }),
  });
  const l4: fc.Arbitrary<{ protocol: number; payload: Ipv4Packet['payload'] }> = fc.oneof(
    icmpArb(depth).map((payload) => ({ protocol: 1, payload })),
    udpArb.map((payload) => ({ protocol: 17, payload })),
    tcpArb.map((payload) => ({ protocol: 6, payload })),
    fc.tuple(u8.filter((p) => p !== 1 && p !== 6 && p !== 17), raw(40)).map(([protocol, payload]) => ({ protocol, payload })),
  );
  return fc.tuple(header, l4, raw(40)).map(([h, { protocol, payload }, fragBody]) => {
    const { extraLength, ...rest } = h;
    const body = h.fragmentOffset > 0 ? fragBody : payload;
    const p: Ipv4Packet = { kind: 'ipv4', version: 4, ihl: 5 + h.options.length / 8, ...rest, protocol, totalLength: 0, payload: body };
    p.totalLength = Math.min(0xffff, encodeIpv4(p).length + extraLength);
    return p;
  });
}

function icmpArb(depth: number): fc.Arbitrary<IcmpMessage> {
  const head = rec({ type: u8, code: u8, checksum: u16 });
  // a quote: a random datagram cut anywhere, decoded back (or kept as bytes when it no longer parses)
  const body: fc.Arbitrary<{ quote: Ipv4Packet } | { data: string }> =
    depth <= 0
      ? hex(19).map((data) => ({ data }))
      : fc.oneof(
          fc.tuple(ipv4Arb(depth - 1), fc.integer({ min: 0, max: 200 })).map(([orig, cut]) => {
            const b = encodeIpv4(orig).subarray(0, cut);
            const quote = tryDecodeIpv4(b);
            return quote ? { quote } : { data: bytesToHex(b) };
          }),
          hex(19).map((data) => ({ data })),
        );
  return fc.tuple(head, u16, u16, u32, ipAddr, hex(40), body).map(([h, identifier, sequence, rest, gateway, data, b]): IcmpMessage => {
    switch (icmpLayout(h.type)) {
      case ICMP_LAYOUT.echo: return { kind: 'icmp', ...h, identifier, sequence, data };
      case ICMP_LAYOUT.redirect: return { kind: 'icmp', ...h, gateway, ...b };
      case ICMP_LAYOUT.error: return { kind: 'icmp', ...h, rest, ...b };
      case ICMP_LAYOUT.other: return { kind: 'icmp', ...h, rest, data };
    }
  });
}

const NOT_DECODED_ETHERTYPES = u16.filter((t) => t !== 0x0800 && t !== 0x0806 && t !== 0x8100 && t !== 0x88a8);

const frameArb: fc.Arbitrary<EthernetFrame> = fc
  .tuple(
    mac,
    mac,
    fc.oneof({ weight: 3, arbitrary: fc.constant([] as VlanTag[]) }, { weight: 1, arbitrary: fc.array(vlan, { minLength: 1, maxLength: 3 }) }),
    fc.oneof(
      rec({ op: u16, senderMac: mac, senderIp: ipAddr, targetMac: mac, targetIp: ipAddr, htype: u16, ptype: u16 }).map((a) => ({ ethertype: 0x0806, payload: { ...buildArp(a), htype: a.htype, ptype: a.ptype } as EthernetFrame['payload'] })),
      ipv4Arb(2).map((payload) => ({ ethertype: 0x0800, payload: payload as EthernetFrame['payload'] })),
      fc.tuple(NOT_DECODED_ETHERTYPES, raw(60)).map(([ethertype, payload]) => ({ ethertype, payload: payload as EthernetFrame['payload'] })),
    ),
  )
  .map(([dstMac, srcMac, vlans, { ethertype, payload }]) => {
    const f: EthernetFrame = { dstMac, srcMac, ethertype, payload };
    if (vlans.length > 0) f.vlans = vlans;
    return f;
  });

/** Frames made by the builders, with everything computed. */
const builtArb: fc.Arbitrary<EthernetFrame> = fc
  .tuple(mac, mac, ipAddr, ipAddr, u16, u16, u8.filter((t) => t > 0), u16, fc.boolean(), hex(64), u32, u32, hexWords(10), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 48, max: 1500 }))
  .map(([dstMac, srcMac, srcIp, dstIp, sport, dport, ttl, id, df, data, seq, ack, options, kind, maxBytes]) => {
    const ip = (protocol: number, payload: Ipv4Packet['payload']) => buildIpv4({ srcIp, dstIp, protocol, ttl, identification: id, df, payload });
    const udpPkt = ip(17, buildUdp({ srcIp, dstIp, srcPort: sport, dstPort: dport, data }));
    const tcpPkt = ip(6, buildTcp({ srcIp, dstIp, srcPort: sport, dstPort: dport, seq, ack, flags: { syn: (seq & 1) === 1, ack: (seq & 2) === 2, rst: (seq & 4) === 4 }, window: id, options, data }));
    const payloads: EthernetFrame['payload'][] = [
      buildArp({ op: 1 + (id & 1), senderMac: srcMac, senderIp: srcIp, targetMac: dstMac, targetIp: dstIp }),
      ip(1, buildIcmpEcho({ type: df ? 8 : 0, identifier: sport, sequence: dport, data })),
      udpPkt,
      tcpPkt,
      ip(1, buildIcmpError({ type: 3, code: ttl & 15, original: udpPkt, maxBytes })),
      ip(1, buildIcmpError({ type: 11, code: 0, original: tcpPkt, maxBytes })),
      ip(1, buildIcmpError({ type: 5, code: 1, original: ip(1, buildIcmpEcho({ type: 8, identifier: 1, sequence: 2, data })), gateway: srcIp })),
    ];
    const payload = payloads[kind]!;
    return { dstMac, srcMac, ethertype: payload.kind === 'arp' ? 0x0806 : 0x0800, payload };
  });

describe('property: random valid frames', () => {
  it('decode(encode(x)) equals x, and encode(decode(b)) equals b', () => {
    fc.assert(
      fc.property(frameArb, (f) => {
        const b = encodeFrame(f);
        const d = decodeFrame(b);
        expect(d).toStrictEqual(f);
        expect(encodeFrame(d)).toEqual(b);
      }),
      RUNS,
    );
  });

  it('builder frames round-trip and have right checksums', () => {
    fc.assert(
      fc.property(builtArb, (f) => {
        const b = encodeFrame(f);
        expect(decodeFrame(b)).toStrictEqual(f);
        const v = verifyChecksums(f);
        if (f.payload.kind === 'ipv4') expect(v).toEqual({ ipv4: true, l4: true });
        else expect(v).toEqual({});
      }),
      RUNS,
    );
  });

  it('field spans tile the encoded bytes bit for bit', () => {
    fc.assert(
      fc.property(frameArb, (f) => {
        const b = encodeFrame(f);
        const bits = new Uint8Array(b.length * 8);
        for (const s of fieldSpans(f)) {
          const start = s.offset * 8 + (s.bitOffset ?? 0);
          const len = s.bitLength ?? s.length * 8;
          expect(Math.ceil((start + len) / 8)).toBe(s.offset + s.length);
          for (let i = start; i < start + len; i++) bits[i]!++;
        }
        expect(bits.every((x) => x === 1)).toBe(true);
      }),
      RUNS,
    );
  });
});

describe('property: hostile input', () => {
  const check = (b: Uint8Array) => {
    const f = decodeFrame(b);
    const e = encodeFrame(f);
    fieldSpans(f);
    verifyChecksums(f);
    // Only trailing bytes are dropped (padding after ARP / beyond the IPv4 total length), unless
    // the frame is shorter than an Ethernet header or uses 802.1ad tags (written back as 0x8100).
    if (b.length >= 14 && !bytesToHex(b).includes('88a8')) expect(bytesToHex(b).startsWith(bytesToHex(e))).toBe(true);
  };

  it('random bytes never make decodeFrame throw', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), check), { numRuns: 2000 });
  });

  it('random Ethernet + IPv4 headers with random L4 bytes never make it throw', () => {
    const arb = fc.tuple(fc.constantFrom(0x0800, 0x0806, 0x8100, 0x88a8), u8, u8, fc.uint8Array({ maxLength: 120 }), fc.constantFrom(1, 6, 17, 4)).map(([et, vihl, frag, rest, proto]) => {
      const b = new Uint8Array(14 + 20 + rest.length);
      b[12] = et >> 8;
      b[13] = et & 0xff;
      b[14] = (vihl & 0x0f) | 0x40;
      b[16] = 0;
      b[17] = Math.min(255, 20 + rest.length + (frag & 7) - 4);
      b[20] = frag & 0x3f;
      b[23] = proto;
      b.set(rest, 34);
      return b;
    });
    fc.assert(fc.property(arb, check), { numRuns: 2000 });
  });

  it('valid frames cut or corrupted anywhere never make it throw', () => {
    const arb = fc.tuple(frameArb, fc.nat(), fc.nat(), u8).map(([f, cut, at, v]) => {
      const b = encodeFrame(f);
      const c = b.slice(0, cut % (b.length + 1));
      if (c.length > 0) c[at % c.length] = v;
      return c;
    });
    fc.assert(fc.property(arb, check), { numRuns: 1000 });
  });
});
