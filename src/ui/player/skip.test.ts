import { describe, expect, it } from 'vitest';
import { skipTarget } from './usePlayerKeys';

const steps = [0, 1, 2, 15, 29, 30, 31, 40].map((s) => ({ t: s * 1_000_000 }));

describe('+30 s: the step 30 s of virtual time ahead', () => {
  it.each([
    [-1, 5], // from the start (0 s): the last step at 30 s or before
    [0, 5],
    [2, 6], // from 2 s: up to 32 s
    [5, 7], // from 30 s: 40 s is within 60 s
    [6, 7],
  ])('from step %i it goes to step %i', (cursor, target) => {
    expect(skipTarget(steps, cursor, 30_000_000)).toBe(target);
  });

  it('goes at least one step forward, even when the next one is further away', () => {
    expect(skipTarget([{ t: 0 }, { t: 90_000_000 }], 0, 30_000_000)).toBe(1);
  });
});
