// The nat table as iptables prints it, computed from a node's rules: `iptables -t nat -S` lists
// each built-in chain's policy (`-P PREROUTING ACCEPT`, INPUT, OUTPUT, POSTROUTING), then the
// rules chain by chain, each in iptables' own option order (-s -d -i -o -p, the implicit `-m tcp`
// or `-m udp` of a port match, --sport --dport, -j and the target's options), networks written
// with their host bits cleared and a /32 on an address, a 0.0.0.0/0 match left out (as
// iptables v1.8.9 prints them, checked on Linux).

import type { IfAddr, NatRule } from '../../engine';

/** The nat table's built-in chains, in the order iptables lists them. */
export const NAT_CHAINS = ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'] as const;

function ipToInt(ip: string): number {
  return ip.split('.').reduce((n, o) => n * 256 + Number(o), 0);
}

function intToIp(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}

/** a.b.c.d/len with the host bits cleared, as iptables stores a -s/-d match; undefined for /0. */
export function maskedPrefix(p: IfAddr): string | undefined {
  if (p.len === 0) return undefined;
  const size = 2 ** (32 - p.len);
  return `${intToIp(Math.floor(ipToInt(p.ip) / size) * size)}/${p.len}`;
}

/** One rule as `iptables -S` prints it: `-A POSTROUTING -o eth2 -j MASQUERADE`. */
export function iptablesSaveLine(r: NatRule): string {
  const w: string[] = ['-A', r.chain];
  const src = r.src && maskedPrefix(r.src);
  const dst = r.dst && maskedPrefix(r.dst);
  if (src) w.push('-s', src);
  if (dst) w.push('-d', dst);
  if (r.in) w.push('-i', r.in);
  if (r.out) w.push('-o', r.out);
  if (r.proto) w.push('-p', r.proto);
  if ((r.proto === 'tcp' || r.proto === 'udp') && (r.sport !== undefined || r.dport !== undefined)) w.push('-m', r.proto);
  if (r.sport !== undefined) w.push('--sport', String(r.sport));
  if (r.dport !== undefined) w.push('--dport', String(r.dport));
  w.push('-j', r.target);
  if (r.toAddr) w.push(r.target === 'SNAT' ? '--to-source' : '--to-destination', `${r.toAddr}${r.toPort !== undefined ? `:${r.toPort}` : ''}`);
  return w.join(' ');
}

/** What `iptables -t nat -S` prints for these rules. */
export function iptablesNatS(rules: readonly NatRule[]): string {
  const policies = NAT_CHAINS.map((c) => `-P ${c} ACCEPT`);
  const appended = NAT_CHAINS.flatMap((c) => rules.filter((r) => r.chain === c).map(iptablesSaveLine));
  return [...policies, ...appended].join('\n');
}

/** One part of a rule's match for a table cell: `in wan`, `udp`, `dport 8053`, … (keys of nat.match.*). */
export interface MatchPart {
  key: 'in' | 'out' | 'src' | 'dst' | 'proto' | 'sport' | 'dport';
  value: string;
}

export function matchParts(r: NatRule): MatchPart[] {
  const parts: MatchPart[] = [];
  if (r.in) parts.push({ key: 'in', value: r.in });
  if (r.out) parts.push({ key: 'out', value: r.out });
  if (r.src) parts.push({ key: 'src', value: `${r.src.ip}/${r.src.len}` });
  if (r.dst) parts.push({ key: 'dst', value: `${r.dst.ip}/${r.dst.len}` });
  if (r.proto) parts.push({ key: 'proto', value: r.proto });
  if (r.sport !== undefined) parts.push({ key: 'sport', value: String(r.sport) });
  if (r.dport !== undefined) parts.push({ key: 'dport', value: String(r.dport) });
  return parts;
}

/** Where a rule sends the packet: `192.168.1.10:53` (DNAT, SNAT), '' for MASQUERADE. */
export const toText = (r: NatRule): string => (r.toAddr ? `${r.toAddr}${r.toPort !== undefined ? `:${r.toPort}` : ''}` : '');

/** What the port-forward form holds, as typed. */
export interface PortForwardFields {
  /** the interface outside traffic comes in on (the WAN); '' for any */
  in: string;
  proto: 'tcp' | 'udp';
  port: string;
  toAddr: string;
  /** '' keeps the port */
  toPort: string;
}

/**
 * The rule of a port forward: `-A PREROUTING -i WAN -p PROTO --dport PORT -j DNAT --to-destination
 * ADDR[:PORT]`, with the fields as typed (the worker says what is wrong with them, in iptables' words).
 */
export function portForwardLine(f: PortForwardFields): string {
  const to = `${f.toAddr.trim()}${f.toPort.trim() ? `:${f.toPort.trim()}` : ''}`;
  return `-A PREROUTING${f.in ? ` -i ${f.in}` : ''} -p ${f.proto} --dport ${f.port.trim()} -j DNAT --to-destination ${to}`;
}
