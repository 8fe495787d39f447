// The configuration commands of a containerlab `exec:` list, applied to a node in order the way
// the kernel applies them, with iproute2's and sysctl's own error messages: `ip addr add`,
// `ip route add`, `ip neigh add|replace`, `ip link set DEV address|up`, `sysctl -w` for the IPv4 forwarding and
// neighbour settings packetwalk models; on a bridge node its spanning tree settings
// (exec-bridge.ts). The same parser reads routes typed as `ip route` text.

import { macFromSerial, networkOf, parseIpv4, parseMac, parsePrefix, type Ipv4Addr, type MacAddr } from '../wire/addr';
import { shellSplit } from '../userspace/commands';
import type { IfAddr, IfaceConf, LinuxNode, NexthopSpec, RouteScope, RouteSpec, RouteType, TopoNode, Tunnel } from '../topology';
import { Fib } from '../tables/fib';
import { addressRoutes, devAddrs, devicesOf, resolveRoute } from '../devices/config';
import { parseIptables } from './iptables';
import { parseNeighArgs } from './neigh';
import { FALLBACK_TUNNELS, parseLinkAdd } from './ip-link-add';
import { applyBridgeConf, parseBridgeIpLinkSet, parseBridgeLinkSet, type BridgeParse } from './exec-bridge';
import { bridgeTarget, bridgeVlanExec, setVlanFiltering } from './bridge-vlan';

export type ExecResult = { kind: 'ok' } | { kind: 'error'; message: string };

const ok: ExecResult = { kind: 'ok' };
const fail = (message: string): ExecResult => ({ kind: 'error', message });

const ROUTE_TYPES: readonly RouteType[] = ['unicast', 'blackhole', 'unreachable', 'prohibit'];
/** A Map: the word comes from the file (`scope constructor` is no scope). */
const SCOPES = new Map<string, RouteScope>([['global', 'global'], ['universe', 'global'], ['link', 'link'], ['host', 'host']]);

/** /etc/iproute2/rt_protos: the names iproute2 knows, by number. */
const RT_PROTOS = new Map<number, string>([
  [0, 'unspec'], [1, 'redirect'], [2, 'kernel'], [3, 'boot'], [4, 'static'], [8, 'gated'], [9, 'ra'], [10, 'mrt'], [11, 'zebra'],
  [12, 'bird'], [13, 'dnrouted'], [14, 'xorp'], [15, 'ntk'], [16, 'dhcp'], [18, 'keepalived'], [42, 'babel'], [99, 'openr'],
  [186, 'bgp'], [187, 'isis'], [188, 'ospf'], [189, 'rip'], [192, 'eigrp'],
]);
const RT_PROTO_NAMES = new Set(RT_PROTOS.values());

/** rtnl_rtprot_a2n: a protocol name or number (0–255) as `ip route` prints it back, or undefined. */
export function routeProtocol(text: string): string | undefined {
  if (RT_PROTO_NAMES.has(text)) return text;
  if (!/^(0x[0-9a-f]+|\d+)$/i.test(text)) return undefined;
  const n = Number(text);
  return n <= 255 ? (RT_PROTOS.get(n) ?? String(n)) : undefined;
}

/** `ip route add` arguments (everything after "add") → a route, or iproute2's complaint. */
export function parseRouteArgs(args: string[]): { kind: 'ok'; route: RouteSpec } | { kind: 'error'; message: string } {
  let type: RouteType = 'unicast';
  let i = 0;
  if (args[0] && (ROUTE_TYPES as readonly string[]).includes(args[0])) {
    type = args[0] as RouteType;
    i = 1;
  } else if (args[0] && ['local', 'broadcast', 'multicast', 'throw', 'nat', 'anycast'].includes(args[0])) {
    return { kind: 'error', message: `route type "${args[0]}" is not supported (unicast, blackhole, unreachable, prohibit)` };
  }
  const dstText = args[i];
  if (dstText === undefined) return { kind: 'error', message: 'Error: destination is expected.' };
  let dst: IfAddr;
  if (dstText === 'default' || dstText === 'all' || dstText === 'any') dst = { ip: '0.0.0.0' as Ipv4Addr, len: 0 };
  else {
    const p = parsePrefix(dstText);
    if (!p) return { kind: 'error', message: `Error: inet prefix is expected rather than "${dstText}".` };
    if (networkOf(p.ip, p.len) !== p.ip) return { kind: 'error', message: 'Error: Invalid prefix for given prefix length.' };
    dst = p;
  }
  const spec: RouteSpec = { type, dst };
  for (i++; i < args.length; i++) {
    const k = args[i]!;
    const v = args[i + 1];
    switch (k) {
      case 'via': {
        const gw = parseIpv4(v ?? '');
        if (!gw) return { kind: 'error', message: `Error: inet address is expected rather than "${v ?? ''}".` };
        spec.via = gw;
        i++;
        break;
      }
      case 'dev':
      case 'oif':
        if (!v) return { kind: 'error', message: 'Error: argument "dev" needs a device name.' };
        spec.dev = v;
        i++;
        break;
      case 'onlink':
        spec.onlink = true;
        break;
      case 'scope': {
        const s = SCOPES.get(v ?? '');
        if (!s) return { kind: 'error', message: `Error: argument "${v ?? ''}" is wrong: invalid scope value (global, link, host).` };
        spec.scope = s;
        i++;
        break;
      }
      case 'metric':
      case 'priority':
      case 'preference':
        if (!v || !/^\d+$/.test(v) || Number(v) > 0xffffffff) return { kind: 'error', message: `Error: argument "${v ?? ''}" is wrong: "metric" value is invalid` };
        spec.metric = Number(v);
        i++;
        break;
      case 'src': {
        const s = parseIpv4(v ?? '');
        if (!s) return { kind: 'error', message: `Error: inet address is expected rather than "${v ?? ''}".` };
        spec.src = s;
        i++;
        break;
      }
      case 'proto':
      case 'protocol': {
        const proto = routeProtocol(v ?? '');
        if (proto === undefined) return { kind: 'error', message: `Error: argument "${v ?? ''}" is wrong: "protocol" value is invalid` };
        if (proto !== 'boot') spec.proto = proto;
        i++;
        break;
      }
      case 'table':
        if (v !== 'main' && v !== '254') return { kind: 'error', message: `only the main routing table is supported ("table ${v ?? ''}")` };
        i++;
        break;
      case 'nexthop': {
        // iproute2's parse_nexthops: every argument from here on belongs to a nexthop.
        const r = parseNexthops(args.slice(i));
        if (r.kind === 'error') return r;
        if (spec.via || spec.dev !== undefined || spec.onlink) return { kind: 'error', message: 'a multipath route gives its gateways and devices in its nexthops' };
        // One nexthop is an ordinary route (its weight is not kept).
        if (r.nexthops.length === 1) {
          const { weight: _w, ...only } = r.nexthops[0]!;
          Object.assign(spec, only);
        } else spec.nexthops = r.nexthops;
        i = args.length;
        break;
      }
      default:
        return { kind: 'error', message: `"${k}" is not supported in ip route (via, dev, onlink, scope, metric, src)` };
    }
  }
  if (type !== 'unicast' && (spec.via || spec.onlink)) {
    return { kind: 'error', message: `a ${type} route cannot have a gateway` };
  }
  return { kind: 'ok', route: spec };
}

/** `nexthop via A [dev D] [weight W] [onlink] nexthop …` → the paths of a multipath route. */
function parseNexthops(args: string[]): { kind: 'ok'; nexthops: NexthopSpec[] } | { kind: 'error'; message: string } {
  const out: NexthopSpec[] = [];
  for (let i = 0; i < args.length; i++) {
    const k = args[i]!;
    const v = args[i + 1];
    const nh = out[out.length - 1];
    if (k === 'nexthop') {
      out.push({});
      continue;
    }
    if (!nh) return { kind: 'error', message: `Error: "nexthop" is expected rather than "${k}".` };
    if (k === 'via') {
      const gw = parseIpv4(v ?? '');
      if (!gw) return { kind: 'error', message: `Error: inet address is expected rather than "${v ?? ''}".` };
      nh.via = gw;
      i++;
    } else if (k === 'dev') {
      if (!v) return { kind: 'error', message: 'Error: argument "dev" needs a device name.' };
      nh.dev = v;
      i++;
    } else if (k === 'weight') {
      if (!v || !/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 256) return { kind: 'error', message: `Error: argument "${v ?? ''}" is wrong: "weight" is invalid` };
      nh.weight = Number(v);
      i++;
    } else if (k === 'onlink') nh.onlink = true;
    else return { kind: 'error', message: `"${k}" is not supported in a nexthop (via, dev, weight, onlink)` };
  }
  if (out.some((nh) => !nh.via && nh.dev === undefined)) return { kind: 'error', message: 'Error: Nexthop has invalid gateway.' };
  return { kind: 'ok', nexthops: out };
}

/** The first locally administered MAC (02:00:00:…) no interface or tunnel of the node has. */
function firstFreeMac(node: TopoNode): MacAddr {
  const used = new Set<string>([...node.ifaces.map((i) => i.mac), ...(node.kind === 'linux' ? (node.tunnels ?? []).flatMap((t) => (t.mac ? [t.mac] : [])) : [])]);
  let serial = 1;
  while (used.has(macFromSerial(serial))) serial++;
  return macFromSerial(serial);
}

/** Routes of a node as they are while its exec lines run (rebuilt when an address changes). */
export class NodeBuild {
  private fib: Fib | null = null;

  /**
   * `newMac`: the MAC a device `ip link add` makes gets (an Ethernet tunnel's; Linux's is random,
   * eth_hw_addr_random); by default the first 02:00:00:… not on the node.
   */
  constructor(
    readonly node: TopoNode,
    private readonly newMac: () => MacAddr = () => firstFreeMac(node),
  ) {}

  /** A tunnel device of the node; the fallback device of a type (tunl0) is made on first mention, as the module loading makes it. */
  private tunnel(dev: string): Tunnel | undefined {
    const node = this.node;
    if (node.kind !== 'linux') return undefined;
    const t = node.tunnels?.find((x) => x.name === dev);
    if (t) return t;
    const kind = FALLBACK_TUNNELS.get(dev);
    if (!kind) return undefined;
    const fb: Tunnel = { name: dev, kind, addrs: [], fallback: true };
    (node.tunnels ??= []).push(fb);
    this.fib = null;
    return fb;
  }

  /** The device a per-device setting names: an interface or a tunnel. */
  private confDev(dev: string): { conf?: IfaceConf; mac?: MacAddr; macAuto?: boolean } | undefined {
    return this.node.ifaces.find((i) => i.name === dev) ?? this.tunnel(dev);
  }

  /** `ip link add NAME type ipip|gre|gretap|vxlan …`. */
  addLink(args: string[]): ExecResult {
    const node = this.node;
    if (node.kind !== 'linux') return fail('a bridge node has no tunnel devices here');
    const r = parseLinkAdd(args);
    if (r.kind === 'error') return r;
    const t = r.tunnel;
    if (this.devNames().includes(t.name) || FALLBACK_TUNNELS.has(t.name)) return fail('RTNETLINK answers: File exists');
    // the lower device: an interface, or (a VLAN device's) the node's bridge
    const lower = t.dev === undefined ? undefined : (node.ifaces.find((i) => i.name === t.dev) ?? (t.kind === 'vlan' ? node.tunnels?.find((x) => x.kind === 'bridge' && x.name === t.dev) : undefined));
    if (t.dev !== undefined && !lower) return fail(`Cannot find device "${t.dev}"`);
    // vlan_check_real_dev: one VLAN device per VID on a real device
    if (t.kind === 'vlan' && node.tunnels?.some((x) => x.kind === 'vlan' && x.dev === t.dev && x.vlanId === t.vlanId)) return fail('RTNETLINK answers: File exists');
    if (t.kind === 'gretap' || t.kind === 'vxlan' || t.kind === 'bridge') {
      t.mac = this.newMac();
      t.macAuto = true;
    }
    if (t.kind === 'vlan') {
      // a VLAN device has its real device's address (vlan_dev_init)
      t.mac = lower!.mac!;
      t.macAuto = true;
    }
    (node.tunnels ??= []).push(t);
    this.fib = null;
    return ok;
  }

  /**
   * `ip link set PORT master BRIDGE`: an interface, or an Ethernet tunnel (gretap, vxlan: an L2
   * overlay), joins a bridge device of the node (br_add_if; a device without an Ethernet address,
   * ipip or gre, is refused with EINVAL, a bridge with ELOOP).
   */
  setMaster(port: string, master: string): ExecResult {
    const node = this.node;
    if (node.kind !== 'linux') return fail('a bridge node\'s ports are its interfaces already');
    const br = this.tunnel(master);
    const dev = node.ifaces.find((i) => i.name === port) ?? this.tunnel(port);
    if (!dev) return fail(`Cannot find device "${port}"`);
    if (!br) return fail(`Cannot find device "${master}"`);
    if (br.kind !== 'bridge') return fail('RTNETLINK answers: Operation not supported');
    if ('kind' in dev && dev.kind === 'bridge') return fail('RTNETLINK answers: Too many levels of symbolic links');
    if (dev.mac === undefined) return fail('RTNETLINK answers: Invalid argument');
    if ('kind' in dev && dev.kind === 'vlan') return fail('a VLAN device as a bridge port is not modelled (an interface, gretap or vxlan)');
    if (node.tunnels?.some((t) => t.kind === 'bridge' && t.ports?.includes(port))) return fail('RTNETLINK answers: Device or resource busy');
    (br.ports ??= []).push(port);
    // br_stp_recalculate_bridge_id: a bridge whose address was not set takes its ports' lowest
    if (br.macAuto) this.setLowerMac(br.name, br.ports.map((p) => this.confDev(p)!.mac!).sort()[0]!, true);
    this.fib = null;
    return ok;
  }

  /** `bridge fdb append|add 00:00:00:00:00:00 dev VXLAN dst IP`: one more VTEP that flooded frames go to. */
  fdbAppend(args: string[]): ExecResult {
    const [mac, ...rest] = args;
    const devAt = rest.indexOf('dev');
    const dstAt = rest.indexOf('dst');
    const dev = devAt >= 0 ? rest[devAt + 1] : undefined;
    const dst = dstAt >= 0 ? parseIpv4(rest[dstAt + 1] ?? '') : undefined;
    if (!dev) return fail('Device and address are required arguments.');
    const t = this.tunnel(dev);
    if (!t || t.kind !== 'vxlan') return fail(`bridge fdb: only a vxlan device's flood list is supported ("${dev}" is not one)`);
    if (mac !== '00:00:00:00:00:00') return fail('bridge fdb: only the all-zero entry (head-end replication to a VTEP) is supported');
    if (!dst) return fail('bridge fdb: "dst IP" is required');
    const flood = (t.flood ??= []);
    if (flood.includes(dst) || t.remote === dst) return fail('RTNETLINK answers: File exists');
    flood.push(dst);
    return ok;
  }

  private devNames(): string[] {
    return this.node.kind === 'linux' ? devicesOf(this.node).map((d) => d.name) : this.node.ifaces.map((i) => i.name);
  }

  private currentFib(node: LinuxNode): Fib {
    if (!this.fib) {
      const fib = new Fib();
      for (const d of devicesOf(node)) for (const a of devAddrs(d.name, d.addrs)) for (const r of addressRoutes(a)) fib.add(r, { append: true });
      const names = this.devNames();
      for (const spec of node.routes) {
        const r = resolveRoute(fib, names, spec);
        if (r.kind === 'ok') fib.add(r.route);
      }
      this.fib = fib;
    }
    return this.fib;
  }

  addAddress(dev: string, text: string): ExecResult {
    const node = this.node;
    if (node.kind !== 'linux') return fail('a bridge node has no IP addresses');
    const p = parsePrefix(text);
    if (!p) return fail(`Error: any valid prefix is expected rather than "${text}".`);
    const list = dev === 'lo' ? node.loAddrs : (node.ifaces.find((i) => i.name === dev) ?? this.tunnel(dev))?.addrs;
    if (!list) return fail(`Cannot find device "${dev}"`);
    if ((dev === 'lo' && p.ip === '127.0.0.1' && p.len === 8) || list.some((a) => a.ip === p.ip && a.len === p.len)) {
      return fail('Error: ipv4: Address already assigned.');
    }
    list.push({ ip: p.ip, len: p.len });
    this.fib = null;
    return ok;
  }

  addRoute(args: string[]): ExecResult {
    const node = this.node;
    if (node.kind !== 'linux') return fail('a bridge node has no routing table');
    const parsed = parseRouteArgs(args);
    if (parsed.kind === 'error') return parsed;
    if (parsed.route.dev !== undefined) this.tunnel(parsed.route.dev);
    const fib = this.currentFib(node);
    const r = resolveRoute(fib, this.devNames(), parsed.route);
    if (r.kind === 'error') return r;
    if (!fib.add(r.route)) return fail('RTNETLINK answers: File exists');
    node.routes.push(parsed.route);
    return ok;
  }

  /** `ip neigh add|replace ADDR lladdr MAC dev DEV [nud permanent|noarp|reachable|stale]`. */
  addNeigh(args: string[], replace: boolean): ExecResult {
    const node = this.node;
    if (node.kind !== 'linux') return fail('a bridge node has no neighbour table');
    const p = parseNeighArgs(args);
    if (p.kind === 'error') return fail(p.message);
    const { ip, dev, mac, nud } = p.args;
    if (!this.confDev(dev)) return fail(`Cannot find device "${dev}"`);
    if (!mac) return fail('Error: No link layer address given.');
    const list = (node.neigh ??= []);
    const k = list.findIndex((e) => e.ip === ip && e.dev === dev);
    if (k >= 0 && !replace) return fail('RTNETLINK answers: File exists');
    const entry = { ip, dev, mac, nud: nud ?? 'permanent' } as const;
    if (k >= 0) list[k] = entry;
    else list.push(entry);
    return ok;
  }

  setMac(dev: string, text: string): ExecResult {
    const iface = this.confDev(dev);
    if (!iface) return fail(`Cannot find device "${dev}"`);
    // An IP tunnel (ipip, gre) has no Ethernet address to set.
    if (iface.mac === undefined) return fail('RTNETLINK answers: Operation not supported');
    const mac = parseMac(text);
    if (!mac) return fail(`"${text}" is invalid lladdr.`);
    if (parseInt(mac.slice(0, 2), 16) & 1) return fail('RTNETLINK answers: Cannot assign requested address');
    this.setLowerMac(dev, mac, false);
    return ok;
  }

  /** A device's new address; a VLAN device that had it follows it (vlan_sync_address). `auto`: not set by hand. */
  private setLowerMac(dev: string, mac: MacAddr, auto: boolean): void {
    const d = this.confDev(dev)!;
    if (this.node.kind === 'linux') for (const t of this.node.tunnels ?? []) if (t.kind === 'vlan' && t.dev === dev && t.macAuto) t.mac = mac;
    d.mac = mac;
    if (auto) d.macAuto = true;
    else delete d.macAuto;
  }

  sysctl(assignment: string): ExecResult {
    const node = this.node;
    const eq = assignment.indexOf('=');
    if (eq < 0) return fail(`sysctl: "${assignment}" must be of the form KEY=VALUE`);
    const key = assignment.slice(0, eq).trim().replace(/\//g, '.');
    const value = assignment.slice(eq + 1).trim();
    if (node.kind !== 'linux') return fail('sysctl settings on a bridge node are not supported');
    const bool = (): boolean | ExecResult => (value === '0' ? false : value === '1' ? true : fail(`sysctl: invalid value "${value}" for ${key} (0 or 1)`));
    if (key === 'net.ipv4.ip_forward' || key === 'net.ipv4.conf.all.forwarding') {
      const b = bool();
      if (typeof b !== 'boolean') return b;
      node.ipForward = b;
      // Writing ip_forward sets every device's forwarding too (inet_forward_change).
      for (const i of [...node.ifaces, ...(node.tunnels ?? [])]) if (i.conf) delete i.conf.forwarding;
      return ok;
    }
    if (key === 'net.ipv4.fib_multipath_hash_policy') {
      // Policies 2 and 3 (inner headers of encapsulated packets, custom fields) are not modelled.
      if (value !== '0' && value !== '1') return fail(`sysctl: fib_multipath_hash_policy ${value} is not modelled by packetwalk (0 or 1)`);
      if (value === '1') node.multipathHashPolicy = 1;
      else delete node.multipathHashPolicy;
      return ok;
    }
    if (key === 'net.ipv4.fib_multipath_hash_seed') {
      if (!/^\d+$/.test(value) || Number(value) > 0xffffffff) return fail(`sysctl: setting key "${key}": Invalid argument`);
      if (Number(value)) node.multipathHashSeed = Number(value);
      else delete node.multipathHashSeed;
      return ok;
    }
    if (key === 'net.ipv4.icmp_echo_ignore_broadcasts') {
      const b = bool();
      if (typeof b !== 'boolean') return b;
      if (b) delete node.icmpEchoIgnoreBroadcasts;
      else node.icmpEchoIgnoreBroadcasts = false;
      return ok;
    }
    let m = /^net\.ipv4\.conf\.([^.]+)\.(forwarding|proxy_arp|send_redirects|accept_redirects)$/.exec(key);
    if (m) {
      const [, dev, setting] = m as unknown as [string, string, string];
      const b = bool();
      if (typeof b !== 'boolean') return b;
      if (dev === 'default') return ok; // only affects devices created later: none are
      if (dev === 'all') {
        node.all ??= {};
        if (setting === 'proxy_arp') node.all.proxyArp = b;
        else if (setting === 'send_redirects') node.all.sendRedirects = b;
        else if (setting === 'accept_redirects') node.all.acceptRedirects = b;
        return ok;
      }
      const iface = this.confDev(dev);
      if (!iface) return fail(`sysctl: cannot stat /proc/sys/net/ipv4/conf/${dev}/${setting}: No such file or directory`);
      const conf: IfaceConf = (iface.conf ??= {});
      if (setting === 'forwarding') conf.forwarding = b;
      else if (setting === 'proxy_arp') conf.proxyArp = b;
      else if (setting === 'send_redirects') conf.sendRedirects = b;
      else conf.acceptRedirects = b;
      return ok;
    }
    m = /^net\.ipv4\.neigh\.([^.]+)\.proxy_delay$/.exec(key);
    if (m) {
      const dev = m[1]!;
      if (!/^\d+$/.test(value)) return fail(`sysctl: invalid value "${value}" for ${key}`);
      const iface = this.confDev(dev);
      if (!iface) return fail(`sysctl: cannot stat /proc/sys/net/ipv4/neigh/${dev}/proxy_delay: No such file or directory`);
      (iface.conf ??= {}).proxyDelay = Number(value);
      return ok;
    }
    if (/^net\.ipv4\./.test(key)) return fail(`sysctl ${key} is not modelled by packetwalk (supported: ip_forward, icmp_echo_ignore_broadcasts, fib_multipath_hash_policy, fib_multipath_hash_seed, conf.DEV.{forwarding,proxy_arp,send_redirects,accept_redirects}, neigh.DEV.proxy_delay)`);
    return fail(`sysctl: cannot stat /proc/sys/${key.replace(/\./g, '/')}: No such file or directory`);
  }

  /** A bridge node's STP settings (exec-bridge.ts); `up` on br0 or a port changes nothing (they are up). */
  private bridgeChange(r: BridgeParse): ExecResult {
    const node = this.node;
    if (r.kind === 'error') return fail(r.message);
    if (node.kind !== 'bridge') return fail('RTNETLINK answers: Operation not supported');
    const c = r.change;
    if (c.kind === 'bridge') node.stp = applyBridgeConf(node.stp, c);
    else if (c.kind === 'port') {
      const port = node.ifaces.find((i) => i.name === c.port)!;
      port.stp = { ...port.stp, ...c.set };
      if (port.stp.cost === 0) delete port.stp.cost;
    } else if (!c.up) return fail(`ip link set ${c.dev} down: packetwalk's devices start up (make it a scenario step)`);
    return ok;
  }

  /** Applies one exec line. */
  exec(line: string): ExecResult {
    const stages = shellSplit(line.trim());
    if (typeof stages === 'string') return fail(stages);
    if (stages.length !== 1 || stages[0]!.length === 0) return fail('one command per line (no pipes)');
    const w = stages[0]!;
    const prefix = (word: string | undefined, full: string) => word !== undefined && word.length > 0 && full.startsWith(word);
    if (w[0] === 'ip') {
      const a = w.slice(1).filter((x) => x !== '-4');
      if (prefix(a[0], 'address') && (a[1] === 'add' || a[1] === 'a')) {
        // ip addr add PREFIX [brd +] dev DEV
        const rest = a.slice(2);
        const devAt = rest.indexOf('dev');
        const dev = devAt >= 0 ? rest[devAt + 1] : undefined;
        const others = rest.filter((_, k) => k !== devAt && k !== devAt + 1);
        if (!dev) return fail('Not enough information: "dev" argument is required.');
        const brd = others.indexOf('brd');
        if (brd >= 0) {
          if (others[brd + 1] !== '+') return fail('only "brd +" (the default broadcast) is supported');
          others.splice(brd, 2);
        }
        if (others.length !== 1) return fail(`ip addr add: expected "PREFIX dev DEV", got "${a.slice(2).join(' ')}"`);
        return this.addAddress(dev, others[0]!);
      }
      if (prefix(a[0], 'route') && a[1] === 'add') return this.addRoute(a.slice(2));
      if ((prefix(a[0], 'neighbour') || prefix(a[0], 'neighbor')) && (a[1] === 'add' || a[1] === 'replace')) return this.addNeigh(a.slice(2), a[1] === 'replace');
      if (prefix(a[0], 'link') && a[1] === 'add') return this.addLink(a.slice(2));
      if (prefix(a[0], 'link') && a[1] === 'set') {
        // `type bridge vlan_filtering 0|1` is bridge-vlan.ts's; the spanning tree's settings exec-bridge.ts's.
        if (this.node.kind === 'bridge' && !a.includes('vlan_filtering')) {
          const r = parseBridgeIpLinkSet(a.slice(2), this.node.ifaces.map((i) => i.name), this.node.stp?.enabled ?? false);
          if (r) return this.bridgeChange(r);
        }
        const vlanFiltering = setVlanFiltering((d) => bridgeTarget(this.node, d), a.slice(2));
        if (vlanFiltering) return vlanFiltering;
        const rest = a.slice(2);
        if (rest[0] === 'dev') rest.shift();
        if (rest[1] === 'master' && rest.length === 3) return this.setMaster(rest[0]!, rest[2]!);
        if (rest[0] === 'dev') rest.shift();
        const dev = rest[0];
        if (!dev) return fail('Not enough information: "dev" argument is required.');
        if ((rest[1] === 'address' || rest[1] === 'addr') && rest.length === 3) return this.setMac(dev, rest[2]!);
        if (rest[1] === 'up' && rest.length === 2) {
          const t = this.tunnel(dev);
          if (t) t.up = true;
          return t || this.node.ifaces.some((i) => i.name === dev) || dev === 'lo' ? ok : fail(`Cannot find device "${dev}"`);
        }
        return fail(`ip link set: only "ip link set dev DEV address MAC" and "… up" are supported`);
      }
      return fail(`"ip ${a.join(' ')}" is not supported (ip addr add, ip route add, ip neigh add, ip link set … address)`);
    }
    if (w[0] === 'sysctl') {
      const args = w.slice(1).filter((x) => x !== '-w' && x !== '-q');
      if (args.length !== 1) return fail('sysctl: expected one KEY=VALUE');
      return this.sysctl(args[0]!);
    }
    if (w[0] === 'iptables' || w[0] === 'iptables-legacy' || w[0] === 'iptables-nft') {
      if (this.node.kind !== 'linux') return fail('a bridge node has no iptables rules here');
      const r = parseIptables(w.slice(1));
      if (r.kind === 'error') return r;
      const names = new Set(this.node.ifaces.map((i) => i.name));
      for (const dev of [r.rule.in, r.rule.out]) {
        if (dev !== undefined && !names.has(dev) && dev !== 'lo') return fail(`iptables: interface "${dev}" does not exist on ${this.node.name} (iptables would accept it; packetwalk refuses the mistake)`);
      }
      (this.node.nat ??= []).push(r.rule);
      return ok;
    }
    if (w[0] === 'bridge' && w[1] === 'fdb' && (w[2] === 'append' || w[2] === 'add')) return this.fdbAppend(w.slice(3));
    if (w[0] === 'bridge' && prefix(w[1], 'link') && w[2] === 'set') {
      if (this.node.kind !== 'bridge') return fail('bridge link set: a linux node has no bridge here');
      return this.bridgeChange(parseBridgeLinkSet(w.slice(3), this.node.ifaces.map((i) => i.name)));
    }
    if (w[0] === 'bridge' && w[1] === 'vlan') return bridgeVlanExec((d) => bridgeTarget(this.node, d), w.slice(2));
    if (w[0] === 'nft') return fail('nft rules are not supported (use iptables -t nat -A …)');
    return fail(`command "${w[0]}" is not supported in exec (ip addr add, ip route add, ip link set, sysctl -w, iptables -t nat -A)`);
  }
}
