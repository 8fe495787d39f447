// IPv4: a packet sent (by a program or the kernel), forwarded (TTL before and after), delivered
// locally or on the loopback, cut into fragments or reassembled.

import type { Ev, Explainers, Translate } from './context';

const PROTO_NAMES: Record<number, string> = { 1: 'ICMP', 4: 'IP in IP', 6: 'TCP', 17: 'UDP', 47: 'GRE' };

/** "ping sends an IPv4 packet 10.0.1.10 → 10.0.2.10 (protocol ICMP, TTL 64)." */
export function sendSentence(e: Ev<'ip.send'>, t: Translate): string {
  const protocol = PROTO_NAMES[e.protocol] ?? String(e.protocol);
  return e.process
    ? t('player.x.send', { process: e.process.split(' ')[0], src: e.src, dst: e.dst, protocol, ttl: e.ttl })
    : t('player.x.sendKernel', { src: e.src, dst: e.dst, protocol, ttl: e.ttl });
}

export const ipExplainers: Explainers = {
  'ip.send': (e, { t }) => [sendSentence(e, t)],
  'ip.forward': (e, { ctx, step, t }) => {
    const out = [t('player.x.forward', { ingress: e.ingress, egress: e.egress, nexthop: e.nexthop, from: e.ttlFrom, to: e.ttlTo })];
    if (!ctx.events.slice(step.first, step.last + 1).some((x) => x.kind === 'nat.rewrite' && x.pkt === e.pkt)) out.push(t('player.x.ipSame'));
    return out;
  },
  'ip.local': (e, { t }) => [t(e.broadcast ? 'player.x.localBroadcast' : 'player.x.local', { dst: e.dst })],
  'ip.loopback': (_e, { t }) => [t('player.x.loopback')],
  'ip.fragment': (e, { t }) => [t('player.x.fragment', { dev: e.dev, mtu: e.mtu, count: e.fragments })],
  'ip.defrag': (e, { t }) => [t('player.x.defrag', { count: e.fragments, length: e.length })],
};
