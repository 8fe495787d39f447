import { describe, expect, test } from 'vitest';
import { leafSpine, threeTier } from '../../engine/generate/fabric';
import { simApi } from '../../worker/sim-api';
import { DIAGRAM } from './diagramLabels';
import { boxesOverlap, cardBox, centredBox, layoutLabels } from './labels';
import { collisions, device, diagramOf, label, link } from './testLayout';

describe('cards', () => {
  test('under the symbol when nothing is there', () => {
    const layout = layoutLabels([device('h1', 0, 0), device('h2', 300, 0)], [link('h1', 'eth1', 'h2', 'eth1')], DIAGRAM);
    expect(layout.cards.get('h1')).toEqual({ side: 'below', shift: 0, box: { x: -50, y: 32, width: 100, height: 60 } });
  });

  test('beside the symbol when a link leaves downwards, on the left when the right is taken too', () => {
    const layout = layoutLabels(
      [device('r1', 0, 0), device('sw1', 0, 250), device('r2', 300, 250), device('h1', -300, 0)],
      [link('r1', 'eth1', 'sw1', 'p1'), link('r1', 'eth2', 'r2', 'eth1'), link('h1', 'eth1', 'r1', 'eth3')],
      DIAGRAM,
    );
    // Down (sw1) and down-right (r2) are lines; left is the line to h1, but only at its height:
    // under it, the card is clear.
    expect(layout.cards.get('r1')!.side).not.toBe('below');
    expect(collisions(layout)).toEqual([]);
  });

  test('moved along a side when its middle is crossed', () => {
    // Lines leave r1 down, up-left and right: only the card beside it on the left, lower down, is clear.
    const layout = layoutLabels(
      [device('r1', 0, 0), device('a', 0, 250), device('b', -300, -120), device('c', 300, 0)],
      [link('r1', 'eth1', 'a', 'eth1'), link('r1', 'eth2', 'b', 'eth1'), link('r1', 'eth3', 'c', 'eth1')],
      DIAGRAM,
    );
    expect(collisions(layout)).toEqual([]);
  });

  test('a card that would cover another device moves', () => {
    // h2 sits where h1's card would be.
    const layout = layoutLabels([device('h1', 0, 0), device('h2', 0, 90)], [], DIAGRAM);
    expect(layout.cards.get('h1')!.side).not.toBe('below');
    expect(collisions(layout)).toEqual([]);
  });
});

describe('interface names', () => {
  test('on the line, just clear of their own symbol', () => {
    const layout = layoutLabels([device('h1', 0, 0), device('h2', 400, 0)], [link('h1', 'eth1', 'h2', 'eth1')], DIAGRAM);
    const [a, b] = layout.ends.get('h1:eth1--h2:eth1')!;
    expect(a).toEqual({ along: label('eth1').width / 2 + 2, across: 0 });
    expect(b).toEqual(a);
    const [ba] = layout.labelBoxes.get('h1:eth1--h2:eth1')!;
    // The line starts 31 from h1's centre; the name's box starts 2 further.
    expect(ba.x).toBe(DIAGRAM.cut + 2);
  });

  test('moved along the link past a card in the way', () => {
    // A link leaving h1 downwards at a slant passes its card's corner.
    const devices = [device('h1', 0, 0, { width: 200, height: 80 }), device('h2', 0, 300, { width: 200, height: 80 }), device('x', 500, 0)];
    const layout = layoutLabels(devices, [link('h1', 'eth1', 'h2', 'eth1')], DIAGRAM);
    expect(collisions(layout)).toEqual([]);
  });

  test('two links leaving a switch close together: their names do not overlap', () => {
    const layout = layoutLabels(
      [device('sw1', 0, 0), device('h1', -60, 200), device('h2', 60, 200), device('h3', 0, 220)],
      [link('sw1', 'p1', 'h1', 'eth1'), link('sw1', 'p2', 'h2', 'eth1'), link('sw1', 'p3', 'h3', 'eth1')],
      DIAGRAM,
    );
    expect(collisions(layout).filter((c) => !c.startsWith('card') && !c.includes('through card'))).toEqual([]);
  });

  test('on a link too short for them, beside it, on opposite sides', () => {
    const layout = layoutLabels([device('a', 0, 0, { width: 10, height: 10 }), device('b', 100, 0, { width: 10, height: 10 })], [link('a', 'eth10', 'b', 'eth10')], DIAGRAM);
    const [sa, sb] = layout.ends.get('a:eth10--b:eth10')!;
    expect(Math.sign(sa.across)).toBe(1);
    expect(Math.sign(sb.across)).toBe(1); // each to its own left: opposite sides of the line
    const [ba, bb] = layout.labelBoxes.get('a:eth10--b:eth10')!;
    expect(boxesOverlap(ba, bb)).toBe(false);
  });
});

describe('whole networks: no label hides another, no line runs through one', () => {
  test.each([
    ['the data-centre lesson (three-tier 2-2-2-2-2)', () => threeTier({ cores: 2, pods: 2, aggPerPod: 2, accessPerPod: 2, hostsPerAccess: 2 })],
    ['a leaf–spine fabric', () => leafSpine({ spines: 2, leaves: 4, hostsPerLeaf: 3 })],
    ['the two-subnets example', () => simApi.loadExample('two-subnets-router')],
  ])('%s', (_what, make) => {
    expect(collisions(layoutLabels(...diagramOf(make()), DIAGRAM))).toEqual([]);
  });
});

test('cardBox: the card beside the symbol starts after the gap, its top as the metrics say', () => {
  expect(cardBox(DIAGRAM, { x: 0, y: 0 }, { width: 100, height: 50 }, { side: 'right', shift: 24 })).toEqual({ x: 34, y: 14, width: 100, height: 50 });
  expect(cardBox(DIAGRAM, { x: 0, y: 0 }, { width: 100, height: 50 }, { side: 'above', shift: 0 })).toEqual({ x: -50, y: -82, width: 100, height: 50 });
  expect(centredBox({ x: 10, y: 10 }, { width: 4, height: 2 })).toEqual({ x: 8, y: 9, width: 4, height: 2 });
});

describe('after an edit, only what it touched is placed again', () => {
  const t = threeTier({ cores: 2, pods: 2, aggPerPod: 2, accessPerPod: 2, hostsPerAccess: 2 });
  const [devices, links] = diagramOf(t);
  const before = layoutLabels(devices, links, DIAGRAM);

  test('a device moved: labels near it placed again, clear of everything; the rest where they were', () => {
    const moved = devices.map((d) => (d.name === 'h1-1-1' ? { ...d, at: { x: d.at.x - 120, y: d.at.y + 40 } } : d));
    const after = layoutLabels(moved, links, DIAGRAM, { before, devices: new Set(['h1-1-1']), links: new Set() });
    expect(collisions(after)).toEqual([]);
    // Far away (the other pod), nothing moved.
    for (const name of ['core2', 'agg2-2', 'acc2-2', 'h2-2-2']) expect(after.cards.get(name)).toEqual(before.cards.get(name));
    const far = links.find((l) => l.a.node === 'h2-2-2' || l.b.node === 'h2-2-2')!.id;
    expect(after.ends.get(far)).toBeDefined();
    expect(after.ends.get(far)).toEqual(before.ends.get(far));
    // The moved device's own link has its names placed for where the device is now.
    const [, host] = after.labelBoxes.get('h1-1-1:eth1--sw1-1:p2')!;
    const [, was] = before.labelBoxes.get('h1-1-1:eth1--sw1-1:p2')!;
    expect(host).not.toEqual(was);
  });

  test('a link added across the network: what it crosses is placed again', () => {
    const link2 = link('h1-1-1', 'eth9', 'h2-2-2', 'eth9');
    const after = layoutLabels(devices, [...links, link2], DIAGRAM, { before, devices: new Set(['h1-1-1', 'h2-2-2']), links: new Set([link2.id]) });
    const full = layoutLabels(devices, [...links, link2], DIAGRAM);
    // As clean as placing everything again.
    expect(collisions(after).length).toBeLessThanOrEqual(collisions(full).length);
    expect(after.ends.has(link2.id)).toBe(true);
  });

  test('a device deleted: its card and its links are gone from the layout', () => {
    const after = layoutLabels(
      devices.filter((d) => d.name !== 'h1-1-1'),
      links.filter((l) => l.a.node !== 'h1-1-1' && l.b.node !== 'h1-1-1'),
      DIAGRAM,
      { before, devices: new Set(['h1-1-1']), links: new Set(['h1-1-1:eth1--sw1-1:p2']) },
    );
    expect(after.cards.has('h1-1-1')).toBe(false);
    expect(after.ends.has('h1-1-1:eth1--sw1-1:p2')).toBe(false);
    expect(collisions(after)).toEqual([]);
  });
});
