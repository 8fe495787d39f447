// A frame as the header view shows it: layers (Ethernet, ARP or IPv4, ICMP/UDP/TCP, and the
// datagram an ICMP error quotes) with every field, each under the dotted path the engine's
// fieldSpans uses for its bytes ('eth.dstMac', 'ipv4.ttl', 'icmp.quote.ipv4.srcIp'), so that a
// field of the layer view and its bytes in the hex view are the same thing. Values are written
// as a network engineer reads them (addresses, 0x checksums, flag names); labels are i18n keys.
// What a tunnel carries (ipip, GRE, VXLAN) follows its outer layers as layers marked `inner`,
// under paths starting 'inner.' (the bytes are the outer packet's payload: no span of their own).

import type { StpBpdu } from '../../engine/wire/stp';
import type { EthernetFrame, IcmpMessage, Ipv4Packet, TcpSegment, UdpDatagram } from '../../engine';
import { decodeEncap } from '../../engine/pure-player';

type BaseLayerId = 'eth' | 'arp' | 'ipv4' | 'icmp' | 'udp' | 'tcp' | 'llc' | 'stp' | 'raw';
export type LayerId = BaseLayerId | 'quote.ipv4' | 'quote.icmp' | 'quote.udp' | 'quote.tcp' | 'quote.raw' | 'gre' | 'vxlan' | `inner.${BaseLayerId}`;

export interface Field {
  /** the fieldSpans path */
  path: string;
  /** i18n key under player.field */
  label: string;
  value: string;
}

export interface Layer {
  id: LayerId;
  fields: Field[];
  /** a layer of the packet or frame a tunnel carries */
  inner?: true;
}

const hex16 = (n: number) => `0x${n.toString(16).padStart(4, '0')}`;
const ETHERTYPES: Record<number, string> = { 0x0800: 'IPv4', 0x0806: 'ARP', 0x86dd: 'IPv6', 0x8100: '802.1Q' };
const IPPROTOS: Record<number, string> = { 1: 'ICMP', 4: 'IP in IP', 6: 'TCP', 17: 'UDP', 47: 'GRE' };
const ARPOPS: Record<number, string> = { 1: 'request', 2: 'reply' };

/** Names of ICMP types (RFC 792), as Wireshark writes them. */
export const ICMP_TYPES: Record<number, string> = {
  0: 'echo reply',
  3: 'destination unreachable',
  5: 'redirect',
  8: 'echo request',
  11: 'time exceeded',
  12: 'parameter problem',
};

/** A payload's bytes, shortened for display (the hex view shows them all). */
function bytesText(hex: string): string {
  const n = hex.length / 2;
  if (n === 0) return '0 bytes';
  const shown = hex.slice(0, 32).replace(/(..)/g, '$1 ').trim();
  return `${n} bytes: ${shown}${n > 16 ? ' …' : ''}`;
}

/** The text of a payload when it is printable (nc's "hello\n"). */
function printable(hex: string): string | undefined {
  if (!hex) return undefined;
  let s = '';
  for (let i = 0; i < hex.length; i += 2) {
    const c = parseInt(hex.slice(i, i + 2), 16);
    if (c === 10) s += '\\n';
    else if (c >= 32 && c < 127) s += String.fromCharCode(c);
    else return undefined;
  }
  return s;
}

function dataValue(hex: string): string {
  const text = printable(hex);
  return text !== undefined ? `"${text}" (${hex.length / 2} bytes)` : bytesText(hex);
}

/** TCP flags as tcpdump lists them: SYN, ACK… */
export function tcpFlagsText(t: TcpSegment): string {
  const names = (['syn', 'fin', 'rst', 'psh', 'ack', 'urg', 'ece', 'cwr'] as const).filter((f) => t.flags[f]).map((f) => f.toUpperCase());
  return names.length ? names.join(', ') : 'none';
}

function ipv4Fields(p: Ipv4Packet, pre: string): Field[] {
  const x = `${pre}ipv4.`;
  const f: Field[] = [
    { path: `${x}version`, label: 'version', value: String(p.version) },
    { path: `${x}ihl`, label: 'ihl', value: `${p.ihl} (${p.ihl * 4} bytes)` },
    { path: `${x}dscp`, label: 'dscp', value: String(p.dscp) },
    { path: `${x}ecn`, label: 'ecn', value: String(p.ecn) },
    { path: `${x}totalLength`, label: 'totalLength', value: String(p.totalLength) },
    { path: `${x}identification`, label: 'identification', value: `${hex16(p.identification)} (${p.identification})` },
    { path: `${x}flags.df`, label: 'df', value: p.flags.df ? '1' : '0' },
    { path: `${x}flags.mf`, label: 'mf', value: p.flags.mf ? '1' : '0' },
    { path: `${x}fragmentOffset`, label: 'fragmentOffset', value: String(p.fragmentOffset) },
    { path: `${x}ttl`, label: 'ttl', value: String(p.ttl) },
    { path: `${x}protocol`, label: 'protocol', value: `${p.protocol}${IPPROTOS[p.protocol] ? ` (${IPPROTOS[p.protocol]})` : ''}` },
    { path: `${x}headerChecksum`, label: 'headerChecksum', value: hex16(p.headerChecksum) },
    { path: `${x}srcIp`, label: 'srcIp', value: p.srcIp },
    { path: `${x}dstIp`, label: 'dstIp', value: p.dstIp },
  ];
  if (p.options) f.push({ path: `${x}options`, label: 'options', value: bytesText(p.options) });
  return f;
}

function icmpFields(m: IcmpMessage, pre: string): Field[] {
  const x = `${pre}icmp.`;
  const f: Field[] = [
    { path: `${x}type`, label: 'icmpType', value: `${m.type}${ICMP_TYPES[m.type] ? ` (${ICMP_TYPES[m.type]})` : ''}` },
    { path: `${x}code`, label: 'icmpCode', value: String(m.code) },
    { path: `${x}checksum`, label: 'checksum', value: hex16(m.checksum) },
  ];
  if (m.identifier !== undefined || m.sequence !== undefined) {
    f.push({ path: `${x}identifier`, label: 'identifier', value: `${m.identifier ?? 0} (${hex16(m.identifier ?? 0)})` });
    f.push({ path: `${x}sequence`, label: 'sequence', value: String(m.sequence ?? 0) });
  } else if (m.gateway !== undefined) f.push({ path: `${x}gateway`, label: 'gateway', value: m.gateway });
  else f.push({ path: `${x}rest`, label: 'rest', value: String(m.rest ?? 0) });
  if (!m.quote && m.data) f.push({ path: `${x}data`, label: 'data', value: dataValue(m.data) });
  return f;
}

function udpFields(u: UdpDatagram, pre: string): Field[] {
  const x = `${pre}udp.`;
  const f: Field[] = [
    { path: `${x}srcPort`, label: 'srcPort', value: String(u.srcPort) },
    { path: `${x}dstPort`, label: 'dstPort', value: String(u.dstPort) },
    { path: `${x}length`, label: 'length', value: String(u.length) },
    { path: `${x}checksum`, label: 'checksum', value: hex16(u.checksum) },
  ];
  if (u.data) f.push({ path: `${x}data`, label: 'data', value: dataValue(u.data) });
  return f;
}

function tcpFields(t: TcpSegment, pre: string): Field[] {
  const x = `${pre}tcp.`;
  const f: Field[] = [
    { path: `${x}srcPort`, label: 'srcPort', value: String(t.srcPort) },
    { path: `${x}dstPort`, label: 'dstPort', value: String(t.dstPort) },
    { path: `${x}seq`, label: 'tcpSeq', value: String(t.seq) },
    { path: `${x}ack`, label: 'tcpAck', value: String(t.ack) },
    { path: `${x}dataOffset`, label: 'dataOffset', value: `${t.dataOffset} (${t.dataOffset * 4} bytes)` },
    { path: `${x}flags`, label: 'tcpFlags', value: tcpFlagsText(t) },
    { path: `${x}window`, label: 'window', value: String(t.window) },
    { path: `${x}checksum`, label: 'checksum', value: hex16(t.checksum) },
    { path: `${x}urgentPointer`, label: 'urgentPointer', value: String(t.urgentPointer) },
  ];
  if (t.options) f.push({ path: `${x}options`, label: 'options', value: bytesText(t.options) });
  if (t.data) f.push({ path: `${x}data`, label: 'data', value: dataValue(t.data) });
  return f;
}

type Pre = '' | 'icmp.quote.' | 'inner.';

function l4Layer(p: Ipv4Packet, pre: Pre): Layer[] {
  const q = pre === 'icmp.quote.' ? 'quote.' : pre;
  const l4 = p.payload;
  const encap = pre === '' ? decodeEncap(p) : undefined;
  if (encap) {
    const inner = (ls: Layer[]) => ls.map((l): Layer => ({ ...l, inner: true }));
    if (encap.kind === 'ipip') return inner(ipv4Layers(encap.inner, 'inner.'));
    if (encap.kind === 'gre') {
      const gre: Layer = { id: 'gre', fields: [{ path: 'gre.proto', label: 'greProto', value: `${hex16(encap.proto)}${encap.proto === 0x6558 ? ' (Ethernet)' : ' (IPv4)'}` }] };
      if (encap.key !== undefined) gre.fields.push({ path: 'gre.key', label: 'greKey', value: String(encap.key) });
      return [gre, ...inner('kind' in encap.inner ? ipv4Layers(encap.inner, 'inner.') : frameLayers(encap.inner, 'inner.'))];
    }
    const u = l4 as UdpDatagram;
    return [
      { id: 'udp', fields: udpFields({ ...u, data: '' }, '') },
      { id: 'vxlan', fields: [{ path: 'vxlan.vni', label: 'vni', value: String(encap.vni) }] },
      ...inner(frameLayers(encap.inner, 'inner.')),
    ];
  }
  switch (l4.kind) {
    case 'icmp': {
      const layers: Layer[] = [{ id: `${q}icmp` as LayerId, fields: icmpFields(l4, pre) }];
      if (l4.quote && !pre) layers.push(...ipv4Layers(l4.quote, 'icmp.quote.'));
      return layers;
    }
    case 'udp':
      return [{ id: `${q}udp` as LayerId, fields: udpFields(l4, pre) }];
    case 'tcp':
      return [{ id: `${q}tcp` as LayerId, fields: tcpFields(l4, pre) }];
    case 'raw':
      return [{ id: `${q}raw` as LayerId, fields: [{ path: `${pre}raw.data`, label: 'data', value: bytesText(l4.data) }] }];
  }
}

function ipv4Layers(p: Ipv4Packet, pre: Pre): Layer[] {
  return [{ id: pre === 'icmp.quote.' ? 'quote.ipv4' : `${pre}ipv4`, fields: ipv4Fields(p, pre) }, ...l4Layer(p, pre)];
}

/** Every layer of a frame, outermost first (`pre`: 'inner.' for a frame a tunnel carries). */
export function frameLayers(f: EthernetFrame, pre: '' | 'inner.' = ''): Layer[] {
  const eth: Field[] = [
    { path: `${pre}eth.dstMac`, label: 'dstMac', value: f.dstMac },
    { path: `${pre}eth.srcMac`, label: 'srcMac', value: f.srcMac },
  ];
  (f.vlans ?? []).forEach((v, i) => eth.push({ path: `${pre}eth.vlans.${i}.vid`, label: 'vlan', value: `${v.vid} (pcp ${v.pcp})` }));
  eth.push({ path: `${pre}eth.ethertype`, label: 'ethertype', value: `${hex16(f.ethertype)}${ETHERTYPES[f.ethertype] ? ` (${ETHERTYPES[f.ethertype]})` : ''}` });
  const layers: Layer[] = [{ id: `${pre}eth`, fields: eth }];
  const p = f.payload;
  if (p.kind === 'arp') {
    const a = `${pre}arp.`;
    layers.push({
      id: `${pre}arp`,
      fields: [
        { path: `${a}htype`, label: 'htype', value: `${p.htype}${p.htype === 1 ? ' (Ethernet)' : ''}` },
        { path: `${a}ptype`, label: 'ptype', value: `${hex16(p.ptype)}${p.ptype === 0x0800 ? ' (IPv4)' : ''}` },
        { path: `${a}hlen`, label: 'hlen', value: String(p.hlen) },
        { path: `${a}plen`, label: 'plen', value: String(p.plen) },
        { path: `${a}op`, label: 'op', value: `${p.op}${ARPOPS[p.op] ? ` (${ARPOPS[p.op]})` : ''}` },
        { path: `${a}senderMac`, label: 'senderMac', value: p.senderMac },
        { path: `${a}senderIp`, label: 'senderIp', value: p.senderIp },
        { path: `${a}targetMac`, label: 'targetMac', value: p.targetMac },
        { path: `${a}targetIp`, label: 'targetIp', value: p.targetIp },
      ],
    });
  } else if (p.kind === 'ipv4') layers.push(...ipv4Layers(p, pre));
  else if (p.kind === 'stp') layers.push(...stpLayers(p, pre));
  else layers.push({ id: `${pre}raw`, fields: [{ path: `${pre}raw.data`, label: 'data', value: bytesText(p.data) }] });
  return layers;
}

/** Every field of a frame by path (for diffs). */
export function fieldMap(f: EthernetFrame): Map<string, string> {
  const m = new Map<string, string>();
  for (const l of frameLayers(f)) for (const x of l.fields) m.set(x.path, x.value);
  return m;
}

/** Spans of the hex view: a field path that the layer view shows as one row may cover several byte spans (tcp.flags). */
export function spanMatches(fieldPath: string, spanPath: string): boolean {
  return spanPath === fieldPath || spanPath.startsWith(`${fieldPath}.`);
}

/**
 * Whether a hop put the packet into a tunnel or took it out: the outer IPv4 header that is on
 * `frame` and not on `prev` (added), or on `prev` and not on `frame` (removed).
 */
export function tunnelChange(prev: EthernetFrame | undefined, frame: EthernetFrame): { kind: 'added' | 'removed'; outer: Ipv4Packet } | undefined {
  const outerOf = (f: EthernetFrame | undefined) => (f?.payload.kind === 'ipv4' && decodeEncap(f.payload) ? f.payload : undefined);
  const before = outerOf(prev);
  const after = outerOf(frame);
  if (after && !before && prev) return { kind: 'added', outer: after };
  if (before && !after) return { kind: 'removed', outer: before };
  return undefined;
}

/** An 802.3 frame's LLC header and its BPDU (times on the wire in 1/256 s, shown in seconds). */
function stpLayers(p: StpBpdu, pre: '' | 'inner.'): Layer[] {
  const llc: Layer = {
    id: `${pre}llc`,
    fields: [
      { path: `${pre}llc.dsap`, label: 'dsap', value: `0x${p.dsap.toString(16)}` },
      { path: `${pre}llc.ssap`, label: 'ssap', value: `0x${p.ssap.toString(16)}` },
      { path: `${pre}llc.control`, label: 'control', value: `0x${p.control.toString(16).padStart(2, '0')}` },
    ],
  };
  const fields: Field[] = [
    { path: `${pre}stp.protocolId`, label: 'protocolId', value: String(p.protocolId) },
    { path: `${pre}stp.version`, label: 'version', value: String(p.version) },
    { path: `${pre}stp.bpduType`, label: 'bpduType', value: p.config ? '0x00 (Configuration)' : '0x80 (Topology Change Notification)' },
  ];
  const c = p.config;
  if (c) {
    const id = (prio: number, mac: string) => `${prio} / ${mac}`;
    const s = (t: number) => `${+(t / 256).toFixed(3)} s`;
    const flags = [c.flags & 1 ? 'TC' : '', c.flags & 0x80 ? 'TCA' : ''].filter(Boolean).join(', ');
    fields.push(
      { path: `${pre}stp.config.flags`, label: 'stpFlags', value: `0x${c.flags.toString(16).padStart(2, '0')}${flags ? ` (${flags})` : ''}` },
      { path: `${pre}stp.config.rootMac`, label: 'rootId', value: id(c.rootPriority, c.rootMac) },
      { path: `${pre}stp.config.rootPathCost`, label: 'rootPathCost', value: String(c.rootPathCost) },
      { path: `${pre}stp.config.bridgeMac`, label: 'bridgeId', value: id(c.bridgePriority, c.bridgeMac) },
      { path: `${pre}stp.config.portId`, label: 'portId', value: `0x${c.portId.toString(16)}` },
      { path: `${pre}stp.config.messageAge`, label: 'messageAge', value: s(c.messageAge) },
      { path: `${pre}stp.config.maxAge`, label: 'maxAge', value: s(c.maxAge) },
      { path: `${pre}stp.config.helloTime`, label: 'helloTime', value: s(c.helloTime) },
      { path: `${pre}stp.config.forwardDelay`, label: 'forwardDelay', value: s(c.forwardDelay) },
    );
  }
  return [llc, { id: `${pre}stp`, fields }];
}
