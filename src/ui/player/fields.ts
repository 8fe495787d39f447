// A frame as the header view shows it: layers (Ethernet, ARP or IPv4, ICMP/UDP/TCP, and the
// datagram an ICMP error quotes) with every field, each under the dotted path the engine's
// fieldSpans uses for its bytes ('eth.dstMac', 'ipv4.ttl', 'icmp.quote.ipv4.srcIp'), so that a
// field of the layer view and its bytes in the hex view are the same thing. Values are written
// as a network engineer reads them (addresses, 0x checksums, flag names); labels are i18n keys.

import type { StpBpdu } from '../../engine/wire/stp';
import type { EthernetFrame, IcmpMessage, Ipv4Packet, TcpSegment, UdpDatagram } from '../../engine';

export type LayerId = 'eth' | 'arp' | 'ipv4' | 'icmp' | 'udp' | 'tcp' | 'llc' | 'stp' | 'raw' | 'quote.ipv4' | 'quote.icmp' | 'quote.udp' | 'quote.tcp' | 'quote.raw';

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
}

const hex16 = (n: number) => `0x${n.toString(16).padStart(4, '0')}`;
const ETHERTYPES: Record<number, string> = { 0x0800: 'IPv4', 0x0806: 'ARP', 0x86dd: 'IPv6', 0x8100: '802.1Q' };
const IPPROTOS: Record<number, string> = { 1: 'ICMP', 6: 'TCP', 17: 'UDP' };
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

function l4Layer(p: Ipv4Packet, pre: '' | 'icmp.quote.'): Layer[] {
  const q = pre ? 'quote.' : '';
  const l4 = p.payload;
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

function ipv4Layers(p: Ipv4Packet, pre: '' | 'icmp.quote.'): Layer[] {
  return [{ id: pre ? 'quote.ipv4' : 'ipv4', fields: ipv4Fields(p, pre) }, ...l4Layer(p, pre)];
}

/** Every layer of a frame, outermost first. */
export function frameLayers(f: EthernetFrame): Layer[] {
  const eth: Field[] = [
    { path: 'eth.dstMac', label: 'dstMac', value: f.dstMac },
    { path: 'eth.srcMac', label: 'srcMac', value: f.srcMac },
  ];
  (f.vlans ?? []).forEach((v, i) => eth.push({ path: `eth.vlans.${i}.vid`, label: 'vlan', value: `${v.vid} (pcp ${v.pcp})` }));
  eth.push({ path: 'eth.ethertype', label: 'ethertype', value: `${hex16(f.ethertype)}${ETHERTYPES[f.ethertype] ? ` (${ETHERTYPES[f.ethertype]})` : ''}` });
  const layers: Layer[] = [{ id: 'eth', fields: eth }];
  const p = f.payload;
  if (p.kind === 'arp') {
    layers.push({
      id: 'arp',
      fields: [
        { path: 'arp.htype', label: 'htype', value: `${p.htype}${p.htype === 1 ? ' (Ethernet)' : ''}` },
        { path: 'arp.ptype', label: 'ptype', value: `${hex16(p.ptype)}${p.ptype === 0x0800 ? ' (IPv4)' : ''}` },
        { path: 'arp.hlen', label: 'hlen', value: String(p.hlen) },
        { path: 'arp.plen', label: 'plen', value: String(p.plen) },
        { path: 'arp.op', label: 'op', value: `${p.op}${ARPOPS[p.op] ? ` (${ARPOPS[p.op]})` : ''}` },
        { path: 'arp.senderMac', label: 'senderMac', value: p.senderMac },
        { path: 'arp.senderIp', label: 'senderIp', value: p.senderIp },
        { path: 'arp.targetMac', label: 'targetMac', value: p.targetMac },
        { path: 'arp.targetIp', label: 'targetIp', value: p.targetIp },
      ],
    });
  } else if (p.kind === 'ipv4') layers.push(...ipv4Layers(p, ''));
  else if (p.kind === 'stp') layers.push(...stpLayers(p));
  else layers.push({ id: 'raw', fields: [{ path: 'raw.data', label: 'data', value: bytesText(p.data) }] });
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

/** An 802.3 frame's LLC header and its BPDU (times on the wire in 1/256 s, shown in seconds). */
function stpLayers(p: StpBpdu): Layer[] {
  const llc: Layer = {
    id: 'llc',
    fields: [
      { path: 'llc.dsap', label: 'dsap', value: `0x${p.dsap.toString(16)}` },
      { path: 'llc.ssap', label: 'ssap', value: `0x${p.ssap.toString(16)}` },
      { path: 'llc.control', label: 'control', value: `0x${p.control.toString(16).padStart(2, '0')}` },
    ],
  };
  const fields: Field[] = [
    { path: 'stp.protocolId', label: 'protocolId', value: String(p.protocolId) },
    { path: 'stp.version', label: 'version', value: String(p.version) },
    { path: 'stp.bpduType', label: 'bpduType', value: p.config ? '0x00 (Configuration)' : '0x80 (Topology Change Notification)' },
  ];
  const c = p.config;
  if (c) {
    const id = (prio: number, mac: string) => `${prio} / ${mac}`;
    const s = (t: number) => `${+(t / 256).toFixed(3)} s`;
    const flags = [c.flags & 1 ? 'TC' : '', c.flags & 0x80 ? 'TCA' : ''].filter(Boolean).join(', ');
    fields.push(
      { path: 'stp.config.flags', label: 'stpFlags', value: `0x${c.flags.toString(16).padStart(2, '0')}${flags ? ` (${flags})` : ''}` },
      { path: 'stp.config.rootMac', label: 'rootId', value: id(c.rootPriority, c.rootMac) },
      { path: 'stp.config.rootPathCost', label: 'rootPathCost', value: String(c.rootPathCost) },
      { path: 'stp.config.bridgeMac', label: 'bridgeId', value: id(c.bridgePriority, c.bridgeMac) },
      { path: 'stp.config.portId', label: 'portId', value: `0x${c.portId.toString(16)}` },
      { path: 'stp.config.messageAge', label: 'messageAge', value: s(c.messageAge) },
      { path: 'stp.config.maxAge', label: 'maxAge', value: s(c.maxAge) },
      { path: 'stp.config.helloTime', label: 'helloTime', value: s(c.helloTime) },
      { path: 'stp.config.forwardDelay', label: 'forwardDelay', value: s(c.forwardDelay) },
    );
  }
  return [llc, { id: 'stp', fields }];
}
