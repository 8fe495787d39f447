// Tunnel devices as iproute2 6.1 prints them (ip/ipaddress.c, link_iptnl.c, link_gre.c,
// iplink_vxlan.c, ip/iptunnel.c), copied from a User-Mode Linux 6.1 namespace with tunl0, an
// ipip, a gre with a key, a gretap and a vxlan device, and from this machine's kernel for vxlan
// (nolearning, no lower device): the two lines `ip addr`/`ip link` start a device with, what `-d`
// adds, and `ip tunnel show`. The queue counts are this machine's (`numrxqueues 1` as for lo; the
// UML kernel, built without RPS, prints none).

import type { LinuxNode, Topology, Tunnel } from './topology';
import { tunnelMtu, VXLAN_LINUX_PORT } from './devices/tunnel-params';

const any = (ip: string | undefined) => ip ?? 'any';
/** A GRE key as iproute2 prints it in `ip -d link`: a dotted quad. */
const keyQuad = (k: number) => [k >>> 24, (k >>> 16) & 255, (k >>> 8) & 255, k & 255].join('.');
const ethernet = (t: Tunnel) => t.kind === 'gretap' || t.kind === 'vxlan' || t.kind === 'vlan' || t.kind === 'bridge';
const linkType = (t: Tunnel) => (t.kind === 'ipip' ? 'ipip' : 'gre');

/**
 * The `N: name: <flags> mtu … state …` line and the `link/…` line of a tunnel (`ip addr` adds
 * `group default`; `ip link` says `mode DEFAULT group default`, as for every device).
 */
export function tunnelHead(t: Tunnel, index: number): [string, string] {
  const up = t.up === true;
  if (t.kind === 'vlan') {
    // a VLAN device is UP with its real device (which is always up here), not UNKNOWN
    const flags = up ? 'BROADCAST,MULTICAST,UP,LOWER_UP' : 'BROADCAST,MULTICAST';
    return [
      `${index}: ${t.name}@${t.dev ?? 'NONE'}: <${flags}> mtu 1500 qdisc ${up ? 'noqueue' : 'noop'} state ${up ? 'UP' : 'DOWN'} group default`, // tx_queue_len 0: no qlen
      `    link/ether ${t.mac ?? '00:00:00:00:00:00'} brd ff:ff:ff:ff:ff:ff`,
    ];
  }
  const name = t.kind === 'vxlan' || t.kind === 'bridge' ? t.name : `${t.name}@NONE`;
  let flags: string;
  if (ethernet(t)) flags = up ? 'BROADCAST,MULTICAST,UP,LOWER_UP' : 'BROADCAST,MULTICAST';
  else flags = `${t.remote ? 'POINTOPOINT,' : ''}NOARP${up ? ',UP,LOWER_UP' : ''}`;
  const qdisc = !up ? 'noop' : t.kind === 'gretap' ? 'pfifo_fast' : 'noqueue';
  const state = up ? 'UNKNOWN' : 'DOWN';
  // erspan0: its 8-byte ERSPAN header after GRE's (erspan_tunnel_init)
  const head = `${index}: ${name}: <${flags}> mtu ${isErspan(t) ? 1450 : tunnelMtu(t)} qdisc ${qdisc} state ${state} group default qlen 1000`;
  const link = ethernet(t)
    ? `    link/ether ${t.mac ?? '00:00:00:00:00:00'} brd ff:ff:ff:ff:ff:ff`
    : `    link/${linkType(t)} ${t.local ?? '0.0.0.0'} ${t.remote ? `peer ${t.remote}` : 'brd 0.0.0.0'}`;
  return [head, link];
}

const TAIL = (tso: number) => `numtxqueues 1 numrxqueues 1 gso_max_size 65536 gso_max_segs 65535 tso_max_size ${tso} tso_max_segs 65535 gro_max_size 65536 `;

/** What `ip -d` adds after a tunnel's link/… line: the rest of that line and the type's own line. */
export function tunnelDetails(t: Tunnel, link: boolean): string {
  // an ipip or gre device that is down prints no addrgenmode (tunl0 and gre0 in __oracle__/text/tunnel-fallback-devs)
  const gen = link && (t.up || !(t.kind === 'ipip' || t.kind === 'gre')) ? 'addrgenmode eui64 ' : '';
  const ttl = t.ttl !== undefined ? `ttl ${t.ttl}` : 'ttl inherit';
  const ends = `remote ${any(t.remote)} local ${any(t.local)}`;
  switch (t.kind) {
    case 'ipip':
      return ` promiscuity 0  allmulti 0 minmtu 0 maxmtu 0 \n    ipip any ${ends} ${ttl} ${t.fallback ? 'nopmtudisc' : 'pmtudisc'} ${gen}${TAIL(65536)}`;
    case 'gre': {
      const key = t.key !== undefined ? ` ikey ${keyQuad(t.key)} okey ${keyQuad(t.key)}` : '';
      return ` promiscuity 0  allmulti 0 minmtu 0 maxmtu 0 \n    gre ${ends} ${ttl}${t.fallback ? ' nopmtudisc' : ''}${key} ${gen}${TAIL(65536)}`;
    }
    case 'gretap': {
      const key = t.key !== undefined ? ` ikey ${keyQuad(t.key)} okey ${keyQuad(t.key)}` : '';
      const type = isErspan(t) ? 'erspan' : 'gretap';
      const erspan = isErspan(t) ? ' okey 0.0.0.0 erspan_index 0 erspan_ver 1' : '';
      return ` promiscuity 0  allmulti 0 minmtu 68 maxmtu 0 \n    ${type} ${ends} ${ttl}${t.fallback ? ' nopmtudisc' : ''}${key}${erspan} ${gen}${TAIL(65536)}`;
    }
    case 'vlan':
      return ` promiscuity 0  allmulti 0 minmtu 0 maxmtu 65535 \n    vlan protocol 802.1Q id ${t.vlanId ?? 0} <REORDER_HDR> ${gen}${TAIL(65536)}`;
    case 'bridge':
      // abbreviated: iproute2 prints some sixty bridge options here (timers, STP, multicast)
      return ` promiscuity 0  allmulti 0 minmtu 68 maxmtu 65535 \n    bridge stp_state 0 vlan_filtering ${t.vlanFiltering ? 1 : 0} vlan_protocol 802.1Q ${gen}${TAIL(65536)}`;
    case 'vxlan': {
      const where = `${t.remote ? ` remote ${t.remote}` : ''}${t.local ? ` local ${t.local}` : ''}${t.dev ? ` dev ${t.dev}` : ''}`;
      const vttl = t.ttl !== undefined ? `ttl ${t.ttl}` : 'ttl auto';
      return (
        ` promiscuity 0  allmulti 0 minmtu 68 maxmtu 65535 \n    vxlan id ${t.vni ?? 0}${where} srcport 0 0 dstport ${t.dstport ?? 8472} ${t.nolearning ? 'nolearning ' : ''}${vttl} ageing 300 ` +
        `udpcsum noudp6zerocsumtx noudp6zerocsumrx ${gen}${TAIL(t.dev ? 524280 : 65536)}`
      );
    }
  }
}

/** `ip tunnel show`: the IP tunnels (not gretap or vxlan, which are Ethernet devices), in ifindex order. */
export function formatIpTunnel(tunnels: readonly Tunnel[]): string {
  return tunnels
    .filter((t) => t.kind === 'ipip' || t.kind === 'gre')
    .map((t) => {
      const ttl = t.ttl !== undefined ? `ttl ${t.ttl}` : 'ttl inherit';
      const pmtu = t.fallback ? ' nopmtudisc' : '';
      const key = t.key !== undefined ? ` key ${t.key}` : '';
      return `${t.name}: ${t.kind === 'ipip' ? 'any' : 'gre'}/ip remote ${any(t.remote)} local ${any(t.local)} ${ttl}${pmtu}${key}\n`;
    })
    .join('');
}

/**
 * The fallback devices a tunnel module makes in every namespace once it is loaded (ipip_init_net;
 * ipgre_init_net, ipgre_tap_init_net, erspan_init_net), in the order Linux 6.1 makes them, as a
 * namespace of User-Mode Linux with the modules loaded lists them (golden tunnel-fallback-devs):
 * right after lo, before the veths. erspan0 is only shown: packetwalk has no ERSPAN.
 */
const FALLBACK_DEVICES = [
  { name: 'tunl0', kind: 'ipip', module: 'ipip' },
  { name: 'gre0', kind: 'gre', module: 'ip_gre' },
  { name: 'gretap0', kind: 'gretap', module: 'ip_gre' },
  { name: 'erspan0', kind: 'gretap', module: 'ip_gre' },
] as const;

const isErspan = (t: Tunnel): boolean => t.fallback === true && t.name === 'erspan0';

/** The tunnel modules a network uses: a module is the whole machine's, so its fallback devices are in every node. */
export function tunnelModules(t: Topology): Set<'ipip' | 'ip_gre'> {
  const m = new Set<'ipip' | 'ip_gre'>();
  for (const n of t.nodes) {
    if (n.kind !== 'linux') continue;
    for (const x of n.tunnels ?? []) {
      if (x.kind === 'ipip') m.add('ipip');
      if (x.kind === 'gre' || x.kind === 'gretap') m.add('ip_gre');
    }
  }
  return m;
}

/**
 * A linux node's tunnels in ifindex order: the fallback devices of the modules in use (those the
 * node configured, else down and bare), then the devices `ip link add` made.
 */
export function tunnelsInOrder(node: LinuxNode, modules: ReadonlySet<string>): Tunnel[] {
  const stored = node.tunnels ?? [];
  const fallbacks = FALLBACK_DEVICES.flatMap((d) => {
    const own = stored.find((x) => x.fallback && x.name === d.name);
    return own ? [own] : modules.has(d.module) ? [{ name: d.name, kind: d.kind, addrs: [], fallback: true } satisfies Tunnel] : [];
  });
  return [...fallbacks, ...stored.filter((t) => !t.fallback)];
}

/** The `ip link add` line that makes a tunnel (what a containerlab export runs). */
export function linkAddText(t: Tunnel): string {
  if (t.kind === 'vlan') return `ip link add link ${t.dev ?? ''} name ${t.name} type vlan id ${t.vlanId ?? 0}`;
  if (t.kind === 'bridge') return `ip link add ${t.name} type bridge${t.vlanFiltering ? ' vlan_filtering 1' : ''}`;
  const p = ['ip link add', t.name, 'type', t.kind];
  if (t.kind === 'vxlan') p.push('id', String(t.vni ?? 0), 'dstport', String(t.dstport ?? VXLAN_LINUX_PORT));
  if (t.local) p.push('local', t.local);
  if (t.remote) p.push('remote', t.remote);
  if (t.key !== undefined) p.push('key', String(t.key));
  if (t.ttl !== undefined) p.push('ttl', String(t.ttl));
  if (t.dev) p.push('dev', t.dev);
  if (t.nolearning) p.push('nolearning');
  return p.join(' ');
}

/**
 * The exec lines that make a tunnel as it is: created (not a fallback device), its MAC, a
 * bridge's ports and VLANs (`bridgeLines`, io/bridge-vlan.ts: the page's first load carries this
 * file and not that one), up, its addresses and flood list.
 */
export function tunnelLines(t: Tunnel, bridgeLines: (t: Tunnel) => string[] = () => []): string[] {
  const out: string[] = [];
  if (!t.fallback) out.push(linkAddText(t));
  if (t.mac && !t.macAuto) out.push(`ip link set dev ${t.name} address ${t.mac}`);
  if (t.kind === 'bridge') out.push(...bridgeLines(t));
  if (t.up) out.push(`ip link set ${t.name} up`);
  for (const a of t.addrs) out.push(`ip addr add ${a.ip}/${a.len} dev ${t.name}`);
  for (const dst of t.flood ?? []) out.push(`bridge fdb append 00:00:00:00:00:00 dev ${t.name} dst ${dst}`);
  return out;
}
