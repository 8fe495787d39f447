// The forwarding database of a Linux bridge (net/bridge/br_fdb.c): source MACs learned per port
// on ingress, aged out after ageing_time (300 s by default), looked up by destination MAC.

import type { MacAddr } from '../wire/addr';

export const DEFAULT_AGEING_US = 300_000_000;

export interface FdbEntry {
  mac: MacAddr;
  port: string;
  /** virtual time of the last frame seen from this MAC (µs) */
  updated: number;
}

export type FdbLearn = { kind: 'new' } | { kind: 'moved'; prev: string } | { kind: 'refresh' };
export type FdbLookup = { kind: 'found'; entry: FdbEntry } | { kind: 'miss' } | { kind: 'expired'; entry: FdbEntry };

export class Fdb {
  private readonly entries = new Map<MacAddr, FdbEntry>();

  constructor(readonly ageingUs = DEFAULT_AGEING_US) {}

  learn(mac: MacAddr, port: string, now: number): FdbLearn {
    const e = this.entries.get(mac);
    if (!e) {
      this.entries.set(mac, { mac, port, updated: now });
      return { kind: 'new' };
    }
    const prev = e.port;
    this.entries.set(mac, { mac, port, updated: now });
    return prev === port ? { kind: 'refresh' } : { kind: 'moved', prev };
  }

  /** An expired entry is removed and reported once, then looks like a miss. */
  lookup(mac: MacAddr, now: number): FdbLookup {
    const e = this.entries.get(mac);
    if (!e) return { kind: 'miss' };
    if (now - e.updated > this.ageingUs) {
      this.entries.delete(mac);
      return { kind: 'expired', entry: e };
    }
    return { kind: 'found', entry: e };
  }

  /** Live entries (not yet aged out at `now`). */
  list(now: number): FdbEntry[] {
    return [...this.entries.values()].filter((e) => now - e.updated <= this.ageingUs);
  }
}
