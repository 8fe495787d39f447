// The oracle's trace format (../shared/oracle/README.md, "Trace format"): frames per link with
// MACs replaced by "node:iface" labels and run-dependent fields left out, final neighbour, route
// and FDB state, and step results. A simulation exported this way compares field by field with a
// golden trace recorded on real Linux (compare.mjs).

import { ETHERTYPE, IPPROTO, type EthernetFrame, type Ipv4Packet } from '../wire/types';
import { decodeEncap, GRE_PROTO } from '../wire/encap';
import type { MacAddr } from '../wire/addr';
import { prefixText, type FibRoute } from '../tables/fib';
import { linkKey, type Topology } from '../topology';
import type { SimResult } from '../sim/simulate';
import type { FdbView } from '../sim/trace';
import { linkCaptures } from '../sim/captures';
import type { ConntrackView } from '../tables/conntrack';
import { nodeRoutes } from '../devices/config';
import { finalState } from '../sim/final';

export interface OracleFrame {
  /** absent in the IP packet an ipip or gre tunnel carries */
  eth?: { src: string; dst: string; vlan?: number | number[]; type: string };
  arp?: { op: string | number; senderMac: string; senderIp: string; targetMac: string; targetIp: string };
  ip?: { src: string; dst: string; ttl: number; proto: string; frag?: { offset: number; more: boolean } };
  icmp?: { type: number; code: number; seq?: number; gateway?: string; mtu?: number; inner?: { src: string; dst: string; proto: string; sport?: number; dport?: number } };
  /** VXLAN's source port is left out (a hash of the inner flow with a per-boot key) */
  udp?: { sport?: number; dport: number };
  tcp?: { sport: number; dport: number; flags?: string };
  gre?: { proto: string; key?: number };
  vxlan?: { vni: number };
  /** what a tunnel carries: an IP packet (ipip, gre) or an Ethernet frame (gretap, vxlan) */
  inner?: OracleFrame;
}

export interface OracleRoute {
  dst: string;
  type: string;
  gateway?: string;
  dev?: string;
  scope: string;
  table: string;
  prefsrc?: string;
  metric?: number;
  flags?: string[];
}

export interface OracleTrace {
  format: 1;
  topology: string;
  links: Record<string, OracleFrame[]>;
  order: [string, number][];
  state: Record<
    string,
    {
      neigh?: { ip: string; dev: string; mac?: string; state: string }[];
      routes?: OracleRoute[];
      fdb?: { mac: string; port: string; vlan?: number }[];
      conntrack?: OracleConntrack[];
    }
  >;
  steps: Record<string, unknown>[];
}

export interface OracleConntrack {
  proto: string;
  state?: string;
  orig: Record<string, string | number>;
  reply: Record<string, string | number>;
  unreplied?: true;
}

/** A conntrack entry as the recorder's parseConntrack normalises `conntrack -L` (no ICMP id). */
export function oracleConntrack(e: ConntrackView): OracleConntrack {
  const t = (x: ConntrackView['orig']): Record<string, string | number> => (e.proto === 'icmp' ? { src: x.src, dst: x.dst, type: x.type ?? 0, code: x.code ?? 0 } : { src: x.src, dst: x.dst, sport: x.sport ?? 0, dport: x.dport ?? 0 });
  return { proto: e.proto, ...(e.state ? { state: e.state } : {}), orig: t(e.orig), reply: t(e.reply), ...(e.unreplied ? { unreplied: true as const } : {}) };
}

const PROTO: Record<number, string> = { 1: 'icmp', 4: 'ipip', 6: 'tcp', 17: 'udp', 2: 'igmp', 41: 'ipv6', 47: 'gre', 50: 'esp' };
const protoName = (n: number) => PROTO[n] ?? String(n);

export function macLabeler(t: Topology): (mac: MacAddr) => string {
  const map = new Map<string, string>();
  for (const n of t.nodes) {
    for (const i of n.ifaces) if (!map.has(i.mac)) map.set(i.mac, `${n.name}:${i.name}`);
    if (n.kind === 'linux') for (const tn of n.tunnels ?? []) if (tn.mac && !map.has(tn.mac)) map.set(tn.mac, `${n.name}:${tn.name}`);
  }
  return (mac) => (mac === 'ff:ff:ff:ff:ff:ff' ? 'broadcast' : mac === '00:00:00:00:00:00' ? 'zero' : (map.get(mac) ?? `unknown:${mac}`));
}

const TCP_ORDER = ['syn', 'fin', 'rst', 'psh', 'ack', 'urg', 'ece', 'cwr'] as const;

export function oracleFrame(f: EthernetFrame, label: (m: MacAddr) => string): OracleFrame {
  const eth: NonNullable<OracleFrame['eth']> = { src: label(f.srcMac), dst: label(f.dstMac), type: '' };
  const out: OracleFrame = { eth };
  if (f.vlans?.length) eth.vlan = f.vlans.length === 1 ? f.vlans[0]!.vid : f.vlans.map((v) => v.vid);
  const p = f.payload;
  if (p.kind === 'arp') {
    eth.type = 'arp';
    out.arp = {
      op: p.op === 1 ? 'request' : p.op === 2 ? 'reply' : p.op,
      senderMac: label(p.senderMac),
      senderIp: p.senderIp,
      targetMac: label(p.targetMac),
      targetIp: p.targetIp,
    };
  } else if (p.kind === 'ipv4') {
    eth.type = 'ipv4';
    oracleIp(p, label, out);
  } else if (p.kind === 'stp') {
    // The recorder's tshark decoding knows no 802.3 length field: an LLC frame's type is "unknown".
    eth.type = 'unknown';
  } else {
    eth.type = f.ethertype === ETHERTYPE.ipv4 ? 'ipv4' : f.ethertype === ETHERTYPE.ipv6 ? 'ipv6' : `0x${f.ethertype.toString(16).padStart(4, '0')}`;
  }
  return out;
}

/** The IPv4 layers of a frame (or of the packet a tunnel carries) into `out`. */
function oracleIp(p: Ipv4Packet, label: (m: MacAddr) => string, out: OracleFrame): void {
  out.ip = { src: p.srcIp, dst: p.dstIp, ttl: p.ttl, proto: protoName(p.protocol) };
  if (p.flags.mf || p.fragmentOffset) out.ip.frag = { offset: p.fragmentOffset, more: p.flags.mf }; // in 8-byte units, as the recorder writes it
  const l4 = p.payload;
  if (l4.kind === 'icmp') {
    out.icmp = { type: l4.type, code: l4.code };
    if ((l4.type === 0 || l4.type === 8) && l4.sequence !== undefined) out.icmp.seq = l4.sequence;
    if (l4.type === 5 && l4.gateway) out.icmp.gateway = l4.gateway;
    if (l4.type === 3 && l4.code === 4) out.icmp.mtu = (l4.rest ?? 0) & 0xffff;
    const q = l4.quote;
    if (q && [3, 4, 5, 11, 12].includes(l4.type)) {
      out.icmp.inner = { src: q.srcIp, dst: q.dstIp, proto: protoName(q.protocol) };
      const ql4 = q.payload;
      if ((ql4.kind === 'udp' && q.protocol === IPPROTO.udp) || (ql4.kind === 'tcp' && q.protocol === IPPROTO.tcp)) {
        out.icmp.inner.sport = ql4.srcPort;
        out.icmp.inner.dport = ql4.dstPort;
      }
    }
  } else if (l4.kind === 'udp') out.udp = { sport: l4.srcPort, dport: l4.dstPort };
  else if (l4.kind === 'tcp') {
    out.tcp = { sport: l4.srcPort, dport: l4.dstPort, flags: TCP_ORDER.filter((k) => l4.flags[k]).map((k) => k.toUpperCase()).join(',') || 'NONE' };
  }
  const encap = decodeEncap(p);
  if (encap?.kind === 'ipip') {
    out.inner = {};
    oracleIp(encap.inner, label, out.inner);
  } else if (encap?.kind === 'gre') {
    out.gre = { proto: encap.proto === GRE_PROTO.teb ? 'ethernet' : 'ipv4', ...(encap.key !== undefined ? { key: encap.key } : {}) };
    if ('kind' in encap.inner) {
      out.inner = {};
      oracleIp(encap.inner, label, out.inner);
    } else out.inner = oracleFrame(encap.inner, label);
  } else if (encap?.kind === 'vxlan') {
    out.udp = { dport: out.udp!.dport };
    out.vxlan = { vni: encap.vni };
    out.inner = oracleFrame(encap.inner, label);
  }
}

/** A route as the recorder writes it (`ip -j route`): a multipath route's paths are left out, as it leaves them. */
export function oracleRoute(r: FibRoute): OracleRoute {
  const one = !r.nexthops;
  const o: OracleRoute = {
    dst: prefixText(r.dst, r.len),
    type: r.type,
    ...(r.gateway && one ? { gateway: r.gateway } : {}),
    ...(r.dev && one && (r.type === 'unicast' || r.type === 'local' || r.type === 'broadcast') ? { dev: r.dev } : {}),
    scope: r.scope,
    table: r.table,
  };
  if (r.prefsrc) o.prefsrc = r.prefsrc;
  if (r.metric) o.metric = r.metric;
  if (r.onlink && one) o.flags = ['onlink'];
  return o;
}

/** The recorder's normaliseOutput: timings in command output are masked. */
export function normaliseOutput(text: string): string {
  return text
    .replace(/time[=<][0-9.]+ ?ms/g, 'time=<t> ms')
    .replace(/, time [0-9.]+ ?ms/g, ', time <t>ms')
    .replace(/^(rtt|round-trip) min\/avg\/max\/mdev = .*$/gm, '$1 min/avg/max/mdev = <t>')
    .replace(/, ipg\/ewma [0-9./]+ ms/g, ', ipg/ewma <t> ms')
    .replace(/\bexpires [0-9]+sec/g, 'expires <t>sec')
    // traceroute's round-trip times, arping's times and its rtt line
    .replace(/ {2}[0-9]+\.[0-9]{3} ms/g, '  <t> ms')
    .replace(/time=[0-9.]+ [um]sec/g, 'time=<t>')
    .replace(/^rtt min\/avg\/max\/std-dev = .*$/gm, 'rtt min/avg/max/std-dev = <t>');
}

const ipKey = (ip: string) => ip.split(/[./]/).map((p) => p.padStart(3, '0')).join('.');
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function toOracleTrace(t: Topology, r: SimResult): OracleTrace {
  const label = macLabeler(t);
  const captured = linkCaptures(r);
  const links: OracleTrace['links'] = {};
  for (const l of t.links) links[linkKey(l)] = (captured.links[linkKey(l)] ?? []).map((f) => oracleFrame(f, label));
  const state: OracleTrace['state'] = {};
  const oracleFdb = (fdb: FdbView[]) => fdb.map((e) => ({ mac: label(e.mac), port: e.port, ...(e.vlan ? { vlan: e.vlan } : {}) })).sort((a, b) => cmp(a.port, b.port) || cmp(a.mac, b.mac));
  for (const n of t.nodes) {
    const s = finalState(r.final, n);
    if (s.kind === 'linux') {
      state[n.name] = {
        // as `ip neigh show` lists them: NOARP entries only on request
        neigh: s.neigh
          .filter((e) => e.state !== 'NOARP')
          .map((e) => ({ ip: e.ip, dev: e.dev, ...(e.mac ? { mac: label(e.mac) } : {}), state: e.state }))
          .sort((a, b) => cmp(a.dev, b.dev) || cmp(ipKey(a.ip), ipKey(b.ip))),
        routes: n.kind === 'linux' ? (s.routes ?? nodeRoutes(n)).map(oracleRoute) : [],
        ...(s.conntrack
          ? {
              conntrack: s.conntrack.map(oracleConntrack).sort((a, b) => {
                const k = (c: OracleConntrack) => JSON.stringify([c.proto, ipKey(String(c.orig.src)), ipKey(String(c.orig.dst)), c.orig.sport ?? -1, c.orig.dport ?? -1, c.orig.type ?? -1]);
                return cmp(k(a), k(b));
              }),
            }
          : {}),
        ...(s.fdb ? { fdb: oracleFdb(s.fdb) } : {}),
      };
    } else {
      state[n.name] = { fdb: oracleFdb(s.fdb) };
    }
  }
  const steps = r.steps.map((s) => {
    if (s.kind === 'sleep') return { sleep: s.sleep };
    const o: Record<string, unknown> = { on: s.on, run: s.run };
    if (s.background) o.background = true;
    else o.exit = s.exit ?? null;
    o.stdout = normaliseOutput(s.stdout ?? '');
    if (s.stderr) o.stderr = normaliseOutput(s.stderr);
    if (s.timedOut) o.timedOut = true;
    return o;
  });
  return { format: 1, topology: r.topology, links, order: captured.order, state, steps };
}

/** Pretty JSON with one frame, state entry or order pair per line, like the recorder's. */
export function formatOracleTrace(trace: OracleTrace): string {
  const j = (v: unknown) => JSON.stringify(v);
  const arr = (items: unknown[], ind: string) => (items.length ? `[\n${items.map((x) => `${ind}  ${j(x)}`).join(',\n')}\n${ind}]` : '[]');
  const obj = (o: Record<string, unknown>, ind: string, inner: (v: unknown, ind: string) => string) => {
    const ks = Object.keys(o);
    return ks.length ? `{\n${ks.map((k) => `${ind}  ${j(k)}: ${inner(o[k], ind + '  ')}`).join(',\n')}\n${ind}}` : '{}';
  };
  const lines = [
    '{',
    `  "format": ${trace.format},`,
    `  "topology": ${j(trace.topology)},`,
    `  "links": ${obj(trace.links, '  ', (v, ind) => arr(v as unknown[], ind))},`,
    `  "order": ${arr(trace.order, '  ')},`,
    `  "state": ${obj(trace.state, '  ', (v, ind) => obj(v as Record<string, unknown>, ind, (x, i2) => arr(x as unknown[], i2)))},`,
    `  "steps": ${arr(trace.steps, '  ')}`,
    '}',
  ];
  return lines.join('\n') + '\n';
}
