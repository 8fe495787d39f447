import { describe, expect, test } from 'vitest';
import { simApi } from '../../worker/sim-api';
import { DEFAULT_EXAMPLE } from '../../worker/protocol';
import { buildSteps } from '../../walk/steps';
import { READABLE_ZOOM, walkDevices, zoomToFit } from './Camera';

describe('the walk camera', () => {
  test("a walk's devices: every device a step happens at or comes from", () => {
    const topology = simApi.loadExample(DEFAULT_EXAMPLE);
    const steps = buildSteps(simApi.simulate(topology).events);
    expect(walkDevices(steps).sort()).toEqual(['h1', 'h2', 'r1', 'sw1', 'sw2']);
  });

  test('the zoom that fits a box is limited by its tighter side', () => {
    const box = { x0: -76, y0: -40, x1: 1076, y1: 117 };
    // 964 × 356 px with 5 % padding: 867 px for 1 152 wide, 320 px for 157 tall.
    expect(zoomToFit(box, 964, 356, 0.05)).toBeCloseTo(867.6 / 1152, 3);
    expect(zoomToFit(box, 964, 356, 0.05)).toBeGreaterThan(READABLE_ZOOM);
    expect(zoomToFit(box, 800, 356, 0.05)).toBeLessThan(READABLE_ZOOM);
  });
});
