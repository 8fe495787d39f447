// Fuzzing of what strangers hand the app: containerlab YAML, packetwalk JSON and shared links,
// read through the worker's API exactly as Open… and a link are (parseTopologyFile,
// readShareLink). Inputs are the bundled examples mutated as text (lines dropped, doubled,
// swapped or cut; tokens replaced by hostile values: aliases, merge keys, huge numbers,
// `__proto__`, control characters, deep nesting) and as structure (any value of a JSON file or
// link replaced by a hostile or arbitrary one), arbitrary JSON values and raw bytes. Every input must give
// a topology or a list of problems: an exception is a crash, a call slower than HANG_MS a hang.
// A test file runs a few hundred inputs per format (`npm test`); `npm run fuzz -- --count N`
// runs N per format and prints counts, times and memory. Test tooling: never in the app's bundle.

import fc from 'fast-check';
import { compressToEncodedURIComponent } from 'lz-string';
import type { Topology } from '../engine';
import { EXAMPLES } from '../examples';
import { SHARE_PREFIX } from '../walk/share/limits';
import { simApi } from './sim-api';

/** A read slower than this counts as a hang. */
export const HANG_MS = 5_000;

export type FuzzFormat = 'clab' | 'json' | 'link';

/** Values that broke or could break readers. */
const HOSTILE = [
  '__proto__', 'constructor', 'toString', '*a', '&a [*a, *a, *a]', '<<: *a', '<<', '---', '...', '1e308', '-1e308', '1e303', '1e16',
  'NaN', '.inf', '-.inf', '0x10', '-0', '""', "''", '~', 'null', '[]', '{}', '[[[[[[[[', ']]]]', '{{{{', '|', '>', '!!binary AA==', '!!js/function x',
  '\u0000', '\u001b[31m', '\u009b2J', '\u202e', '\ufeff', '%TAG', '? x', ': x', '- - - -', 'eth1', '.', '..', 'a/b', 'a:b', 'x'.repeat(300), '9'.repeat(40),
];

const examples = EXAMPLES.map((e) => e.text);
const jsons = EXAMPLES.slice(0, 4).map((e) => simApi.exportJson(simApi.loadExample(e.name)));

/** Line and token mutations of a text. */
function mutated(texts: string[]): fc.Arbitrary<string> {
  const mutation = fc.oneof(
    fc.record({ k: fc.constant('drop' as const), at: fc.nat() }),
    fc.record({ k: fc.constant('double' as const), at: fc.nat(), times: fc.integer({ min: 1, max: 50 }) }),
    fc.record({ k: fc.constant('swap' as const), at: fc.nat(), to: fc.nat() }),
    fc.record({ k: fc.constant('cut' as const), at: fc.nat() }),
    fc.record({ k: fc.constant('token' as const), at: fc.nat(), value: fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 20 }), fc.double().map(String)) }),
    fc.record({ k: fc.constant('nest' as const), at: fc.nat(), depth: fc.integer({ min: 100, max: 20_000 }) }),
    fc.record({ k: fc.constant('char' as const), at: fc.nat(), c: fc.integer({ min: 0, max: 0x2fff }) }),
  );
  return fc.tuple(fc.constantFrom(...texts), fc.array(mutation, { minLength: 1, maxLength: 6 })).map(([text, ms]) => {
    let lines = text.split('\n');
    for (const m of ms) {
      const i = m.at % Math.max(1, lines.length);
      if (m.k === 'drop') lines.splice(i, 1);
      else if (m.k === 'double') lines.splice(i, 0, ...Array<string>(m.times).fill(lines[i] ?? ''));
      else if (m.k === 'swap') [lines[i], lines[m.to % lines.length]] = [lines[m.to % lines.length] ?? '', lines[i] ?? ''];
      else if (m.k === 'cut') lines = lines.slice(0, i);
      else if (m.k === 'token') {
        const words = (lines[i] ?? '').split(/(\s+|[:,"[\]{}])/);
        words[(m.at >> 4) % Math.max(1, words.length)] = m.value;
        lines[i] = words.join('');
      } else if (m.k === 'nest') lines.splice(i, 0, `x: ${'['.repeat(m.depth)}${']'.repeat(m.depth)}`, `${'  '.repeat(0)}y: ${'{a: '.repeat(Math.min(m.depth, 2000))}1${'}'.repeat(Math.min(m.depth, 2000))}`);
      else {
        const line = lines[i] ?? '';
        const at = (m.at >> 4) % (line.length + 1);
        lines[i] = line.slice(0, at) + String.fromCharCode(m.c) + line.slice(at);
      }
    }
    return lines.join('\n');
  });
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path to a value in a JSON value. */
function paths(v: Json, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...at, i], out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) paths(x, [...at, k], out);
  return out;
}

/** Structured mutations of JSON documents: values anywhere replaced by hostile or arbitrary ones. */
function structural(docs: Json[]): fc.Arbitrary<Json> {
  const all = docs.map((d) => ({ doc: d, paths: paths(d) }));
  const value = fc.oneof(
    fc.constantFrom<Json>(...HOSTILE, 1e308, -1e308, 1e16, -1, 0.5, 2 ** 53, 65536, '', [], {}, null, true),
    fc.jsonValue() as fc.Arbitrary<Json>,
  );
  return fc.tuple(fc.nat(all.length - 1), fc.array(fc.tuple(fc.nat(), value), { minLength: 1, maxLength: 4 })).map(([d, edits]) => {
    const doc = structuredClone(all[d]!.doc);
    for (const [at, v] of edits) {
      const path = all[d]!.paths[at % all[d]!.paths.length]!;
      if (path.length === 0) continue;
      // An earlier edit may have replaced a value on the way: then this edit is skipped.
      let parent: Json = doc;
      for (const k of path.slice(0, -1)) parent = parent && typeof parent === 'object' ? ((parent as Record<string, Json>)[k as string] ?? null) : null;
      if (parent && typeof parent === 'object') Object.defineProperty(parent, path.at(-1)!, { value: v, enumerable: true, writable: true, configurable: true });
    }
    return doc;
  });
}

/** Raw bytes read as a file is read (UTF-8, bad sequences replaced). */
const rawText = fc.uint8Array({ maxLength: 2000 }).map((b) => new TextDecoder().decode(b));

/** Inputs of each format. */
export const inputs: Record<FuzzFormat, fc.Arbitrary<string>> = {
  clab: fc.oneof({ weight: 6, arbitrary: mutated(examples) }, { weight: 1, arbitrary: rawText }, { weight: 1, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)) }),
  json: fc.oneof(
    { weight: 3, arbitrary: mutated(jsons) },
    { weight: 4, arbitrary: structural(jsons.map((j) => JSON.parse(j) as Json)).map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: rawText },
    { weight: 2, arbitrary: fc.jsonValue().map((topology) => JSON.stringify({ format: 'packetwalk', version: 1, topology })) },
  ),
  link: fc.oneof(
    { weight: 3, arbitrary: mutated(jsons.map((j) => simApi.makeShareLink({ app: 'packetwalk', v: 1, topology: JSON.parse(j).topology as Topology }))) },
    { weight: 3, arbitrary: mutated(jsons.map((j) => `{"app":"packetwalk","v":1,"topology":${JSON.stringify(JSON.parse(j).topology)},"step":3}`)).map((json) => SHARE_PREFIX + compressToEncodedURIComponent(json)) },
    {
      weight: 3,
      arbitrary: structural(jsons.map((j) => ({ app: 'packetwalk', v: 1, topology: (JSON.parse(j) as { topology: Json }).topology, walk: { kind: 'scenario' }, step: 3 }))).map(
        (v) => SHARE_PREFIX + compressToEncodedURIComponent(JSON.stringify(v)),
      ),
    },
    { weight: 1, arbitrary: fc.string({ maxLength: 500 }).map((s) => SHARE_PREFIX + s) },
    { weight: 1, arbitrary: fc.jsonValue().map((v) => SHARE_PREFIX + compressToEncodedURIComponent(JSON.stringify({ app: 'packetwalk', v: 1, topology: v }))) },
  ),
};

/** Reads one input as the app does; throws on a crash or a hang. */
export function readOne(format: FuzzFormat, text: string): 'ok' | 'refused' {
  const started = performance.now();
  const r = format === 'link' ? simApi.readShareLink(text) : simApi.parseTopologyFile(text, format === 'clab' ? 'fuzz.clab.yml' : 'fuzz.json');
  const ms = performance.now() - started;
  if (ms > HANG_MS) throw new Error(`a hang: ${Math.round(ms)} ms for one input`);
  if (!r.ok && 'problems' in r && r.problems?.some((p) => /Maximum call stack|is not a function|Cannot read prop|is not iterable/.test(p.message))) {
    throw new Error(`a JavaScript error given as a problem: ${JSON.stringify(r.problems.slice(0, 3))}`);
  }
  return r.ok ? 'ok' : 'refused';
}

export interface FuzzReport {
  format: FuzzFormat;
  runs: number;
  ok: number;
  refused: number;
  ms: number;
}

/** Runs `count` inputs of a format (seeded: the same seed gives the same inputs); throws with the smallest failing input. */
export function fuzz(format: FuzzFormat, count: number, seed = 1): FuzzReport {
  const report: FuzzReport = { format, runs: 0, ok: 0, refused: 0, ms: 0 };
  const started = performance.now();
  fc.assert(
    fc.property(inputs[format], (text) => {
      report.runs++;
      report[readOne(format, text)]++;
    }),
    { numRuns: count, seed },
  );
  report.ms = Math.round(performance.now() - started);
  return report;
}
