// The CLI's readable trace: one line per event, frames in tcpdump's words, decisions after them.
// English lives here (and in the UI's translations), never in the engine.

import type { ConntrackView, EthernetFrame, FibRoute, FrameTxEvent, MacAddr, MultipathChoice, RouteCandidate, SimResult, Topology, TraceEvent } from '../engine';
import { formatRouteLine, frameContexts, linkCaptures, linkKey } from '../engine';

export interface TextOptions {
  /** print raw MAC addresses instead of node:iface labels */
  rawMacs?: boolean;
  /** leave out table-lookup lines (only frames, drops and steps) */
  brief?: boolean;
}

const ICMP_UNREACH: Record<number, string> = { 0: 'net', 1: 'host', 2: 'protocol', 3: 'port', 4: 'need to frag', 9: 'net prohibited', 10: 'host prohibited', 13: 'administratively prohibited' };

function labeler(t: Topology, raw: boolean): (m: MacAddr) => string {
  const map = new Map<string, string>();
  for (const n of t.nodes) for (const i of n.ifaces) map.set(i.mac, `${n.name}:${i.name}`);
  return (m) => (raw ? m : m === 'ff:ff:ff:ff:ff:ff' ? 'broadcast' : (map.get(m) ?? m));
}

/** tcpdump -e style description of a frame (MACs as labels unless raw). */
export function describeFrame(f: EthernetFrame, mac: (m: MacAddr) => string): string {
  const p = f.payload;
  const head = `${mac(f.srcMac)} > ${mac(f.dstMac)}`;
  if (p.kind === 'arp') {
    if (p.op === 1) return `${head}, ARP, Request who-has ${p.targetIp}${p.targetMac !== '00:00:00:00:00:00' ? ` (${mac(p.targetMac)})` : ''} tell ${p.senderIp}, length 28`;
    if (p.op === 2) return `${head}, ARP, Reply ${p.senderIp} is-at ${mac(p.senderMac)}, length 28`;
    return `${head}, ARP, op ${p.op}`;
  }
  if (p.kind === 'stp') {
    const c = p.config;
    if (!c) return `${head}, 802.3, STP 802.1d, Topology Change`;
    const flags = [c.flags & 0x01 ? 'TC' : '', c.flags & 0x80 ? 'TCA' : ''].filter(Boolean).join(',') || 'none';
    const id = (prio: number, m: MacAddr) => `${prio.toString(16).padStart(4, '0')}.${mac(m)}`;
    return `${head}, 802.3, STP 802.1d, Config, flags [${flags}], root ${id(c.rootPriority, c.rootMac)} cost ${c.rootPathCost}, bridge ${id(c.bridgePriority, c.bridgeMac)} port 0x${c.portId.toString(16)}, age ${c.messageAge}/256 s`;
  }
  if (p.kind !== 'ipv4') return `${head}, ethertype 0x${f.ethertype.toString(16).padStart(4, '0')}, length ${p.data.length / 2 + 14}`;
  const l4 = p.payload;
  const ttl = `ttl ${p.ttl}`;
  if (l4.kind === 'icmp') {
    let what: string;
    const q = l4.quote;
    const inner = q ? (q.payload.kind === 'udp' || q.payload.kind === 'tcp' ? `${q.payload.kind} port ${q.payload.dstPort}` : '') : '';
    switch (l4.type) {
      case 8:
        what = `ICMP echo request, id ${l4.identifier}, seq ${l4.sequence}`;
        break;
      case 0:
        what = `ICMP echo reply, id ${l4.identifier}, seq ${l4.sequence}`;
        break;
      case 3:
        what = l4.code === 3 && q ? `ICMP ${q.dstIp} ${inner} unreachable` : `ICMP ${ICMP_UNREACH[l4.code] ?? `code ${l4.code}`} ${q?.dstIp ?? ''} unreachable`;
        break;
      case 11:
        what = `ICMP time exceeded in-transit${q ? ` (${q.srcIp} > ${q.dstIp})` : ''}`;
        break;
      case 5:
        what = `ICMP redirect ${q?.dstIp ?? ''} to host ${l4.gateway}`;
        break;
      default:
        what = `ICMP type ${l4.type} code ${l4.code}`;
    }
    return `${head}, IP ${p.srcIp} > ${p.dstIp}: ${what}, ${ttl}, length ${p.totalLength - 20}`;
  }
  if (l4.kind === 'udp') return `${head}, IP ${p.srcIp}.${l4.srcPort} > ${p.dstIp}.${l4.dstPort}: UDP, ${ttl}, length ${l4.length - 8}`;
  if (l4.kind === 'tcp') {
    const flags = (['syn', 'fin', 'rst', 'psh', 'ack'] as const).filter((k) => l4.flags[k]).map((k) => k[0]!.toUpperCase()).join('') || 'none';
    return `${head}, IP ${p.srcIp}.${l4.srcPort} > ${p.dstIp}.${l4.dstPort}: Flags [${flags}], seq ${l4.seq}, ${ttl}`;
  }
  return `${head}, IP ${p.srcIp} > ${p.dstIp}: proto ${p.protocol}, ${ttl}`;
}

/** A multipath route's choice: `; ecmp hash H of udp 10.0.0.0:40000 > 10.1.1.2:5000 (policy 1) → path 1 of 2`. */
function multipathText(c: MultipathChoice | undefined, route: FibRoute): string {
  if (!c) return '';
  const k = c.keys;
  const flow = k.policy === 0 ? `${k.src} > ${k.dst}${k.fromQuote ? ' (quoted)' : ''}` : `proto ${k.proto ?? 0} ${k.src}:${k.sport ?? 0} > ${k.dst}:${k.dport ?? 0}`;
  return `; ecmp hash ${c.hash} of ${flow} (policy ${k.policy}) → path ${c.index + 1} of ${route.nexthops?.length ?? 0}`;
}

function candidatesText(c: RouteCandidate[]): string {
  if (c.length <= 1) return '';
  return ` [considered: ${c.map((x) => `${formatRouteLine(x.route)}${x.chosen ? ' ✓' : ` ✗ ${x.skipped ?? ''}`.trimEnd()}`).join('; ')}]`;
}

const hostPort = (a: { ip: string; port?: number }): string => (a.port === undefined ? a.ip : `${a.ip}:${a.port}`);

function ctTuple(proto: ConntrackView['proto'], t: ConntrackView['orig']): string {
  if (proto === 'icmp') return `icmp ${t.src} > ${t.dst} id ${t.id ?? '?'}`;
  return `${proto} ${t.src}:${t.sport ?? '?'} > ${t.dst}:${t.dport ?? '?'}`;
}

function seconds(t: number): string {
  return (t / 1e6).toFixed(6).padStart(11);
}

export function formatEvent(e: TraceEvent, mac: (m: MacAddr) => string): string | null {
  const who = (n: string) => n.padEnd(8);
  switch (e.kind) {
    case 'step.start':
      return `${seconds(e.t)} ── step ${e.step + 1}${e.node ? ` on ${e.node}` : ''}: ${e.command}${e.background ? ' &' : ''}`;
    case 'step.end':
      return `${seconds(e.t)} ── step ${e.step + 1} ${e.timedOut ? 'killed after its timeout' : `exited ${e.exit}`}`;
    case 'frame.tx':
      return `${seconds(e.t)} ${who(e.node)} ⇢ ${e.iface.padEnd(5)} ${describeFrame(e.frame, mac)}`;
    case 'frame.rx':
      return null;
    case 'fdb.learn':
      return `${seconds(e.t)} ${who(e.node)}   fdb: learned ${mac(e.mac)} on ${e.port}${e.prev ? ` (moved from ${e.prev})` : ''}`;
    case 'fdb.expire':
      return `${seconds(e.t)} ${who(e.node)}   fdb: ${mac(e.mac)} on ${e.port} aged out`;
    case 'fdb.forward':
      if (e.mode === 'flood') return `${seconds(e.t)} ${who(e.node)}   flood from ${e.ingress} to ${e.egress.join(' ') || '(no other port)'} (${e.why === 'group' ? 'broadcast' : 'unknown destination'})`;
      return `${seconds(e.t)} ${who(e.node)}   forward from ${e.ingress} to ${e.egress.join(' ') || e.entry?.port} (fdb: ${e.entry ? mac(e.entry.mac) : '?'} on ${e.entry?.port})`;
    case 'fib.lookup': {
      const res =
        e.result.kind === 'error'
          ? `no usable route (${e.result.error})`
          : `${formatRouteLine(e.result.route)}${e.result.nexthop && e.result.nexthop !== e.dst ? ` → next hop ${e.result.nexthop}` : ''}${e.result.viaException ? ' (redirected)' : ''}${multipathText(e.result.multipath, e.result.route)}`;
      return `${seconds(e.t)} ${who(e.node)}   route ${e.purpose} ${e.dst}: ${res}${candidatesText(e.candidates)}`;
    }
    case 'neigh.lookup':
      return `${seconds(e.t)} ${who(e.node)}   neigh ${e.ip} dev ${e.dev}: ${e.entry ? `${e.entry.state}${e.entry.mac ? ` ${mac(e.entry.mac)}` : ''}` : 'no entry'}`;
    case 'neigh.update':
      return `${seconds(e.t)} ${who(e.node)}   neigh ${e.ip} dev ${e.dev}: ${e.from === e.to ? `${e.to} (unchanged)` : `${e.from} → ${e.to}`}${e.mac ? ` ${mac(e.mac)}` : ''} (${e.cause})`;
    case 'neigh.hold':
      return `${seconds(e.t)} ${who(e.node)}   hold packet #${e.pkt} until ${e.ip} is resolved (${e.queued} waiting)`;
    case 'neigh.release':
      return `${seconds(e.t)} ${who(e.node)}   release packet #${e.pkt} to ${mac(e.mac)}`;
    case 'arp.solicit':
      return `${seconds(e.t)} ${who(e.node)}   ARP ${e.unicast ? 'unicast probe' : 'broadcast'} for ${e.targetIp} from ${e.senderIp}`;
    case 'arp.answer':
      return `${seconds(e.t)} ${who(e.node)}   ARP reply for ${e.targetIp} to ${e.to}${e.proxy ? ' (proxy ARP)' : ''}${e.delayed ? ` after ${(e.delayed / 1000).toFixed(1)} ms` : ''}`;
    case 'ip.send':
      return `${seconds(e.t)} ${who(e.node)}   send IP ${e.src} > ${e.dst} proto ${e.protocol} ttl ${e.ttl}${e.process ? ` (${e.process})` : ''}`;
    case 'ip.forward':
      return `${seconds(e.t)} ${who(e.node)}   forward ${e.ingress} → ${e.egress} via ${e.nexthop}, ttl ${e.ttlFrom} → ${e.ttlTo}`;
    case 'ip.local':
      return `${seconds(e.t)} ${who(e.node)}   deliver locally (to ${e.dst}${e.broadcast ? ', broadcast' : ''})`;
    case 'ip.fragment':
      return `${seconds(e.t)} ${who(e.node)}   too big for ${e.dev} (mtu ${e.mtu}), DF clear: ${e.fragments} fragments`;
    case 'ip.defrag':
      return `${seconds(e.t)} ${who(e.node)}   reassembled ${e.fragments} fragments (${e.length} bytes)`;
    case 'ip.loopback':
      return `${seconds(e.t)} ${who(e.node)}   loop back (own address: never on a wire)`;
    case 'icmp.send':
      return `${seconds(e.t)} ${who(e.node)}   ICMP ${e.reason} (type ${e.type} code ${e.code}) to ${e.dst}`;
    case 'icmp.suppressed':
      return `${seconds(e.t)} ${who(e.node)}   no ICMP ${e.reason} (type ${e.type} code ${e.code}): ${e.why}`;
    case 'route.redirect':
      return `${seconds(e.t)} ${who(e.node)}   redirect from ${e.from}: ${e.dst} via ${e.gateway}: ${e.result}${e.rejectReason ? ` (${e.rejectReason})` : ''}`;
    case 'tunnel.encap': {
      const ids = `${e.vni !== undefined ? ` vni ${e.vni}` : ''}${e.key !== undefined ? ` key ${e.key}` : ''}`;
      return `${seconds(e.t)} ${who(e.node)}   ${e.dev}: added outer IP ${e.outer.src} > ${e.outer.dst} proto ${e.outer.protocol} ttl ${e.outer.ttl}${ids} (${e.why})`;
    }
    case 'tunnel.decap':
      return `${seconds(e.t)} ${who(e.node)}   ${e.dev}: removed outer IP ${e.outer.src} > ${e.outer.dst} proto ${e.outer.protocol}${e.vni !== undefined ? ` vni ${e.vni}` : ''}${e.learned ? ` (learned ${mac(e.learned)} behind ${e.outer.src})` : ''}`;
    case 'socket.state':
      return `${seconds(e.t)} ${who(e.node)}   socket ${e.socket}: ${e.view ? e.view.state : 'closed'}`;
    case 'socket.deliver':
      return `${seconds(e.t)} ${who(e.node)}   to socket ${e.socket}`;
    case 'socket.error':
      return `${seconds(e.t)} ${who(e.node)}   socket ${e.socket}: ${e.error}`;
    case 'conntrack.lookup':
      return `${seconds(e.t)} ${who(e.node)}   conntrack ${e.hook}: ${e.result}${e.entry ? ` ${ctTuple(e.entry.proto, e.entry.orig)}` : ''}${e.direction ? ` (${e.direction})` : ''}`;
    case 'conntrack.update':
      return `${seconds(e.t)} ${who(e.node)}   conntrack ${e.change}: ${ctTuple(e.entry.proto, e.entry.orig)} ⇄ ${ctTuple(e.entry.proto, e.entry.reply)}${e.entry.state ? ` ${e.entry.state}` : ''}`;
    case 'nat.match':
      return `${seconds(e.t)} ${who(e.node)}   nat ${e.chain}: ${e.rule === null ? 'no rule' : `rule ${e.rule + 1} -j ${e.target}`}${e.to ? ` → ${e.manip} ${hostPort(e.to)}` : ''}`;
    case 'nat.rewrite':
      return `${seconds(e.t)} ${who(e.node)}   nat ${e.chain}: ${e.manip} ${hostPort(e.from)} → ${hostPort(e.to)} (${e.direction}${e.related ? ', ICMP error and its quote' : ''})`;
    case 'drop':
      return `${seconds(e.t)} ${who(e.node)} ✗ drop${e.iface ? ` on ${e.iface}` : ''}: ${e.reason}${e.detail ? ` (${e.detail})` : ''}`;
    case 'sim.stop':
      return `${seconds(e.t)} stopped: ${e.stop.kind}`;
    case 'stp.port':
      return `${seconds(e.t)} ${who(e.node)}   stp ${e.port}: ${e.prev === e.state ? e.state : `${e.prev} → ${e.state}`} (${e.role})`;
    case 'stp.root':
      return `${seconds(e.t)} ${who(e.node)}   stp root ${e.root}, ${e.rootPort === null ? 'this bridge' : `root port ${e.rootPort}`}, cost ${e.cost}`;
    case 'stp.bpdu':
      return `${seconds(e.t)} ${who(e.node)}   stp BPDU on ${e.port}: ${e.verdict}`;
    case 'stp.topology-change':
      return `${seconds(e.t)} ${who(e.node)}   stp topology change ${e.on ? 'on' : 'off'}: fdb ageing ${e.ageingS} s`;
    case 'link.state':
      return `${seconds(e.t)} ${who(e.node)}   link ${e.iface} ${e.up ? 'up' : 'down'}`;
  }
}

const BRIEF = new Set(['step.start', 'step.end', 'frame.tx', 'drop', 'sim.stop']);

export function formatTraceText(t: Topology, r: SimResult, opts: TextOptions = {}): string {
  const mac = labeler(t, opts.rawMacs ?? false);
  const lines: string[] = [`# ${r.topology}: ${t.nodes.length} nodes, ${t.links.length} links; ${r.events.length} events`];
  for (const e of r.events) {
    if (opts.brief && !BRIEF.has(e.kind)) continue;
    const line = formatEvent(e, mac);
    if (line !== null) lines.push(line);
  }
  for (const s of r.steps) {
    if (s.kind !== 'run') continue;
    const out = `${s.stdout ?? ''}${s.stderr ?? ''}`.trimEnd();
    lines.push(`\n## step ${s.index + 1} on ${s.on}: ${s.run}${s.background ? ' (background)' : ''} → ${s.timedOut ? 'killed by timeout' : s.exit === null || s.exit === undefined ? 'still running at the end' : `exit ${s.exit}`}`);
    if (out) lines.push(out.replace(/^/gm, '   '));
  }
  if (r.stopped) {
    const st = r.stopped.storm;
    lines.push(
      st
        ? `\nSTOPPED after ${r.stopped.limit} events: broadcast storm — the frame keeps circulating between ${st.devices.join(' and ')} (${st.frames} copies in the last events)`
        : r.stopped.kind === 'timer-limit'
          ? `\nSTOPPED: ${r.stopped.limit} timers fired without the trace growing (raise --max-events to go on)`
          : `\nSTOPPED after ${r.stopped.limit} events (raise --max-events to go on)`,
    );
  }
  const captured = linkCaptures(r).links;
  const busy = t.links.filter((l) => (captured[linkKey(l)] ?? []).length > 0).length;
  lines.push(`\n# ${Object.values(captured).reduce((n, f) => n + f.length, 0)} frames on ${busy}/${t.links.length} links`);
  return lines.join('\n') + '\n';
}

export interface CommentOptions {
  /** print raw MAC addresses instead of node:iface labels */
  rawMacs?: boolean;
  /** keep at most this many events per comment (the latest ones); default 24 */
  maxEvents?: number;
}

/** formatEvent's line without its time column and node column: "route input 10.0.2.10: …". */
export function eventSentence(e: TraceEvent, mac: (m: MacAddr) => string): string | null {
  const line = formatEvent(e, mac);
  if (!line) return null;
  let s = line.slice(seconds(e.t).length + 1);
  const node = 'node' in e ? e.node : undefined;
  if (node !== undefined && s.startsWith(node.padEnd(8))) s = s.slice(node.padEnd(8).length);
  return s.trim().replace(/^── /, '');
}

/**
 * The packet comments of the pcapng export (English): for each frame on a wire, the decisions of
 * the device that sent it since its previous frame, one comment per decision as the text trace
 * words it, e.g. "r1: route input 10.0.2.10: 10.0.2.0/24 dev eth2 proto kernel scope link src
 * 10.0.2.1", "r1: forward eth1 → eth2 via 10.0.2.10, ttl 64 → 63", "r1: neigh 10.0.2.10 dev eth2:
 * REACHABLE h2:eth1". Wireshark lists them under "Packet comments", one line each.
 */
export function frameComments(t: Topology, r: Pick<SimResult, 'events'>, opts: CommentOptions = {}): (e: FrameTxEvent) => string[] {
  const mac = labeler(t, opts.rawMacs ?? false);
  const contexts = frameContexts(r.events);
  const max = opts.maxEvents ?? 24;
  return (e) => {
    const lines = (contexts.get(e.seq) ?? []).map((x) => eventSentence(x, mac)).filter((x): x is string => x !== null);
    if (lines.length === 0) return [`${e.node}: sends on ${e.iface}`];
    const kept = lines.length > max ? [`(${lines.length - max} earlier events)`, ...lines.slice(-max)] : lines;
    return kept.map((l) => `${e.node}: ${l}`);
  };
}
