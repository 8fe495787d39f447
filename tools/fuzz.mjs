#!/usr/bin/env node
// npm run fuzz -- --count N [--seed S]: N fuzzed inputs per format (containerlab YAML, packetwalk
// JSON, shared links) through the worker's readers (src/worker/fuzz.ts), run by vitest (which
// reads the bundled examples as the app's build does), with counts, times and peak memory.
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const value = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const count = value('--count', '10000');
const seed = value('--seed', String(Date.now() % 1_000_000));
if (!/^\d+$/.test(count) || !/^\d+$/.test(seed)) {
  console.error('usage: npm run fuzz -- [--count N] [--seed S]');
  process.exit(2);
}
console.log(`fuzzing ${count} inputs per format, seed ${seed}`);
const r = spawnSync('npx', ['vitest', 'run', 'src/worker/fuzz.test.ts', '--reporter', 'verbose'], {
  stdio: 'inherit',
  env: { ...process.env, PW_FUZZ_COUNT: count, PW_FUZZ_SEED: seed },
});
process.exit(r.status ?? 1);
