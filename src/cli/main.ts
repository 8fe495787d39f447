// packetwalk CLI: runs the engine headless on a topology file.
//   packetwalk trace FILE [--format text|brief|oracle|json] [--seed N] [--max-events N] [--settle-ms N]
//                         [--run 'NODE: COMMAND']… [--raw-macs] [--out FILE]
//                         [--pcapng FILE] [--pcap LINK FILE]…
//   packetwalk check FILE
//   packetwalk convert FILE --to json|clab [--out FILE]
//   packetwalk generate leaf-spine|three-tier … [--single-path] [--ping | --flows N] [--out FILE]
// Every input is bounded as in the app (engine/io/limits.ts: files read up to maxFileBytes,
// event bounds, seconds, fabric sizes); every failure ends with a message and a documented exit
// status (EXIT), never a stack trace; text from a file is printed to a terminal with its control
// characters escaped.

import fs from 'node:fs';
import path from 'node:path';
import {
  fabricSizeProblem,
  leafSpineCounts,
  MAX_DEVICES,
  MAX_EVENTS,
  MAX_ROUTES,
  maxFileBytes,
  MAX_SECONDS,
  textEncoding,
  threeTierCounts,
  type FabricCounts,
  leafSpine,
  withFirstToLastFlows,
  withFirstToLastPing,
  MAX_FLOWS,
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
  formatProblem,
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
      --max-events N                   stop after N events (default 50000, at most ${MAX_EVENTS})
      --settle-ms N                    pause after each step (default 300, as the oracle; at most ${MAX_SECONDS * 1000})
      --raw-macs                       print MAC addresses instead of node:iface labels
      --out FILE                       write to FILE instead of stdout
      --pcapng FILE                    also write the walk for Wireshark: one interface per link side,
                                       every frame on a wire with its time, direction and a comment
      --pcap LINK FILE                 also write one link's frames as classic pcap (LINK: its key
                                       "a:if--b:if" or one side "r1:eth2"; repeatable)
  packetwalk check FILE               validate FILE and report every problem with its line
  packetwalk generate leaf-spine --spines N --leaves N --hosts N [--single-path] [--ping | --flows N] [--out FILE]
  packetwalk generate three-tier --cores N --pods N --agg N --access N --hosts N [--single-path] [--ping | --flows N] [--out FILE]
                                      a routed data-center fabric as a containerlab file, with ECMP
                                      routes over equally short paths (--single-path: one next hop,
                                      the first spine or core); --ping: a scenario where the first
                                      host pings the last one; --flows N: N TCP flows between them,
                                      each from its own source port (at most ${MAX_FLOWS})
                                      (at most ${MAX_DEVICES} devices and ${MAX_ROUTES} static routes,
                                      as in the app)
  packetwalk convert FILE --to json|clab [--out FILE]

exit status: 0 done; 1 internal error (a bug: please report it); 2 bad usage or input (a message
says which, with the file's line when there is one); 3 the walk stopped at its event bound`;

/** The exit statuses (documented in the usage and the README). */
export const EXIT = { ok: 0, internal: 1, input: 2, stopped: 3 } as const;

/** An input the CLI cannot use (a file it cannot read, a size beyond a limit): a message, exit 2. */
class InputError extends Error {}

/** Node's message for a failed system call, without the path it repeats ("ENOENT: no such file or directory"). */
const reason = (e: unknown): string => (e instanceof Error ? e.message.replace(/, \w+ '.*'$/s, '') : String(e));

/**
 * A file's text, read up to maxFileBytes (a larger file, or a device such as /dev/zero that
 * never ends, is refused once that much is read) and decoded as the app decodes it: UTF-16 with
 * a byte order mark, else UTF-8.
 */
export function readText(file: string): string {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (e) {
    throw new InputError(`cannot read ${file}: ${reason(e)}`);
  }
  try {
    if (fs.fstatSync(fd).isDirectory()) throw new InputError(`${file} is a directory, not a topology file`);
    const max = maxFileBytes(file);
    const buf = Buffer.alloc(max + 1);
    let n = 0;
    for (let k = -1; k !== 0 && n < buf.length; n += k) k = fs.readSync(fd, buf, n, buf.length - n, null);
    if (n > max) throw new InputError(`${file} is larger than ${max / 1024 / 1024} MiB, more than a topology file packetwalk reads`);
    const bytes = buf.subarray(0, n);
    return new TextDecoder(textEncoding(bytes)).decode(bytes);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`cannot read ${file}: ${reason(e)}`);
  } finally {
    fs.closeSync(fd);
  }
}

/** Refuses an output path that cannot be a file (a directory, or in a directory that does not exist) before any work. */
function checkOutput(option: string, file: string): void {
  if (fs.statSync(file, { throwIfNoEntry: false })?.isDirectory()) throw new InputError(`${option} ${file}: is a directory`);
  const dir = path.dirname(path.resolve(file));
  if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw new InputError(`${option} ${file}: no directory ${dir}`);
}

function writeFile(file: string, data: string | Uint8Array): void {
  try {
    fs.writeFileSync(file, data);
  } catch (e) {
    throw new InputError(`cannot write ${file}: ${reason(e)}`);
  }
}

export function loadTopology(file: string): Topology {
  const text = readText(file);
  return /\.json$/i.test(file) ? parseTopologyJson(text, file) : parseClab(text, file);
}

/**
 * Text for a terminal: control characters (but tab and newline), DEL, C1 controls and Unicode's
 * bidirectional overrides written as escapes, so that a topology's name or a command's output
 * from a file cannot move the cursor, recolour or rewrite the screen.
 */
export function escapeControls(s: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what it finds
  return s.replace(/[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const n = c.charCodeAt(0);
    return n <= 0xff ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u${n.toString(16)}`;
  });
}

/** What goes to a terminal is escaped; what goes to a pipe or a file is written as it is. */
const stdout = (s: string) => void process.stdout.write(process.stdout.isTTY ? escapeControls(s) : s);
const stderr = (s: string) => void process.stderr.write(escapeControls(s));

function parseRun(spec: string): ScenarioStep {
  const m = /^([^:]+):\s*(.+)$/.exec(spec);
  if (!m) throw new UsageError(`--run expects 'NODE: COMMAND', got "${spec}"`);
  return { kind: 'run', on: m[1]!.trim(), run: m[2]!.trim() };
}

class UsageError extends Error {}

/** The options that take a value (trace, check, convert). */
const VALUED = new Set(['format', 'seed', 'max-events', 'settle-ms', 'out', 'pcapng', 'to']);

/** Options by name, in an object without a prototype (an option is never read from Object.prototype). */
const options = (): Record<string, string> => Object.create(null) as Record<string, string>;

export function main(argv: string[], out: (s: string) => void = stdout): number {
  const [cmd, ...rest] = argv;
  if (cmd === 'generate') return generate(rest, out);
  if (!cmd || cmd === '-h' || cmd === '--help') {
    out(USAGE + '\n');
    return cmd ? 0 : 2;
  }
  const opts = options();
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
      if (!VALUED.has(a.slice(2))) throw new UsageError(`unknown option ${a}`);
      const v = rest[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      opts[a.slice(2)] = v;
    } else files.push(a);
  }
  if (files.length !== 1) throw new UsageError(`${cmd}: expected one topology file`);
  if (cmd !== 'trace' && (opts.pcapng !== undefined || pcaps.length)) throw new UsageError('--pcapng and --pcap go with trace');
  const file = files[0]!;
  if (opts.out !== undefined) checkOutput('--out', opts.out);
  if (opts.pcapng !== undefined) checkOutput('--pcapng', opts.pcapng);
  for (const p of pcaps) checkOutput(`--pcap ${p.link}`, p.file);
  const emit = (text: string) => {
    if (opts.out) writeFile(opts.out, text);
    else out(text);
  };
  const num = (k: string, d: number, max: number, integer = false) => {
    if (opts[k] === undefined) return d;
    const n = Number(opts[k]);
    if (!Number.isFinite(n) || n < 0 || n > max || (integer && !Number.isInteger(n))) throw new UsageError(`--${k} expects ${integer ? 'a whole number' : 'a number'} from 0 to ${max}`);
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
        for (const w of r.warnings) stderr(`warning: ${w}\n`);
        emit(r.text);
      } else throw new UsageError('convert: --to json or --to clab');
      return 0;
    }
    case 'trace': {
      const t = loadTopology(file);
      const format = opts.format ?? 'text';
      if (!['text', 'brief', 'oracle', 'json'].includes(format)) throw new UsageError(`--format ${format}: use text, brief, oracle or json`);
      const seed = num('seed', 1, 0xffffffff, true);
      const r = simulate(t, {
        seed,
        maxEvents: num('max-events', 50_000, MAX_EVENTS, true),
        settleMs: num('settle-ms', 300, MAX_SECONDS * 1000),
        ...(runs.length ? { scenario: runs } : {}),
      });
      // The exports are built before the trace is printed: a refused one prints nothing.
      const exports = buildExports(t, r, { pcapng: opts.pcapng, pcaps, seed, rawMacs: opts['raw-macs'] === '1' });
      if (format === 'oracle') emit(formatOracleTrace(toOracleTrace(t, r)));
      else if (format === 'json') emit(JSON.stringify(r) + '\n');
      else emit(formatTraceText(t, r, { brief: format === 'brief', rawMacs: opts['raw-macs'] === '1' }));
      for (const [f, bytes] of exports) writeFile(f, bytes);
      return r.stopped ? EXIT.stopped : EXIT.ok;
    }
    default:
      throw new UsageError(`unknown command "${cmd}"`);
  }
}

/** The Wireshark exports a trace asked for, as files to write (an empty walk is an ExportError, not a file). */
function buildExports(t: Topology, r: SimResult, o: { pcapng?: string; pcaps: { link: string; file: string }[]; seed: number; rawMacs: boolean }): [string, Uint8Array][] {
  const wrap = (what: string, fn: () => Uint8Array): Uint8Array => {
    try {
      return fn();
    } catch (e) {
      if (e instanceof ExportError) throw new ExportError(e.code, `${what}: ${e.message}`);
      throw e;
    }
  };
  // Every file is built before any is written, so that a bad --pcap leaves no half-done set behind.
  const out: [string, Uint8Array][] = [];
  if (o.pcapng) {
    const comment = frameComments(t, r, { rawMacs: o.rawMacs });
    const sectionComment = `packetwalk trace of ${t.name}, seed ${o.seed}`;
    out.push([o.pcapng, wrap(`--pcapng ${o.pcapng}`, () => toPcapng(t, r, { comment, sectionComment }))]);
  }
  for (const p of o.pcaps) out.push([p.file, wrap(`--pcap ${p.link} ${p.file}`, () => toPcap(t, r, p.link))]);
  return out;
}

function generate(argv: string[], out: (s: string) => void): number {
  const [design, ...rest] = argv;
  const opts = options();
  let ping = false;
  let singlePath = false;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a === '--ping') ping = true;
    else if (a === '--single-path') singlePath = true;
    else if (a.startsWith('--') && rest[i + 1] !== undefined) opts[a.slice(2)] = rest[++i]!;
    else throw new UsageError(`generate: unexpected "${a}"`);
  }
  const n = (k: string, d: number) => {
    const v = opts[k] === undefined ? d : Number(opts[k]);
    if (!Number.isInteger(v) || v < 1) throw new UsageError(`generate: --${k} expects a whole number ≥ 1`);
    return v;
  };
  if (opts.out !== undefined) checkOutput('--out', opts.out);
  // The size is counted, and refused beyond the app's limits, before anything is built.
  const sized = (counts: FabricCounts, build: () => Topology): Topology => {
    const p = fabricSizeProblem(counts);
    if (!p) return build();
    const what = p.reason === 'tooManyDevices' ? `${counts.devices} devices` : `${counts.routes} static routes`;
    throw new InputError(`generate: this ${design} fabric has ${what}; packetwalk generates at most ${p.max} (as the app does)`);
  };
  let t: Topology;
  if (design === 'leaf-spine') {
    const o = { spines: n('spines', 2), leaves: n('leaves', 4), hostsPerLeaf: n('hosts', 4), singlePath };
    t = sized(leafSpineCounts(o), () => leafSpine(o));
  } else if (design === 'three-tier') {
    const o = { cores: n('cores', 2), pods: n('pods', 2), aggPerPod: n('agg', 2), accessPerPod: n('access', 2), hostsPerAccess: n('hosts', 4), singlePath };
    t = sized(threeTierCounts(o), () => threeTier(o));
  } else throw new UsageError('generate: leaf-spine or three-tier');
  if (ping && opts.flows !== undefined) throw new UsageError('generate: --ping or --flows, not both');
  if (ping) t = withFirstToLastPing(t);
  if (opts.flows !== undefined) {
    const flows = n('flows', 1);
    if (flows > MAX_FLOWS) throw new UsageError(`generate: --flows expects at most ${MAX_FLOWS}`);
    t = withFirstToLastFlows(t, flows);
  }
  const text = toClab(t).text;
  if (opts.out) writeFile(opts.out, text);
  else out(text);
  return EXIT.ok;
}

/** Output cut short by its reader (`packetwalk trace … | head`) ends the program quietly. */
export function quietOnClosedPipe(): void {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? EXIT.ok);
    else throw e;
  });
}

/** Runs main and turns every error into a message and an exit status (EXIT), never a stack trace. */
export function run(argv: string[]): number {
  try {
    return main(argv);
  } catch (e) {
    if (e instanceof TopologyError) {
      stderr(e.problems.map(formatProblem).join('\n') + '\n');
      return EXIT.input;
    }
    if (e instanceof UsageError || e instanceof InputError || e instanceof ScenarioError || e instanceof ExportError) {
      stderr(`packetwalk: ${e.message}\n${e instanceof UsageError ? USAGE + '\n' : ''}`);
      return EXIT.input;
    }
    // A bug: said in one line (PACKETWALK_DEBUG=1 shows where).
    const detail = process.env.PACKETWALK_DEBUG && e instanceof Error ? (e.stack ?? e.message) : e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    stderr(`packetwalk: internal error: ${detail}\nplease report it, with the command and the file (PACKETWALK_DEBUG=1 shows where it happened)\n`);
    return EXIT.internal;
  }
}

const invoked = process.argv[1] && path.resolve(process.argv[1]).replace(/\.ts$/, '') === path.resolve(new URL(import.meta.url).pathname).replace(/\.ts$/, '');
if (invoked) {
  quietOnClosedPipe();
  process.exitCode = run(process.argv.slice(2));
}
