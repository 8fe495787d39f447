import { describe, expect, test } from 'vitest';
import { DIAGRAM } from './diagramLabels';
import type { Box } from './geometry';
import { boxesOverlap, layoutLabels } from './labels';
import { markerSpot, restSpot } from './tags';
import { centreOf, collisions, device, link } from './testLayout';

describe('tags at rest', () => {
  const layout = layoutLabels([device('h1', 0, 0), device('r1', 400, 0)], [link('h1', 'eth1', 'r1', 'eth1')], DIAGRAM);
  const id = 'h1:eth1--r1:eth1';
  const tag = { width: 40, height: 24 };

  test('on the link, just past the name of the interface it reached', () => {
    const taken: Box[] = [];
    const at = restSpot(layout, id, 'b', tag, taken)!;
    const name = layout.labelBoxes.get(id)![1];
    expect(at.y).toBe(0);
    expect(at.x + tag.width / 2).toBeLessThanOrEqual(name.x);
    expect(name.x - (at.x + tag.width / 2)).toBeLessThan(4);
    expect(taken).toHaveLength(1);
  });

  test('a second tag on the same link rests behind the first', () => {
    const taken: Box[] = [];
    const first = restSpot(layout, id, 'b', tag, taken)!;
    const second = restSpot(layout, id, 'b', tag, taken)!;
    expect(second.x).toBeLessThan(first.x - tag.width);
    expect(boxesOverlap(taken[0]!, taken[1]!)).toBe(false);
  });

  test('a large tag (zoomed out) on a short link: beside its middle, clear of the names', () => {
    const short = layoutLabels([device('a', 0, 0), device('b', 150, 0)], [link('a', 'eth1', 'b', 'eth1')], DIAGRAM);
    const taken: Box[] = [];
    const at = restSpot(short, 'a:eth1--b:eth1', 'b', { width: 80, height: 48 }, taken)!;
    expect(at.y).not.toBe(0);
    expect(collisions(short, [{ what: 'tag', box: taken[0]!, rides: 'a:eth1--b:eth1' }])).toEqual([]);
  });
});


describe('a drop or a delivery badge', () => {
  test('above the device when nothing is there', () => {
    const layout = layoutLabels([device('h1', 0, 0)], [], DIAGRAM);
    const b = markerSpot(layout, 'h1', { width: 120, height: 24 }, [])!;
    expect(centreOf(b).x).toBe(0);
    expect(b.y + b.height).toBeLessThanOrEqual(-DIAGRAM.symbol);
  });

  test('elsewhere when links leave upwards, clear of their names', () => {
    const layout = layoutLabels([device('r1', 0, 0), device('a', -100, -250), device('b', 100, -250)], [link('r1', 'eth1', 'a', 'eth1'), link('r1', 'eth2', 'b', 'eth1')], DIAGRAM);
    const b = markerSpot(layout, 'r1', { width: 120, height: 24 }, [])!;
    expect(collisions(layout, [{ what: 'badge', box: b }])).toEqual([]);
  });
});
