// The loopback device (drivers/net/loopback.c): what a stack sends to one of its own addresses
// comes back to it, one hop's time later, without touching a wire. The packet keeps the local
// route it was sent with, so its stack delivers it without another route lookup.

import { LINK_DELAY_US } from '../sim/network';
import { netifReceiveSkb, registerNetdevType } from './linux/netdev';

registerNetdevType('loopback', {
  loopback: true,
  mtu: () => 65536,
  xmit: (dev, frame, pkt) => {
    dev.ns.sim.after(LINK_DELAY_US, () => netifReceiveSkb(dev, frame, pkt));
  },
});
