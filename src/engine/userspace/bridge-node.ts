// A scenario step on a bridge node (the oracle runs it with `sh -c` in the bridge's namespace):
// `ip link set DEV down|up` on br0 or a port (a link failing and coming back), `ip link set br0
// type bridge …` and `bridge link set dev P …` (STP settings changed while it runs: br_stp_if.c),
// and `bridge link show` (each port's state as the spanning tree left it). Each one is instant.

import { shellSplit } from './commands';
import { parseBridgeIpLinkSet, parseBridgeLinkSet, type BridgeChange } from '../io/exec-bridge';
import { ifindexes } from '../ip-addr-text';
import { tunnelModules } from '../tunnel-text';
import { peerOf } from '../edit/links';
import type { Bridge } from '../devices/bridge';
import type { Network } from '../sim/network';
import type { StpPortState } from '../sim/trace';
import type { BridgeNode, Topology } from '../topology';
import { clockTToJiffies } from '../devices/bridge-stp';

export type BridgeCommand = { kind: 'change'; change: BridgeChange } | { kind: 'link-show'; dev?: string };

/** The step's command, or why packetwalk cannot run it on a bridge node. */
export function parseBridgeCommand(line: string, node: BridgeNode): { kind: 'ok'; command: BridgeCommand } | { kind: 'error'; message: string } {
  const stages = shellSplit(line.trim());
  if (typeof stages === 'string') return { kind: 'error', message: stages };
  const w = stages.length === 1 ? stages[0]! : [];
  const ports = node.ifaces.map((i) => i.name);
  const pre = (word: string | undefined, full: string) => word !== undefined && word.length > 0 && full.startsWith(word);
  const unsupported = { kind: 'error', message: 'on a bridge node packetwalk runs "ip link set DEV down|up", "ip link set br0 type bridge …", "bridge link set dev P …" and "bridge link show"' } as const;
  if (w[0] === 'ip' && pre(w[1], 'link') && w[2] === 'set') {
    const r = parseBridgeIpLinkSet(w.slice(3), ports, node.stp?.enabled ?? false);
    if (!r) return unsupported;
    return r.kind === 'ok' ? { kind: 'ok', command: { kind: 'change', change: r.change } } : { kind: 'error', message: r.message };
  }
  if (w[0] === 'bridge' && pre(w[1], 'link')) {
    if (w[2] === 'set') {
      const r = parseBridgeLinkSet(w.slice(3), ports);
      return r.kind === 'ok' ? { kind: 'ok', command: { kind: 'change', change: r.change } } : { kind: 'error', message: r.message };
    }
    if (w[2] === undefined || pre(w[2], 'show') || pre(w[2], 'list')) {
      const dev = w[3] === 'dev' ? w[4] : undefined;
      return { kind: 'ok', command: { kind: 'link-show', ...(dev !== undefined ? { dev } : {}) } };
    }
  }
  return unsupported;
}

/** A port as `bridge link show` describes it. */
export interface PortLinkState {
  state: StpPortState;
  /** set up (IFF_UP) */
  adminUp: boolean;
  /** its link has a carrier (both ends up) */
  carrier: boolean;
  priority: number;
  cost: number;
}

/**
 * `bridge link show` on a bridge node as iproute2 prints it in the oracle's namespace: a veth's
 * peer index is not resolved in the other namespace, so a name follows `@` when a device of this
 * namespace has that index (nothing when it is the port's own index).
 */
export function bridgeLinkShow(t: Topology, node: BridgeNode, port: (name: string) => PortLinkState, dev?: string): string {
  const modules = tunnelModules(t);
  const idx = ifindexes(node, modules);
  const byIdx = new Map([...idx].map(([n, i]) => [i, n]));
  return node.ifaces
    .filter((p) => dev === undefined || p.name === dev)
    .map((p) => {
      const s = port(p.name);
      const own = idx.get(p.name)!;
      const peer = peerOf(t, node.name, p.name);
      const peerNode = peer ? t.nodes.find((n) => n.name === peer.node) : undefined;
      const peerIdx = peerNode ? ifindexes(peerNode, modules).get(peer!.iface) : undefined;
      const at = peerIdx === undefined || peerIdx === own ? '' : `@${byIdx.get(peerIdx) ?? `if${peerIdx}`}`;
      const flags = s.adminUp ? (s.carrier ? 'BROADCAST,MULTICAST,UP,LOWER_UP' : 'NO-CARRIER,BROADCAST,MULTICAST,UP') : 'BROADCAST,MULTICAST';
      return `${own}: ${p.name}${at}: <${flags}> mtu 1500 master br0 state ${s.state} priority ${s.priority} cost ${s.cost} \n`;
    })
    .join('');
}

/** Runs a bridge step on the running bridge: what it printed. */
export function runBridgeCommand(cmd: BridgeCommand, t: Topology, node: BridgeNode, bridge: Bridge, net: Network): { stdout: string; stderr: string; exit: number } {
  const stp = bridge.stp;
  if (cmd.kind === 'link-show') {
    if (cmd.dev !== undefined && !node.ifaces.some((i) => i.name === cmd.dev)) return { stdout: '', stderr: `Cannot find device "${cmd.dev}"\n`, exit: 1 };
    const text = bridgeLinkShow(t, node, (name) => {
      const p = stp.port(name)!;
      return { state: p.state, adminUp: net.isUp(node.name, name), carrier: net.hasCarrier(node.name, name), priority: p.priority, cost: p.pathCost };
    }, cmd.dev);
    return { stdout: text, stderr: '', exit: 0 };
  }
  const c = cmd.change;
  if (c.kind === 'updown') {
    if (c.dev === 'br0') bridge.setUp(c.up);
    else net.setUp(node.name, c.dev, c.up);
  } else if (c.kind === 'port') {
    const p = stp.port(c.port)!;
    if (c.set.priority !== undefined) stp.setPortPriority(p, c.set.priority);
    if (c.set.cost !== undefined) stp.setPathCost(p, c.set.cost || 2);
  } else {
    const s = c.set;
    // br_changelink's order: forward_delay, hello_time, max_age, then stp_state, then priority.
    stp.setBridgeTimes({
      ...(s.forwardDelay !== undefined ? { forwardDelay: clockTToJiffies(s.forwardDelay) } : {}),
      ...(s.helloTime !== undefined ? { helloTime: clockTToJiffies(s.helloTime) } : {}),
      ...(s.maxAge !== undefined ? { maxAge: clockTToJiffies(s.maxAge) } : {}),
    });
    if (s.enabled !== undefined) stp.setEnabled(s.enabled);
    if (s.priority !== undefined) stp.setBridgePriority(s.priority);
  }
  return { stdout: '', stderr: '', exit: 0 };
}
