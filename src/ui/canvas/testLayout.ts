// Test helper: small networks for the label placement (labels.ts, tags.ts, freeSpace.ts), whole
// networks sized as the diagram sizes them, and what hides what in a layout. Only tests import this.

import i18n from '../../i18n';
import type { Topology } from '../../engine';
import { linkKey } from '../../engine/pure';
import { cardSize, DIAGRAM, ifaceLabelSize } from './diagramLabels';
import type { Box, Point } from './geometry';
import { boxesOverlap, lineHitsBox, type LabelLayout, type LayoutDevice, type LayoutLink } from './labels';
import type { Measure } from './text';

const en = i18n.getFixedT('en');

/** A stand-in for the browser's text measure: CJK characters a square each, others 0.62 em (generous). */
export const guessWidth: Measure = (text, font) => {
  const size = Number(/([\d.]+)px/.exec(font)?.[1]) || 16;
  let w = 0;
  for (const ch of text) w += /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/u.test(ch) ? size : size * 0.62;
  return w;
};
export const label = (iface: string) => ({ width: iface.length * 7 + 14, height: 20 });
export const device = (name: string, x: number, y: number, card = { width: 100, height: 60 }): LayoutDevice => ({ name, at: { x, y }, card });
export const link = (a: string, ai: string, b: string, bi: string): LayoutLink => ({
  id: `${a}:${ai}--${b}:${bi}`,
  a: { node: a, iface: ai, label: label(ai) },
  b: { node: b, iface: bi, label: label(bi) },
  parallel: '0/1',
});
export const centreOf = (b: Box): Point => ({ x: b.x + b.width / 2, y: b.y + b.height / 2 });

/** The network's devices and links as the diagram sizes them (cards measured by a stand-in for the browser). */
export function diagramOf(t: Topology): [LayoutDevice[], LayoutLink[]] {
  return [
    t.nodes.map((n) => ({ name: n.name, at: n.position!, card: cardSize(n, en, guessWidth) })),
    t.links.map((l) => ({ id: linkKey(l), a: { ...l.a, label: ifaceLabelSize(l.a.iface, guessWidth) }, b: { ...l.b, label: ifaceLabelSize(l.b.iface, guessWidth) }, parallel: '0/1' })),
  ];
}

/**
 * Every pair of labels that overlap (symbols, cards, interface names and the `extra` boxes), and
 * every line through a card, another link's name or an extra box that does not ride it.
 */
export function collisions(layout: LabelLayout, extra: { what: string; box: Box; rides?: string }[] = []): string[] {
  const s = DIAGRAM.symbol;
  const boxes: { what: string; owner: string; box: Box; rides?: string }[] = [
    ...[...layout.centres].map(([name, c]) => ({ what: `symbol ${name}`, owner: name, box: { x: c.x - s, y: c.y - s, width: 2 * s, height: 2 * s } })),
    ...[...layout.cards].map(([name, c]) => ({ what: `card ${name}`, owner: name, box: c.box })),
    ...[...layout.labelBoxes].flatMap(([id, [a, b]]) => [
      { what: `a of ${id}`, owner: `a ${id}`, box: a, rides: id },
      { what: `b of ${id}`, owner: `b ${id}`, box: b, rides: id },
    ]),
    ...extra.map((x) => ({ ...x, owner: x.what })),
  ];
  const out: string[] = [];
  boxes.forEach((a, i) =>
    boxes.slice(i + 1).forEach((b) => {
      if (a.owner !== b.owner && boxesOverlap(a.box, b.box)) out.push(`${a.what} × ${b.what}`);
    }),
  );
  for (const [id, l] of layout.lines) for (const b of boxes) if (!b.what.startsWith('symbol') && b.rides !== id && lineHitsBox(l.p, l.q, b.box)) out.push(`${id} through ${b.what}`);
  return out;
}
