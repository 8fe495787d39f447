// The zoomed-out drawing's rules without a canvas: what each part shows and how, where links end,
// and what a click lands on.

import { describe, expect, test } from 'vitest';
import { devicesIn, hitFar, linkEnds, linkLookOf, lookOf, type FarScene } from './farView';

const scene = (over: Partial<FarScene> = {}): FarScene => ({
  nodes: [
    { name: 'h1', role: 'host', at: { x: 0, y: 0 } },
    { name: 'sw1', role: 'switch', at: { x: 200, y: 0 } },
    { name: 'r1', role: 'router', at: { x: 400, y: 0 } },
  ],
  links: [
    { id: 'h1:eth1--sw1:p1', a: 'h1', b: 'sw1', parallel: '0/1' },
    { id: 'r1:eth1--sw1:p2', a: 'r1', b: 'sw1', parallel: '0/1' },
  ],
  marks: new Map(),
  walking: false,
  selectedNodes: new Set(),
  selectedLinks: new Set(),
  ...over,
});

describe('the two parts of the drawing', () => {
  test('without a walk: every device and link in the base, as drawn on the diagram; no marks', () => {
    const s = scene({ selectedNodes: new Set(['r1']) });
    expect(s.nodes.map((n) => lookOf(n, s, 'base'))).toEqual(['normal', 'normal', 'selected']);
    expect(s.nodes.map((n) => lookOf(n, s, 'marks'))).toEqual([undefined, undefined, undefined]);
    expect(s.links.map((l) => linkLookOf(l, s, 'base'))).toEqual(['normal', 'normal']);
  });

  test('during a walk the base is dimmed and the step’s devices and links are drawn over it', () => {
    const s = scene({ walking: true, marks: new Map([['n:sw1', 'at'], ['n:h1', 'involved'], ['l:h1:eth1--sw1:p1', 'involved']]) });
    expect(s.nodes.map((n) => lookOf(n, s, 'base'))).toEqual(['dim', 'dim', 'dim']);
    expect(s.nodes.map((n) => lookOf(n, s, 'marks'))).toEqual(['normal', 'at', undefined]);
    expect(s.links.map((l) => linkLookOf(l, s, 'base'))).toEqual(['dim', 'dim']);
    expect(s.links.map((l) => linkLookOf(l, s, 'marks'))).toEqual(['involved', undefined]);
  });
});

describe('links', () => {
  test('run centre to centre, cut 31 units from each symbol', () => {
    const s = scene();
    expect(linkEnds({ x: 0, y: 0 }, { x: 200, y: 0 }, s.links[0]!)).toEqual([
      { x: 31, y: 0 },
      { x: 169, y: 0 },
    ]);
  });

  test('two cables between the same devices are drawn apart, the same way from either end', () => {
    const l0 = { id: 'a', a: 'h1', b: 'sw1', parallel: '0/2' };
    const l1 = { id: 'b', a: 'h1', b: 'sw1', parallel: '1/2' };
    const [p0] = linkEnds({ x: 0, y: 0 }, { x: 200, y: 0 }, l0);
    const [p1] = linkEnds({ x: 0, y: 0 }, { x: 200, y: 0 }, l1);
    expect(p0.y).toBe(-p1.y);
    expect(Math.abs(p0.y - p1.y)).toBe(12);
  });
});

describe('a click', () => {
  const view = { x: 100, y: 50, zoom: 0.5 };
  test('on a symbol selects its device; between two devices, the link; elsewhere nothing', () => {
    const s = scene();
    // sw1 is at flow (200, 0): on screen (200, 50).
    expect(hitFar({ x: 205, y: 58 }, view, s)).toEqual({ node: 'sw1' });
    expect(hitFar({ x: 150, y: 51 }, view, s)).toEqual({ link: 'h1:eth1--sw1:p1' });
    expect(hitFar({ x: 150, y: 90 }, view, s)).toBeUndefined();
  });

  test('a symbol drawn a few pixels wide is hit within 6 pixels of it', () => {
    const s = scene();
    const far = { x: 0, y: 0, zoom: 0.02 };
    // r1 at flow (400, 0) is at screen (8, 0): its symbol is about one pixel wide.
    expect(hitFar({ x: 13, y: 4 }, far, s)).toEqual({ node: 'r1' });
    expect(hitFar({ x: 8, y: 8 }, far, s)).toBeUndefined();
  });
});

describe('a box drawn with Shift', () => {
  test('holds the devices whose symbol centre is in it, wherever the view is', () => {
    const s = scene();
    // h1, sw1, r1 at flow x 0, 200, 400 are on screen at x 100, 200, 300 (y 50).
    const view = { x: 100, y: 50, zoom: 0.5 };
    expect(devicesIn({ x: 90, y: 40, width: 120, height: 20 }, view, s)).toEqual(['h1', 'sw1']);
    expect(devicesIn({ x: 190, y: 40, width: 200, height: 20 }, view, s)).toEqual(['sw1', 'r1']);
    expect(devicesIn({ x: 90, y: 60, width: 300, height: 20 }, view, s)).toEqual([]);
  });
});
