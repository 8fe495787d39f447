// Fuzzed inputs per format (fuzz.ts): a few hundred in every `npm test`; `npm run fuzz -- --count N`
// runs this file with PW_FUZZ_COUNT=N and prints each format's counts, time and peak memory.

import { describe, expect, test } from 'vitest';
import { fuzz, readOne, type FuzzFormat } from './fuzz';

const COUNT = Number(process.env.PW_FUZZ_COUNT ?? 150);
const SEED = Number(process.env.PW_FUZZ_SEED ?? 22);

describe('fuzzed files and links give a topology or problems, never a crash or a hang', () => {
  test.each<FuzzFormat>(['clab', 'json', 'link'])('%s', (format) => {
    const r = fuzz(format, COUNT, SEED);
    if (process.env.PW_FUZZ_COUNT) {
      console.log(`fuzz ${format}: ${r.runs} inputs (${r.ok} opened, ${r.refused} refused), 0 crashes, 0 hangs, ${(r.ms / 1000).toFixed(1)} s; peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`);
    }
    expect(r.runs).toBe(COUNT);
    // Both ways out are taken: the mutations are not all fatal, nor all harmless.
    expect(r.refused).toBeGreaterThan(0);
    expect(r.ok + r.refused).toBe(r.runs);
  }, Math.max(60_000, COUNT * 100));

  test('the inputs that crashed the readers before are refused with a reason', () => {
    const bomb = `a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\ntopology: {nodes: {}}\n`;
    expect(readOne('clab', bomb)).toBe('refused');
    expect(readOne('clab', `topology: ${'['.repeat(50_000)}`)).toBe('refused');
    expect(readOne('json', `${'['.repeat(50_000)}${']'.repeat(50_000)}`)).toBe('refused');
  });
});
