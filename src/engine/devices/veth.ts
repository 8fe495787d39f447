// A veth device (drivers/net/veth.c), what every interface of a node is: one end of a pair whose
// other end is the far side of its link. What it transmits goes on the wire; what the wire brings
// is received on it (Network calls its node's `receive`).

import { registerNetdevType } from './linux/netdev';

registerNetdevType('veth', {
  xmit: (dev, frame, pkt) => {
    dev.ns.net.transmit(dev.ns.name, dev.name, frame, pkt);
  },
});
