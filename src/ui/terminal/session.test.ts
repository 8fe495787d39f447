// What a terminal's command sees of the last walk: the tables and the interfaces' counters at the
// step the player shows.

import { describe, expect, test } from 'vitest';
import { EXAMPLES } from '../../examples';
import { parseClab } from '../../engine/io/clab';
import { simulate } from '../../engine/sim/simulate';
import type { DoneRun } from '../../store';
import { learnedAt } from './session';

const example = EXAMPLES.find((e) => e.name === 'two-subnets-router')!;

describe('learnedAt', () => {
  const result = simulate(parseClab(example.text, example.file), { scenario: [{ kind: 'run', on: 'h1', run: 'ping -c 1 10.0.2.10' }] });
  const last = result.events[result.events.length - 1]!.seq;
  const run = (cursor: number) => ({ result, history: { h1: [] }, cursor, steps: [{ last }] }) as unknown as DoneRun;

  test('no walk: nothing learned, no counters', () => expect(learnedAt(undefined, 'h1')).toEqual({}));

  test("at the walk's start the counters are empty; at its end they hold the ping's frames", () => {
    expect(learnedAt(run(-1), 'h1').stats).toEqual({});
    expect(learnedAt(run(0), 'h1').stats?.eth1).toEqual({ rxBytes: 140, rxPackets: 2, txBytes: 140, txPackets: 2, txDropped: 0 });
  });
});
