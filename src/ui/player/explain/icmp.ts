// ICMP: an error or echo reply sent (and why), one the rate limits suppressed, a redirect received.

import type { Ev, Explainers, Translate } from './context';

/** Why the device sends an ICMP message ("TTL reached 0 → send time exceeded to …"). */
export const icmpSendSentence = (e: Ev<'icmp.send'>, t: Translate): string => t(`player.x.icmp.${e.reason}`, { dst: e.dst, type: e.type, code: e.code });

export const icmpExplainers: Explainers = {
  'icmp.send': (e, { t }) => [icmpSendSentence(e, t)],
  'icmp.suppressed': (e, { t }) => [t('player.x.suppressed', { reason: e.reason, why: t(`player.x.suppressedWhy.${e.why}`) })],
  'route.redirect': (e, { t }) => [
    e.result === 'applied'
      ? t('player.x.redirectApplied', { from: e.from, dst: e.dst, gateway: e.gateway })
      : e.result === 'resolving-gateway'
        ? t('player.x.redirectResolving', { from: e.from, gateway: e.gateway })
        : t('player.x.redirectRejected', { from: e.from, reason: e.rejectReason ?? '' }),
  ],
};
