// The VLAN configuration of a bridge node as exec lines: `ip link set br0 type bridge
// vlan_filtering 0|1` and `bridge vlan add|del dev DEV vid N[-M] [pvid] [untagged] [self|master]`
// read with iproute2's and the kernel's answers (bridge/vlan.c, net/bridge/br_vlan.c:
// __vlan_add_flags moves the pvid, __vlan_del), and written back in the same words.

import { BRIDGE_DEV, type BridgeNode, type BridgeVlan } from '../topology';
import { deviceVlans } from '../devices/bridge-vlan';

export type VlanExecResult = { kind: 'ok' } | { kind: 'error'; message: string };
const ok: VlanExecResult = { kind: 'ok' };
const fail = (message: string): VlanExecResult => ({ kind: 'error', message });

/** VLAN_VID_MASK - 1: VIDs 0 and 4095 are reserved. */
const VID_MAX = 4094;

/** `ip link set [dev] br0 type bridge vlan_filtering 0|1` (the arguments after `set`), or undefined when it is another command. */
export function setVlanFiltering(node: BridgeNode, args: readonly string[]): VlanExecResult | undefined {
  const rest = args[0] === 'dev' ? args.slice(1) : args;
  if (rest[1] !== 'type' || rest[2] !== 'bridge') return undefined;
  if (rest[0] !== BRIDGE_DEV) return fail(`Cannot find device "${rest[0] ?? ''}"`);
  if (rest[3] !== 'vlan_filtering' || rest.length !== 5) return fail('ip link set br0 type bridge: only "vlan_filtering 0|1" is supported');
  if (rest[4] !== '0' && rest[4] !== '1') return fail(`Error: argument "${rest[4] ?? ''}" is wrong: invalid vlan_filtering`);
  if (rest[4] === '1') node.vlanFiltering = true;
  else delete node.vlanFiltering;
  return ok;
}

/** `bridge vlan add|del …` (the arguments after `vlan`). */
export function bridgeVlanExec(node: BridgeNode, args: readonly string[]): VlanExecResult {
  const [op, ...rest] = args;
  if (op !== 'add' && op !== 'del') return fail(`bridge vlan: only "add" and "del" are supported here ("${op ?? ''}")`);
  let dev: string | undefined;
  let vids: [number, number] | undefined;
  let pvid = false;
  let untagged = false;
  let self = false;
  for (let i = 0; i < rest.length; i++) {
    const k = rest[i]!;
    if (k === 'dev') dev = rest[++i];
    else if (k === 'vid') {
      const m = /^(\d+)(?:-(\d+))?$/.exec(rest[++i] ?? '');
      if (!m) return fail(`Invalid VLAN ID "${rest[i] ?? ''}"`);
      vids = [Number(m[1]), Number(m[2] ?? m[1])];
    } else if (k === 'pvid') pvid = true;
    else if (k === 'untagged') untagged = true;
    else if (k === 'self') self = true;
    else if (k === 'master') self = false;
    else return fail(`bridge vlan: "${k}" is not supported (dev, vid, pvid, untagged, self, master)`);
  }
  if (dev === undefined || vids === undefined) return fail('Device and VLAN ID are required arguments.');
  const [lo, hi] = vids;
  if (lo < 1 || hi > VID_MAX || lo > hi) return fail(`Invalid VLAN ID "${lo === hi ? lo : `${lo}-${hi}`}"`);
  if (pvid && lo !== hi) return fail('Error: bridge: pvid cannot be a range of VLANs.');
  if (dev === BRIDGE_DEV ? !self : !node.ifaces.some((i) => i.name === dev)) {
    return dev === BRIDGE_DEV ? fail('RTNETLINK answers: Operation not supported (the bridge\'s own VLANs need "self")') : fail(`Cannot find device "${dev}"`);
  }
  if (self && dev !== BRIDGE_DEV) return fail('RTNETLINK answers: Operation not supported');
  const vlans = new Map(deviceVlans(node, dev).map((v) => [v.vid, { ...v }]));
  for (let vid = lo; vid <= hi; vid++) {
    if (op === 'del') {
      if (!vlans.delete(vid)) return fail('RTNETLINK answers: No such file or directory');
      continue;
    }
    // __vlan_add_flags: pvid given makes this VLAN the port's pvid; not given, it stops being it
    if (pvid) for (const v of vlans.values()) delete v.pvid;
    const v: BridgeVlan = { vid, ...(pvid ? { pvid } : {}), ...(untagged ? { untagged } : {}) };
    vlans.set(vid, v);
  }
  (node.vlans ??= {})[dev] = [...vlans.values()].sort((a, b) => a.vid - b.vid);
  return ok;
}

/** The exec lines that give `node` its VLANs from a bridge's defaults; `portName` as written in the file. */
export function bridgeVlanLines(node: BridgeNode, portName: (port: string) => string): string[] {
  const lines: string[] = [];
  if (node.vlanFiltering) lines.push(`ip link set ${BRIDGE_DEV} type bridge vlan_filtering 1`);
  for (const [dev, vlans] of Object.entries(node.vlans ?? {})) {
    const self = dev === BRIDGE_DEV ? ' self' : '';
    const name = dev === BRIDGE_DEV ? dev : portName(dev);
    const has1 = vlans.some((v) => v.vid === 1);
    if (!has1) lines.push(`bridge vlan del dev ${name} vid 1${self}`);
    for (const v of vlans) {
      if (v.vid === 1 && v.pvid && v.untagged) continue;
      lines.push(`bridge vlan add dev ${name} vid ${v.vid}${v.pvid ? ' pvid' : ''}${v.untagged ? ' untagged' : ''}${self}`);
    }
  }
  return lines;
}
