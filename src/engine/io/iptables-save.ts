// The nat table as `iptables -t nat -S` prints it (iptables-save's format): each built-in chain's
// policy, then the rules chain by chain in iptables' own option order. Kept apart from
// iptables.ts, which the editor's model needs on the page's first load: only the inspector shows
// this, and it loads with the inspector.

import { networkOf } from '../wire/addr';
import type { IfAddr, NatRule } from '../topology';
import { targetWords } from './iptables';

/** The nat table's built-in chains, in the order `iptables -S` lists them. */
export const NAT_CHAINS = ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'] as const;

/** a.b.c.d/len with the host bits cleared, as iptables stores a -s/-d match; undefined for /0 (no match). */
export function maskedPrefix(p: IfAddr): string | undefined {
  return p.len === 0 ? undefined : `${networkOf(p.ip, p.len)}/${p.len}`;
}

/**
 * One rule as `iptables -S` prints it, in iptables' own option order (-s -d -i -o -p, the implicit
 * `-m tcp` or `-m udp` of a port match, --sport --dport, -j and the target's options), networks
 * with their host bits cleared and a /32 on an address, a 0.0.0.0/0 match left out (as iptables
 * v1.8.9 prints them, checked on Linux).
 */
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
  return [...w, ...targetWords(r)].join(' ');
}

/** What `iptables -t nat -S` prints for a node's rules: each chain's policy, then the rules chain by chain. */
export function iptablesNatS(rules: readonly NatRule[]): string {
  const policies = NAT_CHAINS.map((c) => `-P ${c} ACCEPT`);
  const appended = NAT_CHAINS.flatMap((c) => rules.filter((r) => r.chain === c).map(iptablesSaveLine));
  return [...policies, ...appended].join('\n');
}
