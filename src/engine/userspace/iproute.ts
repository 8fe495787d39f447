// `ip [-4] [-br] [-d] [-s] OBJECT [COMMAND …]` in a device's terminal (iproute2's ip/ip.c): the
// options, the object (address, link, route, neigh; abbreviated as iproute2 allows: `ip a`,
// `ip r`, `ip n`, `ip l`), and the exit status iproute2 gives each kind of error. Each object is
// its own file: ip-address.ts, ip-link.ts, ip-route.ts, ip-neigh.ts.

import type { LinuxNode, Topology } from '../topology';
import { NodeBuild } from '../io/exec';
import { updateNode } from '../edit/update';
import { changed, failed, matches, type Program, type ShellEnv, type ShellResult } from './shell';
import { ipAddress } from './ip-address';
import { ipLink } from './ip-link';
import { ipTunnel } from './ip-tunnel';
import { ipRoute } from './ip-route';
import { ipNeigh } from './ip-neigh';

/** The options before the object. */
export interface IpOptions {
  brief: boolean;
  /** -d: the device's details (ip-details.ts) */
  details: boolean;
  /** -s: 1, -s -s: 2 (the error lines too): the device's counters (ip-stats.ts) */
  stats: number;
  /** -4: iproute2 then says "inet prefix" where it says "any valid prefix" without a family */
  inet: boolean;
}

export type IpObject = (args: string[], env: ShellEnv, opts: IpOptions) => ShellResult;

/** In ip.c's order, which decides what an abbreviation names (`ip r` is route, `ip l` link). */
const OBJECTS: [string, IpObject | null][] = [
  ['address', ipAddress],
  ['addrlabel', null],
  ['maddress', null],
  ['route', ipRoute],
  ['rule', null],
  ['neighbor', ipNeigh],
  ['neighbour', ipNeigh],
  ['ntable', null],
  ['link', ipLink],
  ['tunnel', ipTunnel],
];

export const ip: Program = (args, env) => {
  const opts: IpOptions = { brief: false, details: false, stats: 0, inet: false };
  let i = 0;
  for (; i < args.length && args[i]!.startsWith('-'); i++) {
    const o = args[i]!.replace(/^--?/, '');
    if (o === '4') opts.inet = true;
    else if (matches(o, 'brief') && o.length >= 2) opts.brief = true;
    else if (matches(o, 'details')) opts.details = true;
    else if (matches(o, 'statistics') || matches(o, 'stats')) opts.stats++;
    else if (o === 'c' || matches(o, 'color')) continue;
    else return failed(`Option "${args[i]}" is unknown, try "ip -help".`, 255);
  }
  const obj = args[i];
  if (obj === undefined) return failed('Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }', 255);
  const found = OBJECTS.find(([name]) => matches(obj, name));
  if (!found) return failed(`Object "${obj}" is unknown, try "ip help".`, 255);
  if (!found[1]) return failed(`ip ${found[0]}: not modelled by packetwalk (ip address, link, route, neigh, tunnel)`, 255);
  return found[1](args.slice(i + 1), env, opts);
};

/**
 * iproute2's exit status for a message: 2 for what the kernel refused (RTNETLINK answers, an
 * extack `Error: …` from the kernel), 255 for a wrong argument (invarg, usage), else 1 (a parse
 * error iproute2 reports itself: a bad prefix, a missing device).
 */
export function ipExit(message: string): number {
  if (/^RTNETLINK answers|^Error: (ipv4|Nexthop|Gateway|Device for nexthop|Invalid prefix|Route|No link layer)/.test(message)) return 2;
  if (/^Error: argument|is wrong|^Usage|unknown, try|not supported|not modelled|required arguments|cannot have a gateway|is not supported/.test(message)) return 255;
  return 1;
}

/** Runs what an `exec:` line would run on a copy of the node: the changed topology, or the error. */
export function execOnNode(env: ShellEnv, line: string): ShellResult {
  const copy = JSON.parse(JSON.stringify(env.node)) as typeof env.node;
  const r = new NodeBuild(copy).exec(line);
  if (r.kind === 'error') return failed(r.message, ipExit(r.message));
  return changed(updateNode(env.topology, env.node.name, () => copy));
}

/** A change of a linux node (its copy, made by `fn`), or the error `fn` returns. */
export function changeNode(env: ShellEnv, fn: (n: LinuxNode) => LinuxNode | string): ShellResult {
  if (env.node.kind !== 'linux') return failed('this device is a switch: it has no IP configuration', 1);
  const next = fn(env.node);
  if (typeof next === 'string') return failed(next, ipExit(next));
  return changed(updateNode(env.topology, env.node.name, () => next) as Topology);
}

/** `dev NAME` (or the first word that is not a keyword) in a show command's arguments. */
export function devArg(args: string[], keywords: readonly string[] = []): { dev?: string; rest: string[] } {
  const rest: string[] = [];
  let dev: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === 'dev') dev = args[++i];
    else if (dev === undefined && !keywords.includes(a)) dev = a;
    else rest.push(a);
  }
  return { ...(dev !== undefined ? { dev } : {}), rest };
}
