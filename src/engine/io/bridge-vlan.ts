// The VLAN configuration of a bridge as exec lines: `ip link set BR type bridge vlan_filtering
// 0|1` and `bridge vlan add|del dev DEV vid N[-M] [pvid] [untagged] [self|master]` read with
// iproute2's and the kernel's answers (bridge/vlan.c, net/bridge/br_vlan.c: __vlan_add_flags
// moves the pvid, __vlan_del), and written back in the same words. The bridge is a bridge node's
// br0 or a bridge device made inside a linux node (an L3 switch).

import { BRIDGE_DEV, type BridgeVlan, type TopoNode, type Tunnel } from '../topology';
import { bridgesOf, deviceVlans, VID_MAX, type BridgeTarget, type VlanBridge } from '../devices/bridge-vlan';

export type { BridgeTarget };

export type VlanExecResult = { kind: 'ok' } | { kind: 'error'; message: string };
const ok: VlanExecResult = { kind: 'ok' };
const fail = (message: string): VlanExecResult => ({ kind: 'error', message });


/** The bridge `dev` is, or is a port of, on `node`: a bridge node's br0, or a linux node's bridge device. */
export function bridgeTarget(node: TopoNode, dev: string): BridgeTarget | undefined {
  return bridgesOf(node).find((b) => b.name === dev || b.ports.includes(dev));
}

/** `ip link set [dev] BR type bridge vlan_filtering 0|1` (the arguments after `set`), or undefined when it is another command. */
export function setVlanFiltering(find: (dev: string) => BridgeTarget | undefined, args: readonly string[]): VlanExecResult | undefined {
  const rest = args[0] === 'dev' ? args.slice(1) : args;
  if (rest[1] !== 'type' || rest[2] !== 'bridge') return undefined;
  const br = find(rest[0] ?? '');
  if (!br || br.name !== rest[0]) return fail(`Cannot find device "${rest[0] ?? ''}"`);
  if (rest[3] !== 'vlan_filtering' || rest.length !== 5) return fail(`ip link set ${br.name} type bridge: only "vlan_filtering 0|1" is supported`);
  if (rest[4] !== '0' && rest[4] !== '1') return fail(`Error: argument "${rest[4] ?? ''}" is wrong: invalid vlan_filtering`);
  if (rest[4] === '1') br.config.vlanFiltering = true;
  else delete br.config.vlanFiltering;
  return ok;
}

/** `bridge vlan add|del …` (the arguments after `vlan`); `find`: the bridge a device is or is a port of. */
export function bridgeVlanExec(find: (dev: string) => BridgeTarget | undefined, args: readonly string[]): VlanExecResult {
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
  if (pvid && lo !== hi) return fail('pvid cannot be configured for a vlan range');
  const br = find(dev);
  if (!br) return fail(`Cannot find device "${dev}"`);
  if (dev === br.name && !self) return fail('RTNETLINK answers: Operation not supported (the bridge\'s own VLANs need "self")');
  if (self && dev !== br.name) return fail('RTNETLINK answers: Operation not supported');
  const vlans = new Map(deviceVlans(br.config, dev).map((v) => [v.vid, { ...v }]));
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
  setDeviceVlans(br.config, dev, [...vlans.values()].sort((a, b) => a.vid - b.vid));
  return ok;
}


/**
 * What in a node's VLAN configuration names a device it does not have (a file can say anything):
 * a VLAN list of a device that is neither the bridge nor one of its ports, a bridge port that is
 * not an interface, a VLAN device whose real device does not exist or whose VID is reserved.
 */
export function vlanConfigProblems(node: TopoNode): string[] {
  const out: string[] = [];
  const lists = (br: BridgeTarget) => {
    for (const dev of Object.keys(br.config.vlans ?? {})) {
      if (dev !== br.name && !br.ports.includes(dev)) out.push(`${node.name}: bridge vlan: device "${dev}" is neither ${br.name} nor one of its ports`);
    }
  };
  if (node.kind === 'bridge') {
    lists(bridgeTarget(node, BRIDGE_DEV)!);
    return out;
  }
  const ifaces = new Set(node.ifaces.map((i) => i.name));
  const bridges = new Set((node.tunnels ?? []).filter((t) => t.kind === 'bridge').map((t) => t.name));
  // br_add_if takes an Ethernet device: an interface, or a gretap or vxlan tunnel (an L2 overlay)
  const ethTunnels = new Set((node.tunnels ?? []).filter((t) => t.kind === 'gretap' || t.kind === 'vxlan').map((t) => t.name));
  for (const t of node.tunnels ?? []) {
    if (t.kind === 'bridge') {
      for (const p of t.ports ?? []) if (!ifaces.has(p) && !ethTunnels.has(p)) out.push(`${node.name}: ${t.name}: port "${p}" is not an interface of ${node.name}`);
      lists({ name: t.name, ports: t.ports ?? [], config: t });
    } else if (t.kind === 'vlan') {
      if (t.vlanId === undefined || t.vlanId < 1 || t.vlanId > VID_MAX) out.push(`${node.name}: ${t.name}: VLAN id ${t.vlanId ?? '(none)'} is not 1 to ${VID_MAX}`);
      if (t.dev === undefined || !(ifaces.has(t.dev) || bridges.has(t.dev))) out.push(`${node.name}: ${t.name}: its real device "${t.dev ?? ''}" does not exist`);
    }
  }
  return out;
}

/**
 * Sets (or, with undefined, resets to the default) a device's VLANs. The list is keyed by a
 * user-given device name, so it is written as an own property of an object without prototype:
 * a port named "__proto__" is an ordinary name, not the object's prototype.
 */
export function setDeviceVlans(br: VlanBridge, dev: string, list: BridgeVlan[] | undefined): void {
  const vlans: Record<string, BridgeVlan[]> = Object.assign(Object.create(null) as Record<string, BridgeVlan[]>, br.vlans);
  if (list) Object.defineProperty(vlans, dev, { value: list, enumerable: true, writable: true, configurable: true });
  else delete vlans[dev];
  if (Object.keys(vlans).length) br.vlans = vlans;
  else delete br.vlans;
}

/** The `bridge vlan` lines that give a bridge its VLANs from the defaults; `portName` as written in the file. */
export function bridgeVlanLines(br: BridgeTarget, portName: (port: string) => string = (p) => p): string[] {
  const lines: string[] = [];
  for (const [dev, vlans] of Object.entries(br.config.vlans ?? {})) {
    const self = dev === br.name ? ' self' : '';
    const name = dev === br.name ? dev : portName(dev);
    if (!vlans.some((v) => v.vid === 1)) lines.push(`bridge vlan del dev ${name} vid 1${self}`);
    for (const v of vlans) {
      if (v.vid === 1 && v.pvid && v.untagged) continue;
      lines.push(`bridge vlan add dev ${name} vid ${v.vid}${v.pvid ? ' pvid' : ''}${v.untagged ? ' untagged' : ''}${self}`);
    }
  }
  return lines;
}

/** A linux node's bridge device after `ip link add`: its ports joining it, then their VLANs and its own. */
export function bridgeDevLines(t: Tunnel): string[] {
  const ports = t.ports ?? [];
  return [...ports.map((p) => `ip link set ${p} master ${t.name}`), ...bridgeVlanLines({ name: t.name, ports, config: t })];
}
