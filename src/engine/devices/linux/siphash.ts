// SipHash-2-4 as lib/siphash.c computes it (siphash() over an aligned buffer of whole 64-bit
// little-endian words, the length in the last word's top byte). Each 64-bit word is kept as two
// 32-bit halves (high, low) in plain numbers: BigInt arithmetic allocates on every operation
// and made the hash the most expensive step of forwarding on a multipath route.

/** A 128-bit SipHash key as four 32-bit words: k0's low and high half, then k1's. */
export type SipKey = readonly [k0lo: number, k0hi: number, k1lo: number, k1hi: number];

/** siphash(data, len, key): the 64-bit value as [low 32 bits, high 32 bits], for data whose length is a multiple of 8. */
export function siphash(data: Uint8Array, key: SipKey): [lo: number, hi: number] {
  if (data.length % 8 !== 0) throw new Error('siphash: the length must be a multiple of 8');
  let v0h = (0x736f6d65 ^ key[1]) >>> 0;
  let v0l = (0x70736575 ^ key[0]) >>> 0;
  let v1h = (0x646f7261 ^ key[3]) >>> 0;
  let v1l = (0x6e646f6d ^ key[2]) >>> 0;
  let v2h = (0x6c796765 ^ key[1]) >>> 0;
  let v2l = (0x6e657261 ^ key[0]) >>> 0;
  let v3h = (0x74656462 ^ key[3]) >>> 0;
  let v3l = (0x79746573 ^ key[2]) >>> 0;

  const round = () => {
    let l: number, h: number;
    // v0 += v1; v1 = rotl(v1, 13) ^ v0; v0 = rotl(v0, 32)
    l = (v0l + v1l) >>> 0;
    v0h = (v0h + v1h + (l < v0l ? 1 : 0)) >>> 0;
    v0l = l;
    h = ((v1h << 13) | (v1l >>> 19)) >>> 0;
    l = ((v1l << 13) | (v1h >>> 19)) >>> 0;
    v1h = (h ^ v0h) >>> 0;
    v1l = (l ^ v0l) >>> 0;
    h = v0h;
    v0h = v0l;
    v0l = h;
    // v2 += v3; v3 = rotl(v3, 16) ^ v2
    l = (v2l + v3l) >>> 0;
    v2h = (v2h + v3h + (l < v2l ? 1 : 0)) >>> 0;
    v2l = l;
    h = ((v3h << 16) | (v3l >>> 16)) >>> 0;
    l = ((v3l << 16) | (v3h >>> 16)) >>> 0;
    v3h = (h ^ v2h) >>> 0;
    v3l = (l ^ v2l) >>> 0;
    // v0 += v3; v3 = rotl(v3, 21) ^ v0
    l = (v0l + v3l) >>> 0;
    v0h = (v0h + v3h + (l < v0l ? 1 : 0)) >>> 0;
    v0l = l;
    h = ((v3h << 21) | (v3l >>> 11)) >>> 0;
    l = ((v3l << 21) | (v3h >>> 11)) >>> 0;
    v3h = (h ^ v0h) >>> 0;
    v3l = (l ^ v0l) >>> 0;
    // v2 += v1; v1 = rotl(v1, 17) ^ v2; v2 = rotl(v2, 32)
    l = (v2l + v1l) >>> 0;
    v2h = (v2h + v1h + (l < v2l ? 1 : 0)) >>> 0;
    v2l = l;
    h = ((v1h << 17) | (v1l >>> 15)) >>> 0;
    l = ((v1l << 17) | (v1h >>> 15)) >>> 0;
    v1h = (h ^ v2h) >>> 0;
    v1l = (l ^ v2l) >>> 0;
    h = v2h;
    v2h = v2l;
    v2l = h;
  };
  const compress = (mh: number, ml: number) => {
    v3h = (v3h ^ mh) >>> 0;
    v3l = (v3l ^ ml) >>> 0;
    round();
    round();
    v0h = (v0h ^ mh) >>> 0;
    v0l = (v0l ^ ml) >>> 0;
  };
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  for (let i = 0; i < data.length; i += 8) compress(view.getUint32(i + 4, true), view.getUint32(i, true));
  compress(((data.length & 0xff) << 24) >>> 0, 0);
  v2l = (v2l ^ 0xff) >>> 0;
  round();
  round();
  round();
  round();
  return [(v0l ^ v1l ^ v2l ^ v3l) >>> 0, (v0h ^ v1h ^ v2h ^ v3h) >>> 0];
}
