// SipHash-2-4 as lib/siphash.c computes it (siphash() over an aligned buffer of whole 64-bit
// little-endian words, the length in the last word's top byte). Each 64-bit word is kept as two
// 32-bit halves in a Uint32Array (which wraps additions and shifts to 32 bits, and stores
// without allocating): BigInt arithmetic allocated on every operation and made the hash the most
// expensive step of forwarding on a multipath route.

/** A 128-bit SipHash key as four 32-bit words: k0's low and high half, then k1's. */
export type SipKey = readonly [k0lo: number, k0hi: number, k1lo: number, k1hi: number];

// The state v0..v3, each as [high, low] at 2i, 2i + 1.
const v = new Uint32Array(8);
const V0 = 0;
const V1 = 2;
const V2 = 4;
const V3 = 6;

/** v[a] += v[b] (mod 2^64) */
function add(a: number, b: number): void {
  const lo = (v[a + 1]! + v[b + 1]!) >>> 0;
  v[a] = v[a]! + v[b]! + (lo < v[a + 1]! ? 1 : 0);
  v[a + 1] = lo;
}

/** v[a] = rotl(v[a], n) ^ v[x], for 0 < n < 32 */
function rotlXor(a: number, n: number, x: number): void {
  const hi = v[a]!;
  const lo = v[a + 1]!;
  v[a] = ((hi << n) | (lo >>> (32 - n))) ^ v[x]!;
  v[a + 1] = ((lo << n) | (hi >>> (32 - n))) ^ v[x + 1]!;
}

/** v[a] = rotl(v[a], 32) */
function swap(a: number): void {
  const hi = v[a]!;
  v[a] = v[a + 1]!;
  v[a + 1] = hi;
}

function sipRound(): void {
  add(V0, V1);
  rotlXor(V1, 13, V0);
  swap(V0);
  add(V2, V3);
  rotlXor(V3, 16, V2);
  add(V0, V3);
  rotlXor(V3, 21, V0);
  add(V2, V1);
  rotlXor(V1, 17, V2);
  swap(V2);
}

function compress(hi: number, lo: number): void {
  v[V3] = v[V3]! ^ hi;
  v[V3 + 1] = v[V3 + 1]! ^ lo;
  sipRound();
  sipRound();
  v[V0] = v[V0]! ^ hi;
  v[V0 + 1] = v[V0 + 1]! ^ lo;
}

/** siphash(data, len, key): the 64-bit value as [low 32 bits, high 32 bits], for data whose length is a multiple of 8. */
export function siphash(data: Uint8Array, key: SipKey): [lo: number, hi: number] {
  if (data.length % 8 !== 0) throw new Error('siphash: the length must be a multiple of 8');
  v[V0] = 0x736f6d65 ^ key[1];
  v[V0 + 1] = 0x70736575 ^ key[0];
  v[V1] = 0x646f7261 ^ key[3];
  v[V1 + 1] = 0x6e646f6d ^ key[2];
  v[V2] = 0x6c796765 ^ key[1];
  v[V2 + 1] = 0x6e657261 ^ key[0];
  v[V3] = 0x74656462 ^ key[3];
  v[V3 + 1] = 0x79746573 ^ key[2];
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  for (let i = 0; i < data.length; i += 8) compress(view.getUint32(i + 4, true), view.getUint32(i, true));
  compress((data.length & 0xff) << 24, 0);
  v[V2 + 1] = v[V2 + 1]! ^ 0xff;
  for (let i = 0; i < 4; i++) sipRound();
  return [(v[V0 + 1]! ^ v[V1 + 1]! ^ v[V2 + 1]! ^ v[V3 + 1]!) >>> 0, (v[V0]! ^ v[V1]! ^ v[V2]! ^ v[V3]!) >>> 0];
}
