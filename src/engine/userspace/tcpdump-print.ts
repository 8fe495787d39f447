// tcpdump's own one-line format for the frames a walk passes on an interface (print-ether.c,
// print-arp.c, print-ip.c, print-icmp.c, print-udp.c, print-tcp.c at the default verbosity),
// stamped with the walk's clock (which starts at midnight). TCP sequence numbers are relative
// after a connection's first segment, as tcpdump prints them. The terminal (main thread) prints
// with it: it imports no simulator.

import type { StpBpdu } from '../wire/stp';
import type { EthernetFrame, Ipv4Packet, TcpSegment } from '../wire/types';
import { serviceName } from './services';

export interface TcpdumpOptions {
  dev: string;
  /** -e: the link-level header */
  link: boolean;
  /** -n: addresses and ports as numbers (packetwalk never resolves names: only ports change) */
  numeric: boolean;
  /** -c: stop after this many frames */
  count?: number;
  /** a protocol filter (arp, icmp, udp, tcp), when one is given */
  filter?: 'arp' | 'icmp' | 'udp' | 'tcp' | 'ip';
}

/** What tcpdump prints when it stops (Ctrl+C, or -c reached). */
export const tcpdumpSummary = (n: number): string => `${n} packet${n === 1 ? '' : 's'} captured\n${n} packet${n === 1 ? '' : 's'} received by filter\n0 packets dropped by kernel\n`;

/** Does the frame pass the capture's protocol filter? */
export function tcpdumpMatches(frame: EthernetFrame, filter: TcpdumpOptions['filter']): boolean {
  if (!filter) return true;
  const p = frame.payload;
  if (filter === 'arp') return p.kind === 'arp';
  if (p.kind !== 'ipv4') return false;
  return filter === 'ip' || p.payload.kind === filter;
}

/** HH:MM:SS.uuuuuu of a virtual time (µs). */
export function tcpdumpTime(us: number): string {
  const s = Math.floor(us / 1_000_000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(Math.floor(s / 3600) % 24)}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}.${String(us % 1_000_000).padStart(6, '0')}`;
}

const ICMP_UNREACH: Record<number, (q: Ipv4Packet | undefined, dst: string) => string> = {
  0: (_q, d) => `net ${d} unreachable`,
  1: (_q, d) => `host ${d} unreachable`,
  2: (q, d) => `${d} protocol ${q?.protocol ?? 0} unreachable`,
  3: (q, d) => {
    const l4 = q?.payload;
    return l4 && (l4.kind === 'udp' || l4.kind === 'tcp') ? `${d} ${l4.kind} port ${l4.dstPort} unreachable` : `${d} port unreachable`;
  },
  13: (_q, d) => `host ${d} unreachable - admin prohibited filter`,
};

/** TCP options as tcpdump lists them: `[mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 10]`. */
function tcpOptions(hex: string): string {
  const b = hex.match(/../g)?.map((x) => parseInt(x, 16)) ?? [];
  const out: string[] = [];
  for (let i = 0; i < b.length; ) {
    const kind = b[i]!;
    if (kind === 0) {
      out.push('eol');
      break;
    }
    if (kind === 1) {
      out.push('nop');
      i++;
      continue;
    }
    const len = b[i + 1] ?? 2;
    const v = b.slice(i + 2, i + len);
    const num = (xs: number[]) => xs.reduce((a, x) => a * 256 + x, 0);
    if (kind === 2) out.push(`mss ${num(v)}`);
    else if (kind === 3) out.push(`wscale ${num(v)}`);
    else if (kind === 4) out.push('sackOK');
    else if (kind === 8) out.push(`TS val ${num(v.slice(0, 4))} ecr ${num(v.slice(4, 8))}`);
    else out.push(`opt-${kind}`);
    i += Math.max(len, 2);
  }
  return out.length ? `, options [${out.join(',')}]` : '';
}

const FLAG_LETTERS: [keyof TcpSegment['flags'], string][] = [
  ['syn', 'S'],
  ['fin', 'F'],
  ['psh', 'P'],
  ['rst', 'R'],
  ['urg', 'U'],
  ['ece', 'E'],
  ['cwr', 'W'],
];

/** A tcpdump session: relative TCP sequence numbers need the connections seen so far. */
export class TcpdumpPrinter {
  private readonly isn = new Map<string, number>();

  constructor(private readonly opts: Pick<TcpdumpOptions, 'link' | 'numeric'>) {}

  private port(p: number, proto: 'tcp' | 'udp'): string {
    return this.opts.numeric ? String(p) : serviceName(p, proto);
  }

  private tcp(ip: Ipv4Packet, t: TcpSegment): string {
    const key = `${ip.srcIp}:${t.srcPort}>${ip.dstIp}:${t.dstPort}`;
    const back = `${ip.dstIp}:${t.dstPort}>${ip.srcIp}:${t.srcPort}`;
    const flags = FLAG_LETTERS.filter(([f]) => t.flags[f]).map(([, l]) => l).join('') + (t.flags.ack ? '.' : '');
    const len = t.data.length / 2;
    let seq = '';
    const base = this.isn.get(key);
    if (base === undefined) {
      this.isn.set(key, t.seq);
      if (t.flags.syn || len > 0 || t.flags.fin || t.flags.rst) seq = len > 0 ? `, seq ${t.seq}:${(t.seq + len) >>> 0}` : `, seq ${t.seq}`;
    } else {
      const rel = (t.seq - base) >>> 0;
      if (len > 0) seq = `, seq ${rel}:${rel + len}`;
      else if (t.flags.syn || t.flags.fin || t.flags.rst) seq = `, seq ${rel}`;
    }
    let ack = '';
    if (t.flags.ack) {
      // A sender's first segment (a SYN-ACK, the RST,ACK to a SYN) shows its numbers whole.
      const other = this.isn.get(back);
      ack = `, ack ${other === undefined || base === undefined || t.flags.syn ? t.ack : (t.ack - other) >>> 0}`;
    }
    return `${ip.srcIp}.${this.port(t.srcPort, 'tcp')} > ${ip.dstIp}.${this.port(t.dstPort, 'tcp')}: Flags [${flags}]${seq}${ack}, win ${t.window}${tcpOptions(t.options)}, length ${len}`;
  }

  private ip(ip: Ipv4Packet): string {
    const l4 = ip.payload;
    if (l4.kind === 'udp') return `${ip.srcIp}.${this.port(l4.srcPort, 'udp')} > ${ip.dstIp}.${this.port(l4.dstPort, 'udp')}: UDP, length ${l4.length - 8}`;
    if (l4.kind === 'tcp') return this.tcp(ip, l4);
    const len = ip.totalLength - ip.ihl * 4;
    if (l4.kind === 'icmp') {
      const head = `${ip.srcIp} > ${ip.dstIp}: ICMP `;
      if (l4.type === 8 || l4.type === 0) return `${head}echo ${l4.type === 8 ? 'request' : 'reply'}, id ${l4.identifier ?? 0}, seq ${l4.sequence ?? 0}, length ${len}`;
      if (l4.type === 11) return `${head}time exceeded in-${l4.code === 0 ? 'transit' : 'reassembly'}, length ${len}`;
      if (l4.type === 3) return `${head}${(ICMP_UNREACH[l4.code] ?? ((_q: Ipv4Packet | undefined, d: string) => `${d} unreachable - code ${l4.code}`))(l4.quote, l4.quote?.dstIp ?? '?')}, length ${len}`;
      if (l4.type === 5) return `${head}redirect ${l4.quote?.dstIp ?? '?'} to ${l4.code === 1 ? 'host' : 'net'} ${l4.gateway ?? '?'}, length ${len}`;
      return `${head}type-#${l4.type}, length ${len}`;
    }
    return `${ip.srcIp} > ${ip.dstIp}: ip-proto-${ip.protocol} ${len}`;
  }

  /** One frame as tcpdump prints it, without the newline. */
  line(frame: EthernetFrame, t: number): string {
    const p = frame.payload;
    let body: string;
    let type: string;
    let length: number;
    if (p.kind === 'arp') {
      type = 'ARP (0x0806)';
      length = 42;
      const target = p.targetMac !== '00:00:00:00:00:00' && p.op === 1 ? ` (${p.targetMac})` : '';
      body = p.op === 1 ? `Request who-has ${p.targetIp}${target} tell ${p.senderIp}, length 28` : p.op === 2 ? `Reply ${p.senderIp} is-at ${p.senderMac}, length 28` : `arp-#${p.op}, length 28`;
      if (!this.opts.link) body = `ARP, ${body}`;
    } else if (p.kind === 'ipv4') {
      type = 'IPv4 (0x0800)';
      length = 14 + p.totalLength;
      body = this.opts.link ? this.ip(p) : `IP ${this.ip(p)}`;
    } else if (p.kind === 'stp') {
      const llc = 'LLC, dsap STP (0x42) Individual, ssap STP (0x42) Command, ctrl 0x03: ';
      const bpdu = stpLine(p);
      return `${tcpdumpTime(t)} ${this.opts.link ? `${frame.srcMac} > ${frame.dstMac}, 802.3, length ${frame.ethertype}: ${llc}` : ''}${bpdu}`;
    } else {
      type = `Unknown (0x${frame.ethertype.toString(16).padStart(4, '0')})`;
      length = 14 + p.data.length / 2;
      body = '';
    }
    const head = this.opts.link ? `${frame.srcMac} > ${frame.dstMac}, ethertype ${type}, length ${length}: ` : '';
    return `${tcpdumpTime(t)} ${head}${body}`;
  }
}

/** tcpdump's stp_print for an 802.1D BPDU (without -v). */
function stpLine(b: StpBpdu): string {
  const c = b.config;
  if (!c) return 'STP 802.1d, Topology Change, length 4';
  const flags = [c.flags & 0x01 ? 'Topology change' : '', c.flags & 0x80 ? 'Topology change ACK' : ''].filter(Boolean).join(', ') || 'none';
  const id = `${c.bridgePriority.toString(16).padStart(4, '0')}.${c.bridgeMac}.${c.portId.toString(16).padStart(4, '0')}`;
  return `STP 802.1d, Config, Flags [${flags}], bridge-id ${id}, length 35`;
}
