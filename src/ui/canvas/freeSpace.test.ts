import { describe, expect, test } from 'vitest';
import { DIAGRAM } from './diagramLabels';
import { freeSpot } from './freeSpace';
import type { Point } from './geometry';
import { layoutLabels } from './labels';
import { collisions, device, link } from './testLayout';

describe('free space for a new device', () => {
  const layout = layoutLabels([device('h1', 0, 0, { width: 120, height: 80 }), device('h2', 300, 0)], [link('h1', 'eth1', 'h2', 'eth1')], DIAGRAM);
  // A new device: its symbol and a card under it.
  const footprint = { x: -50, y: -30, width: 100, height: 30 + 32 + 45 };
  const clear = (p: Point) => collisions(layout, [{ what: 'new', box: { ...footprint, x: p.x + footprint.x, y: p.y + footprint.y } }]);

  test('where it was asked for when that is free', () => {
    expect(freeSpot(layout, { x: 0, y: 400 }, footprint, { step: 20, margin: 8 })).toEqual({ x: 0, y: 400 });
  });

  test('never on a device, its card, its link or its interface names: the nearest free spot', () => {
    for (const near of [
      { x: 0, y: 0 },
      { x: 0, y: 60 },
      { x: 150, y: 0 },
      { x: 300, y: 40 },
    ]) {
      const p = freeSpot(layout, near, footprint, { step: 20, margin: 8 });
      expect(clear(p)).toEqual([]);
      expect(Math.hypot(p.x - near.x, p.y - near.y)).toBeLessThan(250);
    }
  });

  test('inside the view when there is room there', () => {
    const within = { x: -100, y: -60, width: 520, height: 300 };
    const p = freeSpot(layout, { x: 150, y: 0 }, footprint, { step: 20, margin: 8, within });
    const box = { ...footprint, x: p.x + footprint.x, y: p.y + footprint.y };
    expect(box.x >= within.x && box.y >= within.y && box.x + box.width <= within.x + within.width && box.y + box.height <= within.y + within.height).toBe(true);
    expect(clear(p)).toEqual([]);
  });
});
