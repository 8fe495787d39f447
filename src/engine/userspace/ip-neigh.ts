// `ip neigh show|add|replace|change|del|flush` (iproute2's ip/ipneigh.c). show lists what the node
// had learned at the step the player shows, with the entries made by hand (there from the start);
// NOARP entries only with `nud noarp|all`, as iproute2's default filter hides them.
// add, replace, change and del edit the node's hand-made entries (`neigh` in the topology), with
// iproute2's and the kernel's messages; flush drops the entries that are not permanent.

import { parseIpv4, type Ipv4Addr } from '../wire/addr';
import { parseNeighArgs, type NeighArgs } from '../io/neigh';
import type { NeighState, NeighView } from '../sim/trace';
import type { StaticNeigh } from '../topology';
import { formatNeigh } from '../linux-text';
import { failed, matches, printed, type ShellEnv } from './shell';
import { changeNode, type IpObject } from './iproute';
import { hasDev } from './ip-address';

/** What `ip neigh show` starts from: the last walk's table, else the entries made by hand. */
export function neighList(env: ShellEnv): NeighView[] {
  if (env.node.kind !== 'linux') return [];
  const learned = env.learned.neigh ?? [];
  // The entries made by hand are there from the start, before the walk reached the node.
  const own = (env.node.neigh ?? []).filter((n) => !learned.some((l) => l.ip === n.ip && l.dev === n.dev));
  return [...own.map((n) => ({ dev: n.dev, ip: n.ip, mac: n.mac, state: n.nud.toUpperCase() as NeighState })), ...learned];
}

function show(args: string[], env: ShellEnv, brief: boolean) {
  let dev: string | undefined;
  let states: ((s: NeighState) => boolean) | undefined;
  let to: Ipv4Addr | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === 'dev') {
      dev = args[++i];
      if (dev === undefined || !hasDev(env, dev)) return failed(`Cannot find device "${dev ?? ''}"`, 1);
    } else if (a === 'nud') {
      const v = args[++i] ?? '';
      if (v === 'all') states = () => true;
      else if (v.toUpperCase() in { PERMANENT: 1, NOARP: 1, REACHABLE: 1, STALE: 1, DELAY: 1, PROBE: 1, FAILED: 1, INCOMPLETE: 1, NONE: 1 }) states = (s) => s === v.toUpperCase();
      else return failed(`Error: argument "${v}" is wrong: nud state is bad`, 255);
    } else if (a === 'to' || parseIpv4(a)) {
      const ip = parseIpv4(a === 'to' ? (args[++i] ?? '') : a);
      if (!ip) return failed(`Error: an inet prefix is expected rather than "${args[i] ?? ''}".`, 1);
      to = ip;
    } else return failed(`"${a}" is not supported in ip neigh show (dev, nud, an address)`, 255);
  }
  const shown = neighList(env).filter((n) => (states ? states(n.state) : n.state !== 'NOARP' && n.state !== 'NONE') && (dev === undefined || n.dev === dev) && (to === undefined || n.ip === to));
  if (brief) return printed(shown.map((n) => `${n.ip.padEnd(39)} ${n.dev.padEnd(16)} ${n.mac ?? ''}\n`).join(''));
  return printed(shown.map((n) => (dev === undefined ? formatNeigh(n) : formatNeigh(n).replace(` dev ${dev} `, ' ')) + '\n').join(''));
}

/** `ADDR lladdr MAC dev DEV nud STATE` → an entry, or iproute2's complaint (the device must exist). */
function parseEntry(args: string[], env: ShellEnv, needMac: boolean): { entry: NeighArgs } | { error: string; exit: number } {
  const p = parseNeighArgs(args);
  if (p.kind === 'error') return { error: p.message, exit: p.exit };
  if (!hasDev(env, p.args.dev) || p.args.dev === 'lo') return { error: `Cannot find device "${p.args.dev}"`, exit: 1 };
  if (needMac && !p.args.mac) return { error: 'Error: No link layer address given.', exit: 2 };
  return { entry: p.args };
}

function change(args: string[], env: ShellEnv, mode: 'add' | 'replace' | 'change' | 'del') {
  if (env.node.kind !== 'linux') return failed('this device is a switch: it has no neighbour table', 2);
  const p = parseEntry(args, env, mode !== 'del' && mode !== 'change');
  if ('error' in p) return failed(p.error, p.exit);
  const e = p.entry;
  const learned = neighList(env).some((n) => n.ip === e.ip && n.dev === e.dev && n.state !== 'NONE');
  return changeNode(env, (n) => {
    const list = n.neigh ?? [];
    const k = list.findIndex((x) => x.ip === e.ip && x.dev === e.dev);
    if (mode === 'del') {
      // A learned entry is forgotten at the next walk anyway: nothing to keep.
      if (k < 0) return learned ? n : 'RTNETLINK answers: No such file or directory';
      const rest = list.filter((_, j) => j !== k);
      const { neigh: _gone, ...without } = n;
      return rest.length ? { ...n, neigh: rest } : without;
    }
    if (mode === 'add' && k >= 0) return 'RTNETLINK answers: File exists';
    if (mode === 'change' && k < 0 && !learned) return 'RTNETLINK answers: No such file or directory';
    const old = list[k];
    const mac = e.mac ?? old?.mac;
    if (!mac) return 'Error: No link layer address given.';
    const entry: StaticNeigh = { ip: e.ip, dev: e.dev, mac, nud: e.nud ?? old?.nud ?? 'permanent' };
    const next = list.slice();
    if (k >= 0) next[k] = entry;
    else next.push(entry);
    return { ...n, neigh: next };
  });
}

function flush(args: string[], env: ShellEnv) {
  const i = args.indexOf('dev');
  const dev = i >= 0 ? args[i + 1] : undefined;
  if (dev === undefined && !args.includes('all')) return failed('Flush requires arguments.', 255);
  if (dev !== undefined && !hasDev(env, dev)) return failed(`Cannot find device "${dev}"`, 1);
  if (env.node.kind !== 'linux') return printed('');
  // Permanent and noarp entries stay, as the kernel's flush leaves them.
  const keep = (x: StaticNeigh) => x.nud === 'permanent' || x.nud === 'noarp' || (dev !== undefined && x.dev !== dev);
  if ((env.node.neigh ?? []).every(keep)) return printed('');
  return changeNode(env, (n) => ({ ...n, neigh: (n.neigh ?? []).filter(keep) }));
}

export const ipNeigh: IpObject = (args, env, opts) => {
  const [verb, ...rest] = args;
  if (verb === undefined || matches(verb, 'show') || matches(verb, 'list') || verb === 'lst') return show(rest, env, opts.brief);
  if (matches(verb, 'add')) return change(rest, env, 'add');
  if (matches(verb, 'replace')) return change(rest, env, 'replace');
  if (matches(verb, 'change') || verb === 'chg') return change(rest, env, 'change');
  if (matches(verb, 'delete')) return change(rest, env, 'del');
  if (matches(verb, 'flush')) return flush(rest, env);
  return failed(`Command "${verb}" is unknown, try "ip neigh help".`, 255);
};
