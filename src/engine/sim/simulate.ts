// simulate(): builds the devices of a topology, runs its scenario step by step on the virtual
// clock the way the oracle's recorder does (each step to completion, then a 300 ms pause;
// background steps keep running until the end), and returns the trace, the frames seen on every
// link, the steps' output and every table before and after.

import { stackRoutes } from '../devices/linux/route';
import type { EthernetFrame } from '../wire/types';
import type { BridgeNode, ScenarioStep, Topology, TopoNode } from '../topology';
import { Bridge } from '../devices/bridge';
import { LinuxStack } from '../devices/linux/stack';
import { ctView } from '../tables/conntrack';
import { parseCommand, type Command } from '../userspace/commands';
import { parseBridgeCommand, runBridgeCommand, type BridgeCommand } from '../userspace/bridge-node';
import { Network } from './network';
import { startProcess, watchOutput, type OutputChunk, type Process } from '../userspace/process';
import { Sim, SimulationStopped, US_PER_MS, US_PER_S } from './sim';
import { MAX_SCENARIO_STEPS, MAX_SECONDS, stepSecondsProblem } from '../io/limits';
import { nodeBridge } from '../devices/bridge-dev';
import type { FdbView, LimitStop, TraceEvent } from './trace';
import type { NodeState } from './final';

export const DEFAULT_MAX_EVENTS = 50_000;
export const DEFAULT_SETTLE_MS = 300;
export const DEFAULT_STEP_TIMEOUT_S = 20;

export interface SimulateOptions {
  /** seed of every random choice (IP identifiers, reachable time, ephemeral ports); default 1 */
  seed?: number;
  /** stop after this many trace events; default 50 000 */
  maxEvents?: number;
  /** pause after each step, as the recorder's --settle-ms; default 300 */
  settleMs?: number;
  /** run these steps instead of the topology's scenario */
  scenario?: ScenarioStep[];
  /** Ctrl+C: SIGINT to a step's process, this long (µs) after the step started */
  interrupt?: { step: number; afterUs: number };
  /** links cut while the scenario runs: `ip link set IFACE down` on NODE at virtual time atUs (the player's "cut this link here") */
  cuts?: LinkCut[];
  /** called every PROGRESS_EVERY events with the number recorded so far (long runs show progress) */
  onProgress?: (events: number) => void;
}

export const PROGRESS_EVERY = 5_000;

/** An interface set down at a virtual time (µs since the scenario started). */
export interface LinkCut {
  atUs: number;
  node: string;
  iface: string;
}

export interface StepResult {
  index: number;
  kind: 'run' | 'sleep';
  on?: string;
  run?: string;
  background?: boolean;
  sleep?: number;
  /** exit status; null when the scenario ended before the process did */
  exit?: number | null;
  stdout?: string;
  stderr?: string;
  /** the output as it was written, each piece after the trace event it follows (a terminal shows it as the walk gets there) */
  output?: OutputChunk[];
  timedOut?: boolean;
  /** virtual times (µs) */
  start: number;
  end?: number;
}

export interface SimResult {
  topology: string;
  events: TraceEvent[];
  steps: StepResult[];
  /** the learned tables of every node the walk reached, when the scenario ended (any node's: finalState) */
  final: Record<string, NodeState>;
  /** why the run stopped early, or null when the scenario ran to its end */
  stopped: LimitStop | null;
  /** virtual time (µs) at which the scenario ended (or was stopped) */
  endTime: number;
}

const nodeIndexCache = new WeakMap<Topology, Map<string, TopoNode>>();
function nodeIndex(t: Topology): Map<string, TopoNode> {
  let m = nodeIndexCache.get(t);
  if (!m) {
    m = new Map(t.nodes.map((n) => [n.name, n]));
    nodeIndexCache.set(t, m);
  }
  return m;
}

export class ScenarioError extends Error {
  override name = 'ScenarioError';
}

/**
 * Runs a topology's scenario. The topology is a value: build a new one to change it (as the app
 * does) rather than editing it in place after simulating it, because what is derived from it
 * (its wiring, each node's routing tables) is kept for the next run of the same object.
 */
export function simulate(topology: Topology, opts: SimulateOptions = {}): SimResult {
  const sim = new Sim(opts.seed ?? 1, opts.maxEvents ?? DEFAULT_MAX_EVENTS);
  const settleUs = (opts.settleMs ?? DEFAULT_SETTLE_MS) * US_PER_MS;
  const scenario = opts.scenario ?? topology.scenario;
  const net = new Network(sim, topology);
  // Devices are built the first time a frame or a step reaches them: a large topology costs
  // only what the walk touches.
  const byName = nodeIndex(topology);
  const stacks = new Map<string, LinuxStack>();
  const bridges = new Map<string, Bridge>();
  net.factory = (name) => {
    const node = byName.get(name);
    if (!node) return undefined;
    if (node.kind === 'linux') {
      const s = new LinuxStack(node, sim, net);
      stacks.set(name, s);
      return s;
    }
    const b = new Bridge(node, sim, net);
    bridges.set(name, b);
    return b;
  };
  const stackOf = (name: string) => net.device(name) as LinuxStack;
  if (scenario.length > MAX_SCENARIO_STEPS) throw new ScenarioError(`the scenario has ${scenario.length} steps; packetwalk runs at most ${MAX_SCENARIO_STEPS}`);
  if (!(settleUs >= 0 && settleUs <= MAX_SECONDS * US_PER_S)) throw new ScenarioError(`the pause after each step must be 0 to ${MAX_SECONDS * 1000} ms`);
  const parsed = scenario.map((s, i): Command | { kind: 'bridge'; command: BridgeCommand } | null => {
    const seconds = stepSecondsProblem(s, i);
    if (seconds) throw new ScenarioError(seconds);
    if (s.kind === 'sleep') return null;
    const node = topology.nodes.find((n) => n.name === s.on);
    if (!node) throw new ScenarioError(`scenario step ${i + 1}: unknown node "${s.on}"`);
    if (node.kind === 'bridge') {
      const b = parseBridgeCommand(s.run, node);
      if (b.kind === 'error') throw new ScenarioError(`scenario step ${i + 1} (${s.on}: ${s.run}): ${b.message}`);
      return { kind: 'bridge', command: b.command };
    }
    const c = parseCommand(s.run);
    if (c.kind === 'error') throw new ScenarioError(`scenario step ${i + 1} (${s.on}: ${s.run}): ${c.message}`);
    return c.command;
  });

  const snapshot = (): Record<string, NodeState> => {
    const out: Record<string, NodeState> = {};
    const fdb = (b: Bridge): FdbView[] => b.fdb.list(sim.now).map((e) => ({ mac: e.mac, port: e.port, ...(e.vlan ? { vlan: e.vlan } : {}) }));
    // Only the nodes the walk reached: finalState gives the others' (empty) tables.
    for (const node of topology.nodes) {
      const st = stacks.get(node.name);
      const br = bridges.get(node.name);
      let state: NodeState | undefined;
      if (st) {
        const stBridge = nodeBridge(st.devs);
        state = {
          kind: 'linux',
          neigh: st.neigh.list(),
          ...(node.kind === 'linux' && node.nat?.length ? { conntrack: st.nf ? st.nf.conntrack.list().map(ctView) : [] } : {}),
          ...(stBridge ? { fdb: fdb(stBridge) } : {}),
          ...(st.routesChanged ? { routes: stackRoutes(st) } : {}),
        };
      } else if (br) state = { kind: 'bridge', fdb: fdb(br) };
      if (state) out[node.name] = state;
    }
    return out;
  };

  sim.describeLimit = (limit) => describeLimit(sim.events, limit, bridges, topology);
  if (opts.onProgress) {
    sim.onProgress = opts.onProgress;
    sim.progressEvery = PROGRESS_EVERY;
  }

  const steps: StepResult[] = [];
  const live: { proc: Process; result: StepResult }[] = [];
  let endTime = 0;

  const finishScenario = () => {
    endTime = sim.now;
    sim.halt();
  };

  const runStep = (i: number) => {
    const s = scenario[i];
    if (!s) {
      finishScenario();
      return;
    }
    if (s.kind === 'sleep') {
      steps.push({ index: i, kind: 'sleep', sleep: s.seconds, start: sim.now, end: sim.now + s.seconds * US_PER_S });
      sim.after(s.seconds * US_PER_S, () => runStep(i + 1));
      return;
    }
    const cmd = parsed[i]!;
    const result: StepResult = { index: i, kind: 'run', on: s.on, run: s.run, start: sim.now, ...(s.background ? { background: true } : {}) };
    steps.push(result);
    sim.emit({ kind: 'step.start', step: i, node: s.on, command: s.run, background: Boolean(s.background) });
    if (cmd.kind === 'bridge') {
      // A bridge's command changes it at once and prints what it prints.
      const node = byName.get(s.on) as BridgeNode;
      const out = runBridgeCommand(cmd.command, topology, node, net.device(s.on) as Bridge, net);
      Object.assign(result, { exit: out.exit, end: sim.now, stdout: out.stdout, stderr: out.stderr });
      sim.emit({ kind: 'step.end', step: i, node: s.on, exit: out.exit, stdout: out.stdout, stderr: out.stderr, timedOut: false });
      sim.after(settleUs, () => runStep(i + 1));
      return;
    }
    let done = false;
    const entry = { proc: undefined as unknown as Process, result };
    const exit = (code: number | null, timedOut = false) => {
      if (done) return;
      done = true;
      result.exit = code;
      result.end = sim.now;
      result.stdout = entry.proc.stdout;
      result.stderr = entry.proc.stderr;
      if (timedOut) result.timedOut = true;
      const k = live.indexOf(entry);
      if (k >= 0) live.splice(k, 1);
      sim.emit({ kind: 'step.end', step: i, node: s.on, exit: code, stdout: result.stdout, stderr: result.stderr, timedOut });
      if (!s.background) sim.after(settleUs, () => runStep(i + 1));
    };
    entry.proc = startProcess(cmd, { sim, stack: stackOf(s.on), step: i, exit: (code) => exit(code) });
    watchOutput(entry.proc, (result.output = []), () => sim.events.length - 1);
    if (opts.interrupt?.step === i) {
      sim.after(opts.interrupt.afterUs, () => {
        if (done) return;
        if (entry.proc.interrupt) entry.proc.interrupt();
        else {
          entry.proc.kill();
          exit(130);
        }
      });
    }
    live.push(entry);
    if (s.background) {
      sim.after(settleUs, () => runStep(i + 1));
    } else {
      sim.after((s.timeout ?? DEFAULT_STEP_TIMEOUT_S) * US_PER_S, () => {
        if (done) return;
        entry.proc.kill();
        exit(137, true);
      });
    }
  };

  let stopped: LimitStop | null = null;
  try {
    // Bridges running STP start with the scenario (br0 up, their ports listening): their timers
    // and BPDUs do not wait for a frame to reach them.
    for (const n of topology.nodes) if (n.kind === 'bridge' && n.stp?.enabled) net.device(n.name);
    for (const c of opts.cuts ?? []) {
      if (!byName.get(c.node)?.ifaces.some((i) => i.name === c.iface)) throw new ScenarioError(`cannot cut ${c.node}:${c.iface}: no such interface`);
      sim.at(c.atUs, () => net.setUp(c.node, c.iface, false));
    }
    sim.after(0, () => runStep(0));
    sim.run();
    if (!endTime) endTime = sim.now;
  } catch (e) {
    if (!(e instanceof SimulationStopped)) throw e;
    stopped = e.stop;
    endTime = sim.now;
  }
  // Background processes are stopped after the captures (their teardown never reaches a wire,
  // nor the trace: their sockets are still open in the last tables).
  sim.ended = true;
  for (const { proc, result } of live) {
    proc.kill();
    result.stdout = proc.stdout;
    result.stderr = proc.stderr;
    if (!result.background) result.exit = null;
  }
  return { topology: topology.name, events: sim.events, steps, final: snapshot(), stopped, endTime };
}

/**
 * When the bound is hit: are frames circulating between switches (a broadcast storm)? A frame
 * loops when, in the last events, only bridges sent it on and one bridge received it at least
 * LOOP_ARRIVALS times (without a loop a frame reaches a bridge once per pass, and a router that
 * sends it back through the same bridge would be among its senders). Hosts that answer every
 * copy (each answer a new frame) do not hide the loop. The events looked at are enough for a
 * bridge to receive a frame LOOP_ARRIVALS times even when each arrival floods it out of every
 * port (2 000 parallel links between two switches are one loop).
 */
function describeLimit(events: TraceEvent[], limit: number, bridges: Map<string, Bridge>, topology: Topology): LimitStop {
  const LOOP_ARRIVALS = 3;
  let ports = 0;
  for (const n of topology.nodes) if (n.kind === 'bridge') ports = Math.max(ports, n.ifaces.length);
  const tail = events.slice(-Math.max(2000, (LOOP_ARRIVALS + 1) * (ports + 4)));
  const byPkt = new Map<number, { tx: number; senders: Set<string>; arrivals: Map<string, number>; frame: EthernetFrame }>();
  for (const e of tail) {
    if (e.kind !== 'frame.tx' && e.kind !== 'frame.rx') continue;
    let s = byPkt.get(e.pkt);
    if (!s) {
      s = { tx: 0, senders: new Set(), arrivals: new Map(), frame: e.frame };
      byPkt.set(e.pkt, s);
    }
    if (e.kind === 'frame.tx') {
      s.tx++;
      s.senders.add(e.node);
    } else if (bridges.has(e.node)) s.arrivals.set(e.node, (s.arrivals.get(e.node) ?? 0) + 1);
  }
  const looping = new Set<number>();
  let frames = 0;
  let sample: { tx: number; frame: EthernetFrame } | undefined;
  for (const [pkt, s] of byPkt) {
    const loops = s.senders.size > 0 && [...s.senders].every((n) => bridges.has(n)) && Math.max(0, ...s.arrivals.values()) >= LOOP_ARRIVALS;
    if (!loops) continue;
    looping.add(pkt);
    frames += s.tx;
    if (!sample || s.tx > sample.tx) sample = s;
  }
  if (!sample) return { kind: 'event-limit', limit };
  // The bridges that ever sent a looping frame on (the window may hold one bridge's floods only).
  const devices = new Set<string>();
  for (const e of events) if (e.kind === 'frame.tx' && looping.has(e.pkt) && bridges.has(e.node)) devices.add(e.node);
  return { kind: 'event-limit', limit, storm: { devices: [...devices].sort(), frames, sample: sample.frame } };
}
