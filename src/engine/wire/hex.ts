// Hex text <-> bytes. Payloads in the frame types are lower-case hex strings, two digits per
// byte, no separators; this is the one place that converts them.

const HEX_DIGITS = '0123456789abcdef';
const BYTE_TO_HEX: readonly string[] = Array.from({ length: 256 }, (_, i) => HEX_DIGITS[i >> 4]! + HEX_DIGITS[i & 15]!);

function nibble(c: number): number {
  if (c >= 48 && c <= 57) return c - 48; // 0-9
  if (c >= 97 && c <= 102) return c - 87; // a-f
  if (c >= 65 && c <= 70) return c - 55; // A-F
  return -1;
}

/**
 * Parses hex text (either case; whitespace is ignored so dumps can be pasted). Throws on an odd
 * number of digits or a character that is not a hex digit.
 */
export function hexToBytes(hex: string): Uint8Array {
  const s = /\s/.test(hex) ? hex.replace(/\s+/g, '') : hex;
  if (s.length % 2 !== 0) throw new Error(`hexToBytes: odd number of hex digits (${s.length})`);
  const out = new Uint8Array(s.length / 2);
  for (let i = 0; i < out.length; i++) {
    const hi = nibble(s.charCodeAt(2 * i));
    const lo = nibble(s.charCodeAt(2 * i + 1));
    if (hi < 0 || lo < 0) throw new Error(`hexToBytes: not a hex digit near offset ${2 * i}`);
    out[i] = (hi << 4) | lo;
  }
  return out;
}

/** Lower-case hex, two digits per byte, no separators. Values are taken modulo 256. */
export function bytesToHex(b: ArrayLike<number>): string {
  let s = '';
  for (let i = 0; i < b.length; i++) s += BYTE_TO_HEX[(b[i] ?? 0) & 255]!;
  return s;
}

/** Number of bytes a well-formed hex string stands for. */
export const hexByteLength = (hex: string): number => hex.length >> 1;
