// `ip link add [dev|name] NAME type KIND ARGS` for the tunnel and overlay devices packetwalk
// models (iproute2's ip/link_iptnl.c, link_gre.c, iplink_vxlan.c read these arguments): ipip,
// gre, gretap and vxlan. sit (IPv6 in IPv4) needs IPv6, which packetwalk does not have: it is
// refused with that reason, as is any other type.

import { parseIpv4, type Ipv4Addr } from '../wire/addr';
import { VXLAN_LINUX_PORT } from '../devices/tunnel-params';
import { devNameProblem } from '../devices/linux/netdev';
import { TUNNEL_KINDS, type Tunnel, type TunnelKind } from '../topology';

export type LinkAddResult = { kind: 'ok'; tunnel: Tunnel } | { kind: 'error'; message: string };

const err = (message: string): LinkAddResult => ({ kind: 'error', message });

/** The fallback device of a type, made with the namespace once its module is loaded (ipip's tunl0, ip_gre's gre0 and gretap0; its erspan0 is only shown). */
export const FALLBACK_TUNNELS: ReadonlyMap<string, TunnelKind> = new Map([
  ['tunl0', 'ipip'],
  ['gre0', 'gre'],
  ['gretap0', 'gretap'],
]);

/** A 32-bit GRE key as iproute2 reads it: a number, or a dotted quad. */
function parseKey(v: string): number | undefined {
  if (/^\d+$/.test(v) && Number(v) <= 0xffffffff) return Number(v);
  const ip = parseIpv4(v);
  return ip ? ip.split('.').reduce((a, x) => a * 256 + Number(x), 0) : undefined;
}

/**
 * `type vlan [protocol 802.1Q] id N` (iproute2's ip/iplink_vlan.c, the kernel's vlan_newlink):
 * the link and the id are required, a VID is below 4095.
 */
function vlanArgs(t: Tunnel, args: readonly string[]): LinkAddResult {
  for (let i = 0; i < args.length; i++) {
    const k = args[i]!;
    const v = args[++i];
    if (k === 'id') {
      if (!v || !/^\d+$/.test(v) || Number(v) > 0xffff) return err(`Error: argument "${v ?? ''}" is wrong: id is invalid`);
      if (Number(v) >= 4095) return err('RTNETLINK answers: Numerical result out of range');
      t.vlanId = Number(v);
    } else if (k === 'protocol') {
      if (v?.toLowerCase() !== '802.1q') return err(`protocol ${v ?? ''}: only 802.1Q is modelled`);
    } else return err(`"${k}" is not supported in ip link add … type vlan (id, protocol 802.1Q)`);
  }
  if (t.dev === undefined) return err('Error: 8021q: link not specified.');
  if (t.vlanId === undefined) return err('Error: 8021q: VLAN id not specified.');
  return { kind: 'ok', tunnel: t };
}

/**
 * `type bridge [vlan_filtering 0|1] [mcast_snooping 0]` (iproute2's ip/iplink_bridge.c).
 * packetwalk's bridges do no IGMP snooping (nor does anything here send IGMP): `mcast_snooping 0`
 * is what they are, and what keeps a recorded bridge device's own IGMP reports off the wire.
 */
function bridgeArgs(t: Tunnel, args: readonly string[]): LinkAddResult {
  for (let i = 0; i < args.length; i += 2) {
    const [k, v] = [args[i]!, args[i + 1]];
    if (k === 'mcast_snooping') {
      if (v !== '0') return err('mcast_snooping: multicast snooping is not modelled (only mcast_snooping 0)');
      continue;
    }
    if (k !== 'vlan_filtering') return err(`"${k}" is not supported in ip link add … type bridge (vlan_filtering, mcast_snooping 0)`);
    if (v !== '0' && v !== '1') return err(`Error: argument "${v ?? ''}" is wrong: invalid vlan_filtering`);
    if (v === '1') t.vlanFiltering = true;
    else delete t.vlanFiltering;
  }
  t.ports = [];
  return { kind: 'ok', tunnel: t };
}

/** The arguments after `ip link add`. */
export function parseLinkAdd(args: readonly string[]): LinkAddResult {
  let name: string | undefined;
  let kind: string | undefined;
  let lower: string | undefined;
  let i = 0;
  for (; i < args.length; i++) {
    const k = args[i]!;
    if (k === 'type') {
      kind = args[++i];
      i++;
      break;
    }
    if (k === 'link') lower = args[++i];
    else if (k === 'dev' || k === 'name') name = args[++i];
    else if (name === undefined) name = k;
    else return err(`Error: either "dev" is duplicate, or "${k}" is a garbage.`);
  }
  if (name === undefined) return err('Not enough information: "dev" argument is required.');
  const bad = devNameProblem(name);
  if (bad) return err(`Error: argument "${name}" is wrong: "name" not a valid ifname (${bad})`);
  if (kind === undefined) return err('Not enough information: "type" argument is required.');
  if (kind === 'sit' || kind === 'ip6tnl' || kind === 'ip6gre') return err(`type ${kind} carries IPv6, which packetwalk does not model yet (ipip, gre, gretap and vxlan are modelled)`);
  if (!(TUNNEL_KINDS as readonly string[]).includes(kind)) return err(`type "${kind}" is not supported (${TUNNEL_KINDS.join(', ')})`);
  const t: Tunnel = { name, kind: kind as TunnelKind, addrs: [] };
  if (lower !== undefined) {
    if (t.kind !== 'vlan') return err(`"link" is supported for type vlan only here`);
    t.dev = lower;
  }
  if (t.kind === 'vlan') return vlanArgs(t, args.slice(i));
  if (t.kind === 'bridge') return bridgeArgs(t, args.slice(i));
  const addr = (v: string | undefined): Ipv4Addr | string => (v === 'any' ? '' : (parseIpv4(v ?? '') ?? `Error: inet address is expected rather than "${v ?? ''}".`));
  for (; i < args.length; i++) {
    const k = args[i]!;
    const v = args[i + 1];
    switch (k) {
      case 'local':
      case 'remote': {
        const a = addr(v);
        if (a !== '' && !parseIpv4(a)) return err(a);
        if (a !== '') t[k] = a as Ipv4Addr;
        i++;
        break;
      }
      case 'ttl':
      case 'hoplimit': {
        if (v === 'inherit') delete t.ttl;
        else if (v !== undefined && /^\d+$/.test(v) && Number(v) <= 255) {
          if (Number(v) === 0) delete t.ttl;
          else t.ttl = Number(v);
        } else return err(`Error: argument "${v ?? ''}" is wrong: invalid TTL`);
        i++;
        break;
      }
      case 'dev':
        if (!v) return err('Error: argument "dev" needs a device name.');
        t.dev = v;
        i++;
        break;
      case 'key':
      case 'ikey':
      case 'okey': {
        if (t.kind !== 'gre' && t.kind !== 'gretap') return err(`Error: "${k}" is a GRE option; ${t.kind} has no key.`);
        const key = parseKey(v ?? '');
        if (key === undefined) return err(`Error: argument "${v ?? ''}" is wrong: invalid value for "key"`);
        t.key = key;
        i++;
        break;
      }
      case 'id':
      case 'vni': {
        if (t.kind !== 'vxlan') return err(`Error: "${k}" is a VXLAN option.`);
        if (!v || !/^\d+$/.test(v) || Number(v) >= 1 << 24) return err(`Error: argument "${v ?? ''}" is wrong: invalid id`);
        t.vni = Number(v);
        i++;
        break;
      }
      case 'dstport': {
        if (t.kind !== 'vxlan') return err('Error: "dstport" is a VXLAN option.');
        if (!v || !/^\d+$/.test(v) || Number(v) > 0xffff) return err(`Error: argument "${v ?? ''}" is wrong: dstport`);
        t.dstport = Number(v);
        i++;
        break;
      }
      case 'nolearning':
        if (t.kind !== 'vxlan') return err('Error: "nolearning" is a VXLAN option.');
        t.nolearning = true;
        break;
      case 'learning':
        delete t.nolearning;
        break;
      case 'pmtudisc':
        break;
      default:
        return err(`"${k}" is not supported in ip link add … type ${t.kind}`);
    }
  }
  if (t.kind === 'vxlan') {
    if (t.vni === undefined) return err('vxlan: missing virtual network identifier');
    // Without dstport (or with 0) the kernel uses its module default, 8472 (vxlan_port), after
    // iproute2's warning that it is not the IANA port.
    if (!t.dstport) t.dstport = VXLAN_LINUX_PORT;
  }
  return { kind: 'ok', tunnel: t };
}
