import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseClab } from './clab';
import { linkCaptures } from '../sim/captures';
import { simulate, type SimResult } from '../sim/simulate';
import { EPOCH_S } from '../sim/sim';
import type { TraceEvent } from '../sim/trace';
import type { Topology } from '../topology';
import { decodeFrame, encodeFrame } from '../wire/frame';
import { frameContexts, type FrameTxEvent } from '../frame-context';
import { ExportError, findLinkKey, pcapInterfaces, toPcap, toPcapng, wireFrames } from './pcapng';
import { utf8 } from '../wire/codec-bytes';

const ORACLE = path.join(import.meta.dirname, '../__oracle__');
const load = (name: string): Topology => parseClab(fs.readFileSync(path.join(ORACLE, `${name}.clab.yml`), 'utf8'), `${name}.clab.yml`);
const walk = (name: string): { t: Topology; r: SimResult } => {
  const t = load(name);
  return { t, r: simulate(t) };
};

// ---------------------------------------------------------------------------------------------
// A tiny pcapng reader (little-endian sections only), strict about what toPcapng must get right.

interface Block {
  type: number;
  offset: number;
  body: Uint8Array;
}
type Options = [code: number, value: Uint8Array][];

const text = (b: Uint8Array) => new TextDecoder('utf-8', { fatal: true }).decode(b);
const dv = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);

function readBlocks(file: Uint8Array): Block[] {
  const v = dv(file);
  const out: Block[] = [];
  let at = 0;
  while (at < file.length) {
    expect(at % 4, `block at ${at} is 32-bit aligned`).toBe(0);
    const type = v.getUint32(at, true);
    const len = v.getUint32(at + 4, true);
    expect(len % 4, `block at ${at}: total length ${len} is a multiple of 4`).toBe(0);
    expect(len).toBeGreaterThanOrEqual(12);
    expect(at + len, `block at ${at} fits in the file`).toBeLessThanOrEqual(file.length);
    expect(v.getUint32(at + len - 4, true), `block at ${at}: trailing length equals leading length`).toBe(len);
    out.push({ type, offset: at, body: file.subarray(at + 8, at + len - 4) });
    at += len;
  }
  return out;
}

function readOptions(b: Uint8Array, from: number): Options {
  const v = dv(b);
  const out: Options = [];
  let at = from;
  while (at < b.length) {
    const code = v.getUint16(at, true);
    const len = v.getUint16(at + 2, true);
    if (code === 0) {
      expect(len).toBe(0);
      expect(at + 4, 'opt_endofopt is last').toBe(b.length);
      return out;
    }
    const value = b.subarray(at + 4, at + 4 + len);
    const padded = (len + 3) & ~3;
    for (let i = len; i < padded; i++) expect(b[at + 4 + i], 'option padding is zero').toBe(0);
    out.push([code, value]);
    at += 4 + padded;
  }
  expect(at, 'options end at the end of the block').toBe(b.length);
  return out;
}

const opt = (o: Options, code: number): Uint8Array | undefined => o.find(([c]) => c === code)?.[1];
const optAll = (o: Options, code: number): Uint8Array[] => o.filter(([c]) => c === code).map(([, v]) => v);

interface Epb {
  iface: number;
  tsUs: number;
  data: Uint8Array;
  flags: number;
  packetId: number;
  comments: string[];
}

function readEpb(b: Block): Epb {
  const v = dv(b.body);
  const caplen = v.getUint32(12, true);
  expect(v.getUint32(16, true), 'original length = captured length').toBe(caplen);
  const o = readOptions(b.body, 20 + ((caplen + 3) & ~3));
  const flags = opt(o, 2)!;
  const pid = opt(o, 5)!;
  expect(flags.length).toBe(4);
  expect(pid.length).toBe(8);
  return {
    iface: v.getUint32(0, true),
    tsUs: v.getUint32(4, true) * 2 ** 32 + v.getUint32(8, true),
    data: b.body.subarray(20, 20 + caplen),
    flags: dv(flags).getUint32(0, true),
    packetId: Number(dv(pid).getBigUint64(0, true)),
    comments: optAll(o, 1).map(text),
  };
}

function readNrb(b: Block): { type: number; key: string; names: string[] }[] {
  const v = dv(b.body);
  const out: { type: number; key: string; names: string[] }[] = [];
  let at = 0;
  for (;;) {
    const type = v.getUint16(at, true);
    const len = v.getUint16(at + 2, true);
    if (type === 0) break;
    const value = b.body.subarray(at + 4, at + 4 + len);
    const n = type === 1 ? 4 : 6;
    const key = type === 1 ? [...value.subarray(0, 4)].join('.') : [...value.subarray(0, 6)].map((x) => x.toString(16).padStart(2, '0')).join(':');
    expect(value[len - 1], 'names are zero-terminated').toBe(0);
    out.push({ type, key, names: text(value.subarray(n, len - 1)).split('\0') });
    at += 4 + ((len + 3) & ~3);
  }
  return out;
}

const BT = { shb: 0x0a0d0d0a, idb: 1, nrb: 4, epb: 6 };

// ---------------------------------------------------------------------------------------------

describe('pcapng export', () => {
  const { t, r } = walk('two-subnets-router');
  const comment = (e: FrameTxEvent) => `${e.node} sent #${e.pkt} → ${e.iface} ✓`;
  const file = toPcapng(t, r, { comment, sectionComment: 'walk of two-subnets-router' });
  const blocks = readBlocks(file);

  it('starts with a little-endian Section Header Block naming packetwalk', () => {
    const shb = blocks[0]!;
    expect(shb.type).toBe(BT.shb);
    const v = dv(shb.body);
    expect(v.getUint32(0, true)).toBe(0x1a2b3c4d);
    expect([v.getUint16(4, true), v.getUint16(6, true)]).toEqual([1, 0]);
    expect(v.getBigInt64(8, true)).toBe(-1n);
    const o = readOptions(shb.body, 16);
    expect(text(opt(o, 4)!)).toBe('packetwalk');
    expect(text(opt(o, 1)!)).toBe('walk of two-subnets-router');
    expect(blocks.filter((b) => b.type === BT.shb)).toHaveLength(1);
  });

  it('describes two interfaces per link: name node:iface, the link as description, Ethernet, µs', () => {
    const idbs = blocks.filter((b) => b.type === BT.idb);
    expect(idbs).toHaveLength(2 * t.links.length);
    const got = idbs.map((b) => {
      const v = dv(b.body);
      const o = readOptions(b.body, 8);
      return {
        linktype: v.getUint16(0, true),
        snaplen: v.getUint32(4, true),
        name: text(opt(o, 2)!),
        description: text(opt(o, 3)!),
        mac: [...opt(o, 6)!].map((x) => x.toString(16).padStart(2, '0')).join(':'),
        tsresol: [...opt(o, 9)!],
      };
    });
    expect(got.slice(0, 4)).toEqual([
      { linktype: 1, snaplen: 262144, name: 'h1:eth1', description: 'h1:eth1--sw1:p1', mac: t.nodes.find((n) => n.name === 'h1')!.ifaces[0]!.mac, tsresol: [6] },
      { linktype: 1, snaplen: 262144, name: 'sw1:p1', description: 'h1:eth1--sw1:p1', mac: expect.any(String), tsresol: [6] },
      { linktype: 1, snaplen: 262144, name: 'r1:eth1', description: 'r1:eth1--sw1:p2', mac: expect.any(String), tsresol: [6] },
      { linktype: 1, snaplen: 262144, name: 'sw1:p2', description: 'r1:eth1--sw1:p2', mac: expect.any(String), tsresol: [6] },
    ]);
    expect(got.map((g) => g.name)).toEqual(pcapInterfaces(t).map((i) => i.name));
    // every IDB comes before the first packet
    const firstEpb = blocks.findIndex((b) => b.type === BT.epb);
    expect(blocks.findLastIndex((b) => b.type === BT.idb)).toBeLessThan(firstEpb);
  });

  it('resolves every interface address to its device and every MAC to its interface, before any packet', () => {
    const nrbs = blocks.filter((b) => b.type === BT.nrb);
    expect(nrbs).toHaveLength(1);
    expect(blocks.indexOf(nrbs[0]!)).toBeLessThan(blocks.findIndex((b) => b.type === BT.epb));
    const recs = readNrb(nrbs[0]!);
    const ipv4 = Object.fromEntries(recs.filter((x) => x.type === 1).map((x) => [x.key, x.names]));
    expect(ipv4).toEqual({ '10.0.1.10': ['h1'], '10.0.1.1': ['r1'], '10.0.2.1': ['r1'], '10.0.2.10': ['h2'] });
    const eui = recs.filter((x) => x.type === 3);
    expect(eui).toHaveLength(t.nodes.reduce((n, x) => n + x.ifaces.length, 0));
    const h2 = t.nodes.find((n) => n.name === 'h2')!.ifaces[0]!;
    expect(eui.find((x) => x.key === h2.mac)?.names).toEqual(['h2:eth1']);
  });

  it('writes one Enhanced Packet Block per frame on a wire, in trace order, on the sending side, outbound', () => {
    const epbs = blocks.filter((b) => b.type === BT.epb).map(readEpb);
    const frames = wireFrames(r);
    expect(frames).toHaveLength(16);
    expect(epbs).toHaveLength(frames.length);
    const names = pcapInterfaces(t);
    epbs.forEach((p, i) => {
      const e = frames[i]!;
      expect(names[p.iface]!.name).toBe(`${e.node}:${e.iface}`);
      expect(names[p.iface]!.link).toBe(e.link);
      expect(p.tsUs).toBe(EPOCH_S * 1e6 + e.t);
      expect(p.flags).toBe(2);
      expect(p.packetId).toBe(e.pkt);
      expect(p.data).toEqual(encodeFrame(e.frame));
      expect(decodeFrame(p.data)).toEqual(e.frame);
      expect(p.comments).toEqual([comment(e)]);
    });
    // timestamps never go back
    for (let i = 1; i < epbs.length; i++) expect(epbs[i]!.tsUs).toBeGreaterThanOrEqual(epbs[i - 1]!.tsUs);
  });

  it('writes no packet comment without a comment function, and the app name given', () => {
    const plain = readBlocks(toPcapng(t, r, { appName: 'packetwalk 0.1' }));
    expect(plain.filter((b) => b.type === BT.epb).every((b) => readEpb(b).comments.length === 0)).toBe(true);
    expect(text(opt(readOptions(plain[0]!.body, 16), 4)!)).toBe('packetwalk 0.1');
    expect(opt(readOptions(plain[0]!.body, 16), 1)).toBeUndefined();
  });

  it('writes one opt_comment per line when the comment function gives several, leaving out empty ones', () => {
    const epbs = readBlocks(toPcapng(t, r, { comment: (e) => [`${e.node}: one`, '', `${e.node}: two`] }))
      .filter((b) => b.type === BT.epb)
      .map(readEpb);
    expect(epbs[0]!.comments).toEqual(['h1: one', 'h1: two']);
    const none = readBlocks(toPcapng(t, r, { comment: () => '' })).filter((b) => b.type === BT.epb);
    expect(readEpb(none[0]!).comments).toEqual([]);
  });

  it('is deterministic', () => {
    expect(toPcapng(t, simulate(t), { comment })).toEqual(toPcapng(t, r, { comment }));
  });

  it('cuts a comment longer than an option can hold at a character boundary', () => {
    const long = 'é'.repeat(40_000); // 80 000 bytes of UTF-8
    const epb = readEpb(readBlocks(toPcapng(t, r, { comment: () => long })).find((b) => b.type === BT.epb)!);
    const c = epb.comments[0]!;
    expect(utf8(c).length).toBeLessThanOrEqual(0xffff);
    expect(c.endsWith('é…')).toBe(true);
  });

  it('encodes UTF-8 like TextEncoder', () => {
    for (const s of ['', 'r1:eth2', 'ttl 64 → 63 ✓ ✗', '路由器', '𝄞 emoji 🙂']) expect(utf8(s)).toEqual(new TextEncoder().encode(s));
  });

  it('leaves out frames sent on an interface without a link', () => {
    const tx = r.events.find((e): e is FrameTxEvent => e.kind === 'frame.tx')!;
    const events: TraceEvent[] = [{ ...tx, seq: 0, link: null }, ...r.events.map((e) => ({ ...e, seq: e.seq + 1 }))];
    const epbs = readBlocks(toPcapng(t, { events })).filter((b) => b.type === BT.epb);
    expect(epbs).toHaveLength(16);
  });

  it('refuses an empty walk with a clear message, not an empty file', () => {
    const local = walk('ping-local');
    expect(() => toPcapng(local.t, local.r)).toThrow(ExportError);
    expect(() => toPcapng(local.t, local.r)).toThrow('nothing to export: no frame went on a wire in this walk');
    try {
      toPcapng(t, { events: [] });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ExportError);
      expect((e as ExportError).code).toBe('empty-walk');
      expect((e as ExportError).message).toBe('nothing to export: the walk is empty (run a scenario first)');
    }
    const tx = r.events.find((e): e is FrameTxEvent => e.kind === 'frame.tx')!;
    expect(() => toPcapng(t, { events: [{ ...tx, link: null }] })).toThrow('(1 frame was sent on interfaces without a link)');
  });

  it('refuses a walk of another topology', () => {
    const other = walk('lan-two-hosts');
    expect(() => toPcapng(t, other.r)).toThrow(expect.objectContaining({ code: 'topology-mismatch' }));
  });
});

describe('which frames led where: frameContexts', () => {
  const { r } = walk('two-subnets-router');
  const ctx = frameContexts(r.events);
  const txs = wireFrames(r);

  it('gives every frame the events of its sender since the sender’s previous frame', () => {
    expect(ctx.size).toBe(txs.length);
    for (const e of txs) for (const c of ctx.get(e.seq)!) expect('node' in c && c.node).toBe(e.node);
    // r1 forwarding the echo request to h2 first ARPs: the forward decision leads to the ARP request
    const arp = txs.find((e) => e.node === 'r1' && e.iface === 'eth2' && e.frame.payload.kind === 'arp')!;
    const kinds = ctx.get(arp.seq)!.map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['frame.rx', 'fib.lookup', 'ip.forward', 'neigh.hold', 'arp.solicit']));
    expect(kinds).not.toContain('frame.tx');
  });

  it('shares the context of a flood between its copies', () => {
    const lan = walk('lan-two-hosts');
    const c = frameContexts(lan.r.events);
    const flood = wireFrames(lan.r).filter((e) => e.node === 'sw1' && e.frame.dstMac === 'ff:ff:ff:ff:ff:ff');
    expect(flood.length).toBeGreaterThanOrEqual(2);
    expect(c.get(flood[1]!.seq)).toBe(c.get(flood[0]!.seq));
    expect(c.get(flood[0]!.seq)!.some((e) => e.kind === 'fdb.forward')).toBe(true);
  });
});

describe('classic pcap of one link', () => {
  const { t, r } = walk('two-subnets-router');

  it('holds the link’s frames in trace order with µs timestamps', () => {
    const key = 'r1:eth2--sw2:p1';
    const b = toPcap(t, r, key);
    const v = dv(b);
    expect(v.getUint32(0, true)).toBe(0xa1b2c3d4);
    expect([v.getUint16(4, true), v.getUint16(6, true)]).toEqual([2, 4]);
    expect(v.getUint32(16, true)).toBe(262144);
    expect(v.getUint32(20, true)).toBe(1);
    const frames = wireFrames(r).filter((e) => e.link === key);
    let at = 24;
    for (const e of frames) {
      const len = v.getUint32(at + 8, true);
      expect(v.getUint32(at, true) * 1e6 + v.getUint32(at + 4, true)).toBe(EPOCH_S * 1e6 + e.t);
      expect(b.subarray(at + 16, at + 16 + len)).toEqual(encodeFrame(e.frame));
      at += 16 + len;
    }
    expect(at).toBe(b.length);
    // the same frames as the capture at the link's first endpoint
    expect(frames.map((e) => e.frame)).toEqual(linkCaptures(r).links[key]);
  });

  it('finds the link by its key either way round or by one of its sides', () => {
    expect(findLinkKey(t, 'r1:eth2--sw2:p1')).toBe('r1:eth2--sw2:p1');
    expect(findLinkKey(t, 'sw2:p1--r1:eth2')).toBe('r1:eth2--sw2:p1');
    expect(findLinkKey(t, 'sw2:p1')).toBe('r1:eth2--sw2:p1');
    expect(toPcap(t, r, 'sw2:p1')).toEqual(toPcap(t, r, 'r1:eth2--sw2:p1'));
  });

  it('says which links exist, and which carried frames', () => {
    expect(() => toPcap(t, r, 'r9:eth0')).toThrow(
      'no link "r9:eth0" in topology "two-subnets-router" (links: h1:eth1--sw1:p1, r1:eth1--sw1:p2, r1:eth2--sw2:p1, h2:eth1--sw2:p2)',
    );
    expect(() => toPcap(t, r, 'r9:eth0')).toThrow(expect.objectContaining({ code: 'unknown-link' }));
    const rt = walk('route-types');
    expect(() => toPcap(rt.t, rt.r, 'r1:eth2')).toThrow(expect.objectContaining({ code: 'no-frames-on-link' }));
    expect(() => toPcap(rt.t, rt.r, 'r1:eth2')).toThrow(/^no frame crossed link r1:eth2--\S+ in this walk \(frames crossed: /);
    const local = walk('ping-local');
    expect(() => toPcap(local.t, local.r, local.t.links[0] ? `${local.t.links[0].a.node}:${local.t.links[0].a.iface}` : 'x')).toThrow(ExportError);
  });
});
