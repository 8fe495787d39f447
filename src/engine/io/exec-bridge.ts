// A bridge's spanning tree settings as command lines: `ip link set [dev] br0 type bridge stp_state
// 1 priority N forward_delay N hello_time N max_age N` (iproute2's ip/iplink_bridge.c, the kernel's
// range checks of br_set_forward_delay, br_set_hello_time, br_set_max_age) and `bridge link set dev
// P cost N priority N` (bridge/link.c, br_stp_set_path_cost, br_stp_set_port_priority), with their
// messages as iproute2 prints them. The same parse serves a file's `exec:` lines (the
// configuration) and a scenario's steps (a change while the bridge runs).

import type { BridgeStpConf, PortStpConf } from '../topology';

/** What one line asks of the bridge. */
export type BridgeChange =
  | { kind: 'bridge'; set: Partial<BridgeStpConf> }
  | { kind: 'port'; port: string; set: PortStpConf }
  | { kind: 'updown'; dev: string; up: boolean };

export type BridgeParse = { kind: 'ok'; change: BridgeChange } | { kind: 'error'; message: string; exit: number };

const ERANGE = 'RTNETLINK answers: Numerical result out of range';
const err = (message: string, exit: number): BridgeParse => ({ kind: 'error', message, exit });

/** The kernel's ranges, in 1/100 s (BR_MIN_/BR_MAX_ in br_private_stp.h). */
const TIME_RANGES = { forwardDelay: [200, 3000], helloTime: [100, 1000], maxAge: [600, 4000] } as const;
const TIME_KEYS: Record<string, keyof typeof TIME_RANGES> = { forward_delay: 'forwardDelay', hello_time: 'helloTime', max_age: 'maxAge' };

/** strtoul-like: a whole number, or undefined. */
const num = (s: string | undefined): number | undefined => (s !== undefined && /^\d+$/.test(s) ? Number(s) : undefined);

/**
 * `type bridge KEY VALUE …` (after "type bridge"), on a bridge whose STP is `stpOn` before the
 * line: forward_delay is checked only with STP on (br_set_forward_delay), and br_changelink sets
 * it before stp_state.
 */
export function parseBridgeType(args: string[], stpOn: boolean): BridgeParse {
  const set: Partial<BridgeStpConf> = {};
  for (let i = 0; i < args.length; i += 2) {
    const k = args[i]!;
    const v = args[i + 1];
    if (k === 'stp_state') {
      const n = num(v);
      if (n === undefined) return err(`Error: argument "${v ?? ''}" is wrong: invalid stp_state`, 255);
      set.enabled = n !== 0;
    } else if (k === 'priority') {
      const n = num(v);
      if (n === undefined || n > 0xffff) return err(`Error: argument "${v ?? ''}" is wrong: invalid priority`, 255);
      set.priority = n;
    } else if (TIME_KEYS[k]) {
      const n = num(v);
      if (n === undefined) return err(`Error: argument "${v ?? ''}" is wrong: invalid ${k}`, 255);
      set[TIME_KEYS[k]] = n;
    } else return err(`bridge: unknown command "${k}"?`, 1);
  }
  for (const key of ['helloTime', 'maxAge', 'forwardDelay'] as const) {
    const v = set[key];
    if (v === undefined) continue;
    const [min, max] = TIME_RANGES[key];
    if (key === 'forwardDelay' && !stpOn) continue;
    if (v < min || v > max) return err(ERANGE, 2);
  }
  return { kind: 'ok', change: { kind: 'bridge', set } };
}

/** `bridge link set dev P cost N priority N` (after "set"); `ports` are the bridge's. */
export function parseBridgeLinkSet(args: string[], ports: readonly string[]): BridgeParse {
  const usage = 'Usage: bridge link set dev DEV [ cost COST ] [ priority PRIO ] [ state STATE ]';
  let dev: string | undefined;
  const set: PortStpConf = {};
  for (let i = 0; i < args.length; i += 2) {
    const k = args[i]!;
    const v = args[i + 1];
    if (k === 'dev') dev = v;
    // iproute2 reads both with atoi: a word that is no number is 0 (the kernel's default cost).
    else if (k === 'cost') set.cost = num(v) ?? 0;
    else if (k === 'priority') set.priority = num(v) ?? 0;
    else return err(usage, 255);
  }
  if (dev === undefined) return err(usage, 255);
  if (!ports.includes(dev)) return err(`Cannot find device "${dev}"`, 255);
  if (set.cost !== undefined && set.cost > 0xffff) return err(ERANGE, 255);
  if (set.priority !== undefined && set.priority > 63) return err(ERANGE, 255);
  return { kind: 'ok', change: { kind: 'port', port: dev, set } };
}

/**
 * `ip link set [dev] DEV …` on a bridge node (after "set"): `type bridge …` on br0, `down` or `up`
 * on br0 or a port; undefined for anything else (another command reads it).
 */
export function parseBridgeIpLinkSet(args: string[], ports: readonly string[], stpOn: boolean): BridgeParse | undefined {
  const rest = args[0] === 'dev' ? args.slice(1) : args;
  const dev = rest[0];
  if (dev === undefined) return undefined;
  if (rest[1] === 'type' && rest[2] === 'bridge') {
    if (dev !== 'br0') return ports.includes(dev) ? err('RTNETLINK answers: Operation not supported', 2) : err(`Cannot find device "${dev}"`, 1);
    return parseBridgeType(rest.slice(3), stpOn);
  }
  if (rest.length === 2 && (rest[1] === 'down' || rest[1] === 'up')) {
    if (dev !== 'br0' && !ports.includes(dev)) return err(`Cannot find device "${dev}"`, 1);
    return { kind: 'ok', change: { kind: 'updown', dev, up: rest[1] === 'up' } };
  }
  return undefined;
}

/** Applies a configuration change to a bridge node's settings (the `exec:` lines). */
export function applyBridgeConf(stp: BridgeStpConf | undefined, change: Extract<BridgeChange, { kind: 'bridge' }>): BridgeStpConf {
  const next = { ...(stp ?? { enabled: false }), ...change.set };
  // br_stp_start raises a forward delay under 2 s to 2 s.
  if (next.enabled && !stp?.enabled && next.forwardDelay !== undefined && next.forwardDelay < TIME_RANGES.forwardDelay[0]) next.forwardDelay = TIME_RANGES.forwardDelay[0];
  return next;
}

/** The `exec:` lines that give a bridge node its settings (none for a bridge with Linux's defaults). */
export function bridgeExecLines(stp: BridgeStpConf | undefined, ports: readonly { name: string; stp?: PortStpConf }[]): string[] {
  const out: string[] = [];
  if (stp) {
    const words: string[] = [];
    if (stp.enabled) words.push('stp_state 1');
    if (stp.priority !== undefined) words.push(`priority ${stp.priority}`);
    if (stp.forwardDelay !== undefined) words.push(`forward_delay ${stp.forwardDelay}`);
    if (stp.helloTime !== undefined) words.push(`hello_time ${stp.helloTime}`);
    if (stp.maxAge !== undefined) words.push(`max_age ${stp.maxAge}`);
    if (words.length) out.push(`ip link set br0 type bridge ${words.join(' ')}`);
  }
  for (const p of ports) {
    if (!p.stp) continue;
    const words: string[] = [];
    if (p.stp.cost !== undefined) words.push(`cost ${p.stp.cost}`);
    if (p.stp.priority !== undefined) words.push(`priority ${p.stp.priority}`);
    if (words.length) out.push(`bridge link set dev ${p.name} ${words.join(' ')}`);
  }
  return out;
}
