// The neighbour cache and ARP: a lookup (with the request and the hold it leads to, said in one
// breath), a state change and its cause, a packet held and released, a request sent, an answer.

import type { Ev, Explainers, StepScope } from './context';
import { macText } from './labels';

function neighUpdateSentence(e: Ev<'neigh.update'>, { ctx, t }: StepScope): string {
  const mac = e.mac ? macText(ctx.topology, e.mac) : '';
  const p = { ip: e.ip, mac, from: e.from, to: e.to };
  if (e.from === e.to && e.pkt !== undefined && e.prevMac === undefined) return t('player.x.neighUnchanged', p);
  switch (e.cause) {
    case 'resolve':
      return t('player.x.neighResolve', p);
    case 'arp-request':
      return t('player.x.neighFromRequest', p);
    case 'arp-reply':
      return t('player.x.neighFromReply', p);
    case 'arp-seen':
      return t('player.x.neighSeen', p);
    case 'use':
      return t('player.x.neighUse', p);
    case 'timer':
      return t('player.x.neighTimer', p);
    case 'probes-exhausted':
      return t('player.x.neighFailed', p);
    case 'redirect':
      return t('player.x.neighRedirect', p);
    case 'admin':
      return t('player.x.neighAdmin', p);
    case 'ifdown':
      return t('player.x.neighIfdown', p);
  }
}

export const neighExplainers: Explainers = {
  'neigh.lookup': (e, { ctx, t, ahead, use }) => {
    if (e.entry === null) {
      const hold = ahead(e, 'neigh.hold', (x) => x.ip === e.ip && x.dev === e.dev);
      const solicit = ahead(e, 'arp.solicit', (x) => x.targetIp === e.ip && x.dev === e.dev && !x.unicast);
      const resolve = ahead(e, 'neigh.update', (x) => x.ip === e.ip && x.dev === e.dev && x.cause === 'resolve');
      if (!hold || !solicit) return [t('player.x.neighNone', { ip: e.ip, dev: e.dev })];
      use(hold.seq, solicit.seq, ...(resolve ? [resolve.seq] : []));
      return [t('player.x.noNeighHold', { ip: e.ip, sender: solicit.senderIp })];
    }
    if (e.entry.state === 'INCOMPLETE') {
      const hold = ahead(e, 'neigh.hold', (x) => x.ip === e.ip && x.dev === e.dev);
      if (!hold) return [t('player.x.neighFoundNoMac', { ip: e.ip, state: e.entry.state })];
      use(hold.seq);
      return [t('player.x.incompleteHold', { ip: e.ip, queued: hold.queued })];
    }
    if (e.entry.mac) return [t('player.x.neighFound', { ip: e.ip, mac: macText(ctx.topology, e.entry.mac), state: e.entry.state })];
    return [t('player.x.neighFoundNoMac', { ip: e.ip, state: e.entry.state })];
  },
  'neigh.update': (e, s) => [neighUpdateSentence(e, s)],
  'neigh.hold': (e, { t }) => [t('player.x.hold', { ip: e.ip, queued: e.queued })],
  'neigh.release': (e, { ctx, t, txAt }) => {
    const tx = [...txAt.values()].find((x) => x.pkt === e.pkt);
    const mac = macText(ctx.topology, e.mac);
    return [tx?.heldAt !== undefined ? t('player.x.release', { ip: e.ip, mac, step: tx.heldAt + 1 }) : t('player.x.releaseNoStep', { ip: e.ip, mac })];
  },
  'arp.solicit': (e, { step, t }) => [
    e.unicast ? t('player.x.solicitUnicast', { target: e.targetIp }) : t(step.kind === 'local' ? 'player.x.solicitRetry' : 'player.x.solicit', { target: e.targetIp, sender: e.senderIp }),
  ],
  'arp.answer': (e, { ctx, step, t }) => {
    const reply = step.tx.find((x) => x.pkt === e.pkt);
    const f = reply ? (ctx.events[reply.seq] as Ev<'frame.tx'>).frame : undefined;
    const mac = f?.payload.kind === 'arp' ? macText(ctx.topology, f.payload.senderMac) : '';
    if (e.delayed) return [t('player.x.answerDelayed', { target: e.targetIp, mac, ms: (e.delayed / 1000).toFixed(1) })];
    return [t(e.proxy ? 'player.x.answerProxy' : 'player.x.answer', { target: e.targetIp, mac, to: e.to })];
  },
};
