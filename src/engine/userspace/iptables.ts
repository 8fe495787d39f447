// iptables(8) for the nat table packetwalk models: `-L [CHAIN] [-n] [-v] [--line-numbers]` in
// iptables' column layout (v1.8.9, checked on Linux), `-S [CHAIN]`, `-A`, `-I CHAIN [N]`,
// `-D CHAIN N|RULE`, `-F [CHAIN]`, with iptables' own messages. The filter table is listed empty
// (policy ACCEPT): packetwalk filters nothing. Rules are read by io/iptables.ts, like the files'.

import type { IfAddr, NatRule } from '../topology';
import { parseIptables } from '../io/iptables';
import { iptablesSaveLine, maskedPrefix, NAT_CHAINS } from '../io/iptables-save';
import { serviceName } from './services';
import { changed, failed, printed, type Program, type ShellEnv, type ShellResult } from './shell';

const FILTER_CHAINS = ['INPUT', 'FORWARD', 'OUTPUT'] as const;
const COMMANDS = new Set(['-L', '--list', '-S', '--list-rules', '-A', '--append', '-I', '--insert', '-D', '--delete', '-F', '--flush']);
const PROTO_NUM: Record<string, string> = { all: '0', tcp: '6', udp: '17', icmp: '1' };

interface ListOptions {
  numeric: boolean;
  verbose: boolean;
  lineNumbers: boolean;
}

/** A -s/-d column: anywhere (or 0.0.0.0/0 with -n), a network, or an address alone for a /32. */
function addrColumn(p: IfAddr | undefined, numeric: boolean): string {
  const m = p && maskedPrefix(p);
  if (!m) return numeric ? '0.0.0.0/0' : 'anywhere';
  return m.endsWith('/32') ? m.slice(0, -3) : m;
}

/** One rule as `iptables -L` lists it. */
function listLine(r: NatRule, n: number, o: ListOptions): string {
  const prot = r.proto ?? 'all';
  let s = o.lineNumbers ? `${String(n).padEnd(4)} ` : '';
  if (o.verbose) s += '    0     0 ';
  s += `${r.target.padEnd(9)}  ${(o.numeric ? PROTO_NUM[prot]! : prot).padEnd(4)} --  `;
  if (o.verbose) s += `${(r.in ?? (o.numeric ? '*' : 'any')).padEnd(6)} ${(r.out ?? (o.numeric ? '*' : 'any')).padEnd(6)}  `;
  s += `${addrColumn(r.src, o.numeric).padEnd(20)} ${addrColumn(r.dst, o.numeric).padEnd(20)}`;
  const port = (p: number) => (o.numeric || (r.proto !== 'tcp' && r.proto !== 'udp') ? String(p) : serviceName(p, r.proto));
  const extra: string[] = [];
  if ((r.proto === 'tcp' || r.proto === 'udp') && (r.sport !== undefined || r.dport !== undefined)) {
    extra.push([r.proto, r.sport !== undefined ? `spt:${port(r.sport)}` : '', r.dport !== undefined ? `dpt:${port(r.dport)}` : ''].filter(Boolean).join(' '));
  }
  if (r.toAddr) extra.push(`to:${r.toAddr}${r.toPort !== undefined ? `:${r.toPort}` : ''}`);
  return s + extra.map((e) => ' ' + e).join('') + '\n';
}

function list(chains: readonly string[], rules: readonly NatRule[], o: ListOptions): string {
  const head = `${o.lineNumbers ? 'num  ' : ''}${o.verbose ? ' pkts bytes ' : ''}target     prot opt ${o.verbose ? 'in     out     ' : ''}source               destination         \n`;
  return chains
    .map((c) => {
      const own = rules.filter((r) => r.chain === c);
      return `Chain ${c} (policy ACCEPT${o.verbose ? ' 0 packets, 0 bytes' : ''})\n${head}${own.map((r, i) => listLine(r, i + 1, o)).join('')}`;
    })
    .join('\n');
}

const noChain = (chain: string, table: string) => failed(`iptables v1.8.9 (nf_tables): chain \`${chain}' in table \`${table}' is incompatible, use 'nft' tool.`, 1);

function edit(env: ShellEnv, fn: (rules: NatRule[]) => NatRule[] | ShellResult): ShellResult {
  if (env.node.kind !== 'linux') return failed('iptables: this device is a switch (packetwalk models NAT on linux nodes)', 1);
  const node = env.node;
  const next = fn((node.nat ?? []).slice());
  if (!Array.isArray(next)) return next;
  const { nat: _old, ...rest } = node;
  const updated = next.length ? { ...node, nat: next } : rest;
  return changed({ ...env.topology, nodes: env.topology.nodes.map((n) => (n === node ? updated : n)) });
}

/** A rule given after `-A|-I|-D CHAIN`: parsed as the files' rules are, its interfaces checked. */
function rule(env: ShellEnv, chain: string, words: string[]): NatRule | ShellResult {
  const r = parseIptables(['-t', 'nat', '-A', chain, ...words]);
  if (r.kind === 'error') return failed(r.message, 2);
  const devs = new Set([...env.node.ifaces.map((i) => i.name), 'lo']);
  for (const dev of [r.rule.in, r.rule.out]) {
    if (dev !== undefined && !devs.has(dev)) return failed(`iptables: interface "${dev}" does not exist on ${env.node.name} (iptables would accept it; packetwalk refuses the mistake)`, 2);
  }
  return r.rule;
}

export const iptables: Program = (args, env) => {
  let table = 'filter';
  let command: string | undefined;
  let chain: string | undefined;
  const o: ListOptions = { numeric: false, verbose: false, lineNumbers: false };
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-t' || a === '--table') table = args[++i] ?? '';
    else if (COMMANDS.has(a) && command === undefined) {
      command = a.length > 2 ? `-${a[2]!.toUpperCase()}` : a;
      if (a === '--list-rules') command = '-S';
      const next = args[i + 1];
      if (next !== undefined && !next.startsWith('-')) chain = args[++i];
    } else if (/^-[nvx]+$/.test(a) && a.length > 1) {
      if (a.includes('n')) o.numeric = true;
      if (a.includes('v')) o.verbose = true;
    } else if (a === '--numeric') o.numeric = true;
    else if (a === '--verbose') o.verbose = true;
    else if (a === '--line-numbers') o.lineNumbers = true;
    else if (chain === undefined && rest.length === 0 && (command === '-L' || command === '-S' || command === '-F') && !a.startsWith('-')) chain = a;
    else rest.push(a);
  }
  if (command === undefined) return failed("iptables v1.8.9 (nf_tables): no command specified\nTry `iptables -h' or 'iptables --help' for more information.", 2);
  if (table !== 'nat' && table !== 'filter') return failed(`iptables v1.8.9 (nf_tables): table '${table}' does not exist\nPerhaps iptables or your kernel needs to be upgraded.`, 3);
  const chains: readonly string[] = table === 'nat' ? NAT_CHAINS : FILTER_CHAINS;
  if (chain !== undefined && !chains.includes(chain)) return command === '-L' || command === '-S' ? noChain(chain, table) : failed('iptables: No chain/target/match by that name.', 1);
  const rules = table === 'nat' && env.node.kind === 'linux' ? (env.node.nat ?? []) : [];
  if (command === '-L') return printed(list(chain ? [chain] : chains, rules, o));
  if (command === '-S') {
    const shown = chain ? [chain] : chains;
    return printed([...shown.map((c) => `-P ${c} ACCEPT`), ...shown.flatMap((c) => rules.filter((r) => r.chain === c).map(iptablesSaveLine))].join('\n') + '\n');
  }
  if (table !== 'nat') return failed(`iptables: packetwalk models the nat table only (iptables -t nat ${command} …)`, 1);
  if (command === '-F') return edit(env, (rs) => (chain ? rs.filter((r) => r.chain !== chain) : []));
  if (chain === undefined) return failed(`iptables v1.8.9 (nf_tables): option "${command}" requires a chain name`, 2);
  if (command === '-D' && rest.length === 1 && /^\d+$/.test(rest[0]!)) {
    const n = Number(rest[0]);
    return edit(env, (rs) => {
      const own = rs.filter((r) => r.chain === chain);
      if (n < 1 || n > own.length) return failed('iptables: Index of deletion too big.', 1);
      return rs.filter((r) => r !== own[n - 1]);
    });
  }
  let at: number | undefined;
  if (command === '-I' && rest[0] !== undefined && /^\d+$/.test(rest[0])) at = Number(rest.shift());
  const r = rule(env, chain, rest);
  if (!('chain' in r)) return r;
  return edit(env, (rs) => {
    const own = rs.filter((x) => x.chain === chain);
    if (command === '-D') {
      const k = own.findIndex((x) => iptablesSaveLine(x) === iptablesSaveLine(r));
      return k < 0 ? failed('iptables: Bad rule (does a matching rule exist in that chain?).', 1) : rs.filter((x) => x !== own[k]);
    }
    if (command === '-A') return [...rs, r];
    const n = at ?? 1;
    if (n < 1 || n > own.length + 1) return failed('iptables: Index of insertion too big.', 1);
    // Before the chain's rule n (or after its last one), where it sits among all the node's rules.
    const before = own[n - 1];
    const k = before ? rs.indexOf(before) : own.length ? rs.indexOf(own[own.length - 1]!) + 1 : rs.length;
    return [...rs.slice(0, k), r, ...rs.slice(k)];
  });
};
