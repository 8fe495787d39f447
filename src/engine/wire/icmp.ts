// ICMP (RFC 792, RFC 1812 for router errors): echo request/reply and the error messages that
// quote the offending datagram. The quote follows Linux icmp_send(): as much of the original
// as fits in a 576-byte error (576 - 20 IP header - 8 ICMP header = 548 bytes of quote).

import type { Ipv4Addr } from './addr';
import { internetChecksum } from './checksum';
import { encodeIpv4, tryDecodeIpv4 } from './codec';
import { encodeL4, ICMP_LAYOUT, icmpLayout } from './codec-l4';
import { bytesToHex } from './hex';
import type { IcmpMessage, Ipv4Packet } from './types';

/** The RFC 1071 checksum of the whole message (header with checksum 0, and body) as stored. */
export function icmpChecksum(m: IcmpMessage): number {
  return internetChecksum(encodeL4({ ...m, checksum: 0 }));
}

/** Echo request (8) or reply (0). `data` is the hex payload (ping: 56 bytes by default). */
export function buildIcmpEcho(a: { type: 0 | 8; identifier: number; sequence: number; data: string; code?: number }): IcmpMessage {
  const m: IcmpMessage = {
    kind: 'icmp',
    type: a.type,
    code: a.code ?? 0,
    checksum: 0,
    identifier: a.identifier & 0xffff,
    sequence: a.sequence & 0xffff,
    data: a.data,
  };
  m.checksum = icmpChecksum(m);
  return m;
}

/**
 * The messages that quote a datagram: the errors (3 destination unreachable, 4 source quench,
 * 11 time exceeded, 12 parameter problem) and the redirect (5). No error is sent about one of
 * them, and conntrack relates them to the connection of the datagram they quote.
 */
export const ICMP_ERROR_TYPES: ReadonlySet<number> = new Set([3, 4, 5, 11, 12]);

/** Linux icmp_send(): an ICMP error is at most 576 bytes long. */
export const ICMP_ERROR_MAX_BYTES = 576;

/**
 * An error (3 destination unreachable, 4 source quench, 11 time exceeded, 12 parameter problem)
 * or a redirect (5, with `gateway`), quoting `original` as it is encoded: its first
 * min(length, maxBytes - 20 - 8) bytes, decoded back (so a truncated quote has a shortened or
 * raw payload). `rest` is the second word (next-hop MTU for 3/4, pointer<<24 for 12; default 0).
 * `maxBytes` is the whole error packet's limit (Linux: min(576, route MTU), minus IP options).
 */
export function buildIcmpError(a: { type: number; code: number; original: Ipv4Packet; rest?: number; gateway?: Ipv4Addr; maxBytes?: number }): IcmpMessage {
  const layout = icmpLayout(a.type);
  if (layout !== ICMP_LAYOUT.error && layout !== ICMP_LAYOUT.redirect) throw new Error(`buildIcmpError: ICMP type ${a.type} does not quote a datagram`);
  const bytes = encodeIpv4(a.original);
  const n = Math.min(bytes.length, Math.max(0, (a.maxBytes ?? ICMP_ERROR_MAX_BYTES) - 20 - 8));
  const quoted = bytes.subarray(0, n);
  const quote = tryDecodeIpv4(quoted);
  const m: IcmpMessage = { kind: 'icmp', type: a.type, code: a.code, checksum: 0 };
  if (layout === ICMP_LAYOUT.redirect) m.gateway = a.gateway ?? ('0.0.0.0' as Ipv4Addr);
  else m.rest = (a.rest ?? 0) >>> 0;
  if (quote) m.quote = quote;
  else m.data = bytesToHex(quoted);
  m.checksum = icmpChecksum(m);
  return m;
}
