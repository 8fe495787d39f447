// The network diagram as a user sees it: what is drawn where (every device's symbol and card,
// every interface name, every line, the frames' tags and a drop or delivery badge, as boxes on
// the screen), and the diagram's keyboard: which device or link has the focus. Tests speak in
// these terms, never in CSS selectors.

import { expect } from '@playwright/test';
import { boxesOverlap, lineHitsBox } from '../../src/ui/canvas/labels';
import { LessonPage } from './LessonPage';

export interface Drawn {
  /** what it is and whose: `symbol h1`, `card h1`, `iface r1:eth1`, `tag ARP on LINK`, `badge r1` */
  what: string;
  kind: 'symbol' | 'dot' | 'card' | 'iface' | 'tag' | 'badge';
  /** the device it belongs to, or the link it sits on or rides */
  owner: string;
  box: { x: number; y: number; width: number; height: number };
}

export interface Line {
  link: string;
  p: { x: number; y: number };
  q: { x: number; y: number };
}

/** Two boxes overlapping by more than half a pixel. */
const overlap = (a: Drawn['box'], b: Drawn['box']): boolean => boxesOverlap(a, b, -0.5);

/** Does the line pass through the box (more than half a pixel inside it)? */
const crosses = (l: Line, b: Drawn['box']): boolean => lineHitsBox(l.p, l.q, { x: b.x + 0.5, y: b.y + 0.5, width: b.width - 1, height: b.height - 1 });

/** Which link an interface name belongs to: the link with that end (`NODE:IFACE`). */
const linkOf = (end: string, lines: readonly Line[]): string | undefined => lines.find((l) => l.link.split('--').includes(end))?.link;

/**
 * What hides what: every pair of labels (symbol, connect dot, card, interface name, tag, badge)
 * that overlap, and every line that runs through a label (a card, another link's interface name,
 * a tag that does not ride it, a badge). A device's own symbol, dot and card may touch; an
 * interface name sits on its own line and a tag rides its own.
 */
export function collisions(drawn: readonly Drawn[], lines: readonly Line[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < drawn.length; i++) {
    for (let j = i + 1; j < drawn.length; j++) {
      const a = drawn[i]!;
      const b = drawn[j]!;
      if (a.owner === b.owner && (a.kind === 'symbol' || a.kind === 'dot' || a.kind === 'card') && (b.kind === 'symbol' || b.kind === 'dot' || b.kind === 'card')) continue;
      if (overlap(a.box, b.box)) out.push(`${a.what} × ${b.what}`);
    }
  }
  for (const l of lines) {
    for (const d of drawn) {
      if (d.kind === 'symbol' || d.kind === 'dot') continue;
      if ((d.kind === 'iface' || d.kind === 'tag') && d.owner === l.link) continue;
      if (crosses(l, d.box)) out.push(`line ${l.link} through ${d.what}`);
    }
  }
  return out;
}

export class DiagramPage extends LessonPage {
  /** Everything drawn on the diagram, as boxes on the screen, and the links' lines. */
  async drawn(): Promise<{ drawn: Drawn[]; lines: Line[] }> {
    const { drawn, lines } = await this.page.evaluate(() => {
      const box = (el: Element) => {
        const r = el.getBoundingClientRect();
        return { x: r.x, y: r.y, width: r.width, height: r.height };
      };
      const drawn: { what: string; kind: string; owner: string; box: ReturnType<typeof box> }[] = [];
      for (const node of Array.from(document.querySelectorAll('.react-flow__node'))) {
        const name = node.getAttribute('data-id') ?? '';
        const add = (sel: string, kind: string) => {
          const el = node.querySelector(sel);
          if (el) drawn.push({ what: `${kind} ${name}`, kind, owner: name, box: box(el) });
        };
        add('.pw-node__symbol', 'symbol');
        add('.pw-connect', 'dot');
        add('.pw-node__label', 'card');
      }
      const ends: { end: string; box: ReturnType<typeof box> }[] = [];
      for (const el of Array.from(document.querySelectorAll('[data-testid^="link-end."]'))) {
        const [, node, iface] = /^link-end\.(.+)\.([^.]+)$/.exec(el.getAttribute('data-testid') ?? '') ?? [];
        ends.push({ end: `${node}:${iface}`, box: box(el) });
      }
      for (const el of Array.from(document.querySelectorAll('[data-testid="canvas.packet"]'))) {
        if (getComputedStyle(el).visibility === 'hidden') continue;
        const tag = el.firstElementChild!;
        drawn.push({ what: `tag ${tag.textContent} on ${el.getAttribute('data-link')}`, kind: 'tag', owner: el.getAttribute('data-link') ?? '', box: box(tag) });
      }
      for (const el of Array.from(document.querySelectorAll('[data-testid^="canvas.marker."]'))) drawn.push({ what: `badge “${el.textContent}”`, kind: 'badge', owner: '', box: box(el) });
      const lines: { link: string; p: { x: number; y: number }; q: { x: number; y: number } }[] = [];
      for (const edge of Array.from(document.querySelectorAll('.react-flow__edge'))) {
        const path = edge.querySelector<SVGPathElement>('path.pw-link');
        const m = path?.getScreenCTM();
        const d = /M\s*([-\d.e]+),([-\d.e]+)\s*L\s*([-\d.e]+),([-\d.e]+)/.exec(path?.getAttribute('d') ?? '');
        if (!m || !d) continue;
        const pt = (x: number, y: number) => new DOMPoint(x, y).matrixTransform(m);
        const p = pt(Number(d[1]), Number(d[2]));
        const q = pt(Number(d[3]), Number(d[4]));
        lines.push({ link: edge.getAttribute('data-id') ?? '', p: { x: p.x, y: p.y }, q: { x: q.x, y: q.y } });
      }
      return { drawn, ends, lines };
    }).then(({ drawn, ends, lines }) => ({
      drawn: [...drawn, ...ends.map((e) => ({ what: `iface ${e.end}`, kind: 'iface', owner: linkOf(e.end, lines) ?? e.end, box: e.box }))] as Drawn[],
      lines,
    }));
    return { drawn, lines };
  }

  /** What hides what on the diagram now (see collisions). */
  async collisions(): Promise<string[]> {
    await this.settle();
    const { drawn, lines } = await this.drawn();
    return collisions(drawn, lines);
  }

  /** Tabs into the diagram from the palette's last button (the control before it). */
  async tabIntoDiagram(): Promise<void> {
    await this.page.getByTestId('palette.add-nat').focus();
    await this.page.keyboard.press('Tab');
  }

  /** Gives a device the keyboard's focus (as a click on it would). */
  async focusDevice(name: string): Promise<void> {
    await this.page.getByTestId(`rf__node-${name}`).focus();
  }

  /** The device that has the focus, by name (undefined when the focus is not on a device). */
  async focusedDevice(): Promise<string | undefined> {
    return this.page.evaluate(() => document.activeElement?.closest('.react-flow__node')?.getAttribute('data-id') ?? undefined);
  }

  /** The link that has the focus, by id. */
  async focusedLink(): Promise<string | undefined> {
    return this.page.evaluate(() => document.activeElement?.closest('.react-flow__edge')?.getAttribute('data-id') ?? undefined);
  }

  /** Waits for the focus to be on this device. */
  async expectFocusOn(device: string): Promise<void> {
    await expect.poll(() => this.focusedDevice()).toBe(device);
  }
}
