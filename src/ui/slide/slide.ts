// The slide of a step: one self-contained SVG (1920 units wide, at least 16:9) with the title
// ("TOPOLOGY · Step N of M"), the diagram as the player shows it at that step (devices, links and
// interface names, the devices the step does not involve dimmed, each frame at rest on its link,
// a drop or a delivery marked, every label placed as the diagram places it: canvas/labels.ts), the frame's headers with what changed at this hop
// (old → new), and the explanation. Drawn from the walk's data with plain SVG shapes and text
// (no HTML inside), so slide software and vector editors open it as they open any drawing, and it
// reads at projector size. Text is wrapped here, measured by the caller's `measure` (a canvas in
// the browser); CJK text breaks between characters. Pure: no DOM, no store.

import type { Role, Topology } from '../../engine';
import { linkKey } from '../../engine/pure';
import type { DoneRun } from '../../store';
import { fallbackPosition, type Box as PlacedBox, type Point } from '../canvas/geometry';
import { layoutLabels, type LabelLayout, type Metrics } from '../canvas/labels';
import { markerSpot, restSpot } from '../canvas/tags';
import { FONT, MONO, type Measure } from '../canvas/text';
import { ROLE_COLOURS, ROLES, tint } from '../canvas/icons';
import { diffFrames } from '../player/diff';
import { explainStep, walkContext, type Translate } from '../player/explain';
import { frameLayers } from '../player/fields';
import { defaultFrame, stepFrames, type StepFrame } from '../player/rows';
import { sceneOf, type Scene } from '../player/selectors';
import type { Protocol } from '../../walk/steps';

export const SLIDE_WIDTH = 1920;
/** 16:9; a long explanation makes the slide taller, never smaller type. */
export const SLIDE_MIN_HEIGHT = 1080;

export type { Measure };

export interface SlideRow {
  label: string;
  value: string;
  /** the value before this hop, when this hop changed it */
  old?: string;
  nat?: boolean;
}

export interface SlideLayer {
  title: string;
  rows: SlideRow[];
}

export interface SlideContent {
  /** the language of the text (xml:lang, and how lines break) */
  lang: string;
  title: string;
  subtitle: string;
  topology: Topology;
  scene: Scene;
  explanationTitle: string;
  explanation: string;
  headersTitle: string;
  /** what the header view says above the fields (new packet, changed by…, IP unchanged) */
  headerNotes: string[];
  /** the frame's layers; none: `noFrame` is said instead */
  layers: SlideLayer[];
  noFrame: string;
  natBadge: string;
  protocolLabel: Record<Protocol, string>;
  markerText?: string;
  roleLabel: Record<Role, string>;
}

export interface SlideEnv {
  measure: Measure;
  /** each role's symbol: the inside of a 48×48 SVG (DeviceIcon), colours resolved */
  icons: Record<Role, string>;
}

// ---------------------------------------------------------------------------------------------
// Colours (the theme's, app.css and player.css)

const TEXT = '#0f172a';
const MUTED = '#475569';
const BORDER = '#cbd5e1';
const ACCENT = '#2563eb';
const BAD = '#b91c1c';
const OK = '#15803d';
/** --proto-* */
const PROTO_COLOURS: Record<Protocol, string> = { arp: '#b45309', stp: '#be123c', icmp: '#1d4ed8', udp: '#7c3aed', tcp: '#0f766e', other: '#475569' };

// ---------------------------------------------------------------------------------------------
// Text

const xml = (s: string): string => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);

/** Punctuation that may not start a line (it joins the character before it). */
const NO_START = /^[，。：；、！？）」』》〉”’%,.:;!?)\]]/;

/** Splits text into the pieces a line may break between: words with their space, CJK characters. */
function pieces(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]+\s*|\s+|./gsu)) {
    const p = m[0];
    if (out.length && NO_START.test(p)) out[out.length - 1] += p;
    else out.push(p);
  }
  return out;
}

/**
 * Lines of at most `width` (or, line by line, `width(n)`: text flowing around a box), broken
 * between words (and between CJK characters).
 */
export function wrap(text: string, font: string, width: number | ((line: number) => number), measure: Measure): string[] {
  const widthOf = typeof width === 'number' ? () => width : width;
  const lines: string[] = [];
  let line = '';
  for (const piece of pieces(text)) {
    const next = line + piece;
    if (line && measure(next.trimEnd(), font) > widthOf(lines.length)) {
      lines.push(line.trimEnd());
      line = piece.trimStart();
    } else line = next;
    // A word longer than the line: cut it where it must be cut.
    while (measure(line.trimEnd(), font) > widthOf(lines.length) && line.length > 1) {
      let k = line.length - 1;
      while (k > 1 && measure(line.slice(0, k), font) > widthOf(lines.length)) k--;
      lines.push(line.slice(0, k));
      line = line.slice(k);
    }
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines;
}

const font = (size: number, weight = 400, family = FONT) => `${weight} ${size}px ${family}`;

function text(x: number, y: number, s: string, size: number, attrs = ''): string {
  return `<text x="${r(x)}" y="${r(y)}" font-size="${size}"${attrs ? ` ${attrs}` : ''}>${xml(s)}</text>`;
}

const r = (n: number): string => String(Math.round(n * 10) / 10);

// ---------------------------------------------------------------------------------------------
// Headers

/** Fields a slide keeps (the rest of the header view is there for the curious). */
const KEY_FIELDS = /^(eth\.(dstMac|srcMac)|arp\.(op|senderMac|senderIp|targetMac|targetIp)|ipv4\.(ttl|srcIp|dstIp)|icmp\.(type|code)|(udp|tcp)\.(srcPort|dstPort)|tcp\.flags)$/;

/** The frame's layers as a slide shows them: the key fields and every field this hop changed. */
export function slideLayers(f: StepFrame, t: Translate): SlideLayer[] {
  const changes = new Map((f.prev ? diffFrames(f.prev, f.frame, f.nat).changes : []).map((c) => [c.path, c]));
  return frameLayers(f.frame)
    .map((layer) => ({
      title: t(`player.headers.layer.${layer.id}`),
      rows: layer.fields
        .filter((x) => KEY_FIELDS.test(x.path) || changes.has(x.path))
        .map((x): SlideRow => {
          const c = changes.get(x.path);
          return { label: t(`player.field.${x.label}`), value: x.value, ...(c ? { old: c.old, nat: c.cause === 'nat' } : {}) };
        }),
    }))
    .filter((l) => l.rows.length > 0);
}

/** What the header view says above the fields of a frame sent (HeaderView's summary). */
function headerNotes(f: StepFrame, node: string, t: Translate): string[] {
  if (f.dir !== 'out') return [];
  if (!f.prev) return [t('player.headers.firstHop', { node: f.node })];
  const { changes, ipUnchanged } = diffFrames(f.prev, f.frame, f.nat);
  if (changes.length === 0) return [t('player.headers.nothingChanged')];
  return [
    t('player.headers.changed', { node }),
    ...(ipUnchanged ? [t('player.headers.ipUnchanged')] : []),
    ...(changes.some((c) => c.cause === 'nat') ? [t('player.headers.ipUnchangedNat')] : []),
  ];
}

const PROTOCOL_LIST: readonly Protocol[] = ['arp', 'stp', 'icmp', 'udp', 'tcp', 'other'];

/** Everything a slide of the walk at `cursor` says, in the language of `t`. */
export function stepSlide(
  input: { walk: Pick<DoneRun, 'result' | 'steps' | 'routes'>; topology: Topology; cursor: number; frame: number; walkTitle: string; lang: string },
  t: Translate,
): SlideContent {
  const { walk, topology, lang } = input;
  const step = input.cursor >= 0 ? walk.steps[input.cursor] : undefined;
  const scene: Scene = step ? sceneOf(walk.result.events, step) : { nodes: new Set(), links: new Set(), hops: [] };
  const frames = step ? stepFrames(walk.result.events, step) : [];
  const f = frames[input.frame >= 0 && input.frame < frames.length ? input.frame : defaultFrame(frames)];
  const m = scene.marker;
  const markerText = !m
    ? undefined
    : m.kind === 'dropped'
      ? `✗ ${t(`player.dropShort.${m.reason ?? 'unsupported'}`)}`
      : m.kind === 'storm'
        ? `⚠ ${t('player.stormMarker')}`
        : `✓ ${t('player.outcome.delivered')}`;
  const sentences = step ? explainStep(walkContext(walk, topology), step, t) : [t('player.start')];
  return {
    lang,
    title: step ? t('predict.slide.title', { topology: topology.name, step: step.index + 1, count: walk.steps.length }) : `${topology.name} · ${t('predict.slide.atStart')}`,
    subtitle: [input.walkTitle, step?.node, step ? `${(step.t / 1e6).toFixed(6)} s` : undefined].filter(Boolean).join(' · '),
    topology,
    scene,
    explanationTitle: t('predict.slide.explanation'),
    explanation: sentences.join(lang.startsWith('zh') ? '' : ' '),
    headersTitle: f
      ? `${t('predict.slide.headers')} · ${f.dir === 'in' ? t('player.headers.received', { iface: f.ifaces[0] ?? '' }) : t('player.headers.sentMany', { ifaces: f.ifaces.join(', ') })}`
      : t('predict.slide.headers'),
    headerNotes: f ? headerNotes(f, step?.node ?? f.node, t) : [],
    layers: f ? slideLayers(f, t) : [],
    noFrame: t('predict.slide.noFrame'),
    natBadge: t('player.headers.nat'),
    protocolLabel: Object.fromEntries(PROTOCOL_LIST.map((p) => [p, t(`player.protocol.${p}`)])) as Record<Protocol, string>,
    ...(markerText ? { markerText } : {}),
    roleLabel: Object.fromEntries(ROLES.map((role) => [role, t(`role.${role}`)])) as Record<Role, string>,
  };
}

// ---------------------------------------------------------------------------------------------
// Diagram

/** A network larger than this shows only the step's devices and their neighbours. */
const FOCUS_ABOVE = 40;

/**
 * The slide's drawing, placed as the diagram places its labels (labels.ts): a 60-unit symbol,
 * links from 31 units out, a card 8 units under it (or 10 beside it), no connect dot.
 */
const METRICS: Metrics = { symbol: 30, extras: [], cut: 31, gap: 8, sideGap: 10, sideTop: -14 };
/** The ring around the device a step happens at. */
const AT_RING = 38;

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

interface Tag {
  at: Point;
  protocol: Protocol;
  dropped: boolean;
}

/** What a slide draws and where: devices, links, labels, the step's tags and badge, and its extent. */
interface Drawing {
  nodes: Topology['nodes'];
  links: Topology['links'];
  layout: LabelLayout;
  lines: (name: string) => string[];
  tags: Tag[];
  marker?: PlacedBox;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

const nameFont = font(22, 700);
const roleFont = font(16);
const lineFont = font(15, 400, MONO);
const ifaceFont = font(15, 600, MONO);
const tagFont = font(16, 800);
const markerFont = font(17, 700);

/** A card's text lines: the name's baseline 20 units below its top, the role's 42, addresses 20 apart from 64. */
const cardHeight = (lines: number) => (lines ? 50 + 20 * lines : 48);

function drawing(c: SlideContent, env: SlideEnv): Drawing | undefined {
  const { topology, scene } = c;
  let nodes = topology.nodes;
  if (nodes.length > FOCUS_ABOVE && scene.nodes.size > 0) {
    const keep = new Set(scene.nodes);
    for (const l of topology.links) {
      if (scene.nodes.has(l.a.node)) keep.add(l.b.node);
      if (scene.nodes.has(l.b.node)) keep.add(l.a.node);
    }
    nodes = nodes.filter((n) => keep.has(n.name));
  }
  if (nodes.length === 0) return undefined;
  const names = new Set(nodes.map((n) => n.name));
  const links = topology.links.filter((l) => names.has(l.a.node) && names.has(l.b.node));
  const lines = (name: string) => {
    const n = nodes.find((x) => x.name === name)!;
    return n.kind === 'linux' ? n.ifaces.flatMap((i) => i.addrs.map((a) => `${i.name} ${a.ip}/${a.len}`)) : [];
  };
  const ifaceSize = (iface: string) => ({ width: env.measure(iface, ifaceFont) + 14, height: 24 });
  const layout = layoutLabels(
    nodes.map((n, i) => {
      const text = [env.measure(n.name, nameFont), env.measure(c.roleLabel[n.role], roleFont), ...lines(n.name).map((l) => env.measure(l, lineFont))];
      return { name: n.name, at: n.position ?? fallbackPosition(i), card: { width: Math.max(...text) + 8, height: cardHeight(lines(n.name).length) } };
    }),
    links.map((l) => ({ id: linkKey(l), a: { ...l.a, label: ifaceSize(l.a.iface) }, b: { ...l.b, label: ifaceSize(l.b.iface) }, parallel: '0/1' })),
    METRICS,
  );
  // The step's frames, at rest where they arrive, and a drop or a delivery by its device.
  const taken: PlacedBox[] = [];
  const byId = new Map(links.map((l) => [linkKey(l), l]));
  const tags: Tag[] = [];
  const rest = (link: string | undefined, to: string, protocol: Protocol, dropped: boolean) => {
    const l = link ? byId.get(link) : undefined;
    const size = { width: env.measure(c.protocolLabel[protocol], tagFont) + 20, height: 30 };
    const at = l && restSpot(layout, link!, l.b.node === to ? 'b' : 'a', size, taken);
    if (at) tags.push({ at, protocol, dropped });
  };
  for (const h of scene.hops) rest(h.link, h.to, h.protocol, false);
  const m = scene.marker;
  if (m?.from) rest(m.link, m.node, m.protocol ?? 'other', m.kind === 'dropped');
  const marker = m && c.markerText ? markerSpot(layout, m.node, { width: env.measure(c.markerText, markerFont) + 22, height: 34 }, taken) : undefined;
  const boxes: PlacedBox[] = [
    ...[...layout.centres.values()].map((p) => ({ x: p.x - AT_RING, y: p.y - AT_RING, width: 2 * AT_RING, height: 2 * AT_RING })),
    ...[...layout.cards.values()].map((x) => x.box),
    ...[...layout.labelBoxes.values()].flat(),
    ...taken,
    ...(marker ? [marker] : []),
  ];
  return {
    nodes,
    links,
    layout,
    lines,
    tags,
    ...(marker ? { marker } : {}),
    left: Math.min(...boxes.map((b) => b.x)) - 8,
    right: Math.max(...boxes.map((b) => b.x + b.width)) + 8,
    top: Math.min(...boxes.map((b) => b.y)) - 8,
    bottom: Math.max(...boxes.map((b) => b.y + b.height)) + 8,
  };
}

/** The diagram's largest scale in a box (never more than MAX_SCALE). */
const MAX_SCALE = 1.6;
const scaleIn = (e: Drawing, w: number, h: number) => Math.min(w / (e.right - e.left), h / (e.bottom - e.top), MAX_SCALE);

function diagram(c: SlideContent, env: SlideEnv, e: Drawing, box: Box): string {
  const { scene } = c;
  const { nodes, links, layout, left, right, top, bottom } = e;
  const walking = scene.step !== undefined;
  const s = scaleIn(e, box.w, box.h);
  const ox = box.x + (box.w - (right - left) * s) / 2 - left * s;
  const oy = box.y + (box.h - (bottom - top) * s) / 2 - top * s;
  const out: string[] = [`<g id="diagram" transform="translate(${r(ox)} ${r(oy)}) scale(${Math.max(0.001, Math.round(s * 1000) / 1000)})">`];
  const dim = (involved: boolean, k: number) => (walking && !involved ? ` opacity="${k}"` : '');

  // Links, with their interface names at each end.
  const labels: string[] = [];
  for (const l of links) {
    const id = linkKey(l);
    const line = layout.lines.get(id);
    const ends = layout.labelBoxes.get(id);
    if (!line || !ends) continue;
    const involved = scene.links.has(id);
    const { p, q } = line;
    out.push(`<line x1="${r(p.x)}" y1="${r(p.y)}" x2="${r(q.x)}" y2="${r(q.y)}" stroke="${involved && walking ? ACCENT : '#64748b'}" stroke-width="${involved && walking ? 4 : 2}"${dim(involved, 0.25)}/>`);
    for (const [b, iface] of [
      [ends[0], l.a.iface],
      [ends[1], l.b.iface],
    ] as const) {
      labels.push(
        `<g${dim(involved, 0.25)}><rect x="${r(b.x)}" y="${r(b.y)}" width="${r(b.width)}" height="${r(b.height)}" rx="12" fill="#fff" stroke="${involved && walking ? ACCENT : BORDER}"/>` +
          text(b.x + b.width / 2, b.y + 17, iface, 15, `text-anchor="middle" font-family="${MONO}" font-weight="600" fill="${involved && walking ? ACCENT : '#334155'}"`) +
          '</g>',
      );
    }
  }
  out.push(...labels);

  // Devices: symbol, and the card (name, role, addresses) where the layout put it.
  for (const n of nodes) {
    const p = layout.centres.get(n.name)!;
    const card = layout.cards.get(n.name)!.box;
    const colour = ROLE_COLOURS[n.role];
    const role = scene.step?.node === n.name ? 'at' : scene.nodes.has(n.name) ? 'involved' : 'none';
    const g: string[] = [`<g data-node="${xml(n.name)}"${dim(role !== 'none', 0.3)}>`];
    if (role === 'at') g.push(`<circle cx="${r(p.x)}" cy="${r(p.y)}" r="${AT_RING}" fill="${tint(ACCENT, 0.25)}"/>`);
    const stroke = role === 'at' ? ACCENT : tint(colour, 0.55);
    const shape =
      n.role === 'router' || n.role === 'nat'
        ? `<circle cx="${r(p.x)}" cy="${r(p.y)}" r="30" fill="#fff" stroke="${stroke}" stroke-width="2.5"/>`
        : `<rect x="${r(p.x - 30)}" y="${r(p.y - 30)}" width="60" height="60" rx="${n.role === 'switch' || n.role === 'l3switch' ? 12 : 14}" fill="#fff" stroke="${stroke}" stroke-width="2.5"/>`;
    g.push(shape, `<g transform="translate(${r(p.x - 22)} ${r(p.y - 22)}) scale(${44 / 48})" color="${colour}">${env.icons[n.role]}</g>`);
    const cx = card.x + card.width / 2;
    g.push(text(cx, card.y + 20, n.name, 22, `text-anchor="middle" font-weight="700" fill="${TEXT}"`));
    g.push(text(cx, card.y + 42, c.roleLabel[n.role], 16, `text-anchor="middle" fill="${MUTED}"`));
    e.lines(n.name).forEach((line, i) => g.push(text(cx, card.y + 64 + 20 * i, line, 15, `text-anchor="middle" font-family="${MONO}" fill="${TEXT}"`)));
    g.push('</g>');
    out.push(g.join(''));
  }

  // The step's frames at rest, and a drop or a delivery beside its device.
  for (const { at, protocol, dropped } of e.tags) {
    const label = c.protocolLabel[protocol];
    const w = env.measure(label, tagFont) + 20;
    out.push(
      `<g data-packet="${protocol}"><rect x="${r(at.x - w / 2)}" y="${r(at.y - 15)}" width="${r(w)}" height="30" rx="7" fill="${dropped ? BAD : PROTO_COLOURS[protocol]}" stroke="#fff" stroke-width="2.5"/>` +
        text(at.x, at.y + 6, label, 16, `text-anchor="middle" font-weight="800" fill="#fff"${dropped ? ' text-decoration="line-through"' : ''}`) +
        '</g>',
    );
  }
  const m = scene.marker;
  if (m && e.marker && c.markerText) {
    const b = e.marker;
    const [bg, fg] = m.kind === 'dropped' ? [BAD, '#fff'] : m.kind === 'storm' ? ['#fcd34d', '#7c2d12'] : [OK, '#fff'];
    out.push(`<g data-marker="${m.kind}"><rect x="${r(b.x)}" y="${r(b.y)}" width="${r(b.width)}" height="${r(b.height)}" rx="7" fill="${bg}"/>${text(b.x + b.width / 2, b.y + 23, c.markerText, 17, `text-anchor="middle" font-weight="700" fill="${fg}"`)}</g>`);
  }
  out.push('</g>');
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------
// The slide

const MARGIN = 64;
const HEADER_W = 700;
const GAP = 48;

/** The headers panel at (x, y), `w` wide: its SVG and its height. */
function headersPanel(c: SlideContent, env: SlideEnv, x: number, y: number, w: number): { svg: string; height: number } {
  const out: string[] = ['<g id="headers">'];
  let cy = y + 30;
  out.push(text(x, cy, c.headersTitle, 30, `font-weight="700" fill="${TEXT}"`));
  cy += 16;
  for (const note of c.headerNotes) {
    for (const line of wrap(note, font(20), w, env.measure)) {
      cy += 28;
      out.push(text(x, cy, line, 20, `fill="${MUTED}"`));
    }
  }
  if (c.layers.length === 0) {
    cy += 36;
    out.push(text(x, cy, c.noFrame, 22, `fill="${MUTED}"`));
  }
  const labelW = Math.min(w / 2, Math.max(0, ...c.layers.flatMap((l) => l.rows.map((row) => env.measure(row.label, font(19))))) + 28);
  const valueW = w - labelW - 12;
  const valueFont = font(20, 400, MONO);
  for (const layer of c.layers) {
    cy += 16;
    out.push(`<rect x="${x}" y="${cy}" width="${w}" height="32" rx="5" fill="#f1f5f9"/>`, text(x + 10, cy + 23, layer.title, 20, `font-weight="700" fill="${TEXT}"`));
    cy += 32;
    for (const row of layer.rows) {
      const value = row.old !== undefined ? `${row.old} → ${row.value}` : row.value;
      // A change too long for one line puts the new value on a second one.
      const lines = env.measure(value, valueFont) <= valueW || row.old === undefined ? [value] : [row.old, `→ ${row.value}`];
      const h = 8 + 26 * lines.length;
      if (row.old !== undefined) out.push(`<rect x="${x}" y="${cy + 2}" width="${w}" height="${h - 4}" rx="4" fill="${row.nat ? '#ffedd5' : '#fef3c7'}"/>`);
      out.push(text(x + 10, cy + 25, row.label, 19, `fill="${MUTED}"`));
      lines.forEach((line, i) =>
        out.push(text(x + labelW, cy + 25 + 26 * i, line, 20, `font-family="${MONO}" fill="${row.old !== undefined ? (row.nat ? '#9a3412' : '#92400e') : TEXT}"${row.old !== undefined ? ' font-weight="700"' : ''}`)),
      );
      if (row.nat) {
        const bw = env.measure(c.natBadge, font(14, 800)) + 12;
        out.push(`<rect x="${r(x + w - bw - 6)}" y="${cy + 6}" width="${r(bw)}" height="22" rx="4" fill="#ea580c"/>`, text(x + w - bw / 2 - 6, cy + 22, c.natBadge, 14, `text-anchor="middle" font-weight="800" fill="#fff"`));
      }
      cy += h;
    }
  }
  out.push('</g>');
  return { svg: out.join('\n'), height: cy - y + 8 };
}

const LINE = 46;

/** The explanation at (x, y), `w` wide (`narrow` wide above `below`, beside the headers): its SVG and its height. */
function explanationBlock(c: SlideContent, env: SlideEnv, x: number, y: number, w: number, beside?: { narrow: number; below: number }): { svg: string; height: number } {
  let cy = y + 30;
  const head = text(x, cy, c.explanationTitle, 30, `font-weight="700" fill="${TEXT}"`);
  cy += 12;
  const widthOf = (n: number) => (beside && cy + LINE * (n + 1) - 30 < beside.below ? beside.narrow : w);
  const lines = wrap(c.explanation, font(30), widthOf, env.measure).map((line) => {
    cy += LINE;
    return text(x, cy, line, 30, `fill="${TEXT}"`);
  });
  return { svg: `${head}<g id="explanation">${lines.join('')}</g>`, height: cy - y + 12 };
}

/** A diagram wider than this (for its height) goes across the slide, above the text. */
const WIDE = 2.6;

/** The slide as an SVG document, and its size. */
export function buildSlide(c: SlideContent, env: SlideEnv): { svg: string; width: number; height: number } {
  const W = SLIDE_WIDTH;
  const inner = W - 2 * MARGIN;
  const parts: string[] = [];
  // Title bar.
  let y = MARGIN;
  const title = wrap(c.title, font(48, 700), inner, env.measure).map((line) => {
    y += 56;
    return text(MARGIN, y, line, 48, `font-weight="700" fill="${TEXT}"`);
  });
  parts.push(`<g id="title">${title.join('')}</g>`);
  y += 40;
  parts.push(text(MARGIN, y, c.subtitle, 26, `fill="${MUTED}"`));
  y += 24;
  parts.push(`<rect x="${MARGIN}" y="${y}" width="${inner}" height="4" rx="2" fill="${ACCENT}"/>`);
  y += 28;

  const e = drawing(c, env);
  const frame = (box: Box) => {
    parts.push(`<rect x="${r(box.x)}" y="${r(box.y)}" width="${r(box.w)}" height="${r(box.h)}" rx="12" fill="#f8fafc" stroke="#e2e8f0"/>`);
    if (e) parts.push(diagram(c, env, e, { x: box.x + 16, y: box.y + 16, w: box.w - 32, h: box.h - 32 }));
  };
  const textW = inner - HEADER_W - GAP;
  if (e && (e.right - e.left) / (e.bottom - e.top) > WIDE) {
    // A chain of devices: the diagram across the slide; under it the headers on the right and the
    // explanation beside them, then across the slide once past them.
    const h = Math.min(480, (e.bottom - e.top) * scaleIn(e, inner - 32, 480) + 32);
    frame({ x: MARGIN, y, w: inner, h });
    y += h + 36;
    const headers = headersPanel(c, env, W - MARGIN - HEADER_W, y, HEADER_W);
    const explanation = explanationBlock(c, env, MARGIN, y, inner, { narrow: textW, below: y + headers.height });
    parts.push(explanation.svg, headers.svg);
    y += Math.max(explanation.height, headers.height);
  } else {
    // The diagram beside the headers, the explanation under both.
    const headers = headersPanel(c, env, W - MARGIN - HEADER_W, y, HEADER_W);
    const h = Math.max(520, headers.height);
    frame({ x: MARGIN, y, w: textW, h });
    parts.push(headers.svg);
    y += h + 36;
    const explanation = explanationBlock(c, env, MARGIN, y, inner);
    parts.push(explanation.svg);
    y += explanation.height;
  }
  const height = Math.max(SLIDE_MIN_HEIGHT, Math.ceil(y + MARGIN));

  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${height}" viewBox="0 0 ${W} ${height}" xml:lang="${xml(c.lang)}" font-family="${FONT}">`,
    `<title>${xml(c.title)}</title>`,
    `<rect width="${W}" height="${height}" fill="#ffffff"/>`,
    ...parts,
    '</svg>',
  ].join('\n');
  return { svg, width: W, height };
}
