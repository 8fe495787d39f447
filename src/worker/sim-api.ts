// The worker's API, implemented on the engine. It lives in its own module so that the worker
// (sim.worker.ts) and the main-thread fallback (client.ts, when there is no Worker) run the same
// code. Only this folder (and tests) imports the engine's simulator, parsers and exports; the main
// thread imports engine values from engine/pure.ts.

import {
  formatBridgeFdb,
  formatIpAddr,
  formatNeighs,
  formatRoutes,
  withFirstToLastPing,
  withFirstToLastFlows,
  leafSpine,
  threeTier,
  nodeRoutes,
  parseClab,
  parseRouteArgs,
  parseTopologyJson,
  routeCheck,
  simulate,
  parseIptables,
  tableHistory,
  encodeFrame,
  fieldSpans,
  toPcapng,
  toPcap,
  ExportError,
  toClab,
  topologyFromUnknown,
  toTopologyJson,
  TopologyError,
  validateTopology,
  shellWords,
  runShell,
} from '../engine';
import type { NodeState, Topology } from '../engine';
import { EXAMPLES, findExample } from '../examples';
import { checkFabric, fabricName, MAX_DEVICES, parseFabricName, type FabricSpec } from '../walk/fabricSpec';
import { buildSteps } from '../walk/steps';
import { flowSpread } from '../walk/flows';
import { decodeShare, encodeShare } from '../walk/share/codec';
import type { ExampleInfo, ExportResult, IpViews, NatRuleCheck, ParseResult, RouteCheck, ShareLinkResult, SimApi } from './protocol';
import type { Walk } from '../walk/walk';

/** Examples made by the fabric generator rather than read from a file (large topologies); a Map, as the names come from the URL. */
const GENERATED = new Map<string, () => Topology>([['leaf-spine-1000', () => withFirstToLastPing(leafSpine({ spines: 4, leaves: 22, hostsPerLeaf: 45 }))]]);

function listExamples(): ExampleInfo[] {
  return [...EXAMPLES.map((e) => ({ name: e.name, generated: false })), ...[...GENERATED.keys()].map((name) => ({ name, generated: true }))];
}

function generateFabric(spec: FabricSpec): Topology {
  const name = fabricName(spec);
  const t = spec.design === 'leaf-spine' ? leafSpine({ ...spec, name }) : threeTier({ ...spec, name });
  return spec.flows ? withFirstToLastFlows(t, spec.flows) : withFirstToLastPing(t);
}

/** A fabric named by its size (`leaf-spine-4-22-45`, `three-tier-2-2-2-2-4`: what the generator calls it). */
function namedFabric(name: string): Topology | undefined {
  const named = parseFabricName(name);
  if (!named) return undefined;
  const c = checkFabric(named.design, named.values);
  if (c.ok) return generateFabric(c.spec);
  const why = c.total ? `${c.total.reason === 'tooManyDevices' ? `${c.counts!.devices} devices` : `${c.counts!.routes} static routes`}, at most ${c.total.max}` : `every number must be a whole number from 1 to ${MAX_DEVICES}`;
  throw new Error(`cannot generate "${name}": ${why}`);
}

function loadExample(name: string): Topology {
  const generate = GENERATED.get(name);
  if (generate) return generate();
  const fabric = namedFabric(name);
  if (fabric) return fabric;
  const example = findExample(name);
  if (!example) {
    throw new Error(`no example named "${name}" (there are: ${listExamples().map((e) => e.name).join(', ')})`);
  }
  return parseClab(example.text, example.file);
}

function parsed(fn: () => Topology): ParseResult {
  try {
    return { ok: true, topology: fn() };
  } catch (e) {
    if (e instanceof TopologyError) return { ok: false, problems: e.problems };
    throw e;
  }
}

function parseTopologyFile(text: string, fileName: string): ParseResult {
  const kind = /\.json$/i.test(fileName) ? 'json' : /\.ya?ml$/i.test(fileName) ? 'clab' : null;
  if (!kind) {
    return { ok: false, problems: [{ file: fileName, message: 'unknown file type: expected .yml, .yaml (containerlab) or .json (packetwalk)' }] };
  }
  return parsed(() => (kind === 'json' ? parseTopologyJson(text, fileName) : parseClab(text, fileName)));
}

function readShareLink(text: string): ShareLinkResult {
  const d = decodeShare(text);
  if (!d.ok) return d;
  const t = parsed(() => topologyFromUnknown(d.payload.topology, 'shared link'));
  if (!t.ok) return { ok: false, error: 'invalid', problems: t.problems };
  const { walk, step } = d.payload;
  return { ok: true, topology: t.topology, ...(walk ? { walk } : {}), ...(step !== undefined ? { step } : {}) };
}

function ipViews(topology: Topology, nodeName: string, state?: NodeState): IpViews {
  const node = topology.nodes.find((n) => n.name === nodeName);
  if (!node) throw new Error(`${topology.name} has no node ${nodeName}`);
  if (node.kind === 'bridge') {
    const fdb = state?.kind === 'bridge' ? state.fdb : [];
    return { node: nodeName, routes: '', addr: '', routeMain: '', routeLocal: '', neigh: '', fdb: formatBridgeFdb(topology, nodeName, fdb) };
  }
  const routes = nodeRoutes(node);
  const neigh = state?.kind === 'linux' ? state.neigh : [];
  return {
    node: nodeName,
    routes: formatRoutes(routes, 'all'),
    addr: formatIpAddr(topology, nodeName),
    routeMain: formatRoutes(routes, 'main'),
    routeLocal: formatRoutes(routes, 'local'),
    neigh: formatNeighs(neigh),
    fdb: '',
  };
}

function checkRoute(topology: Topology, nodeName: string, text: string): RouteCheck {
  const node = topology.nodes.find((n) => n.name === nodeName);
  if (!node || node.kind !== 'linux') return { ok: false, message: `${nodeName} has no routing table` };
  const words = shellWords(text);
  if (typeof words === 'string') return { ok: false, message: words };
  const args = words[0] === 'ip' && (words[1] === 'route' || words[1] === 'r') && words[2] === 'add' ? words.slice(3) : words;
  const r = parseRouteArgs(args);
  if (r.kind === 'error') return { ok: false, message: r.message };
  const checked = routeCheck(node, r.route);
  return checked.kind === 'ok' ? { ok: true, route: r.route } : { ok: false, message: checked.message };
}

function walk(topology: Topology, options: Parameters<SimApi['walk']>[1] = {}, onProgress?: (events: number) => void): Walk {
  const result = simulate(topology, { ...options, ...(onProgress ? { onProgress } : {}) });
  // Every node has its entry (a switch an empty list): a lookup by name never reaches
  // Object.prototype (a device may be called "constructor").
  const routes: Walk['routes'] = {};
  for (const n of topology.nodes) routes[n.name] = n.kind === 'linux' ? nodeRoutes(n) : [];
  const steps = buildSteps(result.events, result.stopped);
  const flows = flowSpread(result);
  return { result, steps, history: tableHistory(topology, result), routes, ...(flows ? { flows } : {}) };
}

function exported(fn: () => Uint8Array): ExportResult {
  try {
    return { ok: true, bytes: fn() };
  } catch (e) {
    if (e instanceof ExportError) return { ok: false, code: e.code, message: e.message };
    throw e;
  }
}

const hexOf = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

function checkNatRule(topology: Topology, nodeName: string, text: string): NatRuleCheck {
  const node = topology.nodes.find((n) => n.name === nodeName);
  if (!node || node.kind !== 'linux') return { ok: false, message: `${nodeName} has no iptables` };
  const words = shellWords(text);
  if (typeof words === 'string') return { ok: false, message: words };
  const args = words[0] === 'iptables' ? words.slice(1) : words;
  const r = parseIptables(args);
  if (r.kind === 'error') return { ok: false, message: r.message };
  const devs = new Set([...node.ifaces.map((i) => i.name), 'lo']);
  for (const dev of [r.rule.in, r.rule.out]) {
    if (dev !== undefined && !devs.has(dev)) return { ok: false, message: `iptables: interface "${dev}" does not exist on ${nodeName}` };
  }
  return { ok: true, rule: r.rule };
}

export const simApi: SimApi = {
  listExamples,
  loadExample,
  generateFabric,
  makeShareLink: (payload) => encodeShare(payload),
  readShareLink,
  parseTopologyFile,
  checkTopology: (value) => parsed(() => topologyFromUnknown(value, 'saved topology')),
  validate: (topology) => validateTopology(topology),
  exportJson: (topology) => toTopologyJson(topology),
  exportClab: (topology) => toClab(topology),
  simulate: (topology, options) => simulate(topology, options),
  walk,
  frameBytes: (frame) => ({ hex: hexOf(encodeFrame(frame)), spans: fieldSpans(frame) }),
  exportPcapng: (topology, result, comments = {}) =>
    exported(() => toPcapng(topology, result, { comment: (e) => comments[e.seq] ?? [] })),
  exportPcap: (topology, result, link) => exported(() => toPcap(topology, result, link)),
  ipViews,
  checkRoute,
  checkNatRule,
  terminal: (topology, nodeName, line, learned) => runShell(topology, nodeName, line, learned),
};
