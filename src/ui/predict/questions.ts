// Predict mode's questions. Before a step is shown, the student says what it will do: which
// device gets the frame next, which port(s) a switch sends it out of, which route the lookup
// chooses, the destination MAC, TTL or address the packet leaves with, whether an ARP frame is a
// broadcast, whether the device drops, forwards or keeps what it received. A question is drawn
// from the step's own events (like explain/), only of a kind the step determines, one per step;
// a step that decides nothing (a command ending, a timer that sends nothing) asks nothing.
// Distractors come from the topology (other devices, ports, routes, MACs, addresses), chosen and
// ordered by a generator seeded with the step, so a walk asks the same questions every time.
// Pure functions of the walk: no React, no store.

import type { EthernetFrame, Ipv4Packet, TraceEvent } from '../../engine';
import { formatRouteLine } from '../../engine/pure';
import { frameWhat, macText, type ExplainContext, type Translate } from '../player/explain';
import type { PlayerStep } from '../../walk/steps';

/** The kinds of question, in the order the help lists them. */
export const QUESTION_KINDS = ['next', 'ports', 'route', 'dstMac', 'ttl', 'address', 'arp', 'fate'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

export interface Choice {
  /** what is compared (a device, a port, a route's line, a MAC, a TTL, a fate): language-neutral */
  id: string;
  label: string;
}

export interface Question {
  /** the step it asks about (its index) */
  step: number;
  kind: QuestionKind;
  prompt: string;
  choices: Choice[];
  /** the ids of the right choices (one, or several for a switch's ports), in the choices' order */
  answer: string[];
  /** several choices may be right (pick all of them) */
  multi: boolean;
}

/** The fate of a received frame: the fate question's choice ids. */
export const FATES = ['forward', 'deliver', 'drop'] as const;
/** The route question's "no route matches" choice. */
export const NO_ROUTE = 'no-route';

const BROADCAST = 'ff:ff:ff:ff:ff:ff';
/** A single-answer question offers the answer and up to this many distractors. */
const DISTRACTORS = 3;

type Ev<K extends TraceEvent['kind']> = Extract<TraceEvent, { kind: K }>;

/** A question before it is worded: what the step determines, with its labels and prompt to come. */
interface Draft {
  kind: QuestionKind;
  ids: string[];
  answer: string[];
  multi: boolean;
  label(id: string, t: Translate): string;
  prompt(t: Translate): string;
}

// ---------------------------------------------------------------------------------------------
// Seeded choices

/** mulberry32: a small, good 32-bit generator; a question's only source of "randomness". */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(list: readonly T[], rand: () => number): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const unique = <T>(list: readonly (T | undefined)[]): T[] => [...new Set(list.filter((x): x is T => x !== undefined))];

/** The answer and up to DISTRACTORS others from `pool` (first ones first), in a seeded order. */
function withDistractors(answer: string, pool: readonly (string | undefined)[], rand: () => number): string[] | undefined {
  const others = unique(pool)
    .filter((x) => x !== answer)
    .slice(0, DISTRACTORS);
  return others.length ? shuffled([answer, ...others], rand) : undefined;
}

// ---------------------------------------------------------------------------------------------
// What a step holds

interface Facts {
  ctx: ExplainContext;
  step: PlayerStep;
  node: string;
  bridge: boolean;
  events: TraceEvent[];
  rx?: Ev<'frame.rx'>;
  seed: number;
}

const frameAt = (ctx: ExplainContext, seq: number | undefined): EthernetFrame | undefined => {
  const e = seq === undefined ? undefined : ctx.events[seq];
  return e && (e.kind === 'frame.tx' || e.kind === 'frame.rx') ? e.frame : undefined;
};

const ipv4 = (f: EthernetFrame | undefined): Ipv4Packet | undefined => (f?.payload.kind === 'ipv4' ? f.payload : undefined);

function find<K extends TraceEvent['kind']>(f: Facts, kind: K, match: (e: Ev<K>) => boolean = () => true): Ev<K> | undefined {
  return f.events.find((e): e is Ev<K> => e.kind === kind && match(e as Ev<K>));
}

/** Devices one link away from `node`, in link order. */
function neighbours(ctx: ExplainContext, node: string): string[] {
  return unique(ctx.topology.links.map((l) => (l.a.node === node ? l.b.node : l.b.node === node ? l.a.node : undefined)));
}

/** Every address of a device, the interface `first` first. */
function addressesOf(ctx: ExplainContext, node: string, first?: string): string[] {
  const n = ctx.topology.nodes.find((x) => x.name === node);
  if (n?.kind !== 'linux') return [];
  const ifaces = [...n.ifaces].sort((a, b) => Number(b.name === first) - Number(a.name === first));
  return ifaces.flatMap((i) => i.addrs.map((a) => a.ip));
}

/** The MAC of the interface that holds an address, when a device of the topology holds it. */
function macOfAddress(ctx: ExplainContext, ip: string): string | undefined {
  for (const n of ctx.topology.nodes) for (const i of n.ifaces) if (i.addrs.some((a) => a.ip === ip)) return i.mac;
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// One builder per kind: a draft when the step determines the answer, else undefined.

const plain = (id: string) => id;

/** Which device gets the frame next: the one device at the other end of every wire it went on. */
function nextDevice(f: Facts, rand: () => number): Draft | undefined {
  const to = unique(f.step.tx.map((x) => x.to || undefined));
  if (to.length !== 1) return undefined;
  const answer = to[0]!;
  const frame = frameAt(f.ctx, f.step.tx.find((x) => x.to === answer)?.seq);
  if (!frame) return undefined;
  const skip = new Set([answer, f.node]);
  const near = unique([...neighbours(f.ctx, f.node), f.step.from, ...neighbours(f.ctx, f.node).flatMap((n) => neighbours(f.ctx, n))]).filter((n) => !skip.has(n));
  const far = f.ctx.topology.nodes.map((n) => n.name).filter((n) => !skip.has(n) && !near.includes(n));
  const ids = withDistractors(answer, [...shuffled(near, rand), ...shuffled(far, rand)], rand);
  if (!ids) return undefined;
  return { kind: 'next', ids, answer: [answer], multi: false, label: plain, prompt: (t) => t('predict.q.next', { node: f.node, what: frameWhat(frame, t, f.ctx.topology) }) };
}

/** Which port(s) a switch sends the frame out of: flood or one port. */
function ports(f: Facts): Draft | undefined {
  const bridge = f.ctx.topology.nodes.find((n) => n.name === f.node);
  if (!f.bridge || !f.rx || !bridge) return undefined;
  const pkt = f.rx.pkt;
  const fwd = find(f, 'fdb.forward', (e) => e.pkt === pkt);
  if (!fwd || fwd.egress.length === 0) return undefined;
  const linked = new Set(f.ctx.topology.links.flatMap((l) => [l.a, l.b]).filter((e) => e.node === f.node).map((e) => e.iface));
  const ids = bridge.ifaces.map((i) => i.name).filter((p) => linked.has(p) || fwd.egress.includes(p) || p === fwd.ingress);
  if (ids.length < 2) return undefined;
  const dst = macText(f.ctx.topology, f.rx.frame.dstMac);
  return {
    kind: 'ports',
    ids,
    answer: ids.filter((p) => fwd.egress.includes(p)),
    multi: true,
    label: plain,
    prompt: (t) => t('predict.q.ports', { node: f.node, port: fwd.ingress, from: f.step.from ?? '', dst }),
  };
}

/** Which route the lookup chooses: the lookup's candidates, then the device's other routes, or none. */
function route(f: Facts, rand: () => number): Draft | undefined {
  const look = find(f, 'fib.lookup');
  if (!look) return undefined;
  // A blackhole, unreachable or prohibit route is chosen, and the lookup then fails: the route matched.
  const chosen = look.candidates.find((c) => c.chosen)?.route ?? (look.result.kind === 'route' ? look.result.route : undefined);
  const answer = chosen ? formatRouteLine(chosen) : NO_ROUTE;
  const candidates = look.candidates.map((c) => formatRouteLine(c.route));
  const others = (f.ctx.routes[f.node] ?? []).filter((r) => r.table === 'main').map(formatRouteLine);
  const pool = unique([...shuffled(candidates, rand), ...shuffled(others, rand)]).filter((x) => x !== answer);
  const routes = shuffled([...(answer === NO_ROUTE ? [] : [answer]), ...pool.slice(0, DISTRACTORS)], rand);
  const ids = [...routes, NO_ROUTE];
  if (ids.length < 2) return undefined;
  return {
    kind: 'route',
    ids,
    answer: [answer],
    multi: false,
    label: (id, t) => (id === NO_ROUTE ? t('predict.c.noRoute') : id),
    prompt: (t) => t(`predict.q.route.${look.purpose}`, { node: f.node, dst: look.dst }),
  };
}

/** The first IPv4 frame the device put on a wire (not a switch: it changes nothing). */
function sentIpv4(f: Facts) {
  if (f.bridge) return undefined;
  for (const tx of f.step.tx) {
    const frame = frameAt(f.ctx, tx.seq);
    const e = f.ctx.events[tx.seq];
    if (e?.kind === 'frame.tx' && ipv4(frame) && tx.link) return { tx, iface: e.iface, frame: frame!, ip: ipv4(frame)!, prev: frameAt(f.ctx, tx.prev) };
  }
  return undefined;
}

/** The destination MAC of the IPv4 frame the device sends (the next hop's, not the destination's). */
function dstMac(f: Facts, rand: () => number): Draft | undefined {
  const sent = sentIpv4(f);
  if (!sent) return undefined;
  const { frame, ip, prev, iface } = sent;
  const macs = f.ctx.topology.nodes.flatMap((n) => n.ifaces.map((i) => i.mac));
  const pool = [macOfAddress(f.ctx, ip.dstIp), prev?.dstMac, frame.srcMac, BROADCAST, macOfAddress(f.ctx, ip.srcIp), ...shuffled(macs, rand)];
  const ids = withDistractors(frame.dstMac, pool, rand);
  if (!ids) return undefined;
  const forwarded = sent.tx.via === 'forward';
  return {
    kind: 'dstMac',
    ids,
    answer: [frame.dstMac],
    multi: false,
    label: (id) => macText(f.ctx.topology, id),
    prompt: (t) => t(forwarded ? 'predict.q.dstMacForward' : 'predict.q.dstMacLocal', { node: f.node, iface, what: frameWhat(frame, t, f.ctx.topology) }),
  };
}

/** The TTL a forwarded packet leaves with (decided when the router forwards it, even if it waits for ARP). */
function ttl(f: Facts): Draft | undefined {
  const fwd = find(f, 'ip.forward');
  const arrived = f.rx?.pkt === fwd?.pkt ? f.rx?.frame : undefined;
  if (!fwd || !arrived || !ipv4(arrived)) return undefined;
  const from = fwd.ttlFrom;
  const ids = unique([from, from - 1, from - 2, from < 64 ? 64 : undefined])
    .filter((n) => n >= 0 && n <= 255)
    .sort((a, b) => b - a)
    .map(String);
  return {
    kind: 'ttl',
    ids,
    answer: [String(fwd.ttlTo)],
    multi: false,
    label: plain,
    prompt: (t) => t('predict.q.ttl', { node: f.node, what: frameWhat(arrived, t, f.ctx.topology), iface: fwd.egress }),
  };
}

/**
 * The source address a forwarded packet leaves with (the destination's, when NAT rewrites that).
 * Decided where the router forwards it (with NAT's rewrite, even while it waits for ARP), else
 * seen on the packet it releases after ARP.
 */
function address(f: Facts, rand: () => number): (Draft & { nat: boolean }) | undefined {
  const fwd = find(f, 'ip.forward', (e) => e.pkt === f.rx?.pkt);
  const released = fwd ? undefined : sentIpv4(f);
  const pkt = fwd?.pkt ?? released?.tx.pkt;
  const arrived = fwd ? f.rx?.frame : released?.tx.via === 'forward' ? released.prev : undefined;
  const before = ipv4(arrived);
  const iface = fwd?.egress ?? released?.iface;
  if (pkt === undefined || !arrived || !before || !iface) return undefined;
  // A tunnel puts a new outer header on the packet (or takes it off): no address of it is "kept".
  if (f.events.some((e) => (e.kind === 'tunnel.encap' || e.kind === 'tunnel.decap') && e.pkt === pkt) || (released && released.ip.protocol !== before.protocol)) return undefined;
  const rewrites = (released ? released.tx.nat.map((seq) => f.ctx.events[seq]) : f.events).filter((e): e is Ev<'nat.rewrite'> => e?.kind === 'nat.rewrite' && e.pkt === pkt);
  const field = rewrites.some((r) => r.manip === 'dst') ? 'dst' : 'src';
  const rewrite = rewrites.filter((r) => r.manip === field).at(-1);
  const old = field === 'dst' ? before.dstIp : before.srcIp;
  const answer = released ? (field === 'dst' ? released.ip.dstIp : released.ip.srcIp) : (rewrite?.to.ip ?? old);
  const pool = [old, ...addressesOf(f.ctx, f.node, iface), field === 'dst' ? before.srcIp : before.dstIp];
  const ids = withDistractors(answer, pool, rand);
  if (!ids) return undefined;
  return {
    kind: 'address',
    nat: rewrites.length > 0,
    ids,
    answer: [answer],
    multi: false,
    label: plain,
    prompt: (t) => t(field === 'dst' ? 'predict.q.addressDst' : 'predict.q.addressSrc', { node: f.node, iface, what: frameWhat(arrived, t, f.ctx.topology) }),
  };
}

/** Whether the ARP frame the device sends is a broadcast or goes to one MAC. */
function arp(f: Facts): Draft | undefined {
  if (f.bridge) return undefined;
  const tx = f.step.tx.map((x) => frameAt(f.ctx, x.seq)).find((fr) => fr?.payload.kind === 'arp');
  if (!tx) return undefined;
  return {
    kind: 'arp',
    ids: ['broadcast', 'unicast'],
    answer: [tx.dstMac === BROADCAST ? 'broadcast' : 'unicast'],
    multi: false,
    label: (id, t) => t(`predict.c.${id as 'broadcast'}`),
    prompt: (t) => t('predict.q.arp', { node: f.node, what: frameWhat(tx, t, f.ctx.topology) }),
  };
}

/** What the device does with the frame it received: drop it, send it on, or keep it (for itself). */
export function fateOf(f: Pick<Facts, 'events' | 'rx'>): (typeof FATES)[number] | undefined {
  if (!f.rx) return undefined;
  const pkt = f.rx.pkt;
  const fates = new Set<(typeof FATES)[number]>();
  for (const e of f.events) {
    if (e.kind === 'drop' && e.pkt === pkt) fates.add('drop');
    else if ((e.kind === 'ip.forward' || e.kind === 'frame.tx') && e.pkt === pkt) fates.add('forward');
    else if (e.kind === 'fdb.forward' && e.pkt === pkt && e.egress.length > 0) fates.add('forward');
    else if ((e.kind === 'ip.local' || e.kind === 'ip.loopback' || e.kind === 'socket.deliver' || e.kind === 'neigh.update') && e.pkt === pkt) fates.add('deliver');
    else if (e.kind === 'arp.answer' && e.request === pkt) fates.add('deliver');
  }
  // Kept and then dropped (a datagram for a port nobody listens on), say: no single answer.
  return fates.size === 1 ? [...fates][0] : undefined;
}

function fate(f: Facts): Draft | undefined {
  const answer = fateOf(f);
  if (!answer || !f.rx) return undefined;
  const rx = f.rx;
  return {
    kind: 'fate',
    ids: [...FATES],
    answer: [answer],
    multi: false,
    label: (id, t) => t(`predict.c.${id as 'drop'}`),
    prompt: (t) => t('predict.q.fate', { node: f.node, iface: rx.iface, from: f.step.from ?? '', what: frameWhat(rx.frame, t, f.ctx.topology) }),
  };
}

// ---------------------------------------------------------------------------------------------

function facts(ctx: ExplainContext, step: PlayerStep): Facts | undefined {
  if (!step.node || step.kind === 'exit' || step.kind === 'stop') return undefined;
  const rx = step.rx !== undefined ? ctx.events[step.rx] : undefined;
  return {
    ctx,
    step,
    node: step.node,
    bridge: ctx.topology.nodes.find((n) => n.name === step.node)?.kind === 'bridge',
    events: ctx.events.slice(step.first, step.last + 1) as TraceEvent[],
    ...(rx?.kind === 'frame.rx' ? { rx } : {}),
    // Knuth's multiplicative hash spreads neighbouring steps apart.
    seed: Math.imul(step.index + 1, 2654435761),
  };
}

/** The question a step asks, before it is worded (see predictQuestion). */
function draftFor(ctx: ExplainContext, step: PlayerStep): Draft | undefined {
  const f = facts(ctx, step);
  if (!f) return undefined;
  // Each builder has its own generator, so one kind's choices do not depend on another's.
  const rand = (k: number) => generator(f.seed + k);
  // A switch is about its ports (or why it drops); a connection's first packet through NAT about
  // the address the rule rewrites (later packets ask anything, the address too).
  if (f.bridge) return ports(f) ?? fate(f) ?? nextDevice(f, rand(1));
  const addr = address(f, rand(2));
  if (addr?.nat && find(f, 'nat.match', (e) => e.rule !== null)) return addr;
  const drafts = [route(f, rand(3)), nextDevice(f, rand(1)), dstMac(f, rand(4)), ttl(f), addr, arp(f), fate(f)].filter((d): d is Draft => d !== undefined);
  return drafts.length ? drafts[Math.floor(rand(0)() * drafts.length)] : undefined;
}

/** Does the step ask a question (in predict mode)? */
export const asksQuestion = (ctx: ExplainContext, step: PlayerStep): boolean => draftFor(ctx, step) !== undefined;

/** The question a step asks before it is shown, worded in the language of `t`; undefined when the step determines nothing to ask. */
export function predictQuestion(ctx: ExplainContext, step: PlayerStep, t: Translate): Question | undefined {
  const d = draftFor(ctx, step);
  if (!d) return undefined;
  return {
    step: step.index,
    kind: d.kind,
    prompt: d.prompt(t),
    choices: d.ids.map((id) => ({ id, label: d.label(id, t) })),
    answer: d.ids.filter((id) => d.answer.includes(id)),
    multi: d.multi,
  };
}

/** Is this choice (a set of ids) the answer? */
export const isRight = (q: Pick<Question, 'answer'>, chosen: readonly string[]): boolean =>
  chosen.length === q.answer.length && q.answer.every((id) => chosen.includes(id));
