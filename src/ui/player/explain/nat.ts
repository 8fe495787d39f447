// Netfilter: a connection looked up in conntrack and its entry changing, the NAT rule that matched
// (its iptables line) and what it rewrote.

import { iptablesText, natRulesOf } from '../../../engine/pure';
import type { Explainers } from './context';
import { ctTupleText, hostPort } from './labels';

export const natExplainers: Explainers = {
  'conntrack.lookup': (e, { t }) => {
    const tuple = e.entry ? ctTupleText(e.entry.proto, e.entry.orig) : '';
    const key = { new: 'ctNew', established: 'ctEstablished', reply: 'ctReply', related: 'ctRelated', invalid: 'ctInvalid', untracked: 'ctUntracked' }[e.result];
    return [t(`player.x.${key}`, { hook: e.hook, tuple })];
  },
  'conntrack.update': (e, { t }) => {
    const orig = ctTupleText(e.entry.proto, e.entry.orig);
    const reply = ctTupleText(e.entry.proto, e.entry.reply);
    const key = { confirmed: 'ctConfirmed', 'seen-reply': 'ctSeenReply', state: 'ctState', destroyed: 'ctDestroyed' }[e.change];
    return [t(`player.x.${key}`, { orig, reply, state: e.entry.state ?? '' })];
  },
  'nat.match': (e, { ctx, t }) => {
    if (e.rule === null) return [t('player.x.natNoRule', { chain: e.chain })];
    const rule = natRulesOf(ctx.topology.nodes.find((n) => n.name === e.node))[e.rule];
    return [
      t('player.x.natRule', {
        chain: e.chain,
        n: e.rule + 1,
        text: rule ? iptablesText(rule) : `-j ${e.target ?? ''}`,
        manip: t(`player.x.manip.${e.manip}`),
        to: e.to ? hostPort(e.to) : '',
      }),
    ];
  },
  'nat.rewrite': (e, { t }) => [
    t(e.related ? 'player.x.natRewriteRelated' : 'player.x.natRewrite', {
      manip: t(`player.x.manip.${e.manip}`),
      from: hostPort(e.from),
      to: hostPort(e.to),
      direction: t(`player.x.direction.${e.direction}`),
    }),
  ],
};
