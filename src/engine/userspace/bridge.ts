// bridge(8) from iproute2: `bridge fdb show [dev DEV]` (a switch's table: its own and learned
// entries, linux-text.ts; on a linux node each interface's multicast entries) and `bridge link
// show` (a switch's ports with their STP state at the step shown, their priority and cost:
// bridge-node.ts, as a scenario step prints it), `bridge vlan show` (bridge/vlan.c: each device
// of the bridge in ifindex order, one line per VLAN).

import { formatBridgeFdb } from '../linux-text';
import { STP_DEFAULTS } from '../devices/bridge-stp';
import { bridgeLinkShow } from './bridge-node';
import { deviceVlans } from '../devices/bridge-vlan';
import { BRIDGE_DEV, type BridgeNode } from '../topology';
import type { StpPortState } from '../sim/trace';
import { failed, matches, printed, type Program, type ShellEnv } from './shell';

function fdb(args: string[], env: ShellEnv) {
  const at = args.indexOf('dev');
  const dev = at >= 0 ? args[at + 1] : undefined;
  if (dev !== undefined && !env.node.ifaces.some((i) => i.name === dev) && dev !== 'br0') return failed(`Cannot find device "${dev}"`, 1);
  const lines =
    env.node.kind === 'bridge'
      ? formatBridgeFdb(env.topology, env.node.name, env.learned.fdb ?? []).split('\n').filter(Boolean)
      : env.node.ifaces.flatMap((i) => [`33:33:00:00:00:01 dev ${i.name} self permanent`, `01:00:5e:00:00:01 dev ${i.name} self permanent`]);
  const shown = dev === undefined ? lines : lines.filter((l) => l.includes(` dev ${dev} `)).map((l) => l.replace(` dev ${dev} `, ' '));
  return printed(shown.map((l) => l + '\n').join(''));
}

const linked = (env: ShellEnv, name: string) => env.topology.links.some((l) => (l.a.node === env.node.name && l.a.iface === name) || (l.b.node === env.node.name && l.b.iface === name));

/**
 * A bridge port's STP state at the step shown. Before a walk (no STP state learned) a port is as
 * the bridge starts it: forwarding without STP, listening with it; disabled without a link.
 */
export function portStpState(env: ShellEnv & { node: BridgeNode }, name: string): StpPortState {
  return env.learned.stp?.ports[name]?.state ?? (!linked(env, name) ? 'disabled' : env.node.stp?.enabled ? 'listening' : 'forwarding');
}

function link(args: string[], env: ShellEnv) {
  const node = env.node;
  if (node.kind !== 'bridge') return printed('');
  const dev = args[0] === 'dev' ? args[1] : undefined;
  if (dev !== undefined && !node.ifaces.some((i) => i.name === dev)) return failed(`Cannot find device "${dev}"`, 1);
  const text = bridgeLinkShow(
    env.topology,
    node,
    (name) => {
      const i = node.ifaces.find((x) => x.name === name)!;
      const state = portStpState({ ...env, node }, name);
      return { state, adminUp: true, carrier: linked(env, name) && state !== 'disabled', priority: i.stp?.priority ?? STP_DEFAULTS.portPriority, cost: i.stp?.cost ?? STP_DEFAULTS.portCost };
    },
    dev,
  );
  return printed(text);
}

/** IFNAMSIZ-wide name column, then VLAN_ID_LEN for the header: `%-16s  %-9s`. */
const NAME_COL = 16;

function vlan(args: string[], env: ShellEnv) {
  const at = args.indexOf('dev');
  const dev = at >= 0 ? args[at + 1] : undefined;
  const node = env.node;
  const devs = node.kind === 'bridge' ? [BRIDGE_DEV, ...node.ifaces.map((i) => i.name)] : [];
  if (dev !== undefined && !devs.includes(dev) && !node.ifaces.some((i) => i.name === dev)) return failed(`Cannot find device "${dev}"`, 1);
  let out = `${'port'.padEnd(NAME_COL)}  ${'vlan-id'.padEnd(9)}\n`;
  if (node.kind !== 'bridge') return printed(out);
  for (const d of devs) {
    if (dev !== undefined && d !== dev) continue;
    deviceVlans(node, d).forEach((v, k) => {
      const flags = `${v.pvid ? ' PVID' : ''}${v.untagged ? ' Egress Untagged' : ''}`;
      out += `${(k === 0 ? d : '').padEnd(NAME_COL)}  ${v.vid}${flags}\n`;
    });
  }
  return printed(out);
}

export const bridge: Program = (args, env) => {
  const [obj, verb, ...rest] = args;
  const isShow = verb === undefined || matches(verb, 'show') || matches(verb, 'list');
  if (matches(obj, 'fdb') && isShow) return fdb(rest, env);
  if (matches(obj, 'link') && isShow) return link(rest, env);
  if (matches(obj, 'vlan') && isShow) return vlan(rest, env);
  if (obj === undefined) return failed('Usage: bridge [ OPTIONS ] OBJECT { COMMAND | help }', 255);
  if (!matches(obj, 'fdb') && !matches(obj, 'link') && !matches(obj, 'vlan')) return failed(`Object "${obj}" is unknown, try "bridge help".`, 255);
  return failed(`bridge ${obj} ${verb}: packetwalk's switches learn their tables (only "show")`, 255);
};
