// The differential fuzzer (`npm run fuzz:linux -- --count N --seed S`): random small topologies
// and scenarios (tools/fuzz/generate.ts) recorded on real Linux by the oracle's record.mjs
// (network namespaces: root only, so not part of `npm test`), replayed by the engine and compared
// with compare.mjs, plus every step's output character for character, as the conformance suite
// does. A topology whose recording differs from the engine is recorded a second time: if the two
// recordings differ, Linux itself is not deterministic there and the case is set aside; otherwise
// it is a mismatch, saved as a reproducer (the topology, both traces and the first differences).
//
//   npm run fuzz:linux -- --count 300 --seed 1 [--jobs 2] [--out DIR] [--oracle DIR]
//   npm run fuzz:linux -- --replay DIR      the engine again on every case DIR recorded, reported in DIR/replay
//
// Every recording is kept under DIR/cases/, so --replay measures a change of the engine against
// the same Linux traces. The script runs itself at nice 10.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseClab } from '../src/engine/io/clab';
import { formatOracleTrace, toOracleTrace } from '../src/engine/io/oracle';
import { simulate } from '../src/engine/sim/simulate';
import { generate } from './fuzz/generate';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const COMPARE = path.join(ROOT, 'tools/oracle/compare.mjs');

interface Opts {
  count: number;
  seed: number;
  jobs: number;
  out: string;
  oracle: string;
  replay?: string;
}

function parseArgs(argv: string[]): Opts {
  const o: Opts = { count: 20, seed: 1, jobs: 2, out: '', oracle: path.resolve(ROOT, '../shared/oracle') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = () => argv[++i] ?? '';
    if (a === '--count') o.count = Number(v());
    else if (a === '--seed') o.seed = Number(v());
    else if (a === '--jobs') o.jobs = Math.max(1, Number(v()));
    else if (a === '--out') o.out = path.resolve(v());
    else if (a === '--oracle') o.oracle = path.resolve(v());
    else if (a === '--replay') o.replay = path.resolve(v());
    else throw new Error(`unknown option ${a}`);
  }
  o.out ||= path.join(os.tmpdir(), `packetwalk-fuzz-seed${o.seed}`);
  return o;
}

function run(cmd: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // Without tsx's loader (NODE_OPTIONS): the recorder and compare.mjs are plain Node scripts.
    const env = { ...process.env };
    delete env.NODE_OPTIONS;
    const p = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/** The engine's trace of a topology file, or why it refused it. */
function engineTrace(file: string): { kind: 'ok'; text: string } | { kind: 'refused'; why: string } {
  const text = fs.readFileSync(file, 'utf8');
  try {
    // parseClab validates the topology too (validateTopology), and throws what it refuses.
    const topo = parseClab(text, file);
    return { kind: 'ok', text: formatOracleTrace(toOracleTrace(topo, simulate(topo))) };
  } catch (e) {
    return { kind: 'refused', why: e instanceof Error ? e.message : String(e) };
  }
}

type Step = { exit?: number; stdout?: string; stderr?: string };

/** compare.mjs, then each step's output as the conformance suite checks it. */
async function compare(golden: string, cand: string): Promise<string[]> {
  const r = await run(process.execPath, [COMPARE, golden, cand, '--json']);
  let diffs: string[];
  try {
    diffs = (JSON.parse(r.stdout) as { diffs: string[] }).diffs;
  } catch {
    return [`compare.mjs failed: ${r.stderr || r.stdout}`];
  }
  const gs = (JSON.parse(fs.readFileSync(golden, 'utf8')) as { steps: Step[] }).steps;
  const cs = (JSON.parse(fs.readFileSync(cand, 'utf8')) as { steps: Step[] }).steps;
  gs.forEach((g, i) => {
    const c = cs[i] ?? {};
    for (const k of ['stdout', 'stderr'] as const) {
      if ((g[k] ?? '') !== (c[k] ?? '')) diffs.push(`steps[${i}].${k}: expected ${JSON.stringify(g[k] ?? '')}, got ${JSON.stringify(c[k] ?? '')}`);
    }
  });
  return diffs;
}

async function record(o: Opts, file: string, out: string): Promise<string | undefined> {
  const r = await run(process.execPath, [path.join(o.oracle, 'record.mjs'), file, '--out', out, '-q']);
  return r.code === 0 ? undefined : (r.stderr || r.stdout).trim().split('\n').slice(0, 6).join(' | ');
}

type Outcome = 'match' | 'mismatch' | 'nondeterministic' | 'refused' | 'record-failed';

interface CaseResult {
  name: string;
  outcome: Outcome;
  tags: string[];
  diffs: string[];
}

/** One case: (record), engine, compare; a mismatch is recorded again before it counts. */
async function runCase(o: Opts, dir: string, tags: string[], recordIt: boolean): Promise<CaseResult> {
  const name = path.basename(dir);
  const topo = path.join(dir, 'topology.clab.yml');
  const linux = path.join(dir, 'linux.trace.json');
  const res = (outcome: Outcome, diffs: string[] = []): CaseResult => ({ name, outcome, tags, diffs });
  if (recordIt) {
    const err = await record(o, topo, linux);
    if (err) return res('record-failed', [err]);
  }
  const eng = engineTrace(topo);
  if (eng.kind === 'refused') return res('refused', [eng.why]);
  if (!fs.existsSync(linux)) return res('record-failed', ['no recording']);
  const engineFile = path.join(dir, 'engine.trace.json');
  fs.writeFileSync(engineFile, eng.text);
  const diffs = await compare(linux, engineFile);
  if (!diffs.length) return res('match');
  const again = path.join(dir, 'linux-2.trace.json');
  if (recordIt || !fs.existsSync(again)) {
    const err = await record(o, topo, again);
    if (err) return res('record-failed', [err]);
  }
  const det = await compare(linux, again);
  if (det.length) return res('nondeterministic', det);
  return res('mismatch', diffs);
}

async function pool<T>(items: T[], jobs: number, fn: (t: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(jobs, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]!);
  }));
}

/** Where a run's summary and reproducers go: the output folder, or its replay/ for a replay. */
const reportDir = (o: Opts) => (o.replay ? path.join(o.out, 'replay') : o.out);

function saveMismatch(o: Opts, caseDir: string, r: CaseResult): void {
  const dst = path.join(reportDir(o), 'mismatches', r.name);
  fs.mkdirSync(dst, { recursive: true });
  for (const f of ['topology.clab.yml', 'linux.trace.json', 'engine.trace.json']) fs.copyFileSync(path.join(caseDir, f), path.join(dst, f));
  fs.writeFileSync(path.join(dst, 'differences.txt'), `tags: ${r.tags.join(', ')}\n\n${r.diffs.slice(0, 20).join('\n')}\n`);
}

async function main(): Promise<number> {
  const o = parseArgs(process.argv.slice(2));
  try {
    os.setPriority(10);
  } catch {
    /* already lower */
  }
  if (o.replay) o.out = o.replay;
  const casesDir = path.join(o.out, 'cases');
  fs.mkdirSync(casesDir, { recursive: true });
  fs.mkdirSync(reportDir(o), { recursive: true });
  fs.rmSync(path.join(reportDir(o), 'mismatches'), { recursive: true, force: true });
  console.log(`fuzz:linux ${o.replay ? `replay of ${o.out}` : `seed ${o.seed}, ${o.count} topologies, ${o.jobs} jobs`}; cases and reproducers in ${o.out}`);
  let work: { dir: string; tags: string[] }[];
  if (o.replay) {
    work = fs.readdirSync(casesDir).sort().filter((n) => fs.existsSync(path.join(casesDir, n, 'linux.trace.json'))).map((n) => {
      const dir = path.join(casesDir, n);
      const head = fs.readFileSync(path.join(dir, 'topology.clab.yml'), 'utf8').split('\n')[1] ?? '';
      return { dir, tags: head.replace(/^# Exercises: /, '').split(', ') };
    });
  } else {
    if (process.getuid?.() !== 0) {
      console.error('fuzz:linux records on network namespaces: run it as root (or use --replay DIR)');
      return 2;
    }
    work = Array.from({ length: o.count }, (_, i) => {
      const g = generate(o.seed, i);
      const dir = path.join(casesDir, g.name);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, 'topology.clab.yml'), g.yaml);
      return { dir, tags: g.tags };
    });
  }
  const results: CaseResult[] = [];
  const t0 = Date.now();
  await pool(work, o.replay ? 1 : o.jobs, async (w) => {
    const r = await runCase(o, w.dir, w.tags, !o.replay);
    results.push(r);
    if (r.outcome === 'mismatch') saveMismatch(o, w.dir, r);
    const first = r.diffs[0] ? `  ${r.diffs[0].slice(0, 160)}` : '';
    console.log(`[${results.length}/${work.length}] ${r.name} ${r.outcome}${first}`);
  });
  results.sort((a, b) => a.name.localeCompare(b.name));
  const n = (k: Outcome) => results.filter((r) => r.outcome === k).length;
  const compared = n('match') + n('mismatch');
  const rate = compared ? ((100 * n('match')) / compared).toFixed(1) : '-';
  const summary = {
    seed: o.seed,
    cases: results.length,
    compared,
    match: n('match'),
    mismatch: n('mismatch'),
    nondeterministic: n('nondeterministic'),
    refused: n('refused'),
    recordFailed: n('record-failed'),
    matchRate: rate,
    seconds: Math.round((Date.now() - t0) / 1000),
    results,
  };
  fs.writeFileSync(path.join(reportDir(o), 'summary.json'), JSON.stringify(summary, null, 1) + '\n');
  console.log(
    `\n${results.length} topologies: ${n('match')} match, ${n('mismatch')} differ (${rate}% of ${compared} compared), ` +
      `${n('nondeterministic')} not deterministic on Linux, ${n('refused')} refused by the engine, ${n('record-failed')} not recorded`,
  );
  if (n('mismatch')) console.log(`reproducers: ${path.join(reportDir(o), 'mismatches')}`);
  return n('mismatch') ? 1 : 0;
}

process.exitCode = await main();
