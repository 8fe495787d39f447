import { describe, expect, test } from 'vitest';
import { borderPoint, endLabels, parallelShift } from './geometry';

const box = { x: 0, y: 0, width: 100, height: 40 }; // centre (50, 20)

test.each([
  ['to the right', { x: 500, y: 20 }, 0, { x: 100, y: 20 }],
  ['to the left, with a gap', { x: -500, y: 20 }, 4, { x: -4, y: 20 }],
  ['straight down', { x: 50, y: 300 }, 0, { x: 50, y: 40 }],
  ['steeply down-right leaves through the bottom', { x: 70, y: 60 }, 0, { x: 60, y: 40 }],
  ['shallow up-right leaves through the side', { x: 150, y: 10 }, 0, { x: 100, y: 15 }],
  ['towards its own centre stays there', { x: 50, y: 20 }, 0, { x: 50, y: 20 }],
])('borderPoint %s', (_what, toward, gap, expected) => {
  expect(borderPoint(box, toward, gap)).toEqual(expected);
});

describe('endLabels', () => {
  const label = { width: 40, height: 18 };

  test('on a long horizontal link, each label sits on the line just clear of its node', () => {
    expect(endLabels({ x: 0, y: 0 }, { x: 200, y: 0 }, label, label)).toEqual([
      { x: 25, y: 0 },
      { x: 175, y: 0 },
    ]);
  });

  test('on a vertical link the clearance is half the label height', () => {
    expect(endLabels({ x: 0, y: 0 }, { x: 0, y: 200 }, label, label)).toEqual([
      { x: 0, y: 14 },
      { x: 0, y: 186 },
    ]);
  });

  test('when the labels would touch on the line, they move beside it', () => {
    const [a, b] = endLabels({ x: 0, y: 0 }, { x: 90, y: 0 }, label, label);
    expect(a.y).toBeLessThan(0);
    expect(b.y).toBeGreaterThan(0);
  });

  test('on a short link the labels move to opposite sides and do not overlap', () => {
    const [a, b] = endLabels({ x: 0, y: 0 }, { x: 30, y: 0 }, label, label);
    expect(a.y).toBeLessThan(0);
    expect(b.y).toBeGreaterThan(0);
    expect(Math.abs(a.y - b.y)).toBeGreaterThanOrEqual(label.height);
  });
});

describe('parallelShift', () => {
  const a = { x: 0, y: 0 };
  const b = { x: 100, y: 0 };
  /** The shift with -0 written as 0. */
  const shift = (...args: Parameters<typeof parallelShift>) => {
    const p = parallelShift(...args);
    return { x: p.x + 0, y: p.y + 0 };
  };
  test('two cables sit 12 px apart, across the line, one each side', () => {
    expect(shift(a, b, 'h1', 'h2', 0, 2)).toEqual({ x: 0, y: -6 });
    expect(shift(a, b, 'h1', 'h2', 1, 2)).toEqual({ x: 0, y: 6 });
    expect(shift(a, b, 'h1', 'h2', 0, 1)).toEqual({ x: 0, y: 0 });
  });
  test('the same shift whichever device the link starts from', () => {
    expect(shift(b, a, 'h2', 'h1', 0, 2)).toEqual(shift(a, b, 'h1', 'h2', 0, 2));
    expect(shift(b, a, 'h2', 'h1', 1, 2)).toEqual(shift(a, b, 'h1', 'h2', 1, 2));
  });
});
