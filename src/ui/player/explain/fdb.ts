// A switch learning where a MAC is, forgetting it, and forwarding or flooding a frame.

import type { Explainers } from './context';
import { macText } from './labels';

export const fdbExplainers: Explainers = {
  'fdb.learn': (e, { ctx, t }) => [
    e.prev ? t('player.x.fdbMove', { mac: macText(ctx.topology, e.mac), port: e.port, prev: e.prev }) : t('player.x.fdbLearn', { mac: macText(ctx.topology, e.mac), port: e.port }),
  ],
  'fdb.expire': (e, { ctx, t }) => [t(e.cause === 'port-down' ? 'player.x.fdbPortDown' : e.cause === 'vxlan-unused' ? 'player.x.fdbVxlanUnused' : 'player.x.fdbExpire', { mac: macText(ctx.topology, e.mac), port: e.port })],
  'fdb.forward': (e, { ctx, t, rxFrame }) => {
    const dst = rxFrame ? macText(ctx.topology, rxFrame.dstMac) : '';
    const vlan = e.vlan ? [t('player.x.fdbVlan', { vlan: e.vlan })] : [];
    if (e.notMember?.length) vlan.push(t('player.x.fdbVlanLeftOut', { vlan: e.vlan, ports: e.notMember.join(', ') }));
    if (e.mode === 'flood') {
      return [...vlan, e.egress.length === 0 ? t('player.x.fdbFloodNone') : t(e.why === 'group' ? 'player.x.fdbFloodGroup' : 'player.x.fdbFloodUnknown', { dst, ports: e.egress.join(', ') })];
    }
    return e.entry ? [...vlan, t('player.x.fdbForward', { mac: macText(ctx.topology, e.entry.mac), port: e.entry.port })] : vlan;
  },
};
