// A node's NAT rules as the inspector's rows show them (the match as parts) and the port-forward
// form's rule. The rules' own text (as typed, and as `iptables -t nat -S` lists them) is the
// engine's (engine/pure: iptablesRule, iptablesNatS).

import type { NatRule } from '../../engine';

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
