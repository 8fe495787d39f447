// The event loop's order: timers fire by time, and timers of equal time in the order they were
// armed, whether they went to the heap (at, after) or to the queue of afterWith.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Sim } from './sim';

type Arm = { how: 'at' | 'after' | 'afterWith'; delay: number; children: Arm[] };

const arm: fc.Memo<Arm> = fc.memo((depth) =>
  fc.record({
    how: fc.constantFrom('at', 'after', 'afterWith'),
    delay: fc.oneof(fc.constant(5), fc.integer({ min: 0, max: 20 })),
    children: depth > 1 ? fc.array(arm(depth - 1), { maxLength: 3 }) : fc.constant([]),
  }),
);

/** Runs the arms (each timer arming its children when it fires); returns the firing order with each timer's due time and arming rank. */
function fire(arms: Arm[]): { id: number; t: number; rank: number }[] {
  const sim = new Sim(1, 1000);
  const fired: { id: number; t: number; rank: number }[] = [];
  let rank = 0;
  let ids = 0;
  const schedule = (a: Arm) => {
    const id = ids++;
    const due = sim.now + a.delay;
    const r = rank++;
    const run = () => {
      fired.push({ id, t: due, rank: r });
      expect(sim.now).toBe(due);
      a.children.forEach(schedule);
    };
    if (a.how === 'at') sim.at(due, run);
    else if (a.how === 'after') sim.after(a.delay, run);
    else sim.afterWith(a.delay, run, undefined);
  };
  arms.forEach(schedule);
  sim.run();
  expect(sim.pending).toBe(0);
  return fired;
}

describe('Sim timers', () => {
  it('fire by time, then in the order they were armed, heap and queue alike', () => {
    fc.assert(
      fc.property(fc.array(arm(3), { maxLength: 8 }), (arms) => {
        const fired = fire(arms);
        const sorted = [...fired].sort((a, b) => a.t - b.t || a.rank - b.rank);
        expect(fired.map((f) => f.id)).toEqual(sorted.map((f) => f.id));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps a queue that never drains in order (a storm of frames)', () => {
    const sim = new Sim(1, 100_000);
    const seen: number[] = [];
    let n = 0;
    const hop = (i: number) => {
      seen.push(i);
      if (n < 20_000) {
        // every frame makes two more, the way a flood in a loop does
        sim.afterWith(5, hop, n++);
        sim.afterWith(5, hop, n++);
      }
    };
    sim.afterWith(5, hop, n++);
    sim.run();
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen.length).toBe(n);
  });
});
