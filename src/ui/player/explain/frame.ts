// A frame arriving at a device, the frames it sends (copies of one frame on several ports are one
// sentence), and a packet dropped, with the reason after Linux's SKB_DROP_REASON_*.

import type { Explainers } from './context';
import { frameWhat, macText } from './labels';

export const frameExplainers: Explainers = {
  'frame.rx': (e, { ctx, step, t, isBridge }) => [
    isBridge
      ? t('player.x.rxBridge', { node: e.node, iface: e.iface, from: step.from ?? '', what: frameWhat(e.frame, t, ctx.topology), src: macText(ctx.topology, e.frame.srcMac), dst: macText(ctx.topology, e.frame.dstMac) })
      : t('player.x.rx', { node: e.node, iface: e.iface, from: step.from ?? '', what: frameWhat(e.frame, t, ctx.topology) }),
  ],
  'frame.tx': (e, { ctx, step, t, txAt, use }) => {
    // Copies of one frame sent back to back (a flood) are one sentence.
    const copies = [e];
    for (let j = e.seq + 1; j <= step.last; j++) {
      const x = ctx.events[j]!;
      if (x.kind !== 'frame.tx' || x.pkt !== e.pkt || x.node !== e.node) break;
      copies.push(x);
      use(j);
    }
    const what = frameWhat(e.frame, t, ctx.topology);
    if (copies.length > 1) return [t('player.x.txMany', { ifaces: copies.map((c) => c.iface).join(', '), what })];
    if (!e.link) return [t('player.x.txNoLink', { iface: e.iface, what })];
    return [t('player.x.txOne', { iface: e.iface, to: txAt.get(e.seq)?.to ?? '', what })];
  },
  drop: (e, { t }) => [t('player.x.drop', { reason: t(`player.x.dropReason.${e.reason}`) + (e.detail ? ` (${e.detail})` : '') })],
};
