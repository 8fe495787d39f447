// The codec's byte-level tools (codec.ts, codec-l4.ts): a writer that appends big-endian fields
// and can record the byte/bit span of each field as it goes (so spans always match the bytes), and
// readers whose callers check the bounds.

import { ipToNum, macToBytes, numToIp, type Ipv4Addr, type MacAddr } from './addr';
import { bytesToHex, hexToBytes } from './hex';
import type { RawBytes } from './types';

/** Byte (and, for sub-byte fields, bit) range of one field in encodeFrame's output. */
export interface FieldSpan {
  /** dotted path of the field, e.g. 'ipv4.ttl', 'eth.vlans.0.vid', 'icmp.quote.udp.dstPort' */
  path: string;
  /** first byte of the field */
  offset: number;
  /** number of bytes the field touches */
  length: number;
  /** for sub-byte fields: bits from the most significant bit of the byte at `offset` */
  bitOffset?: number;
  bitLength?: number;
}

/** Bytes written so far, and the spans of their fields when asked for (fieldSpans). */
export interface Writer {
  out: number[];
  spans: FieldSpan[] | undefined;
}

/** Records the span of the field about to be written (`length` bytes from here). */
export function span(w: Writer, path: string, length: number): void {
  if (w.spans && length > 0) w.spans.push({ path, offset: w.out.length, length });
}

/** Writes one byte. */
export function put8(w: Writer, path: string, v: number): void {
  span(w, path, 1);
  w.out.push(v & 0xff);
}

/** Writes a 16-bit field, big-endian. */
export function put16(w: Writer, path: string, v: number): void {
  span(w, path, 2);
  w.out.push((v >>> 8) & 0xff, v & 0xff);
}

/** Writes a 32-bit field, big-endian. */
export function put32(w: Writer, path: string, v: number): void {
  span(w, path, 4);
  w.out.push((v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff);
}

/** Writes an IPv4 address (4 bytes). */
export function putIp(w: Writer, path: string, ip: Ipv4Addr): void {
  put32(w, path, ipToNum(ip));
}

/** Writes a MAC address (6 bytes). */
export function putMac(w: Writer, path: string, mac: MacAddr): void {
  span(w, path, 6);
  const b = macToBytes(mac);
  for (let i = 0; i < 6; i++) w.out.push((b[i] ?? 0) & 0xff);
}

/** Writes the bytes of a hex string. */
export function putHex(w: Writer, path: string, hex: string): void {
  const b = hexToBytes(hex);
  span(w, path, b.length);
  for (let i = 0; i < b.length; i++) w.out.push(b[i]!);
}

/** Writes `bytes` bytes made of bit fields, most significant first: [path, bitLength, value]. */
export function putBits(w: Writer, bytes: number, fields: readonly (readonly [string, number, number])[]): void {
  const base = w.out.length;
  let acc = 0;
  let bit = 0;
  for (const [path, len, value] of fields) {
    if (w.spans) {
      const first = bit >> 3;
      const last = (bit + len - 1) >> 3;
      w.spans.push({ path, offset: base + first, length: last - first + 1, bitOffset: bit - first * 8, bitLength: len });
    }
    acc = acc * 2 ** len + (value & (2 ** len - 1));
    bit += len;
  }
  for (let i = bytes - 1; i >= 0; i--) w.out[base + i] = Math.floor(acc / 2 ** (8 * (bytes - 1 - i))) & 0xff;
}

/** A flag as a bit. */
export const b2n = (b: boolean): number => (b ? 1 : 0);

/** An empty writer; `spans`: record every field's span. */
export const newWriter = (spans: boolean): Writer => ({ out: [], spans: spans ? [] : undefined });

/** Bytes no layer decodes, as they are. */
export function writeRaw(w: Writer, pre: string, r: RawBytes): void {
  putHex(w, `${pre}raw.data`, r.data);
}

// Reading (every read is bounds-checked by its caller; nothing here throws)

/** Number of bytes a hex string holds. */
export const hexLen = (hex: string): number => hex.length >> 1;

/** A 16-bit big-endian field. */
export const rd16 = (b: Uint8Array, i: number): number => (b[i]! << 8) | b[i + 1]!;
/** A 32-bit big-endian field. */
export const rd32 = (b: Uint8Array, i: number): number => ((b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!) >>> 0;
/** An IPv4 address. */
export const rdIp = (b: Uint8Array, i: number): Ipv4Addr => numToIp(rd32(b, i));
/** Bytes kept as they are (RawBytes). */
export const raw = (b: Uint8Array): RawBytes => ({ kind: 'raw', data: bytesToHex(b) });

/** Equal byte arrays. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** UTF-8 of a string (the engine's lib has no TextEncoder). */
export function utf8(s: string): Uint8Array {
  const out: number[] = [];
  for (const ch of s) {
    let c = ch.codePointAt(0)!;
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd; // a lone surrogate
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(out);
}
