// Wireshark export of a walk: pcapng (all links, annotated) and classic pcap (one link). Pure:
// both return the file's bytes. Every frame is the engine's own encoding (encodeFrame), so the
// checksums are the ones the engine computed; nothing is recomputed here.
//
// pcapng layout (little-endian, https://www.ietf.org/archive/id/draft-ietf-opsawg-pcapng-03.html):
//   Section Header Block   shb_userappl = appName ("packetwalk"), opt_comment = sectionComment
//   Interface Description  two per link, in topology link order, side a then side b: interface id
//     Blocks               2·i is link i's `a`, 2·i+1 its `b`. LINKTYPE_ETHERNET, snaplen 262144,
//                          if_name "node:iface", if_description the link key ("a:if--b:if", the
//                          same key `toPcap` takes), if_MACaddr, if_tsresol 6 (microseconds)
//   Name Resolution Block  before any packet (tshark resolves while it reads): one ipv4 record per
//                          address of every interface and of lo, named after its device ("r1"; a
//                          router has one name for all its addresses, as in /etc/hosts), and one
//                          eui48 record per interface MAC named "node:iface" (a MAC belongs to one
//                          interface). Wireshark 4.0 reads only the ipv4/ipv6 records (shown with
//                          name resolution on: `-N n`, View ▸ Name Resolution); the eui48 records
//                          are valid pcapng that it skips (newer readers may use them).
//   Enhanced Packet Blocks one per frame that went on a wire (`frame.tx` with a link), in trace
//                          order, with epb_flags (direction), epb_packetid and the caller's
//                          opt_comment(s). Frames sent on an interface without a link (no
//                          carrier) never reached a wire and are left out.
//
// Interface and direction of a frame: the SENDING side's interface, flag outbound. Why: each
// frame is then recorded once, where it was decided: the comment (the sender's decisions: route
// lookup, forward with its TTL, flood…) belongs to the device the interface names, so Wireshark's
// "Interface name: r1:eth2, outbound" and the comment read as one sentence. Both IDBs of a link
// are used (each carries what its side sent: Capture File Properties counts per interface are the
// frames each interface sent), the timestamp is the transmit time, monotonic in trace order, and
// the capture has no duplicates (capturing at both ends would show every frame twice). A whole
// link is `frame.interface_description == "r1:eth2--sw2:p1"` (what a side received is what the
// other side sent); `toPcap` gives one link, both directions, as one capture (the frames of
// linkCaptures, ordered and stamped by transmit time: they can differ from that
// first-endpoint capture's order when two frames cross on a link within 5 µs).
//
// Timestamps: the virtual clock (µs since the scenario started) on top of EPOCH_S
// (2026-01-01T00:00:00Z), the epoch ping writes into its echo data, so Wireshark's "timestamp
// from icmp data" agrees with the frame time. epb_packetid is the engine's packet id: the same on
// every hop of a packet and on flooded copies (`frame.packet_id == 3` follows one packet).
//
// Wireshark guesses application protocols from port numbers: a scenario's `echo hi | nc -u … 53`
// or `… 5001` shows as a malformed DNS/CPFI packet. That is Wireshark reading text as a protocol
// it is not, not a bad frame (pcapng.tshark.test.ts decodes payloads as data for that reason).
//
// The engine holds no English: comments are the caller's (the CLI builds them from its trace
// text, the app from its translations); without a comment function packets have no comment.
// Errors are ExportError with a code for the caller to translate and an English message.

import type { Topology } from '../topology';
import type { SimResult } from '../sim/simulate';
import type { FrameTxEvent } from '../frame-context';
import { encodeFrame } from '../wire/frame';
import { ipToNum, macToBytes, type Ipv4Addr, type MacAddr } from '../wire/addr';
import { endpointLabel, linkKey } from '../topology';
import { EPOCH_S } from '../sim/sim';
import { utf8 } from '../wire/codec-bytes';

export const LINKTYPE_ETHERNET = 1;
export const PCAP_SNAPLEN = 262_144;
/** Seconds since 1970 of the walk's time 0 (EPOCH_S: 2026-01-01T00:00:00Z). */
export const PCAP_EPOCH_S = EPOCH_S;

export const BLOCK = { shb: 0x0a0d0d0a, idb: 0x00000001, nrb: 0x00000004, epb: 0x00000006 } as const;
export const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
export const OPT = {
  endofopt: 0,
  comment: 1,
  shbUserappl: 4,
  ifName: 2,
  ifDescription: 3,
  ifMacaddr: 6,
  ifTsresol: 9,
  epbFlags: 2,
  epbPacketid: 5,
} as const;
export const NRB_RECORD = { end: 0, ipv4: 1, eui48: 3 } as const;
/** epb_flags bits 0–1. */
export const EPB_DIRECTION = { unknown: 0, inbound: 1, outbound: 2 } as const;

export type ExportErrorCode = 'empty-walk' | 'unknown-link' | 'no-frames-on-link' | 'topology-mismatch';

export class ExportError extends Error {
  override name = 'ExportError';
  constructor(
    readonly code: ExportErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface PcapngOptions {
  /**
   * The packet comment (opt_comment) of a frame, in the active language: one string, or several
   * (one opt_comment each: Wireshark lists them as separate lines under "Packet comments" and
   * cuts none of them short the way it cuts a long one). Empty strings are left out.
   */
  comment?: (e: FrameTxEvent) => string | readonly string[];
  /** shb_userappl; default "packetwalk" */
  appName?: string;
  /** the section's comment (e.g. the topology and the seed); none when absent */
  sectionComment?: string;
}

/** One IDB of the export: a link side. */
export interface PcapInterface {
  /** interface id in the pcapng (index of its IDB) */
  id: number;
  /** if_name: "node:iface" */
  name: string;
  /** if_description: the link key */
  link: string;
  mac?: MacAddr;
}

/** The IDBs toPcapng writes, in order: two per link (side a, side b) in topology order. */
export function pcapInterfaces(topology: Topology): PcapInterface[] {
  const macs = new Map<string, MacAddr>();
  for (const n of topology.nodes) for (const i of n.ifaces) macs.set(`${n.name}:${i.name}`, i.mac);
  const out: PcapInterface[] = [];
  for (const l of topology.links) {
    const key = linkKey(l);
    for (const e of [l.a, l.b]) {
      const name = endpointLabel(e);
      const mac = macs.get(name);
      out.push({ id: out.length, name, link: key, ...(mac ? { mac } : {}) });
    }
  }
  return out;
}

/** The frames of a walk that went on a wire (frame.tx with a link), in trace order. */
export function wireFrames(result: Pick<SimResult, 'events'>): FrameTxEvent[] {
  return result.events.filter((e): e is FrameTxEvent => e.kind === 'frame.tx' && e.link !== null);
}

function emptyWalk(result: Pick<SimResult, 'events'>): ExportError {
  if (result.events.length === 0) return new ExportError('empty-walk', 'nothing to export: the walk is empty (run a scenario first)');
  const unplugged = result.events.filter((e) => e.kind === 'frame.tx' && e.link === null).length;
  return new ExportError(
    'empty-walk',
    `nothing to export: no frame went on a wire in this walk${unplugged ? ` (${unplugged} frame${unplugged === 1 ? ' was' : 's were'} sent on interfaces without a link)` : ''}`,
  );
}

/** Microseconds since 1970 of virtual time t, as [high, low] 32-bit halves. */
function timestamp(t: number): [number, number] {
  const us = PCAP_EPOCH_S * 1_000_000 + Math.round(t);
  const high = Math.floor(us / 2 ** 32);
  return [high, us - high * 2 ** 32];
}

/** The pcapng file of a whole walk: every frame on every wire, annotated (see the header). */
export function toPcapng(topology: Topology, result: Pick<SimResult, 'events'>, opts: PcapngOptions = {}): Uint8Array {
  const frames = wireFrames(result);
  if (frames.length === 0) throw emptyWalk(result);
  const ifaces = pcapInterfaces(topology);
  const idOf = new Map(ifaces.map((i) => [i.name, i]));
  const w = new Writer();

  // Section Header Block
  block(w, BLOCK.shb, () => {
    w.u32(BYTE_ORDER_MAGIC);
    w.u16(1);
    w.u16(0);
    w.u32(0xffffffff); // section length: unspecified (-1)
    w.u32(0xffffffff);
    options(w, [
      [OPT.shbUserappl, clampOption(utf8(opts.appName ?? 'packetwalk'))],
      ...(opts.sectionComment ? [[OPT.comment, clampOption(utf8(opts.sectionComment))] as Option] : []),
    ]);
  });

  // Interface Description Blocks
  for (const i of ifaces) {
    block(w, BLOCK.idb, () => {
      w.u16(LINKTYPE_ETHERNET);
      w.u16(0);
      w.u32(PCAP_SNAPLEN);
      options(w, [
        [OPT.ifName, utf8(i.name)],
        [OPT.ifDescription, utf8(i.link)],
        ...(i.mac ? [[OPT.ifMacaddr, Uint8Array.from(macToBytes(i.mac))] as Option] : []),
        [OPT.ifTsresol, Uint8Array.of(6)],
      ]);
    });
  }

  // Name Resolution Block
  const records = nameRecords(topology);
  if (records.length) {
    block(w, BLOCK.nrb, () => {
      for (const [type, value] of records) {
        w.u16(type);
        w.u16(value.length);
        w.bytes(value);
        w.pad();
      }
      w.u16(NRB_RECORD.end);
      w.u16(0);
    });
  }

  // Enhanced Packet Blocks
  for (const e of frames) {
    const side = idOf.get(`${e.node}:${e.iface}`);
    if (!side || side.link !== e.link) {
      throw new ExportError('topology-mismatch', `frame #${e.seq} was sent on ${e.node}:${e.iface} (link ${e.link}), which is not a link side of topology "${topology.name}"`);
    }
    const data = encodeFrame(e.frame);
    const c = opts.comment?.(e) ?? [];
    const comments = (typeof c === 'string' ? [c] : c).filter((x) => x !== '');
    const [high, low] = timestamp(e.t);
    block(w, BLOCK.epb, () => {
      w.u32(side.id);
      w.u32(high);
      w.u32(low);
      w.u32(data.length);
      w.u32(data.length);
      w.bytes(data);
      w.pad();
      options(w, [
        [OPT.epbFlags, le32(EPB_DIRECTION.outbound)],
        [OPT.epbPacketid, le64(e.pkt)],
        ...comments.map((x): Option => [OPT.comment, clampOption(utf8(x))]),
      ]);
    });
  }
  return w.finish();
}

/**
 * Finds a link by its key ("a:if--b:if"), the key written the other way round, or one of its
 * sides ("r1:eth2").
 */
export function findLinkKey(topology: Topology, spec: string): string | undefined {
  for (const l of topology.links) {
    const key = linkKey(l);
    if (spec === key || spec === `${endpointLabel(l.b)}--${endpointLabel(l.a)}` || spec === endpointLabel(l.a) || spec === endpointLabel(l.b)) return key;
  }
  return undefined;
}

/**
 * Classic pcap (microsecond timestamps, LINKTYPE_ETHERNET, little-endian) of one link: the frames
 * that crossed it in either direction, in trace order, stamped with their transmit time as in the
 * pcapng. `link` is a link key, the key reversed, or one of the link's sides.
 */
export function toPcap(topology: Topology, result: Pick<SimResult, 'events'>, link: string): Uint8Array {
  const key = findLinkKey(topology, link);
  if (key === undefined) {
    const keys = topology.links.map(linkKey);
    throw new ExportError('unknown-link', `no link "${link}" in topology "${topology.name}"${keys.length ? ` (links: ${keys.join(', ')})` : ' (it has no links)'}`);
  }
  const all = wireFrames(result);
  if (all.length === 0) throw emptyWalk(result);
  const frames = all.filter((e) => e.link === key);
  if (frames.length === 0) {
    const used = [...new Set(all.map((e) => e.link))].join(', ');
    throw new ExportError('no-frames-on-link', `no frame crossed link ${key} in this walk (frames crossed: ${used})`);
  }
  const w = new Writer();
  w.u32(0xa1b2c3d4);
  w.u16(2);
  w.u16(4);
  w.u32(0); // thiszone
  w.u32(0); // sigfigs
  w.u32(PCAP_SNAPLEN);
  w.u32(LINKTYPE_ETHERNET);
  for (const e of frames) {
    const data = encodeFrame(e.frame);
    const t = Math.round(e.t);
    w.u32(PCAP_EPOCH_S + Math.floor(t / 1_000_000));
    w.u32(t % 1_000_000);
    w.u32(data.length);
    w.u32(data.length);
    w.bytes(data);
  }
  return w.finish();
}

// ---------------------------------------------------------------------------------------------
// Name resolution records

type Option = [code: number, value: Uint8Array];

function nameRecords(topology: Topology): [number, Uint8Array][] {
  const ips = new Map<string, string[]>();
  const macs = new Map<string, string[]>();
  const add = (m: Map<string, string[]>, k: string, name: string) => {
    const names = m.get(k);
    if (!names) m.set(k, [name]);
    else if (!names.includes(name)) names.push(name);
  };
  for (const n of topology.nodes) {
    for (const i of n.ifaces) {
      add(macs, i.mac, `${n.name}:${i.name}`);
      for (const a of i.addrs) add(ips, a.ip, n.name);
    }
    if (n.kind === 'linux') for (const a of n.loAddrs) add(ips, a.ip, n.name);
  }
  const names = (list: string[]) => list.flatMap((s) => [...utf8(s), 0]);
  const out: [number, Uint8Array][] = [];
  for (const [ip, list] of ips) {
    const n = ipToNum(ip as Ipv4Addr);
    out.push([NRB_RECORD.ipv4, Uint8Array.from([(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255, ...names(list)])]);
  }
  for (const [mac, list] of macs) out.push([NRB_RECORD.eui48, Uint8Array.from([...macToBytes(mac as MacAddr), ...names(list)])]);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Bytes

const MAX_OPTION = 0xffff;
const ELLIPSIS = utf8('…');

/** An option value is at most 65 535 bytes: longer text is cut at a character boundary, with "…". */
function clampOption(b: Uint8Array): Uint8Array {
  if (b.length <= MAX_OPTION) return b;
  let end = MAX_OPTION - ELLIPSIS.length;
  while (end > 0 && (b[end]! & 0xc0) === 0x80) end--;
  const out = new Uint8Array(end + ELLIPSIS.length);
  out.set(b.subarray(0, end));
  out.set(ELLIPSIS, end);
  return out;
}

const le32 = (v: number): Uint8Array => Uint8Array.of(v & 255, (v >>> 8) & 255, (v >>> 16) & 255, (v >>> 24) & 255);
function le64(v: number): Uint8Array {
  const high = Math.floor(v / 2 ** 32);
  return Uint8Array.from([...le32(v >>> 0), ...le32(high >>> 0)]);
}

function options(w: Writer, opts: Option[]): void {
  if (opts.length === 0) return;
  for (const [code, value] of opts) {
    w.u16(code);
    w.u16(value.length);
    w.bytes(value);
    w.pad();
  }
  w.u16(OPT.endofopt);
  w.u16(0);
}

/** A block: type, total length, body, total length again (the body is padded to 32 bits). */
function block(w: Writer, type: number, body: () => void): void {
  const start = w.length;
  w.u32(type);
  w.u32(0);
  body();
  w.pad();
  const total = w.length - start + 4;
  w.u32(total);
  w.setU32(start + 4, total);
}

class Writer {
  private buf = new Uint8Array(4096);
  private view = new DataView(this.buf.buffer);
  length = 0;

  private ensure(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  u16(v: number): void {
    this.ensure(2);
    this.view.setUint16(this.length, v, true);
    this.length += 2;
  }

  u32(v: number): void {
    this.ensure(4);
    this.view.setUint32(this.length, v >>> 0, true);
    this.length += 4;
  }

  setU32(at: number, v: number): void {
    this.view.setUint32(at, v >>> 0, true);
  }

  bytes(b: Uint8Array): void {
    this.ensure(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
  }

  /** zero bytes up to the next multiple of 4 */
  pad(): void {
    const n = (4 - (this.length % 4)) % 4;
    this.ensure(n);
    for (let i = 0; i < n; i++) this.buf[this.length++] = 0;
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}
