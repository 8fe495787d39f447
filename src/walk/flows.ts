// How a walk's flows spread over a multipath network: each scenario step that routed a packet
// through a multipath route is one flow (the generator's `nc -z -p PORT …` flows, or any
// commands typed), with the links its IP packets crossed and the routers that forwarded it. The
// diagram colours each link by the flow that took it; the player lists the flows. Pure: read
// from the trace once per walk, by the worker (Walk.flows), so the page loads none of it.

import type { SimResult } from '../engine';
import { ETHERTYPE } from '../engine/pure';

export interface Flow {
  /** the scenario step (its index in the run's steps) */
  step: number;
  command: string;
  /** the links its frames crossed, in the order they first did */
  links: string[];
  /** the routers that forwarded its packets, in the order they first did */
  routers: string[];
}

export interface FlowSpread {
  flows: Flow[];
  /** link id → the indices (in `flows`) of the flows that crossed it */
  byLink: Map<string, number[]>;
}

/**
 * The walk's flows, when there is something to show: two or more steps, at least one packet
 * routed by a multipath route. Otherwise undefined (a walk on a single-path network).
 */
export function flowSpread(result: SimResult): FlowSpread | undefined {
  const flows: Flow[] = [];
  const seen: { links: Set<string>; routers: Set<string> }[] = [];
  let multipath = false;
  let current: number | undefined;
  for (const e of result.events) {
    if (e.kind === 'step.start') {
      if (e.background) continue;
      current = flows.length;
      flows.push({ step: e.step, command: e.command, links: [], routers: [] });
      seen.push({ links: new Set(), routers: new Set() });
    } else if (e.kind === 'step.end') {
      if (flows[current ?? -1]?.step === e.step) current = undefined;
    } else if (current !== undefined) {
      const f = flows[current]!;
      const s = seen[current]!;
      // The flow's own packets: its ARP (a broadcast flooded to every host) is not the flow.
      if (e.kind === 'frame.tx' && e.link && e.frame.ethertype === ETHERTYPE.ipv4 && !s.links.has(e.link)) {
        s.links.add(e.link);
        f.links.push(e.link);
      } else if (e.kind === 'ip.forward' && !s.routers.has(e.node)) {
        s.routers.add(e.node);
        f.routers.push(e.node);
      } else if (e.kind === 'fib.lookup' && e.result.kind === 'route' && e.result.multipath) multipath = true;
    }
  }
  const used = flows.filter((f) => f.links.length > 0);
  if (!multipath || used.length < 2) return undefined;
  const byLink = new Map<string, number[]>();
  used.forEach((f, i) => {
    for (const l of f.links) {
      const list = byLink.get(l);
      if (list) list.push(i);
      else byLink.set(l, [i]);
    }
  });
  return { flows: used, byLink };
}
