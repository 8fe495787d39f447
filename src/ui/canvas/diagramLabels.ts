// The diagram's labels placed (labels.ts) with the diagram's own sizes: each device's card as
// LinuxNode and SwitchNode draw it (canvas.css), each interface name as LinkEdge does, in the
// language shown. One layout per network and language, made the first time a device, a link or
// a tag asks after a change (cards are measured once per device and language), so a step of a
// walk and a pan cost nothing here; after an edit, only what it touched is placed again. A large
// network's is made in the background (FarView's prepareLabels): what asks meanwhile gets a
// provisional place, and its own when the layout is done. Devices and links select one string
// each, so only those whose placement changed re-render.

import type { TFunction } from 'i18next';
import type { CSSProperties } from 'react';
import i18n from '../../i18n';
import type { IfAddr, Link, LinuxNode, TopoNode } from '../../engine';
import { linkKey, wanOf } from '../../engine/pure';
import { create } from 'zustand';
import { selectLinks, selectNodes, selectParallel, useAppStore, type AppState } from '../../store';
import { fallbackPosition, type Size } from './geometry';
import { finish, placeLabels, type EndSpot, type LabelLayout, type LayoutDevice, type Metrics } from './labels';
import type * as Relayout from './relayout';
import { MARK_PAD, portMarks, type PortMark } from './vlanMarks';
import { FONT, measureText, MONO, type Measure } from './text';

/**
 * The diagram's sizes (canvas.css): a 56 px symbol, its connect dot at the top right (14 px, 11 px
 * below the device's top, 31 px right of the symbol's centre), links from 31 px out, a card 4 px
 * under the symbol, or 6 px beside it with its top 10 px above the symbol's centre.
 */
export const DIAGRAM: Metrics = { symbol: 28, extras: [{ x: 31, y: -29, width: 14, height: 14 }], cut: 31, gap: 4, sideGap: 6, sideTop: -10 };

// The card's text (canvas.css: .pw-node__label and what is in it).
const NAME_FONT = `700 15px ${MONO}`;
const ROLE_FONT = `12px ${FONT}`;
const IFACE_FONT = `600 12.5px ${MONO}`;
const ADDR_FONT = `12.5px ${MONO}`;
const WAN_FONT = `700 9.5px ${FONT}`;
const LINK_FONT = `600 11.5px ${MONO}`;
/** Padding and border around a card's text (2 8 4 px, 1 px), its lines' heights. */
const CARD_X = 18;
const CARD_Y = 8;
const NAME_LINE = 18;
const ROLE_LINE = 17;
const TABLE_TOP = 3;
const ROW_LINE = 18;
/** Rounding, and the WAN badge's letter spacing. */
const SLACK = 2;

/** A host or server that forwards says so under its name (routers, NAT gateways and L3 switches forward by role). */
export const forwardsBeyondRole = (n: TopoNode): boolean => n.kind === 'linux' && n.ipForward && (n.role === 'host' || n.role === 'server');

/** The role line under a device's name, as LinuxNode and SwitchNode write it. */
export function roleLine(n: TopoNode, t: TFunction): string {
  if (n.kind === 'bridge') return `${t('role.switch')} · ${t('node.ports', { count: n.ifaces.length })}`;
  return forwardsBeyondRole(n) ? `${t(`role.${n.role}`)} · ${t('node.forwarding')}` : t(`role.${n.role}`);
}

/**
 * The devices a Linux node's card lists with their addresses: its interfaces, except the ports of
 * a bridge device (an L3 switch's: they hold no address), then its VLAN devices that have one.
 */
export function cardDevices(n: LinuxNode): readonly { name: string; addrs: readonly IfAddr[] }[] {
  if (!n.tunnels?.length) return n.ifaces;
  const ports = new Set(n.tunnels.flatMap((x) => (x.kind === 'bridge' ? (x.ports ?? []) : [])));
  return [...n.ifaces.filter((i) => !ports.has(i.name)), ...n.tunnels.filter((x) => x.kind === 'vlan' && x.addrs.length)];
}

/** The size of a device's card: its name, its role and, on a Linux node, a row per interface address. */
export function cardSize(n: TopoNode, t: TFunction, measure: Measure = measureText): Size {
  let th = 0;
  let td = 0;
  let lines = 0;
  if (n.kind === 'linux') {
    const wan = wanOf(n);
    for (const i of cardDevices(n)) {
      th = Math.max(th, measure(i.name, IFACE_FONT) + (i.name === wan ? 10 + measure(t('node.wan'), WAN_FONT) : 0));
      for (const a of i.addrs) td = Math.max(td, measure(`${a.ip}/${a.len}`, ADDR_FONT));
      if (i.addrs.length === 0) td = Math.max(td, measure(t('node.noAddress'), ADDR_FONT));
      lines += Math.max(1, i.addrs.length);
    }
  }
  const width = Math.max(measure(n.name, NAME_FONT), measure(roleLine(n, t), ROLE_FONT), lines ? th + 6 + td : 0);
  return { width: Math.ceil(width + CARD_X + SLACK), height: CARD_Y + NAME_LINE + ROLE_LINE + (lines ? TABLE_TOP + ROW_LINE * lines : 0) };
}

/** The size of an interface name's label on a link (.pw-link__iface: 5 px padding, 1 px border, 18 px line), with its VLAN mark (vlanMarks.ts). */
export const ifaceLabelSize = (iface: string, measure: Measure = measureText, mark?: PortMark): Size => ({
  width: Math.ceil(measure(mark ? `${iface} ${mark.text}` : iface, LINK_FONT)) + 12 + SLACK + (mark ? MARK_PAD : 0),
  height: 20,
});

const cards = new WeakMap<TopoNode, { lang: string; size: Size }>();

function cardOf(n: TopoNode, lang: string, t: TFunction): Size {
  const c = cards.get(n);
  if (c?.lang === lang) return c.size;
  const size = cardSize(n, t);
  cards.set(n, { lang, size });
  return size;
}

/** A network's layout, with each device's card place and each link's names' spots as strings. */
interface Labels {
  layout: LabelLayout;
  places: Map<string, string>;
  ends: Map<string, string>;
}

interface Made {
  nodes: readonly TopoNode[];
  links: readonly Link[];
  /** the links' ids, in order */
  ids: readonly string[];
  lang: string;
  labels: Labels;
}

const layouts = new WeakMap<readonly TopoNode[], Made>();
/** The layout shown last, which the next one (after an edit) starts from. */
let last: Made | undefined;
/** What keeps an edit's layout to what it touched, once loaded (the first layout places everything anyway). */
let relayout: typeof Relayout | undefined;

/**
 * Counts the layouts finished that were made in the background: while one is being made, devices
 * and links show a provisional place (finishing it at once blocked the page for seconds on a
 * 10 000-device network zoomed in early), and take theirs when it is done.
 */
const useLabelsDone = create(() => ({ count: 0 }));

/** The layout of the network in `s`, unless it is still being made in the background. */
function readyLabels(s: AppState, lang: string): Labels | undefined {
  if (pending?.nodes === selectNodes(s) && pending.links === selectLinks(s) && pending.lang === lang) return undefined;
  return labelsOf(s, lang);
}

function labelsOf(s: AppState, lang: string): Labels {
  const cached = layouts.get(selectNodes(s));
  if (cached && cached.links === selectLinks(s) && cached.lang === lang) {
    // Every device and link asks at every change of the store: this is the path to keep short.
    // Undo or redo back to a network laid out before: the next edit starts from it.
    last = cached;
    return cached.labels;
  }
  // Being laid out in the background (prepareLabels): finished now. Another network is on screen
  // than the one being laid out: that one is not needed any more.
  if (pending?.nodes === selectNodes(s) && pending.links === selectLinks(s) && pending.lang === lang) return finish(pending.steps);
  pending = undefined;
  return finish(labelSteps(s, lang));
}

/** The layout of the network in `s`, in steps (see placeLabels); laid out, it is the one shown. */
function* labelSteps(s: AppState, lang: string): Generator<void, Labels> {
  const nodes = selectNodes(s);
  const links = selectLinks(s);
  const t = i18n.getFixedT(lang);
  const devices: LayoutDevice[] = [];
  for (const [i, n] of nodes.entries()) {
    devices.push({ name: n.name, at: n.position ?? fallbackPosition(i), card: cardOf(n, lang, t) });
    yield;
  }
  const marks = portMarks(nodes);
  const label = (e: Link['a']) => ifaceLabelSize(e.iface, measureText, marks.get(`${e.node}:${e.iface}`));
  const layoutLinks = links.map((l) => {
    const id = linkKey(l);
    return { id, a: { ...l.a, label: label(l.a) }, b: { ...l.b, label: label(l.b) }, parallel: selectParallel(id)(s) };
  });
  yield;
  const r = relayout;
  const ids = layoutLinks.map((l) => l.id);
  const change = r && last && last.lang === lang ? r.changeSince({ nodes: last.nodes, links: last.ids, layout: last.labels.layout }, nodes, ids) : undefined;
  const layout = yield* placeLabels(devices, layoutLinks, DIAGRAM, change && r ? (lines) => r.kept(change, devices, layoutLinks, lines, DIAGRAM) : undefined);
  if (!r) void import('./relayout').then((m) => (relayout = m));
  const labels = {
    layout,
    places: new Map([...layout.cards].map(([name, c]) => [name, `${c.side} ${c.shift} ${c.box.width}`])),
    ends: new Map([...layout.ends].map(([id, [a, b]]) => [id, `${a.along} ${a.across} ${b.along} ${b.across}`])),
  };
  last = { nodes, links, ids, lang, labels };
  layouts.set(nodes, last);
  if (pending?.nodes === nodes) {
    pending = undefined;
    useLabelsDone.setState(({ count }) => ({ count: count + 1 }));
  }
  return labels;
}

/** A layout being made in the background (FarView's prepareLabels): its network and its steps. */
interface LabelJob {
  nodes: readonly TopoNode[];
  links: readonly Link[];
  lang: string;
  steps: Generator<void, Labels>;
}

/** The layout being made in the background, if one is. */
let pending: LabelJob | undefined;

/**
 * The steps of the layout of the network in `s`, to run in the background, unless it is laid out
 * or being laid out already; run to their end at once when the layout is asked for (labelsOf).
 */
export function labelJob(s: AppState, lang: string): Generator<void, unknown> | undefined {
  const nodes = selectNodes(s);
  const links = selectLinks(s);
  const cached = layouts.get(nodes);
  if ((cached && cached.links === links && cached.lang === lang) || (pending?.nodes === nodes && pending.links === links && pending.lang === lang)) return undefined;
  pending = { nodes, links, lang, steps: labelSteps(s, lang) };
  return pending.steps;
}

/** Whether these steps are still the layout to make in the background (not finished, nor replaced by another network's). */
export const stillPending = (steps: Generator<void, unknown>): boolean => pending?.steps === steps;

/** The labels of the network on screen, in this language. */
export const diagramLayout = (s: AppState, lang: string): LabelLayout => labelsOf(s, lang).layout;

/** The same, unless it is still being made in the background (then useLayoutDone changes when it is done). */
export const readyLayout = (s: AppState, lang: string): LabelLayout | undefined => readyLabels(s, lang)?.layout;

/** Changes when a layout made in the background is done. */
export const useLayoutDone = (): number => useLabelsDone((s) => s.count);

/** Where a device's card is, as a string (a selector's stable value): "below 0 120", "right 24 150"…; under its symbol until laid out. */
export const selectCardPlace =
  (name: string, lang: string) =>
  (s: AppState): string =>
    readyLabels(s, lang)?.places.get(name) ?? 'below 0 0';

/** A device's card place, again when the background layout is done. */
export function useCardPlace(name: string, lang: string): string {
  useLayoutDone();
  return useAppStore(selectCardPlace(name, lang));
}

/** The class and style of a card placed so (canvas.css): none under its symbol, as drawn by default. */
export function cardPlaceStyle(place: string): { className: string; style?: CSSProperties } {
  const [side, shift, width] = place.split(' ');
  if (side === 'below' && shift === '0') return { className: 'pw-node__label' };
  return { className: `pw-node__label pw-node__label--${side}`, style: { '--pw-card-shift': `${shift}px`, '--pw-card-w': `${width}px` } as CSSProperties };
}

/** Where a link's interface names sit, as a string (a selector's stable value): see parseEnds; '' until laid out. */
export const selectEnds =
  (id: string, lang: string) =>
  (s: AppState): string =>
    readyLabels(s, lang)?.ends.get(id) ?? '';

/** A link's names' spots, again when the background layout is done. */
export function useEnds(id: string, lang: string): string {
  useLayoutDone();
  return useAppStore(selectEnds(id, lang));
}

/** The two ends' spots of selectEnds' string. */
export function parseEnds(text: string): [EndSpot, EndSpot] | undefined {
  const v = text.split(' ').map(Number);
  return v.length === 4 ? [{ along: v[0]!, across: v[1]! }, { along: v[2]!, across: v[3]! }] : undefined;
}
