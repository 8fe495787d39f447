// `ip address show|add|del|replace|flush` (iproute2's ip/ipaddress.c) on a node's configuration.
// show prints what `ip addr` prints (linux-text.ts), `-br` the brief table; add is the `exec:`
// line's; del and flush take addresses away, and with them the routes that no longer have a way
// out (the kernel removes routes through an address that is gone: compileFib's errors).

import { parsePrefix } from '../wire/addr';
import type { IfAddr, LinuxNode, Tunnel } from '../topology';
import { compileFib, devAddrs, LOOPBACK_ADDR } from '../devices/config';
import { formatIpAddr } from '../ip-addr-text';
import { failed, matches, printed, type ShellEnv } from './shell';
import { changeNode, devArg, execOnNode, type IpObject, type IpOptions } from './iproute';
import { loDetails, vethDetails } from './ip-details';
import { tunnelDetails, tunnelModules, tunnelsInOrder } from '../tunnel-text';
import { formatStats } from './ip-stats';
import { liveDevHead } from './ip-link-state';

/** `ip addr` blocks, one per device (its `N: name:` line and what follows). */
export function addrBlocks(text: string): { dev: string; text: string }[] {
  const blocks: { dev: string; text: string }[] = [];
  for (const line of text.split('\n')) {
    const m = /^\d+: ([^:@]+)[@:]/.exec(line);
    if (m) blocks.push({ dev: m[1]!, text: line + '\n' });
    else if (line && blocks.length) blocks[blocks.length - 1]!.text += line + '\n';
  }
  return blocks;
}

/** A Linux node's devices as `ip addr` prints them, each with its state at the step shown (ip-link-state.ts). */
export function nodeBlocks(env: ShellEnv): { dev: string; text: string }[] {
  return addrBlocks(formatIpAddr(env.topology, env.node.name)).map((b) => {
    const nl = b.text.indexOf('\n');
    return { dev: b.dev, text: liveDevHead(b.text.slice(0, nl), b.dev, env.learned.links) + b.text.slice(nl) };
  });
}

/** The device's name as iproute2 shows it (`eth1@if3` for a veth with a peer) and its state. */
export function devState(dev: string, blocks: { dev: string; text: string }[]): { shown: string; state: string } {
  const head = blocks.find((b) => b.dev === dev)?.text ?? '';
  return { shown: /^\d+: ([^:]+):/.exec(head)?.[1] ?? dev, state: /state (\S+)/.exec(head)?.[1] ?? 'UNKNOWN' };
}

/**
 * A linux node's `ip addr`/`ip link` block with what -d and -s add: the details after the
 * link/… line, the counters at the end (`link`: as `ip link` prints them).
 */
export function withExtras(block: { dev: string; text: string }, env: ShellEnv, opts: IpOptions, link: boolean): string {
  const lines = block.text.split('\n').filter((l) => l !== '');
  const lo = block.dev === 'lo';
  const tunnel = envTunnels(env).find((t) => t.name === block.dev);
  if (opts.details) lines[1] += lo ? loDetails(link) : tunnel ? tunnelDetails(tunnel, link) : vethDetails(link);
  let out = lines.map((l) => l + '\n').join('');
  // Carrier changes: lo none; a veth brought up with its peer 2 (up, then carrier), alone 1.
  if (opts.stats) out += formatStats(env.learned.stats?.[block.dev], lo || tunnel ? 0 : /NO-CARRIER/.test(lines[0]!) ? 1 : 2, opts.stats);
  return out;
}

/** Is there a device of that name on the node (lo included)? */
export const hasDev = (env: ShellEnv, dev: string): boolean => dev === 'lo' || env.node.ifaces.some((i) => i.name === dev) || envTunnels(env).some((t) => t.name === dev);

/** The node's tunnels with the fallback devices of the modules the network uses (tunnel-text.ts). */
const envTunnels = (env: ShellEnv): Tunnel[] => (env.node.kind === 'linux' ? tunnelsInOrder(env.node, tunnelModules(env.topology)) : []);

function show(args: string[], env: ShellEnv, opts: IpOptions) {
  if (env.node.kind !== 'linux') return printed('');
  const { dev } = devArg(args, ['up']);
  if (dev !== undefined && !hasDev(env, dev)) return failed(`Device "${dev}" does not exist.`, 1);
  const blocks = nodeBlocks(env).filter((b) => dev === undefined || b.dev === dev);
  if (!opts.brief) return printed(blocks.map((b) => withExtras(b, env, opts, false)).join(''));
  const node = env.node;
  const lines = blocks.map((b) => {
    const { shown, state } = devState(b.dev, blocks);
    const addrs = b.dev === 'lo' ? [LOOPBACK_ADDR, ...node.loAddrs] : ((node.ifaces.find((i) => i.name === b.dev) ?? envTunnels(env).find((t) => t.name === b.dev))?.addrs ?? []);
    const marked = devAddrs(b.dev, addrs);
    return `${shown.padEnd(16)} ${state.padEnd(14)} ${marked.map((a) => `${a.ip}/${a.len} `).join('')}\n`;
  });
  return printed(lines.join(''));
}

/** Routes the kernel would refuse now (an address they needed is gone) are removed, as the kernel does. */
function withoutBrokenRoutes(n: LinuxNode): LinuxNode {
  const broken = new Set(compileFib(n).errors.map((e) => e.route));
  return broken.size ? { ...n, routes: n.routes.filter((_, i) => !broken.has(i)) } : n;
}

function setAddrs(n: LinuxNode, dev: string, fn: (addrs: IfAddr[]) => IfAddr[]): LinuxNode {
  if (dev === 'lo') return withoutBrokenRoutes({ ...n, loAddrs: fn(n.loAddrs) });
  return withoutBrokenRoutes({ ...n, ifaces: n.ifaces.map((i) => (i.name === dev ? { ...i, addrs: fn(i.addrs) } : i)) });
}

function del(args: string[], env: ShellEnv) {
  let dev: string | undefined;
  let text: string | undefined;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === 'dev') dev = args[++i];
    else if (args[i] !== 'local' && text === undefined) text = args[i];
  }
  if (text === undefined || dev === undefined) return failed('Not enough information: "dev" argument is required.', 1);
  if (!hasDev(env, dev)) return failed(`Cannot find device "${dev}"`, 1);
  const wild = !text.includes('/');
  const p = parsePrefix(wild ? `${text}/32` : text);
  if (!p) return failed(`Error: any valid prefix is expected rather than "${text}".`, 1);
  const warning = wild
    ? `Warning: Executing wildcard deletion to stay compatible with old scripts.\n         Explicitly specify the prefix length (${text}/32) to avoid this warning.\n         This special behaviour is likely to disappear in further releases,\n         fix your scripts!\n`
    : '';
  const r = changeNode(env, (n) => {
    const list = dev === 'lo' ? n.loAddrs : (n.ifaces.find((i) => i.name === dev)?.addrs ?? []);
    const k = list.findIndex((a) => a.ip === p.ip && (wild || a.len === p.len));
    if (k < 0) return 'Error: ipv4: Address not found.';
    return setAddrs(n, dev, (addrs) => addrs.filter((_, j) => j !== k));
  });
  return r.kind === 'done' ? { ...r, stderr: warning + r.stderr } : r;
}

function flush(args: string[], env: ShellEnv) {
  const { dev } = devArg(args, []);
  if (dev === undefined) return failed('Flush requires arguments.', 255);
  if (!hasDev(env, dev)) return failed(`Device "${dev}" does not exist.`, 1);
  return changeNode(env, (n) => setAddrs(n, dev, () => []));
}

export const ipAddress: IpObject = (args, env, opts) => {
  const [verb, ...rest] = args;
  if (verb === undefined || matches(verb, 'show') || matches(verb, 'list') || verb === 'lst') return show(rest, env, opts);
  if (env.node.kind !== 'linux') return failed('this device is a switch: its ports have no IP addresses', 2);
  if (matches(verb, 'add')) return execOnNode(env, `ip addr add ${rest.join(' ')}`);
  if (matches(verb, 'replace') || matches(verb, 'change')) {
    // replace: as add, but an address that is there already is no error.
    const r = execOnNode(env, `ip addr add ${rest.join(' ')}`);
    return r.kind === 'done' && r.stderr.startsWith('Error: ipv4: Address already assigned.') ? { kind: 'done', stdout: '', stderr: '', exit: 0 } : r;
  }
  if (matches(verb, 'delete')) return del(rest, env);
  if (matches(verb, 'flush')) return flush(rest, env);
  return failed(`Command "${verb}" is unknown, try "ip address help".`, 255);
};
