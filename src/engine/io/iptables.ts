// `iptables -t nat -A …` lines: the NAT rules packetwalk models (MASQUERADE, SNAT, DNAT with
// -i/-o, -s/-d, -p, --sport/--dport), read into NatRule and written back as typed (as
// `iptables -t nat -S` lists them: iptables-save.ts). Anything else iptables can do is refused
// with a message saying what is supported.

import { parseIpv4, parsePrefix } from '../wire/addr';
import type { IfAddr, NatRule } from '../topology';

export type RuleParse = { kind: 'ok'; rule: NatRule } | { kind: 'error'; message: string };

const fail = (message: string): RuleParse => ({ kind: 'error', message });
const SUPPORTED = 'supported: iptables -t nat -A PREROUTING|POSTROUTING [-i|-o IF] [-s|-d CIDR] [-p udp|tcp|icmp] [--sport|--dport N] -j MASQUERADE | SNAT --to-source ADDR[:PORT[-PORT]] | DNAT --to-destination ADDR[:PORT[-PORT]]';

function port(v: string | undefined): number | undefined {
  return v !== undefined && /^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 65535 ? Number(v) : undefined;
}

function cidr(v: string | undefined): IfAddr | undefined {
  if (v === undefined) return undefined;
  const p = parsePrefix(v);
  return p ? { ip: p.ip, len: p.len } : undefined;
}

/** Parses the words after `iptables` (the command name already removed). */
export function parseIptables(words: string[]): RuleParse {
  let table = 'filter';
  let chain: string | undefined;
  let target: string | undefined;
  const rule: Partial<NatRule> = {};
  let toSpec: string | undefined;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const v = words[i + 1];
    const need = (): string | undefined => {
      i++;
      return v;
    };
    switch (w) {
      case '-t':
      case '--table':
        table = need() ?? '';
        break;
      case '-A':
      case '--append':
        chain = need();
        break;
      case '-I':
      case '--insert':
      case '-D':
      case '-F':
      case '-P':
      case '-N':
      case '-X':
      case '-R':
        return fail(`iptables ${w} is not supported: rules are appended with -A (${SUPPORTED})`);
      case '-i':
      case '--in-interface':
        if (!v) return fail('iptables: -i needs an interface');
        rule.in = need()!;
        break;
      case '-o':
      case '--out-interface':
        if (!v) return fail('iptables: -o needs an interface');
        rule.out = need()!;
        break;
      case '-s':
      case '--source':
      case '--src': {
        const c = cidr(need());
        if (!c) return fail(`iptables: host/network \`${v ?? ''}' not found`);
        rule.src = c;
        break;
      }
      case '-d':
      case '--destination':
      case '--dst': {
        const c = cidr(need());
        if (!c) return fail(`iptables: host/network \`${v ?? ''}' not found`);
        rule.dst = c;
        break;
      }
      case '-p':
      case '--protocol': {
        const p = need();
        if (p !== 'udp' && p !== 'tcp' && p !== 'icmp') return fail(`iptables: protocol "${p ?? ''}" is not supported (udp, tcp, icmp)`);
        rule.proto = p;
        break;
      }
      case '-m':
      case '--match': {
        const m = need();
        if (m !== 'udp' && m !== 'tcp') return fail(`iptables: match "-m ${m ?? ''}" is not supported`);
        break;
      }
      case '--sport':
      case '--source-port':
      case '--dport':
      case '--destination-port': {
        const p = port(need());
        if (p === undefined) return fail(`iptables: invalid port "${v ?? ''}" for ${w}`);
        if (w.includes('d')) rule.dport = p;
        else rule.sport = p;
        break;
      }
      case '-j':
      case '--jump':
        target = need();
        break;
      case '--to-source':
      case '--to-destination':
      case '--to':
        toSpec = need();
        break;
      default:
        if (w.startsWith('!')) return fail(`iptables: negated matches ("${w}") are not supported (${SUPPORTED})`);
        return fail(`iptables: "${w}" is not supported (${SUPPORTED})`);
    }
  }
  if (table !== 'nat') return fail(`iptables: only the nat table is modelled (-t nat), not "${table}"`);
  if (chain !== 'PREROUTING' && chain !== 'POSTROUTING') return fail(`iptables: chain "${chain ?? '(none)'}" is not supported (PREROUTING, POSTROUTING)`);
  if (target !== 'MASQUERADE' && target !== 'SNAT' && target !== 'DNAT') return fail(`iptables: target "${target ?? '(none)'}" is not supported (MASQUERADE, SNAT, DNAT)`);
  if ((rule.sport !== undefined || rule.dport !== undefined) && rule.proto !== 'udp' && rule.proto !== 'tcp') {
    return fail('iptables v1.8: unknown option "--dport" (a port match needs -p udp or -p tcp)');
  }
  if (chain === 'PREROUTING' && rule.out) return fail("iptables v1.8: Can't use -o with PREROUTING");
  if (chain === 'POSTROUTING' && rule.in) return fail("iptables v1.8: Can't use -i with POSTROUTING");
  if (target === 'DNAT' && chain !== 'PREROUTING') return fail('iptables: DNAT belongs in PREROUTING here');
  if ((target === 'SNAT' || target === 'MASQUERADE') && chain !== 'POSTROUTING') return fail(`iptables: ${target} belongs in POSTROUTING`);
  if (target === 'MASQUERADE') {
    if (toSpec !== undefined) return fail('iptables: MASQUERADE takes no --to (use SNAT --to-source ADDR)');
  } else {
    if (toSpec === undefined) return fail(`iptables: ${target} needs ${target === 'SNAT' ? '--to-source' : '--to-destination'} ADDR[:PORT[-PORT]]`);
    const m = /^([^:]+)(?::(\d+)(?:-(\d+))?)?$/.exec(toSpec);
    const addr = m ? parseIpv4(m[1]!) : undefined;
    if (!m || !addr) return fail(`iptables: bad IP address "${toSpec}"`);
    rule.toAddr = addr;
    if (m[2] !== undefined) {
      const p = port(m[2]);
      if (p === undefined) return fail(`iptables: port "${m[2]}" is not valid`);
      if (rule.proto !== 'udp' && rule.proto !== 'tcp') return fail('iptables: a port in --to needs -p tcp or -p udp');
      rule.toPort = p;
      if (m[3] !== undefined) {
        const max = port(m[3]);
        if (max === undefined || max < p) return fail(`iptables: port range "${m[2]}-${m[3]}" is not valid`);
        if (max > p) rule.toPortMax = max;
      }
    }
  }
  return { kind: 'ok', rule: { chain, target, ...rule } as NatRule };
}

/** Where a rule's target sends the packet: `ADDR[:PORT[-PORT]]` (DNAT, SNAT), '' for MASQUERADE. */
export const natTo = (r: NatRule): string =>
  r.toAddr ? `${r.toAddr}${r.toPort !== undefined ? `:${r.toPort}${r.toPortMax !== undefined ? `-${r.toPortMax}` : ''}` : ''}` : '';

/** The target and its options: `-j DNAT --to-destination 192.168.1.10:80`. */
export function targetWords(r: NatRule): string[] {
  const w = ['-j', r.target];
  if (r.toAddr) w.push(r.target === 'SNAT' ? '--to-source' : '--to-destination', natTo(r));
  return w;
}

/** A rule as the words after `iptables -t nat`, in the order packetwalk writes them: `-A POSTROUTING -o eth2 -j MASQUERADE`. */
export function iptablesRule(r: NatRule): string {
  const w = ['-A', r.chain];
  if (r.in) w.push('-i', r.in);
  if (r.out) w.push('-o', r.out);
  if (r.src) w.push('-s', `${r.src.ip}/${r.src.len}`);
  if (r.dst) w.push('-d', `${r.dst.ip}/${r.dst.len}`);
  if (r.proto) w.push('-p', r.proto);
  if (r.sport !== undefined) w.push('--sport', String(r.sport));
  if (r.dport !== undefined) w.push('--dport', String(r.dport));
  return [...w, ...targetWords(r)].join(' ');
}

/** The `iptables` command line of a rule. */
export function iptablesText(r: NatRule): string {
  return `iptables -t nat ${iptablesRule(r)}`;
}
