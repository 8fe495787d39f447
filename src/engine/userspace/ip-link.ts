// `ip link show|set` (iproute2's ip/iplink.c). show is `ip addr`'s device lines with `mode DEFAULT`
// and no addresses (as iproute2 prints links), on a bridge node br0 and its ports (with -d their
// STP fields at the step shown), `-br` the brief table; set changes a MAC (the
// `exec:` line's `ip link set dev DEV address MAC`) or brings a device up (they all are).

import { failed, matches, printed, type ShellEnv } from './shell';
import { devArg, execOnNode, type IpObject, type IpOptions } from './iproute';
import { devState, hasDev, nodeBlocks, withExtras } from './ip-address';
import { bridgeDevDetails, bridgeId, bridgeMac, bridgePortDetails } from './ip-details';
import { portStpState } from './bridge';
import { makePortId, STP_DEFAULTS } from '../devices/bridge-stp';
import { BRIDGE_DEV, type BridgeNode } from '../topology';
import { formatStats } from './ip-stats';

/**
 * A bridge node: br0 (created first, as the oracle does), then its ports; with -d, their STP
 * fields at the step shown (ip-details.ts): a designated port holds its own bridge's, a root or
 * blocked port what it recorded from the best BPDU it heard.
 */
function showBridge(env: ShellEnv & { node: BridgeNode }, dev: string | undefined, opts: IpOptions) {
  const node = env.node;
  const all = node.ifaces;
  const view = env.learned.stp;
  const own = view?.bridge || bridgeId(bridgeMac(all.map((p) => p.mac)), node.stp?.priority ?? STP_DEFAULTS.priority);
  const root = view?.root || own;
  const cost = view?.cost ?? 0;
  let text = '';
  if (dev === undefined || dev === BRIDGE_DEV) {
    const tc = view?.topologyChange;
    const stp = { bridge: own, rootPortNo: view?.rootPort ? all.findIndex((p) => p.name === view.rootPort) + 1 : 0, cost, topologyChange: tc?.on ?? false, ageing: tc ? tc.ageingS * 100 : STP_DEFAULTS.ageingTime };
    const details = opts.details ? bridgeDevDetails(node.stp, stp, true) : '';
    text += `${BRIDGE_DEV}: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default qlen 1000\n    link/ether ${bridgeMac(all.map((p) => p.mac))} brd ff:ff:ff:ff:ff:ff${details}\n`;
  }
  for (const [i, p] of all.entries()) {
    if (dev !== undefined && p.name !== dev) continue;
    const priority = p.stp?.priority ?? STP_DEFAULTS.portPriority;
    const port = view?.ports[p.name];
    const designated = (port?.role === 'root' || port?.role === 'blocked') && port.recorded ? port.recorded : { root, cost, bridge: own, port: makePortId(priority, i + 1) };
    const details = opts.details ? bridgePortDetails(i + 1, priority, p.stp?.cost ?? STP_DEFAULTS.portCost, { state: portStpState(env, p.name), designated }, true) : '';
    const stats = opts.stats ? formatStats(env.learned.stats?.[p.name], 2, opts.stats) : '';
    text += `${p.name}: <BROADCAST,MULTICAST,UP,LOWER_UP> master br0\n    link/ether ${p.mac} brd ff:ff:ff:ff:ff:ff${details}\n${stats}`;
  }
  return printed(text);
}

function show(args: string[], env: ShellEnv, opts: IpOptions) {
  const brief = opts.brief;
  const { dev } = devArg(args, ['up']);
  const node = env.node;
  if (dev !== undefined && !hasDev(env, dev) && !(node.kind === 'bridge' && dev === BRIDGE_DEV)) return failed(`Device "${dev}" does not exist.`, 1);
  if (node.kind === 'bridge') return showBridge({ ...env, node }, dev, opts);
  const blocks = nodeBlocks(env).filter((b) => dev === undefined || b.dev === dev);
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
