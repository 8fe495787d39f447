// What a walk had done to a Linux node's interfaces by a step (its link.state events, from
// `ip link set DEV down|up` in the scenario or a cut link: link-updown.ts), for what `ip link`,
// `ip addr` and `ip route` print in a terminal at that step: a device set down (`<BROADCAST,
// MULTICAST>`, state DOWN, the routes through it gone but its local ones), a device whose veth peer
// was set down (`<NO-CARRIER,…,UP>`, state DOWN, its routes `linkdown`), and the routes a device
// set down took away for good (the static ones: `up` brings back only the connected routes).

import type { FibRoute } from '../tables/fib';
import type { TraceEvent } from '../sim/trace';
import type { Topology } from '../topology';

export interface LinkState {
  /** set down now */
  down: string[];
  /** set down at some point (its static routes are gone) */
  wasDown: string[];
  /** up, but its peer is down: no carrier */
  noCarrier: string[];
}

/** The link state of `node`'s interfaces after the walk's events up to `upTo` (a seq; inclusive); undefined when nothing was set down. */
export function linkStateAt(events: readonly TraceEvent[], topology: Topology, node: string, upTo: number): LinkState | undefined {
  const down = new Set<string>();
  const wasDown = new Set<string>();
  for (const e of events) {
    if (e.seq > upTo) break;
    if (e.kind !== 'link.state') continue;
    const key = `${e.node}:${e.iface}`;
    if (e.up) down.delete(key);
    else {
      down.add(key);
      wasDown.add(key);
    }
  }
  if (wasDown.size === 0) return undefined;
  const mine = (set: Set<string>) => [...set].filter((k) => k.startsWith(`${node}:`)).map((k) => k.slice(node.length + 1));
  const noCarrier: string[] = [];
  for (const l of topology.links) {
    for (const [me, peer] of [[l.a, l.b], [l.b, l.a]] as const) {
      if (me.node === node && !down.has(`${node}:${me.iface}`) && down.has(`${peer.node}:${peer.iface}`)) noCarrier.push(me.iface);
    }
  }
  return { down: mine(down), wasDown: mine(wasDown), noCarrier };
}

/** A device's first line of `ip link`/`ip addr` with its state now: set down, or without carrier. */
export function liveDevHead(head: string, dev: string, s: LinkState | undefined): string {
  if (s?.down.includes(dev)) return head.replace(/<([^>]*)>/, (_, f: string) => `<${f.split(',').filter((x) => x !== 'UP' && x !== 'LOWER_UP').join(',')}>`).replace(/ state \S+/, ' state DOWN');
  if (s?.noCarrier.includes(dev)) return head.replace(/<([^>]*)>/, (_, f: string) => `<NO-CARRIER,${f.split(',').filter((x) => x !== 'LOWER_UP').join(',')}>`).replace(/ state \S+/, ' state DOWN');
  return head;
}

/** The routes `ip route show` lists now: a device set down took those through it (not its local ones), for good unless the kernel made them from an address and the device is up again. */
export function liveRoutes(routes: FibRoute[], s: LinkState | undefined): FibRoute[] {
  if (!s) return routes;
  const devs = (r: FibRoute) => (r.nexthops ? r.nexthops.map((n) => n.dev) : r.dev !== undefined ? [r.dev] : []);
  return routes
    .filter((r) => {
      const d = devs(r);
      if (r.scope === 'host' || d.length === 0 || !d.every((x) => s.wasDown.includes(x))) return true;
      return r.proto === 'kernel' && !d.some((x) => s.down.includes(x));
    })
    .map((r) => (devs(r).length === 1 && s.noCarrier.includes(devs(r)[0]!) ? { ...r, linkdown: true } : r));
}
