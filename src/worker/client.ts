// Main-thread side of the worker boundary. In a browser the engine runs in a module worker, so a
// long simulation never blocks the page; where there is no Worker (unit tests in Node) the same
// API runs inline, loaded on first use so the engine stays out of the main bundle.

import { proxy, wrap } from 'comlink';
import { SIM_METHODS, type SimApi, type SimClient } from './protocol';

export interface SimClientHandle extends SimClient {
  /** Stops the worker (if any). The handle must not be used afterwards. */
  dispose(): void;
}

type AnyFn = (...args: unknown[]) => unknown;

function build(call: (name: keyof SimApi, args: unknown[]) => Promise<unknown>, dispose: () => void): SimClientHandle {
  const client: Record<string, unknown> = { dispose };
  for (const name of SIM_METHODS) client[name] = (...args: unknown[]) => call(name, args);
  return client as unknown as SimClientHandle;
}

function inlineClient(): SimClientHandle {
  const api = import('./sim-api').then((m) => m.simApi as unknown as Record<string, AnyFn>);
  return build(async (name, args) => (await api)[name]!(...args), () => {});
}

function workerClient(): SimClientHandle {
  // Vite bundles the worker because of this exact `new Worker(new URL(…), …)` shape.
  const worker = new Worker(new URL('./sim.worker.ts', import.meta.url), { type: 'module', name: 'packetwalk-sim' });
  const remote = wrap<SimApi>(worker) as unknown as Record<string, AnyFn>;
  // A callback (walk's progress) crosses as a comlink proxy.
  return build((name, args) => remote[name]!(...args.map((a) => (typeof a === 'function' ? proxy(a) : a))) as Promise<unknown>, () => worker.terminate());
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
