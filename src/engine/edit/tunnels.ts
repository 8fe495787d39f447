// A linux node's tunnel devices (ipip, gre, gretap, vxlan) as the editor changes them: one device's
// fields, a device added or removed, or all of them as `ip link add` lines. Every change goes
// through iproute2's reading of `ip link add` (io/ip-link-add.ts), so the inspector accepts and
// refuses what the file and the terminal do, in the same words. A device keeps what the fields do
// not hold (its addresses, up, MAC, flood list) when it is changed; the fallback devices (tunl0),
// VLAN devices and bridges are not edited here.

import type { LinuxNode, Topology, Tunnel, TunnelKind } from '../topology';
import { FALLBACK_TUNNELS, parseLinkAdd } from '../io/ip-link-add';
import { linkAddText } from '../tunnel-text';
import { macFromSerial, type MacAddr } from '../wire/addr';
import { updateNode } from './update';

/** The device types the inspector edits. */
export const EDITABLE_TUNNEL_KINDS = ['ipip', 'gre', 'gretap', 'vxlan'] as const satisfies readonly TunnelKind[];

export const isEditableTunnel = (t: Tunnel): boolean => !t.fallback && (EDITABLE_TUNNEL_KINDS as readonly string[]).includes(t.kind);

/** A tunnel's fields as the inspector's form holds them (text as typed; '' for none). */
export interface TunnelFields {
  kind: string;
  local: string;
  remote: string;
  /** GRE key, or VXLAN VNI */
  key: string;
  /** a number, or '' / inherit */
  ttl: string;
  dev: string;
  dstport: string;
}

export type TunnelField = keyof TunnelFields;

export function tunnelFields(t: Tunnel): TunnelFields {
  return {
    kind: t.kind,
    local: t.local ?? '',
    remote: t.remote ?? '',
    key: t.kind === 'vxlan' ? String(t.vni ?? '') : t.key !== undefined ? String(t.key) : '',
    ttl: t.ttl !== undefined ? String(t.ttl) : '',
    dev: t.dev ?? '',
    dstport: t.kind === 'vxlan' ? String(t.dstport ?? '') : '',
  };
}

/** The `ip link add` arguments of one field (none for an empty one). */
function fieldArgs(kind: string, f: TunnelField, v: string): string[] {
  const value = v.trim();
  if (f === 'kind' || value === '') return [];
  if (f === 'key') return kind === 'vxlan' ? ['id', value] : kind === 'gre' || kind === 'gretap' ? ['key', value] : [];
  if (f === 'dstport') return kind === 'vxlan' ? ['dstport', value] : [];
  return [f, value];
}

export type FieldsResult = { kind: 'ok'; tunnel: Tunnel } | { kind: 'error'; field: TunnelField | undefined; message: string };

/**
 * A device from the form's fields, read as `ip link add NAME type KIND …` would read them. A
 * refusal names the field it came from (each field is read alone first), or none when only the
 * whole line is refused (a VXLAN device without its VNI).
 */
export function tunnelFromFields(name: string, f: TunnelFields, devs: readonly string[]): FieldsResult {
  const base = [name, 'type', f.kind];
  const vni = f.kind === 'vxlan' ? ['id', '1'] : [];
  for (const k of ['local', 'remote', 'key', 'ttl', 'dev', 'dstport'] as const) {
    const args = fieldArgs(f.kind, k, f[k]);
    if (!args.length) continue;
    const r = parseLinkAdd([...base, ...(k === 'key' ? [] : vni), ...args]);
    if (r.kind === 'error') return { kind: 'error', field: k, message: r.message };
    if (k === 'dev' && !devs.includes(f.dev.trim())) return { kind: 'error', field: k, message: `Cannot find device "${f.dev.trim()}"` };
  }
  const args = (['local', 'remote', 'key', 'ttl', 'dev', 'dstport'] as const).flatMap((k) => fieldArgs(f.kind, k, f[k]));
  const r = parseLinkAdd([...base, ...args]);
  if (r.kind === 'error') return { kind: 'error', field: r.message.startsWith('vxlan: missing') ? 'key' : undefined, message: r.message };
  return r;
}

/** The node's devices other than its tunnels: what a tunnel's `dev` can name. */
export const tunnelLowerDevs = (n: LinuxNode): string[] => n.ifaces.map((i) => i.name);

/** The editable tunnels of a node, in order. */
export const editableTunnels = (n: LinuxNode): Tunnel[] => (n.tunnels ?? []).filter(isEditableTunnel);

/** `next` with what `old` has beyond its fields (addresses, up, MAC, flood list, settings). */
function keepState(old: Tunnel | undefined, next: Tunnel, newMac: () => MacAddr): Tunnel {
  const ether = next.kind === 'gretap' || next.kind === 'vxlan';
  const t: Tunnel = { ...next, addrs: old ? old.addrs.map((a) => ({ ...a })) : [], up: old ? old.up === true : true };
  if (old?.conf) t.conf = { ...old.conf };
  if (old?.flood && next.kind === 'vxlan') t.flood = old.flood.slice();
  if (ether) {
    if (old?.mac) {
      t.mac = old.mac;
      if (old.macAuto) t.macAuto = true;
    } else {
      t.mac = newMac();
      t.macAuto = true;
    }
  }
  if (t.up === false) delete t.up;
  return t;
}

/** A MAC no interface or device of the topology has. */
function tunnelMacAllocator(t: Topology): () => MacAddr {
  const used = new Set(t.nodes.flatMap((n) => [...n.ifaces.map((i) => i.mac), ...(n.kind === 'linux' ? (n.tunnels ?? []).flatMap((x) => (x.mac ? [x.mac] : [])) : [])].map((m) => m.toLowerCase())));
  let serial = 0;
  return () => {
    for (serial++; used.has(macFromSerial(serial)); serial++);
    used.add(macFromSerial(serial));
    return macFromSerial(serial);
  };
}

/**
 * Replaces a linux node's editable tunnels with `tunnels` (in order, after the devices that are
 * not edited here): a device of the same name keeps its state, a new one is up (`ip link add`
 * then `ip link set NAME up`); a removed one leaves the bridge it was a port of.
 */
export function setTunnels(t: Topology, node: string, tunnels: readonly Tunnel[]): Topology {
  const newMac = tunnelMacAllocator(t);
  return updateNode(t, node, (n) => {
    if (n.kind !== 'linux') return n;
    const old = n.tunnels ?? [];
    const byName = new Map(old.filter(isEditableTunnel).map((x) => [x.name, x]));
    if (old.filter(isEditableTunnel).map(linkAddText).join('\n') === tunnels.map(linkAddText).join('\n')) return n;
    const names = new Set(tunnels.map((x) => x.name));
    const kept = old.filter((x) => !isEditableTunnel(x)).map((x) => (x.kind === 'bridge' && x.ports?.some((p) => byName.has(p) && !names.has(p)) ? { ...x, ports: x.ports.filter((p) => !byName.has(p) || names.has(p)) } : x));
    // edited devices stay where they were in ifindex order; new ones come last
    const edited = tunnels.map((x) => keepState(byName.get(x.name), x, newMac));
    const next: Tunnel[] = [];
    for (const x of old) {
      if (!isEditableTunnel(x)) next.push(kept.shift()!);
      else if (names.has(x.name)) next.push(edited.find((e) => e.name === x.name)!);
    }
    next.push(...edited.filter((e) => !byName.has(e.name)));
    const { tunnels: _old, ...rest } = n;
    return next.length ? { ...rest, tunnels: next } : rest;
  });
}

/** One tunnel changed (by name), or added when no tunnel has the name. */
export function setTunnel(t: Topology, node: string, tunnel: Tunnel): Topology {
  const n = t.nodes.find((x) => x.name === node);
  if (n?.kind !== 'linux') return t;
  const list = editableTunnels(n);
  const at = list.findIndex((x) => x.name === tunnel.name);
  return setTunnels(t, node, at < 0 ? [...list, tunnel] : list.map((x, i) => (i === at ? tunnel : x)));
}

/** Removes one tunnel device (`ip link del NAME`). */
export function removeTunnel(t: Topology, node: string, name: string): Topology {
  const n = t.nodes.find((x) => x.name === node);
  if (n?.kind !== 'linux') return t;
  return setTunnels(t, node, editableTunnels(n).filter((x) => x.name !== name));
}

/** The first free `KINDn` name on the node (gre1, vxlan1, …). */
export function nextTunnelName(n: LinuxNode, kind: string): string {
  const taken = new Set([...n.ifaces.map((i) => i.name), ...(n.tunnels ?? []).map((x) => x.name), ...FALLBACK_TUNNELS.keys(), 'lo']);
  let k = 1;
  while (taken.has(`${kind}${k}`)) k++;
  return `${kind}${k}`;
}

/** A new device of a type with what `ip link add` needs (a VXLAN device its VNI and the IANA port). */
export function newTunnel(n: LinuxNode, kind: (typeof EDITABLE_TUNNEL_KINDS)[number]): Tunnel {
  const name = nextTunnelName(n, kind);
  return kind === 'vxlan' ? { name, kind, addrs: [], vni: 1, dstport: 4789 } : { name, kind, addrs: [] };
}

export interface TunnelLineError {
  line: number;
  message: string;
}

export type TunnelLinesCheck = { ok: true; tunnels: Tunnel[] } | { ok: false; errors: TunnelLineError[] };

/**
 * The editable tunnels as `ip link add` lines (blank lines and # comments skipped): each read as
 * iproute2 reads it, of a type edited here, its name not another device's, its `dev` an interface
 * of the node.
 */
export function checkTunnelLines(n: LinuxNode, text: string): TunnelLinesCheck {
  const errors: TunnelLineError[] = [];
  const tunnels: Tunnel[] = [];
  const others = new Set(['lo', ...n.ifaces.map((i) => i.name), ...(n.tunnels ?? []).filter((x) => !isEditableTunnel(x)).map((x) => x.name), ...FALLBACK_TUNNELS.keys()]);
  const devs = tunnelLowerDevs(n);
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const words = line.split(/\s+/);
    const fail = (message: string) => errors.push({ line: i + 1, message });
    if (words[0] !== 'ip' || words[1] !== 'link' || words[2] !== 'add') return fail('each line is an `ip link add NAME type ipip|gre|gretap|vxlan …` line');
    const r = parseLinkAdd(words.slice(3));
    if (r.kind === 'error') return fail(r.message);
    const tn = r.tunnel;
    if (!isEditableTunnel(tn)) return fail(`type ${tn.kind} is not edited here (ipip, gre, gretap, vxlan)`);
    if (others.has(tn.name) || tunnels.some((x) => x.name === tn.name)) return fail('RTNETLINK answers: File exists');
    if (tn.dev !== undefined && !devs.includes(tn.dev)) return fail(`Cannot find device "${tn.dev}"`);
    tunnels.push(tn);
  });
  return errors.length ? { ok: false, errors } : { ok: true, tunnels };
}
