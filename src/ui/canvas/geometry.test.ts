import { describe, expect, test } from 'vitest';
import { borderPoint, parallelShift } from './geometry';

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
