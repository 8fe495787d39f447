// Main-thread side of the worker boundary. In a browser the engine runs in a module worker, so a
// long simulation never blocks the page; where there is no Worker (unit tests in Node) the same
// API runs inline, loaded on first use, and left out of production builds.
//
// The worker is replaceable: when it dies (an `error` event: an exception outside any call, a
// failed module load, out of memory) or cannot read a message (`messageerror`), every call
// waiting on it is rejected with a WorkerCrashedError, crash listeners are told, and the next
// call starts a fresh worker. `restart()` does the same on purpose (cancelling a long walk). A
// call that throws (an engine bug) gives its error to its caller, and the worker is replaced as
// well, once the calls it is still running have answered. A worker that falls silent while a call
// waits on it (it exited without an error, or hangs) is taken for dead after WORKER_SILENCE_MS:
// every answer and every progress report (a walk reports every few thousand events) counts as a
// sign of life. The app's state lives on the main thread, so nothing but the calls in flight is lost.

import { proxy, wrap, type Endpoint } from 'comlink';
import { SIM_METHODS, type SimApi, type SimClient } from './protocol';

export interface SimClientHandle extends SimClient {
  /** Stops the worker (if any). The handle must not be used afterwards. */
  dispose(): void;
  /** Ends the worker now (its calls in flight are rejected); the next call starts a new one. */
  restart(reason?: string): void;
  /** Called when the worker dies or is restarted; returns an unsubscribe function. */
  onCrash(listener: (error: WorkerCrashedError) => void): () => void;
}

/** A call that was waiting on a worker that died or was restarted. */
export class WorkerCrashedError extends Error {
  override name = 'WorkerCrashedError';
  constructor(
    message: string,
    /** restarted on purpose (cancel), not crashed */
    readonly cancelled = false,
  ) {
    super(message);
  }
}

/** What the client needs of a worker (a real Worker, or a fake in tests). */
export interface WorkerLike {
  endpoint: Endpoint;
  terminate(): void;
  /** registers the crash handler: called with a description when the worker dies */
  onError(handler: (message: string) => void): void;
}

type AnyFn = (...args: unknown[]) => unknown;

/**
 * How long a worker may send nothing while a call waits on it. The longest silent calls (reading a
 * 10 MB file, generating a 2 000-device fabric) take seconds; a walk reports progress all along.
 */
export const WORKER_SILENCE_MS = 30_000;

function build(
  call: (name: keyof SimApi, args: unknown[]) => Promise<unknown>,
  extra: Pick<SimClientHandle, 'dispose' | 'restart' | 'onCrash'>,
): SimClientHandle {
  const client: Record<string, unknown> = { ...extra };
  for (const name of SIM_METHODS) client[name] = (...args: unknown[]) => call(name, args);
  return client as unknown as SimClientHandle;
}

function inlineClient(): SimClientHandle {
  // Never in a production build: every browser has Worker, and a chunk of the engine beside the
  // page's own would share the modules of engine/pure with it, pulling the whole of each (the FIB,
  // the iptables parser) into the first load.
  const api = import.meta.env.PROD
    ? Promise.reject(new Error('the simulator needs Web Workers'))
    : import('./sim-api').then((m) => m.simApi as unknown as Record<string, AnyFn>);
  return build(async (name, args) => (await api)[name]!(...args), { dispose: () => {}, restart: () => {}, onCrash: () => () => {} });
}

function browserWorker(): WorkerLike {
  // Vite bundles the worker because of this exact `new Worker(new URL(…), …)` shape.
  const worker = new Worker(new URL('./sim.worker.ts', import.meta.url), { type: 'module', name: 'packetwalk-sim' });
  return {
    endpoint: worker,
    terminate: () => worker.terminate(),
    onError: (handler) => {
      worker.addEventListener('error', (e) => {
        e.preventDefault();
        handler(e.message || 'the simulator stopped');
      });
      worker.addEventListener('messageerror', () => handler('a message from the simulator could not be read'));
    },
  };
}

/** A client on workers made by `spawn`, replaced whenever one dies or falls silent for `silenceMs`. */
export function resilientClient(spawn: () => WorkerLike, silenceMs = WORKER_SILENCE_MS): SimClientHandle {
  type Live = { worker: WorkerLike; remote: Record<string, AnyFn>; pending: Set<(e: Error) => void>; retired: boolean; watchdog?: ReturnType<typeof setTimeout> };
  let current: Live | undefined;
  const listeners = new Set<(e: WorkerCrashedError) => void>();

  const end = (c: Live | undefined, error: WorkerCrashedError) => {
    if (!c) return;
    if (current === c) current = undefined;
    clearTimeout(c.watchdog);
    c.worker.terminate();
    for (const reject of c.pending) reject(error);
    for (const l of listeners) l(error);
  };

  const live = () => {
    if (current) return current;
    const worker = spawn();
    const c: Live = { worker, remote: wrap<SimApi>(worker.endpoint) as unknown as Record<string, AnyFn>, pending: new Set(), retired: false };
    worker.onError((message) => {
      if (current === c || (c.retired && c.pending.size)) end(c, new WorkerCrashedError(message));
    });
    current = c;
    return c;
  };

  // The worker just showed it is alive (or a call started): it has silenceMs for its next sign,
  // as long as a call waits on it.
  const alive = (c: Live) => {
    clearTimeout(c.watchdog);
    c.watchdog = c.pending.size
      ? setTimeout(() => end(c, new WorkerCrashedError(`the simulator stopped answering (nothing for ${silenceMs / 1000} s)`)), silenceMs)
      : undefined;
  };

  // A call that threw leaves the worker's state (its caches) in doubt: later calls go to a new
  // worker, and this one ends once the calls it is still running have answered.
  const retire = (c: Live) => {
    if (current === c) current = undefined;
    c.retired = true;
  };

  const call = (name: keyof SimApi, args: unknown[]) => {
    const c = live();
    return new Promise<unknown>((resolve, reject) => {
      c.pending.add(reject);
      alive(c);
      const done = () => {
        c.pending.delete(reject);
        alive(c);
        if (c.retired && c.pending.size === 0) c.worker.terminate();
      };
      // A callback (walk's progress) crosses as a comlink proxy; each call of it is a sign of life.
      const passed = args.map((a) =>
        typeof a === 'function'
          ? proxy((...x: unknown[]) => {
              alive(c);
              return (a as AnyFn)(...x);
            })
          : a,
      );
      (c.remote[name]!(...passed) as Promise<unknown>).then(
        (v) => {
          done();
          resolve(v);
        },
        (e: unknown) => {
          retire(c);
          done();
          reject(e instanceof Error ? e : new Error(String(e)));
        },
      );
    });
  };

  return build(call, {
    dispose: () => {
      clearTimeout(current?.watchdog);
      current?.worker.terminate();
      current = undefined;
    },
    restart: (reason = 'cancelled') => end(current, new WorkerCrashedError(reason, true)),
    onCrash: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  });
}

/** A new client: a worker when the platform has them, else the engine inline. */
export function createSimClient(): SimClientHandle {
  return typeof Worker === 'undefined' ? inlineClient() : resilientClient(browserWorker);
}

let shared: SimClientHandle | undefined;

/** The app's one client, created on first use. */
export function simClient(): SimClientHandle {
  shared ??= createSimClient();
  return shared;
}
