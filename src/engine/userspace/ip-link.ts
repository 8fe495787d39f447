// `ip link show|set` (iproute2's ip/iplink.c). show is `ip addr`'s device lines with `mode DEFAULT`
// and no addresses (as iproute2 prints links), `-br` the brief table; set changes a MAC (the
// `exec:` line's `ip link set dev DEV address MAC`) or brings a device up (they all are).

import { formatIpAddr } from '../ip-addr-text';
import { failed, matches, printed, type ShellEnv } from './shell';
import { devArg, execOnNode, type IpObject, type IpOptions } from './iproute';
import { addrBlocks, devState, hasDev, withExtras } from './ip-address';
import { bridgeMac, bridgePortDetails } from './ip-details';
import { formatStats } from './ip-stats';

function show(args: string[], env: ShellEnv, opts: IpOptions) {
  const brief = opts.brief;
  const { dev } = devArg(args, ['up']);
  if (dev !== undefined && !hasDev(env, dev)) return failed(`Device "${dev}" does not exist.`, 1);
  if (env.node.kind !== 'linux') {
    const all = env.node.ifaces;
    const br = bridgeMac(all.map((p) => p.mac));
    const ports = all.filter((p) => dev === undefined || p.name === dev);
    return printed(
      ports
        .map((p) => {
          const details = opts.details ? bridgePortDetails(all.indexOf(p) + 1, br, true) : '';
          const stats = opts.stats ? formatStats(env.learned.stats?.[p.name], 2, opts.stats) : '';
          return `${p.name}: <BROADCAST,MULTICAST,UP,LOWER_UP> master br0\n    link/ether ${p.mac} brd ff:ff:ff:ff:ff:ff${details}\n${stats}`;
        })
        .join(''),
    );
  }
  const blocks = addrBlocks(formatIpAddr(env.topology, env.node.name)).filter((b) => dev === undefined || b.dev === dev);
  if (brief) {
    return printed(
      blocks
        .map((b) => {
          const { shown, state } = devState(b.dev, blocks);
          const mac = /link\/\S+ (\S+)/.exec(b.text)?.[1] ?? '';
          const flags = /<[^>]*>/.exec(b.text)?.[0] ?? '';
          return `${shown.padEnd(16)} ${state.padEnd(14)} ${mac} ${flags} \n`;
        })
        .join(''),
    );
  }
  const text = blocks
    .map((b) => {
      const lines = b.text.split('\n').filter((l) => /^\d+:|^ {4}link\//.test(l));
      const head = { dev: b.dev, text: lines.map((l) => l.replace(/ group default/, ' mode DEFAULT group default') + '\n').join('') };
      return withExtras(head, env, opts, true);
    })
    .join('');
  return printed(text);
}

export const ipLink: IpObject = (args, env, opts) => {
  const [verb, ...rest] = args;
  if (verb === undefined || matches(verb, 'show') || matches(verb, 'list') || verb === 'lst') return show(rest, env, opts);
  if (matches(verb, 'add')) return execOnNode(env, `ip link add ${rest.join(' ')}`);
  if (matches(verb, 'set')) {
    const words = rest[0] === 'dev' ? rest.slice(1) : rest;
    const dev = words[0];
    if (dev === undefined) return failed('Not enough information: "dev" argument is required.', 1);
    if (!hasDev(env, dev)) return failed(`Cannot find device "${dev}"`, 1);
    if (words[1] === 'down') return failed('ip link set … down: packetwalk keeps every device up (unplug the link in the editor instead)', 255);
    return execOnNode(env, `ip link set dev ${words.join(' ')}`);
  }
  return failed(`Command "${verb}" is unknown, try "ip link help".`, 255);
};
