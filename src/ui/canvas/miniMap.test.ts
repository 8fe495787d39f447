// The overview's frame: the network and the view together, centred in the overview's box.

import { describe, expect, test } from 'vitest';
import type { TopoNode } from '../../engine';
import { boundsOf, frameOf } from './MiniMap';
import { SYMBOL_CENTRE_Y } from './geometry';

const at = (name: string, x: number, y: number) => ({ name, position: { x, y } }) as TopoNode;

describe('the overview', () => {
  test("the network's box is every device's mark: 96 wide about its position, 70 down from its top", () => {
    expect(boundsOf([])).toBeUndefined();
    expect(boundsOf([at('a', 0, 0), at('b', 1000, 500)])).toEqual({ x: -48, y: -SYMBOL_CENTRE_Y, width: 1096, height: 570 });
  });

  test('shows the network and the view, the longer side filling the box, with 5 pixels around', () => {
    const network = { x: 0, y: 0, width: 1000, height: 100 };
    // The view inside the network: the network alone sets the scale, 1000 units over 150 pixels.
    const f = frameOf(network, { x: 100, y: 0, width: 200, height: 100 }, { width: 160, height: 100 });
    expect(f.scale).toBeCloseTo(1000 / 150);
    expect(f.width / f.height).toBeCloseTo(1.6);
    expect(f.x).toBeCloseTo(-5 * f.scale);
    expect(f.y + f.height / 2).toBeCloseTo(50);
    // A view far off to the right widens the frame to hold it.
    const g = frameOf(network, { x: 3000, y: 0, width: 200, height: 100 }, { width: 160, height: 100 });
    expect(g.x + g.width).toBeGreaterThan(3200);
    expect(g.x).toBeLessThan(0);
  });
});
