// VLANs as the inspector changes them: a bridge's VLAN filtering and its ports' VLANs (as rows:
// portVlans), the same as `bridge vlan` lines, and 802.1Q VLAN devices (eth1.10) on a linux node. The bridge is a switch's br0 or the bridge device of a linux node (io/bridge-vlan.ts reads
// and writes their lines the way iproute2 and the kernel do). Loaded with the inspector
// (engine/pure-vlan.ts), not at startup.

import type { BridgeVlan, IfAddr, Topology, TopoNode, Tunnel } from '../topology';
import { bridgeVlanExec, bridgeVlanLines, setDeviceVlans, setVlanFiltering, type BridgeTarget } from '../io/bridge-vlan';
import { bridgesOf, DEFAULT_PVID, deviceVlans, VID_MAX, VID_MIN } from '../devices/bridge-vlan';
import { vlanDevName } from './l3switch';
import { updateNode } from './update';







/** A port's VLANs as the inspector's rows show them; `other` is what only `bridge vlan` lines say. */
export type PortVlans = { mode: 'access'; vid: number } | { mode: 'trunk'; vids: number[]; native?: number } | { mode: 'other' };

/** What a port's VLAN list is in the rows' terms. */
export function portVlans(list: readonly BridgeVlan[]): PortVlans {
  const native = list.filter((v) => v.pvid && v.untagged);
  const tagged = list.filter((v) => !v.pvid && !v.untagged);
  if (native.length + tagged.length !== list.length || native.length > 1) return { mode: 'other' };
  if (!tagged.length) return native[0] ? { mode: 'access', vid: native[0].vid } : { mode: 'other' };
  return { mode: 'trunk', vids: tagged.map((v) => v.vid), ...(native[0] ? { native: native[0].vid } : {}) };
}

/** The VLAN list of a row: an access port's VLAN pvid untagged; a trunk's VLANs tagged, its native one pvid untagged. */
export function portVlanList(p: Exclude<PortVlans, { mode: 'other' }>): BridgeVlan[] {
  if (p.mode === 'access') return [{ vid: p.vid, pvid: true, untagged: true }];
  const list: BridgeVlan[] = [...new Set(p.vids)].filter((v) => v !== p.native).map((vid) => ({ vid }));
  if (p.native !== undefined) list.push({ vid: p.native, pvid: true, untagged: true });
  return list.sort((a, b) => a.vid - b.vid);
}

/** The node with its bridge changed by `fn` on a copy: `fn` returns a refusal's message, '' for no change, or undefined. */
function withBridge(t: Topology, name: string, fn: (br: BridgeTarget, node: TopoNode) => string | undefined): { topology: Topology } | { error: string } {
  const node = t.nodes.find((n) => n.name === name);
  if (!node) return { error: `unknown node "${name}"` };
  // a deep copy (a node is plain JSON; JSON.parse keeps a "__proto__" key an own property)
  const copy = JSON.parse(JSON.stringify(node)) as TopoNode;
  const br = bridgesOf(copy)[0];
  if (!br) return { error: `${name} has no bridge` };
  const error = fn(br, copy);
  if (error === '') return { topology: t };
  if (error !== undefined) return { error };
  return { topology: updateNode(t, name, () => copy) };
}

/** `ip link set BR type bridge vlan_filtering 0|1` on the node's bridge. */
export function setBridgeVlanFiltering(t: Topology, node: string, on: boolean): Topology {
  const r = withBridge(t, node, (br) => {
    if ((br.config.vlanFiltering ?? false) === on) return '';
    const x = setVlanFiltering(() => br, [br.name, 'type', 'bridge', 'vlan_filtering', on ? '1' : '0']);
    return x?.kind === 'error' ? x.message : undefined;
  });
  return 'topology' in r ? r.topology : t;
}

/** Gives a port (or the bridge itself) the VLANs of a row; an error names what is wrong. */
export function setPortVlans(t: Topology, node: string, dev: string, p: Exclude<PortVlans, { mode: 'other' }>): { topology: Topology } | { error: string } {
  const list = portVlanList(p);
  const bad = list.find((v) => !Number.isInteger(v.vid) || v.vid < VID_MIN || v.vid > VID_MAX);
  if (bad) return { error: `Invalid VLAN ID "${bad.vid}"` };
  return withBridge(t, node, (br) => {
    if (dev !== br.name && !br.ports.includes(dev)) return `Cannot find device "${dev}"`;
    const same = JSON.stringify(deviceVlans(br.config, dev)) === JSON.stringify(list);
    if (same) return '';
    const isDefault = list.length === 1 && list[0]!.vid === DEFAULT_PVID && list[0]!.pvid && list[0]!.untagged;
    setDeviceVlans(br.config, dev, isDefault ? undefined : list);
    return undefined;
  });
}

/** The node's bridge VLAN configuration as lines: vlan_filtering, then `bridge vlan` lines from Linux's defaults. */
export function bridgeVlanText(node: TopoNode): string {
  const br = bridgesOf(node)[0];
  if (!br) return '';
  const filtering = br.config.vlanFiltering ? [`ip link set ${br.name} type bridge vlan_filtering 1`] : [];
  return [...filtering, ...bridgeVlanLines(br)].join('\n');
}

/** A problem on one line of a text (1-based). */
export interface VlanLineError {
  line: number;
  message: string;
}

/**
 * Replaces the node's bridge VLAN configuration by what the lines make of Linux's defaults
 * (filtering off, every device in VLAN 1 pvid untagged), each line applied as iproute2 would.
 */
export function applyBridgeVlanText(t: Topology, node: string, text: string): { topology: Topology } | { errors: VlanLineError[] } {
  const errors: VlanLineError[] = [];
  const r = withBridge(t, node, (br) => {
    delete br.config.vlanFiltering;
    delete br.config.vlans;
    const find = (d: string) => (d === br.name || br.ports.includes(d) ? br : undefined);
    text.split('\n').forEach((raw, k) => {
      const line = raw.trim();
      if (!line || line.startsWith('#')) return;
      const w = line.split(/\s+/);
      const r =
        w[0] === 'bridge' && w[1] === 'vlan'
          ? bridgeVlanExec(find, w.slice(2))
          : w[0] === 'ip' && w[1] === 'link' && w[2] === 'set'
            ? (setVlanFiltering(find, w.slice(3)) ?? { kind: 'error' as const, message: `only "ip link set ${br.name} type bridge vlan_filtering 0|1" is read here` })
            : { kind: 'error' as const, message: 'expected "bridge vlan add|del dev DEV vid N [pvid] [untagged] [self]"' };
      if (r.kind === 'error') errors.push({ line: k + 1, message: r.message });
    });
    return errors.length ? 'invalid' : undefined;
  });
  if (errors.length) return { errors };
  return 'topology' in r ? r : { errors: [{ line: 0, message: r.error }] };
}


/** IFNAMSIZ - 1. */
const IFNAME_MAX = 15;

/** `ip link add link PARENT name PARENT.VID type vlan id VID` and `ip link set PARENT.VID up` on a linux node. */
export function addVlanDevice(t: Topology, node: string, parent: string, vid: number): { topology: Topology; name: string } | { error: string } {
  const n = t.nodes.find((x) => x.name === node);
  if (n?.kind !== 'linux') return { error: `${node} is not a linux node` };
  if (!Number.isInteger(vid) || vid < VID_MIN || vid > VID_MAX) return { error: `Invalid VLAN ID "${vid}"` };
  const lower = n.ifaces.find((i) => i.name === parent) ?? n.tunnels?.find((x) => x.kind === 'bridge' && x.name === parent);
  if (!lower?.mac) return { error: `Cannot find device "${parent}"` };
  const name = vlanDevName(parent, vid);
  if (name.length > IFNAME_MAX) return { error: `Error: argument "${name}" is wrong: "name" not a valid ifname` };
  // vlan_check_real_dev: one VLAN device per VID on a real device
  if ((n.tunnels ?? []).some((x) => x.name === name || (x.kind === 'vlan' && x.dev === parent && x.vlanId === vid))) return { error: 'RTNETLINK answers: File exists' };
  // a VLAN device has its real device's address (vlan_dev_init)
  const dev: Tunnel = { name, kind: 'vlan', dev: parent, vlanId: vid, mac: lower.mac, macAuto: true, addrs: [], up: true };
  return { topology: updateNode(t, node, () => ({ ...n, tunnels: [...(n.tunnels ?? []), dev] })), name };
}

/** Removes a VLAN device (`ip link del`); its addresses go with it. */
export function removeVlanDevice(t: Topology, node: string, name: string): Topology {
  return updateNode(t, node, (n) => {
    if (n.kind !== 'linux' || !n.tunnels?.some((x) => x.kind === 'vlan' && x.name === name)) return n;
    return { ...n, tunnels: n.tunnels.filter((x) => x.name !== name), routes: n.routes.filter((r) => r.dev !== name) };
  });
}

/** Sets a device's addresses (a VLAN device's, like an interface's). */
export function setDeviceAddrs(t: Topology, node: string, name: string, addrs: readonly IfAddr[]): Topology {
  return updateNode(t, node, (n) => {
    const k = n.kind === 'linux' ? (n.tunnels ?? []).findIndex((x) => x.name === name) : -1;
    if (n.kind !== 'linux' || k < 0) return n;
    const tunnels = n.tunnels!.slice();
    tunnels[k] = { ...tunnels[k]!, addrs: addrs.map((a) => ({ ip: a.ip, len: a.len })) };
    return { ...n, tunnels };
  });
}



