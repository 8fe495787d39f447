// Wireshark's own dissectors on our exports. For every oracle topology, every bundled example
// (and a hand-made walk with TCP, VLAN tags and truncated quotes that no topology produces yet),
// the pcapng export is read by tshark with checksum validation on, and every frame must come out
// as the trace says: no malformed packet, no error-level expert info, every checksum Good, the
// interface the sending side "node:iface" with the link as its description, outbound, the
// packet comment present, the timestamp the virtual clock on EPOCH_S, names from the Name
// Resolution Block, and the decoded Ethernet/ARP/IPv4/ICMP/UDP/TCP fields (of quoted headers
// too) equal to the engine's frame. A negative control proves the checksum checks are live.
//
// tshark is required (Debian package tshark; .ci/run installs it): without it these tests FAIL.
// tshark warns on stderr when run as root; only its stdout (JSON) is parsed.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, type TestContext } from 'vitest';
import { parseClab } from './clab';
import { TopologyError } from './problems';
import { ExportError, pcapInterfaces, toPcap, toPcapng, wireFrames } from './pcapng';
import { linkCaptures } from '../sim/captures';
import { simulate, type SimResult } from '../sim/simulate';
import { EPOCH_S } from '../sim/sim';
import type { TraceEvent } from '../sim/trace';
import type { Topology } from '../topology';
import { fabricHosts, hostAddress, leafSpine } from '../generate/fabric';
import type { FrameTxEvent } from '../frame-context';
import type { Ipv4Addr, MacAddr } from '../wire/addr';
import type { EthernetFrame, Ipv4Packet } from '../wire/types';
import { encodedIpv4Length } from '../wire/frame';
import { buildArp } from '../wire/arp';
import { buildIpv4 } from '../wire/ipv4';
import { buildTcp } from '../wire/tcp';
import { buildUdp } from '../wire/udp';
import { buildIcmpEcho, buildIcmpError } from '../wire/icmp';
import { decodeEncap, VXLAN_PORTS } from '../wire/encap';
import { frameComments } from '../../cli/format';

const ORACLE = path.join(import.meta.dirname, '../__oracle__');
const EXAMPLES = path.join(import.meta.dirname, '../../examples');
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-tshark-'));
// PW_KEEP_PCAPS=1 keeps the exported files (their folder is printed) to open them in Wireshark.
afterAll(() => {
  if (process.env.PW_KEEP_PCAPS) console.log(`pcapng exports kept in ${TMP}`);
  else fs.rmSync(TMP, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------
// tshark

const MISSING =
  'tshark is not installed: the Wireshark conformance tests need it. Install the Debian package ' +
  '(DEBIAN_FRONTEND=noninteractive apt-get install -y tshark); .ci/run installs it when missing.';

function tshark(args: string[]): string {
  const r = spawnSync('tshark', args, { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.error) throw new Error((r.error as NodeJS.ErrnoException).code === 'ENOENT' ? MISSING : `tshark: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`tshark ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

let prefsCache: string[] | undefined;
/** Checksum validation on for every protocol whose installed dissector has the preference. */
function checksumPrefs(): string[] {
  if (prefsCache) return prefsCache;
  const defaults = tshark(['-G', 'defaultprefs']);
  prefsCache = ['ip', 'udp', 'tcp', 'icmp'].filter((p) => defaults.includes(`#${p}.check_checksum:`)).flatMap((p) => ['-o', `${p}.check_checksum:TRUE`]);
  return prefsCache;
}

const FIELDS = [
  'frame.interface_name',
  'frame.interface_description',
  'frame.packet_flags_direction',
  'frame.packet_id',
  'frame.comment',
  'frame.time_epoch',
  'frame.len',
  '_ws.malformed',
  '_ws.expert.severity',
  '_ws.expert.message',
  'eth.src',
  'eth.dst',
  'eth.len',
  'stp.protocol',
  'stp.version',
  'stp.type',
  'stp.flags',
  'stp.root.prio',
  'stp.root.hw',
  'stp.root.cost',
  'stp.bridge.prio',
  'stp.bridge.hw',
  'stp.port',
  'stp.msg_age',
  'stp.max_age',
  'stp.hello',
  'stp.forward',
  'eth.type',
  'vlan.id',
  'vlan.etype',
  'arp.opcode',
  'arp.src.hw_mac',
  'arp.src.proto_ipv4',
  'arp.dst.hw_mac',
  'arp.dst.proto_ipv4',
  'ip.src',
  'ip.dst',
  'ip.src_host',
  'ip.dst_host',
  'ip.ttl',
  'ip.id',
  'ip.proto',
  'ip.len',
  'ip.flags.df',
  'ip.dsfield.dscp',
  'ip.checksum.status',
  'icmp.type',
  'icmp.code',
  'icmp.ident',
  'icmp.seq',
  'icmp.redir_gw',
  'icmp.mtu',
  'icmp.checksum.status',
  'udp.srcport',
  'udp.dstport',
  'udp.length',
  'udp.checksum.status',
  'tcp.srcport',
  'tcp.dstport',
  'tcp.seq',
  'tcp.ack',
  'tcp.flags',
  'tcp.window_size_value',
  'tcp.checksum.status',
  'gre.proto',
  'gre.key',
  'vxlan.vni',
] as const;

type Layers = Partial<Record<string, string[]>>;

/** Every frame's fields as tshark dissects them (each field: all its occurrences, outer first). */
function dissect(file: string, frames: readonly FrameTxEvent[]): Layers[] {
  // A walk's UDP/TCP payload is whatever the scenario sent ("hi" to port 5001); Wireshark would
  // guess an application protocol from the port number (CPFI for 5000/5001) and call the bytes
  // malformed. The export is about headers: decode every payload of the walk's ports as data.
  const ports = { udp: new Set<number>(), tcp: new Set<number>() };
  const visit = (p: Ipv4Packet) => {
    const l4 = p.payload;
    // VXLAN's own port stays VXLAN (what it carries is checked too)
    if (l4.kind === 'udp' && VXLAN_PORTS.has(l4.dstPort)) return;
    if (l4.kind === 'udp' || l4.kind === 'tcp') for (const x of [l4.srcPort, l4.dstPort]) ports[l4.kind].add(x);
    if (l4.kind === 'icmp' && l4.quote) visit(l4.quote);
  };
  for (const e of frames) if (e.frame.payload.kind === 'ipv4') visit(e.frame.payload);
  const decodeAs = (['udp', 'tcp'] as const).flatMap((k) => [...ports[k]].sort((a, b) => a - b).flatMap((p) => ['-d', `${k}.port==${p},data`]));
  const out = tshark([
    '-r',
    file,
    '-n',
    '-N',
    'n', // network names from the file's Name Resolution Block only…
    '-o',
    'nameres.use_external_name_resolver:FALSE', // …never from DNS
    ...checksumPrefs(),
    '-o',
    'tcp.relative_sequence_numbers:FALSE', // tcp.seq/tcp.ack as on the wire (quoted segments too)
    '-o',
    'ip.defragment:FALSE', // each fragment as it is on the wire, as the oracle's recorder reads them
    ...decodeAs,
    '-T',
    'json',
    ...FIELDS.flatMap((f) => ['-e', f]),
  ]);
  return (JSON.parse(out) as { _source: { layers: Layers } }[]).map((p) => p._source.layers);
}

// ---------------------------------------------------------------------------------------------
// What tshark must show for a frame, from the engine's frame

const GOOD = '1';
const UNVERIFIED = '2';
const n = (v: number) => String(v);

/** tshark prints some numbers in hex ("0x0800"); compare numbers as decimal. */
function normalise(layers: Layers): Layers {
  const out: Layers = {};
  for (const [k, vs] of Object.entries(layers)) out[k] = vs!.map((v) => (/^0x[0-9a-f]+$/i.test(v) ? String(parseInt(v, 16)) : v));
  return out;
}

/** The fields of a frame, and of the packet or frame a tunnel carries inside it, in tshark's order (outer first). */
function expected(f0: EthernetFrame, host: (ip: Ipv4Addr) => string): Layers {
  const x: Layers = {};
  const push = (k: string, v: string) => (x[k] ??= []).push(v);
  const frame = (f: EthernetFrame) => {
  push('eth.src', f.srcMac);
  push('eth.dst', f.dstMac);
  if (f.vlans?.length) {
    push('eth.type', n(0x8100));
    f.vlans.forEach((v, i) => {
      push('vlan.id', n(v.vid));
      push('vlan.etype', n(i === f.vlans!.length - 1 ? f.ethertype : 0x8100));
    });
  } else if (f.payload.kind === 'stp') push('eth.len', n(f.ethertype));
  else push('eth.type', n(f.ethertype));
  const p = f.payload;
  if (p.kind === 'stp') {
    // Wireshark's STP dissector: times in seconds (1/256 s on the wire).
    push('stp.protocol', n(p.protocolId));
    push('stp.version', n(p.version));
    push('stp.type', n(p.bpduType));
    const c = p.config;
    if (c) {
      push('stp.flags', n(c.flags));
      push('stp.root.prio', n(c.rootPriority));
      push('stp.root.hw', c.rootMac);
      push('stp.root.cost', n(c.rootPathCost));
      push('stp.bridge.prio', n(c.bridgePriority));
      push('stp.bridge.hw', c.bridgeMac);
      push('stp.port', n(c.portId));
      for (const [k, v] of [['stp.msg_age', c.messageAge], ['stp.max_age', c.maxAge], ['stp.hello', c.helloTime], ['stp.forward', c.forwardDelay]] as const) push(k, String(v / 256));
    }
  }
  if (p.kind === 'arp') {
    push('arp.opcode', n(p.op));
    push('arp.src.hw_mac', p.senderMac);
    push('arp.src.proto_ipv4', p.senderIp);
    push('arp.dst.hw_mac', p.targetMac);
    push('arp.dst.proto_ipv4', p.targetIp);
  }
  const ip = (q: Ipv4Packet, quoted: boolean) => {
    push('ip.src', q.srcIp);
    push('ip.dst', q.dstIp);
    push('ip.src_host', host(q.srcIp));
    push('ip.dst_host', host(q.dstIp));
    push('ip.ttl', n(q.ttl));
    push('ip.id', n(q.identification));
    push('ip.proto', n(q.protocol));
    push('ip.len', n(q.totalLength));
    push('ip.flags.df', q.flags.df ? '1' : '0');
    push('ip.dsfield.dscp', n(q.dscp));
    push('ip.checksum.status', GOOD);
    const l4 = q.payload;
    // A quoted datagram may be cut short, and a fragment holds part of its message: the L4
    // checksum cannot be verified then. Wireshark never verifies an ICMP message inside an ICMP
    // error (packet-icmp.c: in_error_pkt).
    const fragment = q.flags.mf || q.fragmentOffset > 0;
    const whole = (!quoted || encodedIpv4Length(q) === q.totalLength) && !fragment;
    if (l4.kind === 'icmp') {
      push('icmp.type', n(l4.type));
      push('icmp.code', n(l4.code));
      if (l4.identifier !== undefined) push('icmp.ident', n(l4.identifier));
      if (l4.sequence !== undefined) push('icmp.seq', n(l4.sequence));
      if (l4.gateway !== undefined) push('icmp.redir_gw', l4.gateway);
      if (l4.type === 3 && l4.code === 4) push('icmp.mtu', n(l4.rest! & 0xffff));
      push('icmp.checksum.status', quoted || fragment ? UNVERIFIED : GOOD);
      if (l4.quote) ip(l4.quote, true);
    } else if (l4.kind === 'udp') {
      push('udp.srcport', n(l4.srcPort));
      push('udp.dstport', n(l4.dstPort));
      push('udp.length', n(l4.length));
      push('udp.checksum.status', whole ? GOOD : UNVERIFIED);
    } else if (l4.kind === 'tcp') {
      push('tcp.srcport', n(l4.srcPort));
      push('tcp.dstport', n(l4.dstPort));
      push('tcp.seq', n(l4.seq));
      push('tcp.ack', n(l4.ack));
      const fl = l4.flags;
      const bits = [fl.cwr, fl.ece, fl.urg, fl.ack, fl.psh, fl.rst, fl.syn, fl.fin].reduce((a, b) => a * 2 + (b ? 1 : 0), 0);
      push('tcp.flags', n(((l4.reserved & 0xf) << 8) | bits));
      push('tcp.window_size_value', n(l4.window));
      push('tcp.checksum.status', whole ? GOOD : UNVERIFIED);
    }
    const encap = quoted ? undefined : decodeEncap(q);
    if (encap?.kind === 'ipip') ip(encap.inner, false);
    else if (encap?.kind === 'gre') {
      push('gre.proto', n(encap.proto));
      if (encap.key !== undefined) push('gre.key', n(encap.key));
      if ('kind' in encap.inner) ip(encap.inner, false);
      else frame(encap.inner);
    } else if (encap?.kind === 'vxlan') {
      push('vxlan.vni', n(encap.vni));
      frame(encap.inner);
    }
  };
  if (p.kind === 'ipv4') ip(p, false);
  };
  frame(f0);
  return x;
}

const DECODED = FIELDS.filter((f) => /^(eth|vlan|arp|ip|icmp|udp|tcp|gre|vxlan|stp)\./.test(f));
const PI_ERROR = 0x00800000;

function nameResolver(t: Topology): (ip: Ipv4Addr) => string {
  const names = new Map<string, string>();
  for (const node of t.nodes) {
    for (const i of node.ifaces) for (const a of i.addrs) if (!names.has(a.ip)) names.set(a.ip, node.name);
    if (node.kind === 'linux') for (const a of node.loAddrs) if (!names.has(a.ip)) names.set(a.ip, node.name);
  }
  return (ip) => names.get(ip) ?? ip;
}

const timeEpoch = (t: number) => `${EPOCH_S + Math.floor(t / 1e6)}.${String(t % 1e6).padStart(6, '0')}000`;

/** Exports the walk, reads it with tshark and checks every frame against the trace. */
function conforms(name: string, t: Topology, r: Pick<SimResult, 'events'>): void {
  const comment = frameComments(t, r);
  const file = path.join(TMP, `${name}.pcapng`);
  fs.writeFileSync(file, toPcapng(t, r, { comment }));
  const frames = wireFrames(r);
  const got = dissect(file, frames);
  expect(got.length, `${name}: tshark reads every frame`).toBe(frames.length);
  const host = nameResolver(t);
  frames.forEach((e, i) => {
    const at = `${name} frame ${i + 1} (${e.node}:${e.iface}, trace #${e.seq})`;
    const g = normalise(got[i]!);
    expect(g['_ws.malformed'], `${at}: malformed`).toBeUndefined();
    const errors = (g['_ws.expert.severity'] ?? []).map((s, k) => [Number(s), g['_ws.expert.message']?.[k]] as const).filter(([s]) => s >= PI_ERROR);
    expect(errors, `${at}: error-level expert info`).toEqual([]);
    expect(g['frame.interface_name'], at).toEqual([`${e.node}:${e.iface}`]);
    expect(g['frame.interface_description'], at).toEqual([e.link]);
    expect(g['frame.packet_flags_direction'], `${at}: outbound`).toEqual(['2']);
    expect(g['frame.packet_id'], at).toEqual([n(e.pkt)]);
    expect(g['frame.time_epoch'], at).toEqual([timeEpoch(e.t)]);
    const c = g['frame.comment'] ?? [];
    expect(c.length, `${at}: comments`).toBeGreaterThan(0);
    expect(c, `${at}: comments`).toEqual(comment(e));
    for (const line of c) expect(line.length, `${at}: comment "${line}"`).toBeGreaterThan(e.node.length + 2);
    const decoded: Layers = {};
    for (const f of DECODED) if (g[f] !== undefined) decoded[f] = g[f];
    expect(decoded, at).toEqual(expected(e.frame, host));
  });
}

// ---------------------------------------------------------------------------------------------

/**
 * The topology of a file, or the test is skipped (with the reason in the report) when the engine
 * cannot read it yet: a golden recorded ahead of the engine (conformance.test.ts fails for it).
 */
function readable(file: string, ctx: TestContext): Topology {
  try {
    return parseClab(fs.readFileSync(file, 'utf8'), path.basename(file));
  } catch (e) {
    if (e instanceof TopologyError) ctx.skip(`the engine cannot read ${path.basename(file)} yet: ${e.problems[0]?.message}`);
    throw e;
  }
}

const oracle = fs
  .readdirSync(ORACLE)
  .filter((f) => f.endsWith('.clab.yml'))
  .sort();
const examples = fs
  .readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.clab.yml'))
  .sort();

describe('tshark reads the pcapng export of every oracle topology as the trace says', () => {
  it('tshark is installed', () => {
    expect(tshark(['-v'])).toMatch(/TShark \(Wireshark\) \d+\.\d+/);
  });

  it.for(oracle)('%s', (f, ctx) => {
    const t = readable(path.join(ORACLE, f), ctx);
    const r = simulate(t);
    if (wireFrames(r).length === 0) {
      // nothing went on a wire (ping-local): the export says so instead of writing a file
      expect(() => toPcapng(t, r)).toThrow(ExportError);
      return;
    }
    conforms(f.replace(/\.clab\.yml$/, ''), t, r);
  });
});

describe('tshark reads the pcapng export of every bundled example', () => {
  it.for(examples)('%s', (f, ctx) => {
    const t = readable(path.join(EXAMPLES, f), ctx);
    conforms(`example-${f.replace(/\.clab\.yml$/, '')}`, t, simulate(t));
  });

  it('leaf-spine-1000 (generated: 1 038 nodes, one interface per link side)', () => {
    const t = leafSpine({ spines: 4, leaves: 22, hostsPerLeaf: 45 });
    const hosts = fabricHosts(t);
    const walk = { ...t, scenario: [{ kind: 'run' as const, on: hosts[0]!.name, run: `ping -c 1 -W 1 ${hostAddress(hosts[hosts.length - 1]!)}` }] };
    conforms('leaf-spine-1000', walk, simulate(walk));
    expect(pcapInterfaces(t)).toHaveLength(2 * t.links.length);
  });
});

// ---------------------------------------------------------------------------------------------
// Frames no topology sends yet: TCP with options, VLAN tags, a quote cut at 576 bytes, ICMP
// 3/4 with an MTU, a redirect quoting an echo request, an error quoting a TCP SYN.

function handMadeWalk(t: Topology): { events: TraceEvent[] } {
  const macOf = (node: string) => t.nodes.find((x) => x.name === node)!.ifaces[0]!.mac;
  const h1 = macOf('h1');
  const r1 = macOf('r1');
  const a = '10.0.1.10' as Ipv4Addr;
  const b = '10.0.2.10' as Ipv4Addr;
  const gw = '10.0.1.1' as Ipv4Addr;
  const eth = (src: MacAddr, dst: MacAddr, payload: Ipv4Packet): EthernetFrame => ({ srcMac: src, dstMac: dst, ethertype: 0x0800, payload });
  const syn = buildIpv4({
    srcIp: a,
    dstIp: b,
    protocol: 6,
    ttl: 64,
    identification: 0x1234,
    df: true,
    payload: buildTcp({ srcIp: a, dstIp: b, srcPort: 40000, dstPort: 80, seq: 0xdeadbeef, ack: 0, flags: { syn: true }, window: 64240, options: '020405b40402080a0001e24000000000' + '01030307' }),
  });
  const syn1 = buildIpv4({ ...syn, df: true, ttl: 1, payload: syn.payload });
  const data = buildIpv4({
    srcIp: a,
    dstIp: b,
    protocol: 6,
    ttl: 64,
    identification: 0x1235,
    df: true,
    payload: buildTcp({ srcIp: a, dstIp: b, srcPort: 40000, dstPort: 80, seq: 0xdeadbef0, ack: 0x01020304, flags: { ack: true, psh: true }, window: 502, data: Buffer.from('GET / HTTP/1.0\r\n\r\n').toString('hex') }),
  });
  const rst = buildIpv4({ srcIp: b, dstIp: a, protocol: 6, ttl: 64, identification: 0, df: true, payload: buildTcp({ srcIp: b, dstIp: a, srcPort: 80, dstPort: 40001, seq: 0, ack: 1, flags: { rst: true, ack: true }, window: 0 }) });
  const bigUdp = buildIpv4({ srcIp: a, dstIp: b, protocol: 17, ttl: 64, identification: 0x2000, df: true, payload: buildUdp({ srcIp: a, dstIp: b, srcPort: 33000, dstPort: 33434, data: 'ab'.repeat(700) }) });
  const echo = buildIpv4({ srcIp: a, dstIp: b, protocol: 1, ttl: 64, identification: 0x3000, df: true, payload: buildIcmpEcho({ type: 8, identifier: 0x8706, sequence: 3, data: '00'.repeat(56) }) });
  const icmpErr = (type: number, code: number, original: Ipv4Packet, extra: { rest?: number; gateway?: Ipv4Addr } = {}) =>
    buildIpv4({ srcIp: gw, dstIp: a, protocol: 1, ttl: 64, identification: 0x4000 + type, dscp: 48, payload: buildIcmpError({ type, code, original, ...extra }) });
  const frames: [string, string, EthernetFrame][] = [
    ['sw1', 'p2', { srcMac: h1, dstMac: 'ff:ff:ff:ff:ff:ff' as MacAddr, vlans: [{ pcp: 0, dei: false, vid: 10 }], ethertype: 0x0806, payload: buildArp({ op: 1, senderMac: h1, senderIp: a, targetMac: '00:00:00:00:00:00' as MacAddr, targetIp: gw }) }],
    ['sw1', 'p2', eth(h1, r1, syn)],
    ['sw1', 'p2', eth(h1, r1, data)],
    ['r1', 'eth1', eth(r1, h1, rst)],
    ['sw1', 'p2', eth(h1, r1, bigUdp)],
    ['r1', 'eth1', eth(r1, h1, icmpErr(3, 3, bigUdp))],
    ['r1', 'eth1', eth(r1, h1, icmpErr(11, 0, syn1))],
    ['r1', 'eth1', eth(r1, h1, icmpErr(3, 4, data, { rest: 1400 }))],
    ['sw1', 'p2', eth(h1, r1, echo)],
    ['r1', 'eth1', eth(r1, h1, icmpErr(5, 1, echo, { gateway: '10.0.1.2' as Ipv4Addr }))],
  ];
  // all on link r1:eth1--sw1:p2, whose sides are r1:eth1 and sw1:p2 (h1's frames as sw1 forwards them)
  const events: TraceEvent[] = [];
  frames.forEach(([node, iface, frame], i) => {
    const seq = events.length;
    events.push({ kind: 'ip.send', node, pkt: i + 1, src: a, dst: b, protocol: 0, ttl: 64, seq, t: i * 1000 });
    events.push({ kind: 'frame.tx', node, iface, link: 'r1:eth1--sw1:p2', pkt: i + 1, frame, seq: seq + 1, t: i * 1000 + 7 });
  });
  return { events };
}

describe('tshark reads frames no topology sends yet', () => {
  const t = parseClab(fs.readFileSync(path.join(ORACLE, 'two-subnets-router.clab.yml'), 'utf8'), 'two-subnets-router.clab.yml');

  it('TCP with options, a VLAN tag, ICMP errors quoting TCP, a cut-short UDP datagram and an echo request', () => {
    conforms('hand-made', t, handMadeWalk(t));
  });

  it('flags a bad checksum (the checks above are live)', () => {
    const walk = handMadeWalk(t);
    const tx = walk.events.filter((e): e is FrameTxEvent => e.kind === 'frame.tx');
    const syn = tx[1]!;
    const p = syn.frame.payload as Ipv4Packet;
    const broken: FrameTxEvent = { ...syn, node: 'r1', iface: 'eth1', frame: { ...syn.frame, payload: { ...p, headerChecksum: p.headerChecksum ^ 1, payload: { ...(p.payload as Extract<Ipv4Packet['payload'], { kind: 'tcp' }>), checksum: 0x1234 } } } };
    const file = path.join(TMP, 'broken.pcapng');
    fs.writeFileSync(file, toPcapng(t, { events: [broken] }));
    const [g] = dissect(file, [broken]).map(normalise);
    expect(g!['ip.checksum.status']).toEqual(['0']);
    expect(g!['tcp.checksum.status']).toEqual(['0']);
    expect((g!['_ws.expert.severity'] ?? []).some((s) => Number(s) >= PI_ERROR)).toBe(true);
  });
});

describe('classic pcap of one link, read by tshark', () => {
  it('shows the frames of r1:eth2--sw2:p1 of two-subnets-router, with good checksums', () => {
    const t = parseClab(fs.readFileSync(path.join(ORACLE, 'two-subnets-router.clab.yml'), 'utf8'), 'two-subnets-router.clab.yml');
    const r = simulate(t);
    const key = 'r1:eth2--sw2:p1';
    const file = path.join(TMP, 'link.pcap');
    fs.writeFileSync(file, toPcap(t, r, key));
    expect(tshark(['-r', file, '-T', 'fields', '-e', 'frame.encap_type']).trim().split('\n')[0]).toBe('1');
    const frames = wireFrames(r).filter((e) => e.link === key);
    expect(frames.length).toBe(linkCaptures(r).links[key]!.length);
    const got = dissect(file, frames).map(normalise);
    expect(got).toHaveLength(frames.length);
    const host = (ip: Ipv4Addr) => ip; // classic pcap has no name resolution block
    frames.forEach((e, i) => {
      const g = got[i]!;
      expect(g['_ws.malformed']).toBeUndefined();
      expect(g['frame.time_epoch']).toEqual([timeEpoch(e.t)]);
      const decoded: Layers = {};
      for (const f of DECODED) if (g[f] !== undefined) decoded[f] = g[f];
      expect(decoded, `frame ${i + 1}`).toEqual(expected(e.frame, host));
    });
  });
});
