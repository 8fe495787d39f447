import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Ipv4Addr } from './addr';
import { checksumReplace2, checksumReplace4, internetChecksum, onesComplementSum, partialChecksumReplace4, pseudoHeaderSum } from './checksum';

const ip = (s: string) => s as Ipv4Addr;

describe('RFC 1071 checksum', () => {
  it('matches the worked example of RFC 1071 section 3', () => {
    const b = Uint8Array.from([0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7]);
    expect(onesComplementSum(b)).toBe(0xddf2);
    expect(internetChecksum(b)).toBe(0x220d);
  });

  it('pads an odd last byte with zero, honours start/end/initial', () => {
    expect(onesComplementSum(Uint8Array.from([0x12, 0x34, 0x56]))).toBe(0x1234 + 0x5600);
    const b = Uint8Array.from([0xff, 0xff, 0x00, 0x01, 0x00, 0x02, 0xee]);
    expect(onesComplementSum(b, 2, 6)).toBe(3);
    expect(onesComplementSum(b, 2, 6, 0xfffe)).toBe(2); // end-around carry
    expect(internetChecksum(b, 2, 6, 0)).toBe(0xfffc);
  });

  it('a message carrying its own checksum sums to 0xffff', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 2, maxLength: 80 }), (data) => {
        const b = new Uint8Array(data.length + (data.length % 2) + 2); // data, zero pad to even, checksum
        b.set(data);
        const c = internetChecksum(b);
        b[b.length - 2] = c >> 8;
        b[b.length - 1] = c & 0xff;
        expect(onesComplementSum(b)).toBe(0xffff);
      }),
    );
  });

  it('pseudo-header sum equals the sum of its 12 bytes', () => {
    const bytes = Uint8Array.from([192, 168, 1, 10, 203, 0, 113, 10, 0, 17, 0, 11]);
    expect(pseudoHeaderSum(ip('192.168.1.10'), ip('203.0.113.10'), 17, 11)).toBe(onesComplementSum(bytes));
    expect(pseudoHeaderSum(ip('192.168.1.10'), ip('203.0.113.10'), 17, 11)).toBe(0xfdd9); // as captured
  });
});

describe('Linux incremental updates', () => {
  // A 12-byte "header": checksum at 10..11, a 32-bit word at 4..7 and a 16-bit word at 2..3.
  const arb = fc.tuple(fc.uint8Array({ minLength: 12, maxLength: 12 }), fc.integer({ min: 0, max: 0xffff }), fc.uint8Array({ minLength: 4, maxLength: 4 }));
  const full = (b: Uint8Array) => {
    const c = Uint8Array.from(b);
    c[10] = 0;
    c[11] = 0;
    return internetChecksum(c);
  };
  const u32 = (b: Uint8Array, i: number) => ((b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!) >>> 0;

  it('csum_replace4 / csum_replace2 agree with a recompute (up to the two zeros) and keep the sum valid', () => {
    fc.assert(
      fc.property(arb, ([bytes, w16, w32]) => {
        const b = Uint8Array.from(bytes);
        b[0] = 0x45; // never all-zero
        const c0 = full(b);
        b[10] = c0 >> 8;
        b[11] = c0 & 0xff;
        const from4 = u32(b, 4);
        b.set(w32, 4);
        const c1 = checksumReplace4(c0, from4, u32(b, 4));
        const from2 = (b[2]! << 8) | b[3]!;
        b[2] = w16 >> 8;
        b[3] = w16 & 0xff;
        const c2 = checksumReplace2(c1, from2, w16);
        b[10] = c2 >> 8;
        b[11] = c2 & 0xff;
        expect(onesComplementSum(b)).toBe(0xffff);
        const recomputed = full(b);
        expect(c2 === recomputed || (c2 === 0xffff && recomputed === 0) || (c2 === 0 && recomputed === 0xffff)).toBe(true);
      }),
    );
  });

  it('reproduces the kernel on a captured MASQUERADE un-NAT of a quoted UDP checksum', () => {
    // home-nat: the quoted datagram's UDP checksum 0x665d (partial, src 198.51.100.2) becomes
    // 0xcee0 on lan1's link when gw rewrites the inner source back to 192.168.1.10.
    expect(checksumReplace4(0x665d, 0xc6336402, 0xc0a8010a)).toBe(0xcee0);
    // and on the way out the partial checksum of the datagram itself: 0xfdd9 -> 0x665d
    expect(partialChecksumReplace4(0xfdd9, 0xc0a8010a, 0xc6336402)).toBe(0x665d);
    expect(pseudoHeaderSum(ip('198.51.100.2'), ip('203.0.113.10'), 17, 11)).toBe(0x665d);
  });
});
