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
