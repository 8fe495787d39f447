import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bytesToHex, hexByteLength, hexToBytes } from './hex';

describe('hex', () => {
  it('converts both ways, lower-case, no separators', () => {
    expect(bytesToHex([0, 1, 0xab, 0xff])).toBe('0001abff');
    expect(Array.from(hexToBytes('0001ABff'))).toEqual([0, 1, 0xab, 0xff]);
    expect(Array.from(hexToBytes('00 01\nab ff'))).toEqual([0, 1, 0xab, 0xff]);
    expect(hexToBytes('').length).toBe(0);
    expect(hexByteLength('0001ab')).toBe(3);
  });

  it('rejects odd lengths and non-hex characters', () => {
    expect(() => hexToBytes('abc')).toThrow(/odd/);
    expect(() => hexToBytes('zz')).toThrow(/hex digit/);
    expect(() => hexToBytes('0x00')).toThrow();
  });

  it('round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (b) => {
        expect(hexToBytes(bytesToHex(b))).toEqual(b);
      }),
    );
  });
});
