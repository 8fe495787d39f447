// The discrete-event core: a virtual clock in microseconds, a FIFO-stable timer queue, a seeded
// random source and the trace recorder with its event bound. Devices never read real time or
// Math.random: everything comes from here, so the same input gives the same trace.

import type { LimitStop, PacketId, TraceEvent, TraceEventBody } from './trace';

export const US_PER_MS = 1000;
export const US_PER_S = 1_000_000;
/** Wall-clock seconds at virtual time 0 (2026-01-01T00:00:00Z): ping's timestamps, pcap's clock. */
export const EPOCH_S = 1_767_225_600;

/** Thrown inside the event loop when the event bound is reached; caught by `run`. */
export class SimulationStopped extends Error {
  constructor(readonly stop: LimitStop) {
    super('simulation stopped');
  }
}

interface Timer {
  t: number;
  order: number;
  fn: (arg: never, arg2: never) => void;
  arg: unknown;
  arg2: unknown;
}

/** mulberry32: small, fast, good enough for jitter and identifiers. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Sim {
  now = 0;
  readonly events: TraceEvent[] = [];
  /** set once the run is over: the teardown of background processes records nothing */
  ended = false;
  readonly random: () => number;
  private readonly heap: Timer[] = [];
  /**
   * Timers from `afterWith` (a frame on a wire: always the same delay), in the order they fire:
   * each is armed no earlier than the one before it, so a queue keeps them sorted by (t, order)
   * without the heap's sifting or a Timer object each. `run` takes the earlier of its head and
   * the heap's. A ring of parallel arrays (`qLen` timers from `qHead`), doubled when full.
   */
  private qT = new Float64Array(256);
  private qOrder = new Float64Array(256);
  private qFn: (((arg: never, arg2: never) => void) | undefined)[] = new Array<undefined>(256).fill(undefined);
  private qArg: unknown[] = new Array<undefined>(256).fill(undefined);
  private qArg2: unknown[] = new Array<undefined>(256).fill(undefined);
  private qHead = 0;
  private qLen = 0;
  private order = 0;
  private packetSeq = 0;
  private halted = false;
  private timersRun = 0;
  /** timers that may fire per trace event allowed: a run never spins without recording anything */
  static readonly TIMERS_PER_EVENT = 20;
  /** called every `progressEvery` events */
  onProgress: ((events: number) => void) | undefined = undefined;
  progressEvery = 5_000;
  /** called when the bound is hit, to describe what was going on (storm detection) */
  describeLimit: (limit: number) => LimitStop = (limit) => ({ kind: 'event-limit', limit });

  private mpSeed: number | undefined;

  constructor(
    private readonly seed: number,
    readonly maxEvents: number,
  ) {
    this.random = seededRandom(seed);
  }

  /**
   * proc_fib_multipath_hash_rand_seed: the one random multipath hash seed of a boot (here of a
   * run), used by every stack whose net.ipv4.fib_multipath_hash_seed is 0. Drawn apart from
   * `random`, so that no other random value changes.
   */
  multipathRandSeed(): number {
    return (this.mpSeed ??= Math.floor(seededRandom(this.seed ^ 0x6d70)() * 2 ** 32));
  }

  /** Random integer in [0, n). */
  randomInt(n: number): number {
    return Math.floor(this.random() * n);
  }

  newPacketId(): PacketId {
    return ++this.packetSeq;
  }

  /**
   * Records an event. The body object becomes the event (callers pass a fresh literal). The events
   * of every frame (frame.tx, frame.rx, drop, fdb.forward) are written with `seq: 0, t: 0` in the
   * literal: filling in fields it has keeps an event one object, where adding them would give it
   * a second block of properties (a fifth more memory for the collector to copy, per event).
   */
  emit<B extends TraceEventBody>(body: B): B & TraceEvent {
    if (this.events.length >= this.maxEvents) throw new SimulationStopped(this.describeLimit(this.maxEvents));
    const ev = body as unknown as B & TraceEvent;
    ev.seq = this.events.length;
    ev.t = this.now;
    this.events.push(ev);
    if (this.onProgress && this.events.length % this.progressEvery === 0) this.onProgress(this.events.length);
    return ev;
  }

  /** Runs fn at absolute time t (never in the past); equal times run in scheduling order. */
  at(t: number, fn: () => void): void {
    this.push({ t: Math.max(t, this.now), order: this.order++, fn, arg: undefined, arg2: undefined });
  }

  after(delay: number, fn: () => void): void {
    this.at(this.now + delay, fn);
  }

  /** Like `after`, with arguments for a handler created once (no closure per call). */
  afterWith<A, B = undefined>(delay: number, fn: (arg: A, arg2: B) => void, arg: A, arg2?: B): void {
    const t = this.now + delay;
    const mask = this.qT.length - 1;
    if (this.qLen > 0 && this.qT[(this.qHead + this.qLen - 1) & mask]! > t) {
      // earlier than the queue's last timer (another delay): only the heap keeps the order
      this.push({ t, order: this.order++, fn: fn as (arg: never, arg2: never) => void, arg, arg2 });
      return;
    }
    if (this.qLen === this.qT.length) this.growQueue();
    const i = (this.qHead + this.qLen++) & (this.qT.length - 1);
    this.qT[i] = t;
    this.qOrder[i] = this.order++;
    this.qFn[i] = fn as (arg: never, arg2: never) => void;
    this.qArg[i] = arg;
    this.qArg2[i] = arg2;
  }

  private push(timer: Timer): void {
    const h = this.heap;
    h.push(timer);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(timer, h[p]!)) break;
      h[i] = h[p]!;
      i = p;
    }
    h[i] = timer;
  }

  private pop(): Timer | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        let best = last;
        if (l < h.length && before(h[l]!, best)) {
          m = l;
          best = h[l]!;
        }
        if (r < h.length && before(h[r]!, best)) m = r;
        if (m === i) break;
        h[i] = h[m]!;
        i = m;
      }
      h[i] = last;
    }
    return top;
  }

  /** Stops `run` after the current timer: what is still scheduled never happens. */
  halt(): void {
    this.halted = true;
  }

  /** Runs timers up to and including time `until`, until none are left, or until halted. */
  run(until = Infinity): void {
    const h = this.heap;
    while (!this.halted) {
      const next = h[0];
      const q = this.qHead;
      const fromQueue = this.qLen > 0 && (!next || this.qT[q]! < next.t || (this.qT[q]! === next.t && this.qOrder[q]! < next.order));
      const t = fromQueue ? this.qT[q]! : next?.t;
      if (t === undefined || t > until) break;
      this.now = t;
      if (++this.timersRun > this.maxEvents * Sim.TIMERS_PER_EVENT) {
        throw new SimulationStopped({ kind: 'timer-limit', limit: this.maxEvents * Sim.TIMERS_PER_EVENT });
      }
      if (fromQueue) {
        const fn = this.qFn[q] as (arg: unknown, arg2: unknown) => void;
        const arg = this.qArg[q];
        const arg2 = this.qArg2[q];
        this.qFn[q] = this.qArg[q] = this.qArg2[q] = undefined; // let the frame go once delivered
        this.qHead = (q + 1) & (this.qT.length - 1);
        this.qLen--;
        fn(arg, arg2);
      } else {
        this.pop();
        (next!.fn as (arg: unknown, arg2: unknown) => void)(next!.arg, next!.arg2);
      }
    }
    if (until !== Infinity && until > this.now) this.now = until;
  }

  /** Doubles the ring, its timers in order from index 0. */
  private growQueue(): void {
    const cap = this.qT.length;
    const from = (i: number) => (this.qHead + i) & (cap - 1);
    const t = new Float64Array(2 * cap);
    const ord = new Float64Array(2 * cap);
    const fn = new Array<(typeof this.qFn)[number]>(2 * cap).fill(undefined);
    const arg = new Array<unknown>(2 * cap).fill(undefined);
    const arg2 = new Array<unknown>(2 * cap).fill(undefined);
    for (let i = 0; i < cap; i++) {
      const j = from(i);
      t[i] = this.qT[j]!;
      ord[i] = this.qOrder[j]!;
      fn[i] = this.qFn[j];
      arg[i] = this.qArg[j];
      arg2[i] = this.qArg2[j];
    }
    this.qT = t;
    this.qOrder = ord;
    this.qFn = fn;
    this.qArg = arg;
    this.qArg2 = arg2;
    this.qHead = 0;
  }

  get pending(): number {
    return this.heap.length + this.qLen;
  }
}

function before(a: Timer, b: Timer): boolean {
  return a.t < b.t || (a.t === b.t && a.order < b.order);
}
