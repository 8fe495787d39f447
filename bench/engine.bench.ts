// Engine benchmark (a script, not a test): `npm run bench [-- --sizes 100,1000,5000,4-51-194 --runs 5]`.
// `npm run bench` bundles this file with esbuild first, so that it measures the engine as the
// app's worker runs it (tsx's per-function wrappers would slow it by a quarter).
//
// For each size it builds a leaf–spine fabric of about that many hosts, or of the shape
// SPINES-LEAVES-HOSTS (4-51-194: the 10 000-device fabric the app's generator and the CLI's
// `generate leaf-spine --spines 4 --leaves 51 --hosts 194` make within their limit of 20 000
// static routes) (src/engine/generate/
// fabric.ts) and times two full traces with simulate():
//   cold       one `ping -c 1 -W 1` from the first host (rack 1) to the last host (last rack),
//              every neighbour table and FDB empty: ARP in rack 1, the routed path across
//              leaf1 → spine1 → leafN, ARP in the last rack, echo reply back.
//   broadcast  every host of rack 1, one after the other, pings the last host (`ping -c 1 -W 1`,
//              sequential steps). Each host first ARPs for its gateway: that broadcast is flooded
//              by the rack bridge to every other port and dropped by every other host
//              (arp-not-for-us), so per step the rack sees ~3·H events of broadcast handling
//              (H = hosts per rack) against a few dozen for the routed echo; the table shows
//              the share of events that belong to broadcast frames.
// A run is one simulate() call, setup included (building the devices the walk reaches and the
// final table snapshot); "setup" is the same call with an empty scenario. The time reported is the
// median of --runs runs after warm-up runs, each run after a scavenge (a minor GC: the run starts
// with an empty young generation, as a fresh CLI process does; a full GC there left the
// collector's concurrent sweeping running through the timed run, a third of its time at 10 000
// devices). Memory: "run heap" is how much the process's heapUsed grew during a run, sampled
// right after it, before any GC (the run's garbage included: an approximation of its peak);
// "kept" is the size of one SimResult (heap with the
// result minus heap without it, both after a GC), "RSS peak" the process's peak so far
// (resourceUsage().maxRSS: monotonic, sizes run in the order given).
//
// The targets, reported and not asserted: a 1 000-host cold ping traced in ≤ 20 ms; across a
// fabric of about 10 000 devices, a cold ping in ≤ 10 ms after setup (the run's median minus the
// empty scenario's); and ≥ 2 000 000 engine events per second on the longest trace. Before the
// first size, both cases run on a 1 000-host fabric until the JIT has settled, so that the first
// size measured is not the one that pays for compiling the engine.
//
// Run as `npm run bench` runs it: bundled, under node --min-semi-space-size=64
// --max-semi-space-size=64, as bin/packetwalk.mjs runs the CLI (a trace's events all survive, and
// a young generation of 64 MB from the start halves the time the collector spends copying them;
// the app's worker runs with the browser's defaults). "cpu ms" is the process's CPU time for the run (all threads, the
// collector's included): on a shared machine it moves less than the wall-clock median.

import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';
import { simulate, validateTopology, type ScenarioStep, type SimResult, type Topology } from '../src/engine';
import { fabricHosts, hostAddress, leafSpine } from '../src/engine/generate/fabric';

const TARGET_COLD_MS = 20;
const TARGET_HOSTS = 1000;
const TARGET_FABRIC_COLD_MS = 10;
const TARGET_FABRIC_DEVICES = 10_000;
const TARGET_EVENTS_PER_S = 2_000_000;
/** the 10 000-device fabric, as the generator makes it (4 spines, 51 leaves of 194 hosts) */
const FABRIC_10K = '4-51-194';

interface Args {
  /** host counts, or SPINES-LEAVES-HOSTS shapes */
  sizes: string[];
  runs: number;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { sizes: ['100', '1000', '5000', FABRIC_10K], runs: 5 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => inline ?? argv[++i] ?? '';
    if (flag === '--sizes') {
      args.sizes = value()
        .split(',')
        .map((x) => x.trim());
      if (args.sizes.length === 0 || args.sizes.some((x) => !/^[1-9]\d*$|^[1-9]\d*-[1-9]\d*-[1-9]\d*$/.test(x))) fail('--sizes takes a comma-separated list of host counts or SPINES-LEAVES-HOSTS shapes, e.g. 100,1000,4-51-194');
    } else if (flag === '--runs') {
      args.runs = Number(value());
      if (!Number.isInteger(args.runs) || args.runs < 1) fail('--runs takes a positive integer');
    } else if (flag === '--help' || flag === '-h') {
      console.log(`usage: npm run bench -- [--sizes 100,1000,5000,${FABRIC_10K}] [--runs 5]`);
      process.exit(0);
    } else fail(`unknown argument "${a}" (use --sizes, --runs)`);
  }
  return args;
}

function fail(msg: string): never {
  console.error(`bench: ${msg}`);
  process.exit(2);
}

/** The fabric of a size: a SPINES-LEAVES-HOSTS shape, or about `n` hosts: ~√(n/2) leaves, 2 spines (4 from 8 leaves up). */
function fabricFor(size: string): Topology {
  const shape = size.split('-').map(Number);
  if (shape.length === 3) return leafSpine({ spines: shape[0]!, leaves: shape[1]!, hostsPerLeaf: shape[2]! });
  const n = Number(size);
  const leaves = Math.max(1, Math.round(Math.sqrt(n / 2)));
  const hostsPerLeaf = Math.max(1, Math.round(n / leaves));
  const spines = leaves >= 8 ? 4 : 2;
  return leafSpine({ spines, leaves, hostsPerLeaf });
}

function scenarios(t: Topology): { name: string; steps: ScenarioStep[] }[] {
  const hosts = fabricHosts(t);
  const first = hosts[0]!;
  const last = hosts[hosts.length - 1]!;
  const ping = (on: string) => ({ kind: 'run' as const, on, run: `ping -c 1 -W 1 ${hostAddress(last)}` });
  const rack1 = hosts.filter((h) => hostAddress(h).split('.').slice(0, 3).join('.') === hostAddress(first).split('.').slice(0, 3).join('.'));
  return [
    { name: 'cold', steps: [ping(first.name)] },
    { name: 'broadcast', steps: rack1.map((h) => ping(h.name)) },
  ];
}

// A GC we can call (for the "kept" figure): expose it at run time.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as (options?: { type: 'major' | 'minor' }) => void;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const MB = 1024 * 1024;

interface Row {
  size: string;
  hosts: number;
  nodes: number;
  links: number;
  scenario: string;
  steps: number;
  events: number;
  frames: number;
  broadcastShare: number;
  exit: string;
  medianMs: number;
  minMs: number;
  cpuMs: number;
  setupMs: number;
  eventsPerS: number;
  heapPeakMB: number;
  keptMB: number;
  rssPeakMB: number;
}

/** Events that belong to a broadcast frame (same packet id as a frame sent to ff:ff:ff:ff:ff:ff). */
function broadcastShare(r: SimResult): number {
  const bcast = new Set<number>();
  for (const e of r.events) if (e.kind === 'frame.tx' && e.frame.dstMac === 'ff:ff:ff:ff:ff:ff') bcast.add(e.pkt);
  let n = 0;
  for (const e of r.events) if ('pkt' in e && e.pkt !== undefined && bcast.has(e.pkt)) n++;
  return r.events.length ? n / r.events.length : 0;
}

function time<T>(fn: () => T): { ms: number; value: T } {
  const t0 = performance.now();
  const value = fn();
  return { ms: performance.now() - t0, value };
}

/** Times fn and leaves its value in `held` only (no local of the caller keeps it alive). */
function timeInto(held: { result?: SimResult }, fn: () => SimResult, cpu: number[]): number {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  held.result = fn();
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  cpu.push((c.user + c.system) / 1000);
  return ms;
}

/** Both cases on a 1 000-host fabric until V8 has optimised the engine (untimed). */
function warmUp(): void {
  const t = fabricFor('1000');
  for (const sc of scenarios(t)) for (let i = 0; i < 10; i++) simulate(t, { maxEvents: 50_000_000, scenario: sc.steps });
}

/** Untimed runs of each case before the timed ones (V8 optimises the hot paths over the first few). */
const WARMUP_RUNS = 3;

function bench(size: string, runs: number): Row[] {
  const gen = time(() => fabricFor(size));
  const t = gen.value;
  const val = time(() => validateTopology(t));
  if (val.value.length) fail(`generated fabric is invalid: ${val.value[0]!.message}`);
  const hosts = fabricHosts(t).length;
  console.error(`… ${t.name}: ${hosts} hosts, ${t.nodes.length} nodes, ${t.links.length} links (generated in ${gen.ms.toFixed(1)} ms, validated in ${val.ms.toFixed(1)} ms)`);
  const opts = { maxEvents: 50_000_000 };
  const setupTimes: number[] = [];
  const all = scenarios(t);
  for (let i = 0; i < 2; i++) simulate(t, { ...opts, scenario: [] });
  simulate(t, { ...opts, scenario: all[0]!.steps }); // warms the packet paths too
  for (let i = 0; i < runs; i++) {
    gc();
    setupTimes.push(time(() => simulate(t, { ...opts, scenario: [] })).ms);
  }
  const setupMs = median(setupTimes);
  const rows: Row[] = [];
  for (const sc of all) {
    let heapPeak = 0;
    for (let i = 0; i < WARMUP_RUNS; i++) simulate(t, { ...opts, scenario: sc.steps }); // warm-up: let the JIT settle
    const times: number[] = [];
    const cpu: number[] = [];
    const held: { result?: SimResult } = {};
    for (let i = 0; i < runs; i++) {
      delete held.result; // let the previous result go before the GC
      gc({ type: 'minor' });
      const heapBefore = process.memoryUsage().heapUsed;
      times.push(timeInto(held, () => simulate(t, { ...opts, scenario: sc.steps }), cpu));
      heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed - heapBefore);
    }
    const row = summarizeHeld(held, { size, hosts, t, scenario: sc.name, steps: sc.steps.length, times, cpu, setupMs, heapPeak });
    row.keptMB = keptMB(held);
    rows.push(row);
  }
  return rows;
}

/** The row of the held result; a call of its own, so that no slot of the caller's frame refers to the result. */
function summarizeHeld(held: { result?: SimResult }, m: Parameters<typeof summarize>[1]): Row {
  return summarize(held.result!, m);
}

/** The heap the held result takes: heap with it minus heap without it, both after a GC. */
function keptMB(held: { result?: SimResult }): number {
  gc();
  const withResult = process.memoryUsage().heapUsed;
  delete held.result;
  gc();
  return (withResult - process.memoryUsage().heapUsed) / MB;
}

/** The table row of one case (a function of its own, so that nothing here keeps the result alive). */
function summarize(r: SimResult, m: { size: string; hosts: number; t: Topology; scenario: string; steps: number; times: number[]; cpu: number[]; setupMs: number; heapPeak: number }): Row {
  const med = median(m.times);
  const exits = r.steps.map((st) => st.exit);
  const ok = exits.filter((e) => e === 0).length;
  return {
    size: m.size,
    hosts: m.hosts,
    nodes: m.t.nodes.length,
    links: m.t.links.length,
    scenario: m.scenario,
    steps: m.steps,
    events: r.events.length,
    frames: r.events.filter((e) => e.kind === 'frame.tx').length,
    broadcastShare: broadcastShare(r),
    exit: ok === exits.length ? 'all 0' : `${ok}/${exits.length} ok`,
    medianMs: med,
    minMs: Math.min(...m.times),
    cpuMs: median(m.cpu),
    setupMs: m.setupMs,
    eventsPerS: r.events.length / (med / 1000),
    heapPeakMB: m.heapPeak / MB,
    keptMB: 0,
    rssPeakMB: process.resourceUsage().maxRSS / 1024,
  };
}

function fmt(n: number, digits = 1): string {
  if (!Number.isFinite(n)) return '—';
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function table(rows: Row[]): string {
  const head = ['hosts', 'nodes', 'links', 'scenario', 'steps', 'events', 'frames', 'bcast%', 'exit', 'median ms', 'min ms', 'cpu ms', 'setup ms', 'events/s', 'run heap MB', 'kept MB', 'RSS peak MB'];
  const body = rows.map((r) => [
    String(r.hosts),
    String(r.nodes),
    String(r.links),
    r.scenario,
    String(r.steps),
    fmt(r.events, 0),
    fmt(r.frames, 0),
    fmt(100 * r.broadcastShare, 0),
    r.exit,
    fmt(r.medianMs, 2),
    fmt(r.minMs, 2),
    fmt(r.cpuMs, 2),
    fmt(r.setupMs, 2),
    fmt(r.eventsPerS, 0),
    fmt(r.heapPeakMB, 1),
    fmt(r.keptMB, 1),
    fmt(r.rssPeakMB, 0),
  ]);
  const w = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const left = new Set([3, 8]); // scenario, exit
  const line = (cells: string[]) => '| ' + cells.map((c, i) => (left.has(i) ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join(' | ') + ' |';
  return [line(head), '|' + w.map((x) => '-'.repeat(x + 2)).join('|') + '|', ...body.map(line)].join('\n');
}

const args = parseArgs(process.argv.slice(2));
console.error(`node ${process.version}, ${args.runs} run(s) per case after warm-up, sizes ${args.sizes.join(', ')}`);
warmUp();
const rows = args.sizes.flatMap((s) => bench(s, args.runs));
console.log(table(rows));

const verdict = (ok: boolean, ratio: number) => (ok ? 'met' : `missed ×${fmt(ratio, 1)}`);
const cold = rows.find((r) => r.scenario === 'cold' && Math.abs(r.hosts - TARGET_HOSTS) <= TARGET_HOSTS * 0.05);
const fabricCold = rows.find((r) => r.scenario === 'cold' && Math.abs(r.nodes - TARGET_FABRIC_DEVICES) <= TARGET_FABRIC_DEVICES * 0.05);
const longest = rows.reduce<Row | undefined>((a, r) => (!a || r.events > a.events ? r : a), undefined);
console.log('');
if (cold) console.log(`target: ${cold.hosts}-host cold ping ≤ ${TARGET_COLD_MS} ms → ${fmt(cold.medianMs, 2)} ms (${verdict(cold.medianMs <= TARGET_COLD_MS, cold.medianMs / TARGET_COLD_MS)})`);
else console.log(`target: ${TARGET_COLD_MS} ms for a ${TARGET_HOSTS}-host cold ping → not measured (add ${TARGET_HOSTS} to --sizes)`);
if (fabricCold) {
  const after = fabricCold.medianMs - fabricCold.setupMs;
  console.log(`target: ${fabricCold.nodes}-device cold ping ≤ ${TARGET_FABRIC_COLD_MS} ms after setup → ${fmt(after, 2)} ms (${fmt(fabricCold.medianMs, 2)} − setup ${fmt(fabricCold.setupMs, 2)}; ${verdict(after <= TARGET_FABRIC_COLD_MS, after / TARGET_FABRIC_COLD_MS)})`);
} else console.log(`target: ${TARGET_FABRIC_COLD_MS} ms for a cold ping across ~${TARGET_FABRIC_DEVICES} devices → not measured (add ${FABRIC_10K} to --sizes)`);
if (longest) {
  const cpuRate = longest.events / (longest.cpuMs / 1000);
  console.log(
    `target: ≥ ${fmt(TARGET_EVENTS_PER_S, 0)} events/s on the longest trace (${longest.nodes} devices, ${longest.scenario}, ${fmt(longest.events, 0)} events) → ${fmt(longest.eventsPerS, 0)} events/s (${verdict(longest.eventsPerS >= TARGET_EVENTS_PER_S, TARGET_EVENTS_PER_S / longest.eventsPerS)}; per CPU second ${fmt(cpuRate, 0)})`,
  );
}
console.log(
  JSON.stringify({
    bench: 'engine',
    node: process.version,
    runs: args.runs,
    targets: { coldPingMs: TARGET_COLD_MS, coldPingHosts: TARGET_HOSTS, fabricColdPingMs: TARGET_FABRIC_COLD_MS, fabricDevices: TARGET_FABRIC_DEVICES, eventsPerS: TARGET_EVENTS_PER_S },
    results: rows.map((r) => ({
      hosts: r.hosts,
      devices: r.nodes,
      scenario: r.scenario,
      events: r.events,
      medianMs: Number(r.medianMs.toFixed(3)),
      cpuMs: Number(r.cpuMs.toFixed(3)),
      setupMs: Number(r.setupMs.toFixed(3)),
      eventsPerS: Math.round(r.eventsPerS),
      heapPeakMB: Number(r.heapPeakMB.toFixed(1)),
      keptMB: Number(r.keptMB.toFixed(1)),
      rssPeakMB: Math.round(r.rssPeakMB),
      exit: r.exit,
    })),
  }),
);
