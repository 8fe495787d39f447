// `ip link show|set` (iproute2's ip/iplink.c). show is `ip addr`'s device lines with `mode DEFAULT`
// and no addresses (as iproute2 prints links), `-br` the brief table; set changes a MAC (the
// `exec:` line's `ip link set dev DEV address MAC`) or brings a device up (they all are).

import { formatIpAddr } from '../linux-text';
import { failed, matches, printed, type ShellEnv } from './shell';
import { devArg, execOnNode, type IpObject } from './iproute';
import { addrBlocks, devState, hasDev } from './ip-address';

function show(args: string[], env: ShellEnv, brief: boolean) {
  const { dev } = devArg(args, ['up']);
  if (dev !== undefined && !hasDev(env, dev)) return failed(`Device "${dev}" does not exist.`, 1);
  if (env.node.kind !== 'linux') {
    const ports = env.node.ifaces.filter((p) => dev === undefined || p.name === dev);
    return printed(ports.map((p) => `${p.name}: <BROADCAST,MULTICAST,UP,LOWER_UP> master br0\n    link/ether ${p.mac} brd ff:ff:ff:ff:ff:ff\n`).join(''));
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
    .map((b) =>
      b.text
        .split('\n')
        .filter((l) => /^\d+:|^ {4}link\//.test(l))
        .map((l) => l.replace(/ group default/, ' mode DEFAULT group default') + '\n')
        .join(''),
    )
    .join('');
  return printed(text);
}

export const ipLink: IpObject = (args, env, opts) => {
  const [verb, ...rest] = args;
  if (verb === undefined || matches(verb, 'show') || matches(verb, 'list') || verb === 'lst') return show(rest, env, opts.brief);
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
