// What led to each frame: for every `frame.tx` of a trace, the events of the device that sent it
// since that device's previous frame (its decisions: the route lookup, the forward with its TTL,
// the neighbour lookup, the flood…). Plain data, no English: the CLI and the UI turn the events
// into sentences (pcapng comments, tooltips).

import type { TraceEvent } from './sim/trace';

export type FrameTxEvent = Extract<TraceEvent, { kind: 'frame.tx' }>;

const nodeOf = (e: TraceEvent): string | undefined => ('node' in e ? e.node : undefined);

/**
 * For each `frame.tx` event (by its `seq`), the events of the same node after the node's previous
 * `frame.tx` and before this one, in trace order (`frame.tx` events themselves are never part of
 * a context; `frame.rx` events are). Copies of one packet sent back to back (a bridge's flood, a
 * frame sent on several ports) share the context of the first copy, so none of them is left
 * without its decisions. Events after a node's last frame are in no context.
 */
export function frameContexts(events: readonly TraceEvent[]): Map<number, TraceEvent[]> {
  const out = new Map<number, TraceEvent[]>();
  const pending = new Map<string, TraceEvent[]>();
  const last = new Map<string, { pkt: number; context: TraceEvent[] }>();
  for (const e of events) {
    const node = nodeOf(e);
    if (node === undefined) continue;
    if (e.kind !== 'frame.tx') {
      let p = pending.get(node);
      if (!p) pending.set(node, (p = []));
      p.push(e);
      continue;
    }
    const since = pending.get(node) ?? [];
    pending.delete(node);
    const prev = last.get(node);
    const context = since.length === 0 && prev && prev.pkt === e.pkt ? prev.context : since;
    out.set(e.seq, context);
    last.set(node, { pkt: e.pkt, context });
  }
  return out;
}
