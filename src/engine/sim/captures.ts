// Link captures, read from a trace: on each link, what a capture at its first endpoint sees, like
// the oracle's tcpdump — the frames that endpoint sends when it sends them, the frames it receives
// when they arrive. The run does not record them (a trace already holds every frame with its
// link); they are built on first use and kept with the trace.

import type { EthernetFrame } from '../wire/types';
import type { TraceEvent } from './trace';

export interface LinkCaptures {
  /** per link key ("a:if--b:if"), the frames in capture order (links that carried none are absent) */
  links: Record<string, EthernetFrame[]>;
  /** capture order across links: [link key, index in that link's list] */
  order: [string, number][];
}

const built = new WeakMap<readonly TraceEvent[], LinkCaptures>();

/** The captures of a run's links (of `result.events`). */
export function linkCaptures(result: { events: readonly TraceEvent[] }): LinkCaptures {
  const events = result.events;
  let c = built.get(events);
  if (!c) {
    c = { links: {}, order: [] };
    for (const e of events) {
      if ((e.kind !== 'frame.tx' && e.kind !== 'frame.rx') || e.link === null) continue;
      // The first endpoint's capture: a frame it sends (tx there) or receives (rx there).
      if (!e.link.startsWith(`${e.node}:${e.iface}--`)) continue;
      const list = (c.links[e.link] ??= []);
      c.order.push([e.link, list.push(e.frame) - 1]);
    }
    built.set(events, c);
  }
  return c;
}
