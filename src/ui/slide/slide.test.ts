// The slide of a step, built from real walks with a stand-in for the browser's text measure: the
// title, the explanation's words in order (wrapped, in both languages), the diagram's dimming,
// frames and markers, the header changes, and a well-formed, escaped SVG document.

import { describe, expect, test } from 'vitest';
import i18n from '../../i18n';
import type { Role } from '../../engine';
import { explainStep, type Translate } from '../player/explain';
import { testWalk, type TestWalk } from '../player/testWalk';
import { buildSlide, SLIDE_MIN_HEIGHT, SLIDE_WIDTH, stepSlide, wrap, type Measure } from './slide';

const en = i18n.getFixedT('en') as unknown as Translate;
const zh = i18n.getFixedT('zh-CN') as unknown as Translate;

/** Like a sans-serif font: CJK characters are square, others a bit over half as wide as tall. */
const measure: Measure = (text, font) => {
  const size = Number(/(\d+)px/.exec(font)![1]);
  return [...text].reduce((w, ch) => w + (/[\u2e80-\uffef]/.test(ch) ? size : size * 0.56), 0);
};
const icons = { host: '<path d="M1 1h2"/>', server: '<rect/>', router: '<circle/>', nat: '<circle/>', switch: '<rect/>' } as Record<Role, string>;

function slide(w: TestWalk, step: number, t: Translate, lang: string, frame = -1) {
  const content = stepSlide({ walk: w, topology: w.topology, cursor: step - 1, frame, walkTitle: 'Packet walk', lang }, t);
  return { content, ...buildSlide(content, { measure, icons }) };
}

/** The text of every <text> inside the element with this id, in order. */
function linesOf(svg: string, id: string): string[] {
  const start = svg.indexOf(`<g id="${id}"`);
  const group = svg.slice(start, svg.indexOf('</g>', start));
  return [...group.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => unescape(m[1]!));
}
const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** Tags open and close in order, and every & starts an entity. */
function expectWellFormed(svg: string): void {
  const stack: string[] = [];
  for (const m of svg.matchAll(/<(\/?)([a-zA-Z]+)[^>]*?(\/?)>/g)) {
    if (m[3]) continue;
    if (m[1]) expect(stack.pop()).toBe(m[2]);
    else stack.push(m[2]!);
  }
  expect(stack).toEqual([]);
  expect(svg).not.toMatch(/&(?!(amp|lt|gt|quot|apos);)/);
}

describe('two-subnets-router, step 11: r1 releases the echo request to h2', () => {
  const w = testWalk('two-subnets-router');

  test('a 1920-wide SVG, the title with the topology and the step, in the document title too', () => {
    const s = slide(w, 11, en, 'en');
    expectWellFormed(s.svg);
    expect(s.width).toBe(SLIDE_WIDTH);
    expect(s.height).toBeGreaterThanOrEqual(SLIDE_MIN_HEIGHT);
    expect(s.svg).toMatch(new RegExp(`^<svg xmlns="http://www.w3.org/2000/svg" width="1920" height="${s.height}" viewBox="0 0 1920 ${s.height}" xml:lang="en"`));
    expect(s.svg).toContain('<title>two-subnets-router · Step 11 of 18</title>');
    expect(linesOf(s.svg, 'title')).toEqual(['two-subnets-router · Step 11 of 18']);
  });

  test('the explanation, every word in order, in lines that fit', () => {
    const s = slide(w, 11, en, 'en');
    const lines = linesOf(s.svg, 'explanation');
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join(' ')).toBe(explainStep(w.ctx, w.steps[10]!, en).join(' '));
    for (const line of lines) expect(measure(line, '30px')).toBeLessThanOrEqual(1920 - 2 * 64);
  });

  test('in Chinese: the title and the explanation, broken between characters', () => {
    const s = slide(w, 11, zh, 'zh-CN');
    expect(linesOf(s.svg, 'title')).toEqual(['two-subnets-router · 第 11 步，共 18 步']);
    const lines = linesOf(s.svg, 'explanation');
    // Lines break between characters, or at a space between words (which the break replaces).
    expect(lines.join('').replace(/\s/g, '')).toBe(explainStep(w.ctx, w.steps[10]!, zh).join('').replace(/\s/g, ''));
    for (const line of lines) expect(line).not.toMatch(/^[，。：；、）]/);
    expect(s.svg).toContain('xml:lang="zh-CN"');
  });

  test('the diagram: the devices the step involves in full, the others dimmed; the frame at rest on r1 → sw2', () => {
    const { svg } = slide(w, 11, en, 'en');
    const node = (name: string) => new RegExp(`<g data-node="${name}"( opacity="0.3")?>`).exec(svg)?.[1];
    expect(node('r1')).toBeUndefined();
    expect(node('sw2')).toBeUndefined();
    expect(node('h1')).toBe(' opacity="0.3"');
    expect(node('h2')).toBe(' opacity="0.3"');
    expect(svg.match(/data-packet="icmp"/g)).toHaveLength(1);
    expect(svg).toContain('stroke="#2563eb" stroke-width="4"'); // the link the frame crosses
    expect(svg).not.toContain('data-marker');
  });

  test('the headers: what r1 changed, old → new', () => {
    const { content, svg } = slide(w, 11, en, 'en');
    expect(content.headersTitle).toBe('Headers · Sent on eth2');
    const changed = content.layers.flatMap((l) => l.rows).filter((r) => r.old !== undefined);
    expect(changed.map((r) => [r.label, r.old, r.value])).toEqual([
      ['Destination MAC', '02:00:00:00:00:03', '02:00:00:00:00:07'],
      ['Source MAC', '02:00:00:00:00:01', '02:00:00:00:00:05'],
      ['TTL', '64', '63'],
      ['Header checksum', expect.stringMatching(/^0x/), expect.stringMatching(/^0x/)],
    ]);
    expect(svg).toContain('64 → 63');
    expect(content.headerNotes).toContain('IP addresses unchanged: only the Ethernet header and the TTL change from hop to hop.');
  });

  test('the frame chosen in the header view: the one received', () => {
    expect(slide(w, 11, en, 'en', 0).content.headersTitle).toBe('Headers · Received on eth2');
  });

  test('before the first step: the whole network, nothing dimmed, nothing moving', () => {
    const { svg, content } = slide(w, 0, en, 'en');
    expect(content.title).toBe('two-subnets-router · Before the first step');
    expect(svg).not.toContain('opacity="0.3"');
    expect(svg).not.toContain('data-packet');
    expect(content.layers).toEqual([]);
    expect(svg).toContain('No frame at this step.');
  });
});

test('a drop is marked on the device with its reason, the frame struck through', () => {
  const w = testWalk('lan-two-hosts');
  const { svg, content } = slide(w, 3, en, 'en');
  expect(content.markerText).toBe('✗ ARP not for me');
  expect(svg).toContain('data-marker="dropped"');
  expect(svg).toContain('text-decoration="line-through"');
});

test('a network of a thousand devices shows the step’s devices and their neighbours', () => {
  const w = testWalk('leaf-spine-1000');
  const { svg } = slide(w, 3, en, 'en');
  const drawn = svg.match(/data-node="/g)!.length;
  expect(drawn).toBeGreaterThan(1);
  expect(drawn).toBeLessThan(80);
});

test('names are escaped, a long explanation makes the slide taller, not the type smaller', () => {
  const w = testWalk('home-nat');
  const topology = { ...w.topology, name: 'lab <a & b>' };
  const long = w.steps.find((s) => explainStep(w.ctx, s, en).join(' ').length > 900)!;
  const content = stepSlide({ walk: w, topology, cursor: long.index, frame: -1, walkTitle: 'x', lang: 'en' }, en);
  const s = buildSlide(content, { measure, icons });
  expectWellFormed(s.svg);
  expect(s.svg).toContain('<title>lab &lt;a &amp; b&gt; · Step');
  expect(s.height).toBeGreaterThan(SLIDE_MIN_HEIGHT);
  expect(s.svg).toMatch(/<g id="explanation"><text x="64" y="[\d.]+" font-size="30"/);
});

test.each(['two-subnets-router', 'home-nat', 'icmp-redirect', 'tcp-nat'])('%s: at every step, the slide’s interface names, tags and badge hide none of each other', (example) => {
  const w = testWalk(example);
  const boxes = (svg: string) =>
    [...svg.matchAll(/<g(?: data-(packet|marker|node)="([^"]*)")?[^>]*><rect x="([-\d.]+)" y="([-\d.]+)" width="([\d.]+)" height="([\d.]+)"/g)].map((m) => ({
      what: `${m[1] ?? 'name'} ${m[2] ?? ''}`,
      x: Number(m[3]),
      y: Number(m[4]),
      w: Number(m[5]),
      h: Number(m[6]),
    }));
  for (let step = 1; step <= w.steps.length; step++) {
    const drawn = boxes(linesOfDiagram(slide(w, step, en, 'en').svg));
    // Both names of every link are among them.
    expect(drawn.filter((b) => b.what.startsWith('name')).length).toBe(2 * w.topology.links.length);
    for (const [i, a] of drawn.entries())
      for (const b of drawn.slice(i + 1)) expect(a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h, `${example} step ${step}: ${JSON.stringify(a)} × ${JSON.stringify(b)}`).toBe(false);
  }
});

/** The diagram's part of a slide (the headers and the explanation come after it). */
function linesOfDiagram(svg: string): string {
  const start = svg.indexOf('<g id="diagram"');
  const next = ['<g id="headers"', '<g id="explanation"'].map((m) => svg.indexOf(m, start)).filter((i) => i > 0);
  return svg.slice(start, Math.min(...next));
}

describe('wrap', () => {
  test('breaks between words, never wider than the line, nothing lost', () => {
    const text = 'Route lookup for 10.0.2.10: 10.0.2.10 AND 255.255.255.0 = 10.0.2.0, which is not my network';
    const lines = wrap(text, '20px', 300, measure);
    expect(lines.length).toBeGreaterThan(2);
    for (const l of lines) expect(measure(l, '20px')).toBeLessThanOrEqual(300);
    expect(lines.join(' ')).toBe(text);
  });

  test('cuts a word longer than the line', () => {
    const lines = wrap('x'.repeat(50), '20px', 100, measure);
    expect(lines.join('')).toBe('x'.repeat(50));
    for (const l of lines) expect(measure(l, '20px')).toBeLessThanOrEqual(100);
  });

  test('Chinese breaks between characters; punctuation stays with the character before it', () => {
    const text = '邻居表中没有 10.0.1.1 → 广播一个 ARP 请求，并暂存该数据包。';
    const lines = wrap(text, '20px', 120, measure);
    expect(lines.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
    expect(lines.some((l) => /^[^\s\d]/.test(l) && /[\u4e00-\u9fff]$/.test(l))).toBe(true);
    for (const l of lines) expect(l).not.toMatch(/^[，。]/);
  });

  test('text flowing around a box: narrow lines first, then wide ones', () => {
    const lines = wrap('one two three four five six seven eight nine ten', '20px', (n) => (n < 2 ? 60 : 400), measure);
    expect(measure(lines[0]!, '20px')).toBeLessThanOrEqual(60);
    expect(lines[2]!.split(' ').length).toBeGreaterThan(3);
    expect(lines.join(' ')).toBe('one two three four five six seven eight nine ten');
  });
});
