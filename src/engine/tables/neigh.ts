// The neighbour cache of one Linux stack and its state machine (net/core/neighbour.c with the
// ARP callbacks of net/ipv4/arp.c): NONE → INCOMPLETE (broadcast probes, packets held) →
// REACHABLE; entries learned from requests start STALE, turn DELAY when used, then REACHABLE
// if confirmed or PROBE (unicast probes) and FAILED. Entries made by hand (`ip neigh add`) are
// PERMANENT or NOARP (never probed, never changed by ARP: neigh_update without
// NEIGH_UPDATE_F_ADMIN leaves them) or start REACHABLE or STALE. Timers run on the simulation clock.
// Sending frames is left to the owner through hooks; this module only decides.

import type { Ipv4Addr, MacAddr } from '../wire/addr';
import type { Sim } from '../sim/sim';
import type { NeighCause, NeighState, NeighView, PacketId } from '../sim/trace';

/** Neighbour parameters (net.ipv4.neigh.DEV.*) with the kernel defaults the oracle asserts. */
export interface NeighParams {
  baseReachableUs: number;
  delayFirstProbeUs: number;
  retransUs: number;
  mcastSolicit: number;
  ucastSolicit: number;
  appSolicit: number;
  mcastResolicit: number;
  /** packets held per entry while resolving (unres_qlen) */
  queueLen: number;
  locktimeUs: number;
  /** proxy_delay (µs): how long a proxy ARP answer to a broadcast request may be delayed */
  proxyDelayUs: number;
}

export const DEFAULT_NEIGH_PARAMS: NeighParams = {
  baseReachableUs: 30_000_000,
  delayFirstProbeUs: 5_000_000,
  retransUs: 1_000_000,
  mcastSolicit: 3,
  ucastSolicit: 3,
  appSolicit: 0,
  mcastResolicit: 0,
  queueLen: 101,
  locktimeUs: 1_000_000,
  proxyDelayUs: 800_000,
};

const VALID: ReadonlySet<NeighState> = new Set(['REACHABLE', 'STALE', 'DELAY', 'PROBE', 'PERMANENT', 'NOARP']);
const CONNECTED: ReadonlySet<NeighState> = new Set(['REACHABLE', 'PERMANENT', 'NOARP']);
/** States only an administrator changes (NUD_PERMANENT, NUD_NOARP) */
const ADMIN_ONLY: ReadonlySet<NeighState> = new Set(['PERMANENT', 'NOARP']);
const IN_TIMER: ReadonlySet<NeighState> = new Set(['INCOMPLETE', 'REACHABLE', 'DELAY', 'PROBE']);
export const isValidState = (s: NeighState): boolean => VALID.has(s);

export interface NeighEntry<T> {
  dev: string;
  ip: Ipv4Addr;
  mac?: MacAddr;
  state: NeighState;
  confirmed: number;
  updated: number;
  used: number;
  probes: number;
  queue: T[];
  /** bumped whenever the timer is re-armed or cancelled; a firing timer with an old value is void */
  timerGen: number;
}

export interface NeighHooks<T> {
  /** send an ARP request for the entry; unicast to entry.mac when `unicast` */
  solicit(entry: NeighEntry<T>, lastQueued: T | undefined, unicast: boolean, probe: number): void;
  /** transmit a packet to entry.mac */
  transmit(entry: NeighEntry<T>, skb: T): void;
  /** resolution failed for a held packet (ICMP host unreachable / local error) */
  errorReport(entry: NeighEntry<T>, skb: T): void;
  /** a held packet was pushed out of a full queue */
  queueOverflow(entry: NeighEntry<T>, skb: T): void;
  /** reachable_time of the device: base/2 + random(base), fixed per device */
  reachableTime(dev: string): number;
  params(dev: string): NeighParams;
}

export type NeighOutput = 'sent' | 'held';

export class NeighTable<T extends { pkt: PacketId }> {
  /** per device, per address */
  private readonly entries = new Map<string, Map<Ipv4Addr, NeighEntry<T>>>();

  constructor(
    private readonly sim: Sim,
    private readonly node: string,
    private readonly hooks: NeighHooks<T>,
  ) {}

  lookup(dev: string, ip: Ipv4Addr): NeighEntry<T> | undefined {
    return this.entries.get(dev)?.get(ip);
  }

  /** __neigh_lookup(…, creat=1): the entry, created in state NONE when missing. */
  lookupOrCreate(dev: string, ip: Ipv4Addr): NeighEntry<T> {
    let byIp = this.entries.get(dev);
    if (!byIp) {
      byIp = new Map();
      this.entries.set(dev, byIp);
    }
    let n = byIp.get(ip);
    if (!n) {
      const now = this.sim.now;
      n = {
        dev,
        ip,
        state: 'NONE',
        confirmed: now - 2 * this.hooks.params(dev).baseReachableUs,
        updated: now,
        used: now,
        probes: 0,
        queue: [],
        timerGen: 0,
      };
      byIp.set(ip, n);
    }
    return n;
  }

  view(n: NeighEntry<T>): NeighView {
    return { dev: n.dev, ip: n.ip, ...(n.mac && VALID.has(n.state) ? { mac: n.mac } : {}), state: n.state };
  }

  /** Entries as `ip neigh show` lists them (state NONE is not shown). */
  list(): NeighView[] {
    const out: NeighView[] = [];
    for (const byIp of this.entries.values()) for (const n of byIp.values()) if (n.state !== 'NONE') out.push(this.view(n));
    return out;
  }

  /** neigh_resolve_output: send now through a valid entry, or hold the packet and resolve. */
  output(n: NeighEntry<T>, skb: T): NeighOutput {
    if (this.eventSend(n, skb)) return 'held';
    this.hooks.transmit(n, skb);
    return 'sent';
  }

  /** neigh_event_send; returns true when the packet was held (or dropped) instead of sent. */
  eventSend(n: NeighEntry<T>, skb: T | undefined, cause: NeighCause = 'resolve'): boolean {
    const now = this.sim.now;
    n.used = now;
    if (CONNECTED.has(n.state) || n.state === 'DELAY' || n.state === 'PROBE') return false;
    const p = this.hooks.params(n.dev);
    let immediateProbe = false;
    if (n.state !== 'STALE' && n.state !== 'INCOMPLETE') {
      if (p.mcastSolicit + p.appSolicit > 0) {
        n.probes = p.ucastSolicit;
        this.setState(n, 'INCOMPLETE', cause);
        n.updated = now;
        immediateProbe = true;
        this.arm(n, now + Math.max(p.retransUs, 10_000));
      } else {
        this.setState(n, 'FAILED', cause);
        n.updated = now;
        if (skb) this.hooks.errorReport(n, skb);
        return true;
      }
    } else if (n.state === 'STALE') {
      this.setState(n, 'DELAY', 'use');
      n.updated = now;
      this.arm(n, now + p.delayFirstProbeUs);
    }
    let held = false;
    if (n.state === 'INCOMPLETE') {
      if (skb) {
        while (n.queue.length >= p.queueLen) this.hooks.queueOverflow(n, n.queue.shift()!);
        n.queue.push(skb);
        this.sim.emit({ kind: 'neigh.hold', node: this.node, pkt: skb.pkt, dev: n.dev, ip: n.ip, queued: n.queue.length });
      }
      held = true;
    }
    if (immediateProbe) this.probe(n);
    return held;
  }

  /**
   * `ip neigh add|replace ADDR lladdr MAC dev DEV nud STATE` (neigh_update with
   * NEIGH_UPDATE_F_ADMIN), for the entries the node is configured with.
   */
  addStatic(dev: string, ip: Ipv4Addr, mac: MacAddr, state: 'PERMANENT' | 'NOARP' | 'REACHABLE' | 'STALE'): void {
    const n = this.lookupOrCreate(dev, ip);
    const now = this.sim.now;
    n.mac = mac;
    n.updated = now;
    n.confirmed = state === 'REACHABLE' ? now : now - 2 * this.hooks.params(dev).baseReachableUs;
    n.timerGen++;
    this.setState(n, state, 'admin');
    if (state === 'REACHABLE') this.arm(n, now + this.hooks.reachableTime(dev));
  }

  /**
   * neigh_flush_dev: every entry of `dev` goes (its timer stopped, the packets it held freed with
   * `dropHeld`), permanent ones too unless `keepPermanent` (neigh_ifdown when the device goes
   * down; neigh_carrier_down, which keeps them, when it loses its carrier).
   */
  flushDev(dev: string, keepPermanent: boolean, dropHeld: (skb: T) => void): void {
    const byIp = this.entries.get(dev);
    if (!byIp) return;
    for (const n of [...byIp.values()]) {
      if (keepPermanent && n.state === 'PERMANENT') continue;
      n.timerGen++;
      const held = n.queue.splice(0);
      byIp.delete(n.ip);
      if (n.state !== 'NONE') this.setState(n, 'NONE', 'ifdown');
      held.forEach(dropHeld);
    }
  }

  /**
   * neigh_update: a new link-layer address and/or state from ARP. `override`
   * (NEIGH_UPDATE_F_OVERRIDE) lets a different address replace a valid one; without it the entry
   * keeps its address and its state. (Only IPv6 neighbour discovery passes WEAK_OVERRIDE, which
   * would demote a connected entry to STALE instead; ARP never does.)
   */
  update(n: NeighEntry<T>, lladdr: MacAddr, requested: NeighState, override: boolean, cause: NeighCause, pkt?: PacketId): void {
    const now = this.sim.now;
    const old = n.state;
    // Only `ip neigh` changes a permanent or noarp entry, never ARP.
    if (ADMIN_ONLY.has(old)) return this.unchanged(n, cause, pkt);
    const mac = lladdr;
    let next = requested;
    if (CONNECTED.has(next)) n.confirmed = now;
    if (VALID.has(old)) {
      if (mac !== n.mac && !override) return this.unchanged(n, cause, pkt);
      if (mac === n.mac && next === 'STALE') next = old;
    }
    // The locktime window moves only with an update that changes something.
    if (next !== old || mac !== n.mac) n.updated = now;
    const prevMac = n.mac;
    if (next !== old) {
      n.timerGen++;
      if (next === 'PROBE') n.probes = 0;
      if (IN_TIMER.has(next)) this.arm(n, now + (next === 'REACHABLE' ? this.hooks.reachableTime(n.dev) : 0));
      n.state = next;
    }
    if (mac !== n.mac) {
      n.mac = mac;
      if (!CONNECTED.has(next)) n.confirmed = now - 2 * this.hooks.params(n.dev).baseReachableUs;
    }
    if (next === old && mac === prevMac) return this.unchanged(n, cause, pkt);
    this.sim.emit({
      kind: 'neigh.update',
      node: this.node,
      dev: n.dev,
      ip: n.ip,
      from: old,
      to: next,
      mac: n.mac,
      ...(prevMac && prevMac !== n.mac ? { prevMac } : {}),
      cause,
      ...(pkt !== undefined ? { pkt } : {}),
    });
    if (next === old) return;
    if (!VALID.has(old)) {
      // Resolved: send what was waiting, oldest first, through the entry's output path.
      while (VALID.has(n.state) && n.queue.length > 0) {
        const skb = n.queue.shift()!;
        this.sim.emit({ kind: 'neigh.release', node: this.node, pkt: skb.pkt, dev: n.dev, ip: n.ip, mac: n.mac! });
        this.output(n, skb);
      }
    }
  }

  /** An ARP packet that found the entry as it was: say so, so that the packet's end is traced. */
  private unchanged(n: NeighEntry<T>, cause: NeighCause, pkt: PacketId | undefined): void {
    if (pkt === undefined) return;
    this.sim.emit({ kind: 'neigh.update', node: this.node, dev: n.dev, ip: n.ip, from: n.state, to: n.state, ...(n.mac && VALID.has(n.state) ? { mac: n.mac } : {}), cause, pkt });
  }

  /** neigh_event_ns: an ARP request for one of our addresses tells us its sender (STALE). */
  eventNs(dev: string, ip: Ipv4Addr, mac: MacAddr): NeighEntry<T> {
    const n = this.lookupOrCreate(dev, ip);
    this.update(n, mac, 'STALE', true, 'arp-request');
    return n;
  }

  private setState(n: NeighEntry<T>, s: NeighState, cause: NeighCause): void {
    const from = n.state;
    n.state = s;
    this.sim.emit({
      kind: 'neigh.update',
      node: this.node,
      dev: n.dev,
      ip: n.ip,
      from,
      to: s,
      ...(n.mac && VALID.has(s) ? { mac: n.mac } : {}),
      cause,
    });
  }

  private arm(n: NeighEntry<T>, t: number): void {
    const gen = ++n.timerGen;
    this.sim.at(t, () => {
      if (n.timerGen === gen) this.timer(n);
    });
  }

  private probe(n: NeighEntry<T>): void {
    const p = this.hooks.params(n.dev);
    const probeNo = n.probes;
    const unicast = probeNo - p.ucastSolicit < 0;
    this.hooks.solicit(n, n.queue[n.queue.length - 1], unicast && n.mac !== undefined, probeNo);
    n.probes++;
  }

  private maxProbes(n: NeighEntry<T>): number {
    const p = this.hooks.params(n.dev);
    return p.ucastSolicit + p.appSolicit + (n.state === 'PROBE' ? p.mcastResolicit : p.mcastSolicit);
  }

  /** neigh_timer_handler */
  private timer(n: NeighEntry<T>): void {
    const now = this.sim.now;
    const p = this.hooks.params(n.dev);
    if (!IN_TIMER.has(n.state)) return;
    let next = now + 1_000_000;
    if (n.state === 'REACHABLE') {
      const rt = this.hooks.reachableTime(n.dev);
      if (now <= n.confirmed + rt) {
        next = n.confirmed + rt;
      } else if (now <= n.used + p.delayFirstProbeUs) {
        this.setState(n, 'DELAY', 'timer');
        n.updated = now;
        next = now + p.delayFirstProbeUs;
      } else {
        this.setState(n, 'STALE', 'timer');
        n.updated = now;
      }
    } else if (n.state === 'DELAY') {
      if (now <= n.confirmed + p.delayFirstProbeUs) {
        this.setState(n, 'REACHABLE', 'timer');
        n.updated = now;
        next = n.confirmed + this.hooks.reachableTime(n.dev);
      } else {
        this.setState(n, 'PROBE', 'timer');
        n.updated = now;
        n.probes = 0;
        next = now + Math.max(p.retransUs, 10_000);
      }
    } else {
      next = now + Math.max(p.retransUs, 10_000);
    }
    if ((n.state === 'INCOMPLETE' || n.state === 'PROBE') && n.probes >= this.maxProbes(n)) {
      this.setState(n, 'FAILED', 'probes-exhausted');
      n.updated = now;
      n.timerGen++;
      // neigh_invalidate: every held packet gets an error report.
      while ((n.state as NeighState) === 'FAILED' && n.queue.length > 0) this.hooks.errorReport(n, n.queue.shift()!);
      return;
    }
    if (IN_TIMER.has(n.state)) this.arm(n, Math.max(next, now + 10_000));
    if (n.state === 'INCOMPLETE' || n.state === 'PROBE') this.probe(n);
  }
}
