// packetwalk CLI: runs the engine headless on a topology file.
//   packetwalk trace FILE [--format text|brief|oracle|json] [--seed N] [--max-events N] [--settle-ms N]
//                         [--run 'NODE: COMMAND']… [--raw-macs] [--out FILE]
//                         [--pcapng FILE] [--pcap LINK FILE]…
//   packetwalk check FILE
//   packetwalk convert FILE --to json|clab [--out FILE]

import fs from 'node:fs';
import path from 'node:path';
import {
  leafSpine,
  withFirstToLastPing,
  threeTier,
  ExportError,
  formatOracleTrace,
  parseClab,
  parseTopologyJson,
  simulate,
  toClab,
  toOracleTrace,
  toPcap,
  toPcapng,
  toTopologyJson,
  TopologyError,
  ScenarioError,
  type ScenarioStep,
  type SimResult,
  type Topology,
} from '../engine';
import { formatTraceText, frameComments } from './format';

const USAGE = `usage:
  packetwalk trace FILE [options]     run the scenario of FILE (.clab.yml or .json) and print the trace
      --format text|brief|oracle|json  text: one line per event (default); brief: frames, drops and steps;
                                       oracle: the ../shared/oracle trace format; json: every event
      --run 'NODE: COMMAND'            run this instead of the file's scenario (repeatable)
      --seed N                         seed of random choices (default 1)
      --max-events N                   stop after N events (default 50000)
      --settle-ms N                    pause after each step (default 300, as the oracle)
      --raw-macs                       print MAC addresses instead of node:iface labels
      --out FILE                       write to FILE instead of stdout
      --pcapng FILE                    also write the walk for Wireshark: one interface per link side,
                                       every frame on a wire with its time, direction and a comment
      --pcap LINK FILE                 also write one link's frames as classic pcap (LINK: its key
                                       "a:if--b:if" or one side "r1:eth2"; repeatable)
  packetwalk check FILE               validate FILE and report every problem with its line
  packetwalk generate leaf-spine --spines N --leaves N --hosts N [--ping] [--out FILE]
  packetwalk generate three-tier --cores N --pods N --agg N --access N --hosts N [--ping] [--out FILE]
                                      a routed data-center fabric as a containerlab file (--ping: a
                                      scenario where the first host pings the last one)
  packetwalk convert FILE --to json|clab [--out FILE]`;

export function loadTopology(file: string): Topology {
  const text = fs.readFileSync(file, 'utf8');
  return /\.json$/i.test(file) ? parseTopologyJson(text, file) : parseClab(text, file);
}

function parseRun(spec: string): ScenarioStep {
  const m = /^([^:]+):\s*(.+)$/.exec(spec);
  if (!m) throw new UsageError(`--run expects 'NODE: COMMAND', got "${spec}"`);
  return { kind: 'run', on: m[1]!.trim(), run: m[2]!.trim() };
}

class UsageError extends Error {}

export function main(argv: string[], out: (s: string) => void = (s) => process.stdout.write(s)): number {
  const [cmd, ...rest] = argv;
  if (cmd === 'generate') return generate(rest, out);
  if (!cmd || cmd === '-h' || cmd === '--help') {
    out(USAGE + '\n');
    return cmd ? 0 : 2;
  }
  const opts: Record<string, string> = {};
  const runs: ScenarioStep[] = [];
  const pcaps: { link: string; file: string }[] = [];
  const files: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a === '--raw-macs') opts['raw-macs'] = '1';
    else if (a === '--run') runs.push(parseRun(rest[++i] ?? ''));
    else if (a === '--pcap') {
      const link = rest[++i];
      const pcapFile = rest[++i];
      if (link === undefined || pcapFile === undefined) throw new UsageError('--pcap needs a link and a file: --pcap LINK FILE');
      pcaps.push({ link, file: pcapFile });
    }
    else if (a.startsWith('--')) {
      const v = rest[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      opts[a.slice(2)] = v;
    } else files.push(a);
  }
  if (files.length !== 1) throw new UsageError(`${cmd}: expected one topology file`);
  if (cmd !== 'trace' && (opts.pcapng !== undefined || pcaps.length)) throw new UsageError('--pcapng and --pcap go with trace');
  const file = files[0]!;
  const emit = (text: string) => {
    if (opts.out) fs.writeFileSync(opts.out, text);
    else out(text);
  };
  const num = (k: string, d: number) => {
    if (opts[k] === undefined) return d;
    const n = Number(opts[k]);
    if (!Number.isFinite(n) || n < 0) throw new UsageError(`--${k} expects a number`);
    return n;
  };
  switch (cmd) {
    case 'check': {
      const t = loadTopology(file);
      emit(`${file}: ok — ${t.nodes.length} nodes, ${t.links.length} links, ${t.scenario.length} scenario steps\n`);
      return 0;
    }
    case 'convert': {
      const t = loadTopology(file);
      if (opts.to === 'json') emit(toTopologyJson(t));
      else if (opts.to === 'clab') {
        const r = toClab(t);
        for (const w of r.warnings) process.stderr.write(`warning: ${w}\n`);
        emit(r.text);
      } else throw new UsageError('convert: --to json or --to clab');
      return 0;
    }
    case 'trace': {
      const t = loadTopology(file);
      const format = opts.format ?? 'text';
      const seed = num('seed', 1);
      const r = simulate(t, {
        seed,
        maxEvents: num('max-events', 50_000),
        settleMs: num('settle-ms', 300),
        ...(runs.length ? { scenario: runs } : {}),
      });
      if (format === 'oracle') emit(formatOracleTrace(toOracleTrace(t, r)));
      else if (format === 'json') emit(JSON.stringify(r) + '\n');
      else if (format === 'text' || format === 'brief') emit(formatTraceText(t, r, { brief: format === 'brief', rawMacs: opts['raw-macs'] === '1' }));
      else throw new UsageError(`--format ${format}: use text, brief, oracle or json`);
      writeExports(t, r, { pcapng: opts.pcapng, pcaps, seed, rawMacs: opts['raw-macs'] === '1' });
      return r.stopped ? 3 : 0;
    }
    default:
      throw new UsageError(`unknown command "${cmd}"`);
  }
}

/** Writes the Wireshark exports a trace asked for (an empty walk is an ExportError, not a file). */
function writeExports(t: Topology, r: SimResult, o: { pcapng?: string; pcaps: { link: string; file: string }[]; seed: number; rawMacs: boolean }): void {
  const wrap = (what: string, fn: () => Uint8Array): Uint8Array => {
    try {
      return fn();
    } catch (e) {
      if (e instanceof ExportError) throw new ExportError(e.code, `${what}: ${e.message}`);
      throw e;
    }
  };
  // Build every file before writing any, so that a bad --pcap leaves no half-done set behind.
  const out: [string, Uint8Array][] = [];
  if (o.pcapng) {
    const comment = frameComments(t, r, { rawMacs: o.rawMacs });
    const sectionComment = `packetwalk trace of ${t.name}, seed ${o.seed}`;
    out.push([o.pcapng, wrap(`--pcapng ${o.pcapng}`, () => toPcapng(t, r, { comment, sectionComment }))]);
  }
  for (const p of o.pcaps) out.push([p.file, wrap(`--pcap ${p.link} ${p.file}`, () => toPcap(t, r, p.link))]);
  for (const [file, bytes] of out) fs.writeFileSync(file, bytes);
}

function generate(argv: string[], out: (s: string) => void): number {
  const [design, ...rest] = argv;
  const opts: Record<string, string> = {};
  let ping = false;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a === '--ping') ping = true;
    else if (a.startsWith('--') && rest[i + 1] !== undefined) opts[a.slice(2)] = rest[++i]!;
    else throw new UsageError(`generate: unexpected "${a}"`);
  }
  const n = (k: string, d: number) => {
    const v = opts[k] === undefined ? d : Number(opts[k]);
    if (!Number.isInteger(v) || v < 1) throw new UsageError(`generate: --${k} expects a whole number ≥ 1`);
    return v;
  };
  let t: Topology;
  if (design === 'leaf-spine') t = leafSpine({ spines: n('spines', 2), leaves: n('leaves', 4), hostsPerLeaf: n('hosts', 4) });
  else if (design === 'three-tier') {
    t = threeTier({ cores: n('cores', 2), pods: n('pods', 2), aggPerPod: n('agg', 2), accessPerPod: n('access', 2), hostsPerAccess: n('hosts', 4) });
  } else throw new UsageError('generate: leaf-spine or three-tier');
  if (ping) t = withFirstToLastPing(t);
  const text = toClab(t).text;
  if (opts.out) fs.writeFileSync(opts.out, text);
  else out(text);
  return 0;
}

/** Runs main and turns known errors into messages and exit codes (2: usage/input, 1: other). */
export function run(argv: string[]): number {
  try {
    return main(argv);
  } catch (e) {
    if (e instanceof TopologyError) {
      process.stderr.write(e.problems.map((p) => `${p.file}${p.line !== undefined ? `:${p.line}` : ''}: ${p.message}`).join('\n') + '\n');
      return 2;
    }
    if (e instanceof UsageError || e instanceof ScenarioError || e instanceof ExportError) {
      process.stderr.write(`packetwalk: ${e.message}\n${e instanceof UsageError ? USAGE + '\n' : ''}`);
      return 2;
    }
    if (e && typeof e === 'object' && 'code' in e && (e as { code: string }).code === 'ENOENT') {
      process.stderr.write(`packetwalk: ${(e as unknown as Error).message}\n`);
      return 2;
    }
    throw e;
  }
}

const invoked = process.argv[1] && path.resolve(process.argv[1]).replace(/\.ts$/, '') === path.resolve(new URL(import.meta.url).pathname).replace(/\.ts$/, '');
if (invoked) process.exitCode = run(process.argv.slice(2));
