// Main-thread side of the worker boundary. In a browser the engine runs in a module worker, so a
// long simulation never blocks the page; where there is no Worker (unit tests in Node) the same
// API runs inline, loaded on first use so the engine stays out of the main bundle.

import { wrap } from 'comlink';
import type { SimApi, SimClient } from './protocol';

export interface SimClientHandle extends SimClient {
  /** Stops the worker (if any). The handle must not be used afterwards. */
  dispose(): void;
}

function inlineClient(): SimClientHandle {
  const api = import('./sim-api').then((m) => m.simApi);
  return {
    loadExample: async (name) => (await api).loadExample(name),
    parseTopologyFile: async (text, fileName) => (await api).parseTopologyFile(text, fileName),
    simulate: async (topology, options) => (await api).simulate(topology, options),
    ipViews: async (topology, nodeName) => (await api).ipViews(topology, nodeName),
    dispose: () => {},
  };
}

function workerClient(): SimClientHandle {
  // Vite bundles the worker because of this exact `new Worker(new URL(…), …)` shape.
  const worker = new Worker(new URL('./sim.worker.ts', import.meta.url), { type: 'module', name: 'packetwalk-sim' });
  const remote = wrap<SimApi>(worker);
  return {
    loadExample: (name) => remote.loadExample(name),
    parseTopologyFile: (text, fileName) => remote.parseTopologyFile(text, fileName),
    simulate: (topology, options) => remote.simulate(topology, options),
    ipViews: (topology, nodeName) => remote.ipViews(topology, nodeName),
    dispose: () => worker.terminate(),
  };
}

/** A new client: a worker when the platform has them, else the engine inline. */
export function createSimClient(): SimClientHandle {
  return typeof Worker === 'undefined' ? inlineClient() : workerClient();
}

let shared: SimClientHandle | undefined;

/** The app's one client, created on first use. */
export function simClient(): SimClient {
  shared ??= createSimClient();
  return shared;
}
