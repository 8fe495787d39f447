import { describe, expect, it } from 'vitest';
import type { Ipv4Addr } from './addr';
import { onesComplementSum } from './checksum';
import { encodeIpv4Header } from './codec';
import { buildIpv4, ipDecreaseTtl, ipv4HeaderChecksum, withIpv4Checksum } from './ipv4';
import type { Ipv4Packet } from './types';

const ip = (s: string) => s as Ipv4Addr;
const raw = (data: string) => ({ kind: 'raw', data }) as const;
const headerSumOk = (p: Ipv4Packet) => onesComplementSum(encodeIpv4Header(p)) === 0xffff;
/** RFC 1141 style increment without Linux's fix-up: C + 0x0100 with end-around carry. */
const naiveIncrement = (c: number) => {
  const s = c + 0x0100;
  return s > 0xffff ? (s + 1) & 0xffff : s;
};

describe('buildIpv4', () => {
  it('fills version, ihl, total length and a valid checksum', () => {
    const p = buildIpv4({ srcIp: ip('10.0.0.1'), dstIp: ip('10.0.0.2'), protocol: 253, ttl: 64, identification: 0x1234, df: true, payload: raw('0102') });
    expect(p).toMatchObject({ version: 4, ihl: 5, totalLength: 22, flags: { reserved: false, df: true, mf: false }, fragmentOffset: 0, options: '', dscp: 0, ecn: 0 });
    expect(headerSumOk(p)).toBe(true);
    expect(p.headerChecksum).toBe(ipv4HeaderChecksum(p));
  });

  it('takes options (ihl follows) and rejects unpadded options', () => {
    const p = buildIpv4({ srcIp: ip('10.0.0.1'), dstIp: ip('10.0.0.2'), protocol: 253, ttl: 1, identification: 1, options: '94040000', payload: raw('') });
    expect(p.ihl).toBe(6);
    expect(p.totalLength).toBe(24);
    expect(headerSumOk(p)).toBe(true);
    expect(() => buildIpv4({ srcIp: ip('10.0.0.1'), dstIp: ip('10.0.0.2'), protocol: 253, ttl: 1, identification: 1, options: '9404', payload: raw('') })).toThrow();
  });

  it('withIpv4Checksum repairs a rewritten header', () => {
    const p = buildIpv4({ srcIp: ip('10.0.0.1'), dstIp: ip('10.0.0.2'), protocol: 17, ttl: 64, identification: 7, payload: raw('') });
    const q = { ...p, srcIp: ip('198.51.100.2') };
    expect(headerSumOk(q)).toBe(false);
    expect(headerSumOk(withIpv4Checksum(q))).toBe(true);
    expect(p.srcIp).toBe('10.0.0.1'); // untouched
  });
});

describe('ipDecreaseTtl (Linux ip_decrease_ttl)', () => {
  it('decrements TTL, returns a new object, keeps everything else', () => {
    const p = buildIpv4({ srcIp: ip('10.0.1.10'), dstIp: ip('10.0.2.10'), protocol: 1, ttl: 64, identification: 50401, df: true, payload: raw('0800') });
    const q = ipDecreaseTtl(p);
    expect(q).not.toBe(p);
    expect(p.ttl).toBe(64);
    expect({ ...q, ttl: 64, headerChecksum: p.headerChecksum }).toEqual(p);
    expect(q.ttl).toBe(63);
  });

  it('equals a full recompute for every checksum value a correct header can have (65 536 headers)', () => {
    // Varying the identification walks the stored checksum through all 65 535 canonical values
    // (plus the TTL/ID combinations around the carries).
    let mismatches = 0;
    let naiveMismatches = 0;
    for (let id = 0; id <= 0xffff; id++) {
      const p = buildIpv4({ srcIp: ip('10.0.1.10'), dstIp: ip('10.0.2.10'), protocol: 1, ttl: 2 + (id % 250), identification: id, payload: raw('') });
      const q = ipDecreaseTtl(p);
      const full = ipv4HeaderChecksum(q);
      if (q.headerChecksum !== full) mismatches++;
      if (naiveIncrement(p.headerChecksum) !== full) {
        naiveMismatches++;
        // the only place a plain ones' complement increment differs: it yields the negative
        // zero 0xffff where the recompute (and Linux's `+ (check >= 0xFFFF)`) gives 0x0000
        expect([p.headerChecksum, naiveIncrement(p.headerChecksum), full, q.headerChecksum]).toEqual([0xfeff, 0xffff, 0x0000, 0x0000]);
      }
      if (!headerSumOk(q)) throw new Error(`Wireshark-style check fails for id ${id}`);
    }
    expect(mismatches).toBe(0);
    expect(naiveMismatches).toBeGreaterThan(0);
  });

  it('the corner: a header holding the non-canonical zero 0xffff', () => {
    // find a header whose canonical checksum is 0x0000, then store it as 0xffff (both verify)
    let p: Ipv4Packet | undefined;
    for (let id = 0; id <= 0xffff && !p; id++) {
      const c = buildIpv4({ srcIp: ip('10.0.1.10'), dstIp: ip('10.0.2.10'), protocol: 1, ttl: 64, identification: id, payload: raw('') });
      if (c.headerChecksum === 0) p = c;
    }
    expect(p).toBeDefined();
    const odd = { ...p!, headerChecksum: 0xffff };
    expect(headerSumOk(odd)).toBe(true);
    const q = ipDecreaseTtl(odd);
    expect(q.headerChecksum).toBe(ipv4HeaderChecksum(q)); // Linux: swab(0xffff)+1 = 0x10000 -> +1 -> 0x0001 -> 0x0100
    expect(q.headerChecksum).toBe(0x0100);
    expect(headerSumOk(q)).toBe(true);
    // and from the canonical 0x0000 Linux gives the same
    expect(ipDecreaseTtl(p!).headerChecksum).toBe(0x0100);
  });

  it('wraps TTL 0 to 255 like the kernel u8 (the checksum is then wrong, as in the kernel)', () => {
    const p = buildIpv4({ srcIp: ip('10.0.1.10'), dstIp: ip('10.0.2.10'), protocol: 1, ttl: 0, identification: 9, payload: raw('') });
    const q = ipDecreaseTtl(p);
    expect(q.ttl).toBe(255);
    expect(headerSumOk(q)).toBe(false);
  });
});

describe('ipv4HeaderChecksum without encoding', () => {
  it('equals the checksum of the encoded header for any option-less header', async () => {
    const fc = (await import('fast-check')).default;
    const { encodeIpv4Header } = await import('./codec');
    const { internetChecksum } = await import('./checksum');
    const { numToIp } = await import('./addr');
    fc.assert(
      fc.property(
        fc.record({
          dscp: fc.integer({ min: 0, max: 63 }),
          ecn: fc.integer({ min: 0, max: 3 }),
          totalLength: fc.integer({ min: 20, max: 65535 }),
          identification: fc.integer({ min: 0, max: 65535 }),
          df: fc.boolean(),
          mf: fc.boolean(),
          reserved: fc.boolean(),
          fragmentOffset: fc.integer({ min: 0, max: 0x1fff }),
          ttl: fc.integer({ min: 0, max: 255 }),
          protocol: fc.integer({ min: 0, max: 255 }),
          src: fc.integer({ min: 0, max: 0xffffffff }),
          dst: fc.integer({ min: 0, max: 0xffffffff }),
        }),
        (h) => {
          const p = buildIpv4({ srcIp: numToIp(h.src), dstIp: numToIp(h.dst), protocol: h.protocol, ttl: h.ttl, identification: h.identification, payload: { kind: 'raw', data: '' } });
          const q = { ...p, dscp: h.dscp, ecn: h.ecn, totalLength: h.totalLength, flags: { reserved: h.reserved, df: h.df, mf: h.mf }, fragmentOffset: h.fragmentOffset };
          expect(ipv4HeaderChecksum(q)).toBe(internetChecksum(encodeIpv4Header({ ...q, headerChecksum: 0 })));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
