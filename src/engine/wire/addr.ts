// Addresses as they appear in headers and tables: IPv4 addresses, prefixes and Ethernet MACs.
// Text forms are what `ip` prints ("10.0.1.10", "10.0.1.0/24", "02:00:00:00:00:01"); the
// numeric form of an IPv4 address is an unsigned 32-bit integer (network byte order value).

export type Ipv4Addr = string & { readonly __brand: 'Ipv4Addr' };
export type MacAddr = string & { readonly __brand: 'MacAddr' };
/** "a.b.c.d/len" with the host bits cleared, e.g. "10.0.1.0/24". */
export type Ipv4Cidr = string & { readonly __brand: 'Ipv4Cidr' };

export const BROADCAST_MAC = 'ff:ff:ff:ff:ff:ff' as MacAddr;
export const ZERO_MAC = '00:00:00:00:00:00' as MacAddr;
export const ZERO_IP = '0.0.0.0' as Ipv4Addr;
export const LIMITED_BROADCAST = '255.255.255.255' as Ipv4Addr;

const IPV4_RE = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const MAC_RE = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/;

export function isIpv4(s: string): s is Ipv4Addr {
  return IPV4_RE.test(s);
}

/** Parses dotted-quad text; returns undefined when it is not a valid IPv4 address. */
export function parseIpv4(s: string): Ipv4Addr | undefined {
  return IPV4_RE.test(s) ? (s as Ipv4Addr) : undefined;
}

const numCache = new Map<string, number>();

/** Numeric value (0 … 2^32-1) of an address already known to be valid. */
export function ipToNum(ip: Ipv4Addr): number {
  let n = numCache.get(ip);
  if (n !== undefined) return n;
  const p = ip.split('.');
  n = ((Number(p[0]) << 24) | (Number(p[1]) << 16) | (Number(p[2]) << 8) | Number(p[3])) >>> 0;
  if (numCache.size > 100_000) numCache.clear();
  numCache.set(ip, n);
  return n;
}

export function numToIp(n: number): Ipv4Addr {
  return `${(n >>> 24) & 255}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}` as Ipv4Addr;
}

/** Netmask of a prefix length as a number: 24 → 0xffffff00. */
export function prefixMask(len: number): number {
  return len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
}

export function maskToText(len: number): Ipv4Addr {
  return numToIp(prefixMask(len));
}

export function networkOf(ip: Ipv4Addr, len: number): Ipv4Addr {
  return numToIp((ipToNum(ip) & prefixMask(len)) >>> 0);
}

export function broadcastOf(ip: Ipv4Addr, len: number): Ipv4Addr {
  return numToIp((ipToNum(ip) | ~prefixMask(len)) >>> 0);
}

export function inPrefix(ip: Ipv4Addr, net: Ipv4Addr, len: number): boolean {
  const m = prefixMask(len);
  return ((ipToNum(ip) & m) >>> 0) === ((ipToNum(net) & m) >>> 0);
}

export function cidr(ip: Ipv4Addr, len: number): Ipv4Cidr {
  return `${networkOf(ip, len)}/${len}` as Ipv4Cidr;
}

export interface ParsedPrefix {
  ip: Ipv4Addr;
  len: number;
}

/**
 * Parses "a.b.c.d/len" or "a.b.c.d" (len 32). Host bits are kept (an interface address is
 * "10.0.1.10/24"); use networkOf to clear them.
 */
export function parsePrefix(s: string): ParsedPrefix | undefined {
  const slash = s.indexOf('/');
  const ipText = slash < 0 ? s : s.slice(0, slash);
  const ip = parseIpv4(ipText);
  if (!ip) return undefined;
  if (slash < 0) return { ip, len: 32 };
  const lenText = s.slice(slash + 1);
  if (!/^(3[0-2]|[12]?\d)$/.test(lenText)) return undefined;
  return { ip, len: Number(lenText) };
}

export const isMulticast = (ip: Ipv4Addr): boolean => ipToNum(ip) >>> 28 === 0xe;
export const isLoopback = (ip: Ipv4Addr): boolean => ipToNum(ip) >>> 24 === 127;
export const isZeronet = (ip: Ipv4Addr): boolean => ipToNum(ip) >>> 24 === 0;
export const isLimitedBroadcast = (ip: Ipv4Addr): boolean => ip === LIMITED_BROADCAST;

export function isMac(s: string): s is MacAddr {
  return MAC_RE.test(s);
}

/** Accepts upper or lower case and returns the canonical lower-case form. */
export function parseMac(s: string): MacAddr | undefined {
  const lower = s.toLowerCase();
  return MAC_RE.test(lower) ? (lower as MacAddr) : undefined;
}

export const isBroadcastMac = (m: MacAddr): boolean => m === BROADCAST_MAC;
/** Group bit: the least significant bit of the first octet (broadcast included). */
export const isGroupMac = (m: MacAddr): boolean => (parseInt(m.slice(0, 2), 16) & 1) === 1;

/** A locally administered unicast MAC 02:00:00:xx:xx:xx from a 24-bit serial number. */
export function macFromSerial(serial: number): MacAddr {
  const h = (n: number) => n.toString(16).padStart(2, '0');
  return `02:00:00:${h((serial >>> 16) & 255)}:${h((serial >>> 8) & 255)}:${h(serial & 255)}` as MacAddr;
}

export function macToBytes(m: MacAddr): number[] {
  return m.split(':').map((x) => parseInt(x, 16));
}

export function bytesToMac(b: ArrayLike<number>, off = 0): MacAddr {
  const h = (n: number) => (n & 255).toString(16).padStart(2, '0');
  return `${h(b[off]!)}:${h(b[off + 1]!)}:${h(b[off + 2]!)}:${h(b[off + 3]!)}:${h(b[off + 4]!)}:${h(b[off + 5]!)}` as MacAddr;
}
