// The worker's API, implemented on the engine. It lives in its own module so that the worker
// (sim.worker.ts) and the main-thread fallback (client.ts, when there is no Worker) run the same
// code. Only this folder and tests import engine values.

import { fabricHosts, formatRoutes, hostAddress, leafSpine, nodeRoutes, parseClab, parseTopologyJson, simulate, TopologyError } from '../engine';
import type { Topology } from '../engine';
import { EXAMPLES, findExample } from '../examples';
import type { IpViews, ParseResult, SimApi } from './protocol';

/** Examples made by the fabric generator rather than read from a file (large topologies). */
const GENERATED: Record<string, () => Topology> = {
  'leaf-spine-1000': () => withPing(leafSpine({ spines: 4, leaves: 22, hostsPerLeaf: 45 })),
};

/** Gives a generated fabric a scenario: its first host pings its last one. */
function withPing(t: Topology): Topology {
  const hosts = fabricHosts(t);
  const first = hosts[0];
  const last = hosts[hosts.length - 1];
  if (!first || !last) return t;
  return { ...t, scenario: [{ kind: 'run', on: first.name, run: `ping -c 1 -W 1 ${hostAddress(last)}` }] };
}

function loadExample(name: string): Topology {
  const generate = GENERATED[name];
  if (generate) return generate();
  const example = findExample(name);
  if (!example) {
    throw new Error(`no example named "${name}" (there are: ${[...EXAMPLES.map((e) => e.name), ...Object.keys(GENERATED)].join(', ')})`);
  }
  return parseClab(example.text, example.file);
}

function parseTopologyFile(text: string, fileName: string): ParseResult {
  const kind = /\.json$/i.test(fileName) ? 'json' : /\.ya?ml$/i.test(fileName) ? 'clab' : null;
  if (!kind) {
    return { ok: false, problems: [{ file: fileName, message: 'unknown file type: expected .yml, .yaml (containerlab) or .json (packetwalk)' }] };
  }
  try {
    const topology = kind === 'json' ? parseTopologyJson(text, fileName) : parseClab(text, fileName);
    return { ok: true, topology };
  } catch (e) {
    if (e instanceof TopologyError) return { ok: false, problems: e.problems };
    throw e;
  }
}

function ipViews(topology: Topology, nodeName: string): IpViews {
  const node = topology.nodes.find((n) => n.name === nodeName);
  if (!node || node.kind !== 'linux') throw new Error(`${nodeName} is not a Linux node of ${topology.name}`);
  return { node: nodeName, routes: formatRoutes(nodeRoutes(node), 'all') };
}

export const simApi: SimApi = {
  loadExample,
  parseTopologyFile,
  simulate: (topology, options) => simulate(topology, options),
  ipViews,
};
