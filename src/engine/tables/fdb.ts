// The forwarding database of a Linux bridge (net/bridge/br_fdb.c): source MACs learned per port
// on ingress, aged out after ageing_time (300 s by default), looked up by destination MAC. An
// entry's key is the MAC and the VLAN (0 when the bridge does not filter VLANs): with
// vlan_filtering the same MAC may sit behind different ports in different VLANs. An
// entry ages out when it is looked up or listed after its time, unless the table is `gc`'s: then
// only br_fdb_cleanup removes it (`cleanup`, run by the bridge's gc timer), as Linux does — a
// lookup never checks the time, and a shorter ageing time takes effect at the next run.

import type { MacAddr } from '../wire/addr';

export const DEFAULT_AGEING_US = 300_000_000;

export interface FdbEntry {
  mac: MacAddr;
  port: string;
  /** the VLAN it was learned in (0: none) */
  vlan: number;
  /** virtual time of the last frame seen from this MAC (µs) */
  updated: number;
}

export type FdbLearn = { kind: 'new' } | { kind: 'moved'; prev: string } | { kind: 'refresh' };
export type FdbLookup = { kind: 'found'; entry: FdbEntry } | { kind: 'miss' } | { kind: 'expired'; entry: FdbEntry };

const fdbKey = (mac: MacAddr, vlan: number): string => (vlan ? `${mac}/${vlan}` : mac);

export class Fdb {
  private readonly entries = new Map<string, FdbEntry>();

  constructor(
    /** ageing_time; STP shortens it to twice the forward delay while the topology changes */
    public ageingUs = DEFAULT_AGEING_US,
    /** entries go only when `cleanup` runs */
    readonly gc = false,
  ) {}

  learn(mac: MacAddr, port: string, now: number, vlan = 0): FdbLearn {
    const key = fdbKey(mac, vlan);
    const e = this.entries.get(key);
    this.entries.set(key, { mac, port, vlan, updated: now });
    if (!e) return { kind: 'new' };
    const prev = e.port;
    return prev === port ? { kind: 'refresh' } : { kind: 'moved', prev };
  }

  /** An expired entry is removed and reported once, then looks like a miss. */
  lookup(mac: MacAddr, now: number, vlan = 0): FdbLookup {
    const key = fdbKey(mac, vlan);
    const e = this.entries.get(key);
    if (!e) return { kind: 'miss' };
    if (!this.gc && now - e.updated > this.ageingUs) {
      this.entries.delete(key);
      return { kind: 'expired', entry: e };
    }
    return { kind: 'found', entry: e };
  }

  /** br_fdb_delete_by_port: a port that goes down forgets what it learned. */
  deletePort(port: string, removed: (e: FdbEntry) => void): void {
    for (const [key, e] of this.entries) {
      if (e.port !== port) continue;
      this.entries.delete(key);
      removed(e);
    }
  }

  /** Live entries (not yet aged out at `now`). */
  list(now: number): FdbEntry[] {
    return [...this.entries.values()].filter((e) => this.gc || now - e.updated <= this.ageingUs);
  }

  /**
   * br_fdb_cleanup: removes the entries older than the ageing time and says when to run again
   * (µs from now): when the next entry expires, or one ageing time when none is left; at least 10 ms.
   */
  cleanup(now: number, removed: (e: FdbEntry) => void): number {
    let next = this.ageingUs;
    for (const [key, e] of this.entries) {
      const expires = e.updated + this.ageingUs;
      if (expires > now) next = Math.min(next, expires - now);
      else {
        this.entries.delete(key);
        removed(e);
      }
    }
    return Math.max(next, 10_000);
  }
}
