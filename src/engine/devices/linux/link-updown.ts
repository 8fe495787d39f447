// `ip link set DEV down|up` on a Linux node's interface, and what hears of it (net/core/dev.c
// dev_close and dev_open, with the notifier chain's IPv4 listeners):
//   - down: veth_close takes the carrier off both ends of the pair (Network.setUp);
//     fib_netdev_event(NETDEV_DOWN) → fib_disable_ip → fib_sync_down_dev flushes every route
//     whose nexthops all use the device (the connected one, static ones through it, the local
//     table's broadcast routes) but not its host-scope local routes (its addresses stay); and
//     arp_ifdown → neigh_ifdown flushes its neighbour entries, permanent ones too, freeing the
//     packets they held.
//   - up: dev_open, veth_open gives both ends their carrier back; NETDEV_UP → fib_add_ifaddr for
//     each address of the device restores its connected routes. Routes added by hand are gone
//     for good, as on Linux.
//   - the far end of the pair loses its carrier (NETDEV_CHANGE): arp_netdev_event →
//     neigh_carrier_down flushes its entries but the permanent ones; its routes stay, printed
//     `linkdown` (RTNH_F_LINKDOWN) until the carrier comes back.

import { addressRoutes } from '../config';
import type { FibRoute } from '../../tables/fib';
import { kfreeSkb } from './skb';
import type { LinuxStack } from './stack';

/** Sets an interface of the stack down or up; false when it has no such interface. */
export function linkSetUp(stack: LinuxStack, dev: string, up: boolean): boolean {
  const d = stack.devs.get(dev);
  if (!d) return false;
  if (stack.net.isUp(stack.name, dev) === up) return true;
  stack.net.setUp(stack.name, dev, up);
  if (!stack.routesChanged) {
    // the compiled FIB is shared by every run of this node (compileFibForRun): change a copy
    stack.fib = stack.fib.clone();
    stack.routesChanged = true;
  }
  if (!up) {
    const viaDev = (r: FibRoute) => (r.nexthops ? r.nexthops.every((n) => n.dev === dev) : r.dev === dev);
    stack.fib.removeWhere((r) => viaDev(r) && r.scope !== 'host');
    stack.neigh.flushDev(dev, false, (skb) => kfreeSkb(stack, skb.pkt, 'neigh-dead', dev));
  } else {
    // fib_table_insert refuses a route identical to one there (the local route that stayed).
    const have = new Set([...stack.fib.routes('main'), ...stack.fib.routes('local')].map((r) => JSON.stringify(r)));
    for (const a of d.addrs) for (const r of addressRoutes(a)) if (!have.has(JSON.stringify(r))) stack.fib.add(r, { append: true });
  }
  return true;
}

/** NETDEV_CHANGE: the interface's carrier went (its peer set down) or came back. */
export function carrierChanged(stack: LinuxStack, dev: string, on: boolean): void {
  if (!on) stack.neigh.flushDev(dev, true, (skb) => kfreeSkb(stack, skb.pkt, 'neigh-dead', dev));
}

/** A route as `ip route show` prints it now: `linkdown` when its device is up but without carrier. */
export function withLinkFlags(stack: LinuxStack, r: FibRoute): FibRoute {
  const dev = r.nexthops ? undefined : r.dev;
  return dev !== undefined && stack.net.isUp(stack.name, dev) && stack.net.linkOf(stack.name, dev) !== null && !stack.net.hasCarrier(stack.name, dev) ? { ...r, linkdown: true } : r;
}
