// Tunnels: the outer header a tunnel device adds (and where its destination came from), and the
// one removed at the other end, where the inner packet is received again on the tunnel device.

import type { Explainers } from './context';
import { macText } from './labels';

export const tunnelExplainers: Explainers = {
  'tunnel.encap': (e, { t }) => {
    const o = e.outer;
    const args = { dev: e.dev, type: e.type, src: o.src, dst: o.dst, protocol: o.protocol, ttl: o.ttl, vni: e.vni, sport: o.sport, dport: o.dport };
    const out = [t(`player.x.tunnel.why.${e.why}`, args), t(e.type === 'vxlan' ? 'player.x.tunnel.addedUdp' : 'player.x.tunnel.added', args)];
    out.push(t('player.x.tunnel.then', args));
    return out;
  },
  'tunnel.decap': (e, { t, ctx }) => {
    const o = e.outer;
    const out = [t('player.x.tunnel.removed', { dev: e.dev, src: o.src, dst: o.dst, protocol: o.protocol })];
    if (e.learned) out.push(t('player.x.tunnel.learned', { mac: macText(ctx.topology, e.learned), src: o.src }));
    return out;
  },
};
