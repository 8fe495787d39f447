// A bridge device inside a linux node (`ip link add br0 type bridge`, `ip link set p1 master
// br0`): what makes a node an L3 switch. Its ports are the node's interfaces, whose frames the
// bridge claims with its rx_handler (br_add_if → netdev_rx_handler_register); the bridge
// forwards between them as a bridge node does (bridge.ts), and the bridge device itself is an
// interface of the node's stack: frames for its address (or broadcast) go up through it
// (br_pass_frame_up, then any VLAN device on it: vlan.ts), and what the stack sends through it
// is forwarded by the bridge (br_dev_xmit). A gretap or vxlan device can be a port too: the
// bridge floods to it, the tunnel carries the Ethernet frame to the far end, where the frame is
// received on that end's tunnel device and its bridge learns the inner source on it.

import type { Tunnel } from '../topology';
import { Bridge } from './bridge';
import { devQueueXmit, netdevRxHandlerRegister, netifReceiveSkb, registerNetdevType, type NetDevice, type NetNs } from './linux/netdev';
import type { Network } from '../sim/network';
import type { Sim } from '../sim/sim';

/** The bridge device: the stack's interface, and the bridge that forwards for it. */
export interface BridgeDev extends NetDevice {
  bridge?: Bridge;
}

registerNetdevType('bridge', {
  xmit: (dev, frame, pkt) => (dev as BridgeDev).bridge?.xmit(frame, pkt),
});

/** The bridge of a node's bridge device, if it has one (an L3 switch). */
export function nodeBridge(devs: ReadonlyMap<string, NetDevice>): Bridge | undefined {
  for (const d of devs.values()) if ((d as BridgeDev).bridge) return (d as BridgeDev).bridge;
  return undefined;
}

/**
 * br_add_if for each port of `t`: the bridge of the node `ns`, its ports the node's devices
 * `devs` (interfaces, or Ethernet tunnels: gretap and vxlan, an L2 overlay). The bridge keeps a
 * port device of its own for each, which sends through the node's device (bridge-port below)
 * and receives what that device's rx_handler hands it.
 */
export function bridgeDevAttach(ns: NetNs & { sim: Sim; net: Network }, dev: BridgeDev, t: Tunnel, devs: ReadonlyMap<string, NetDevice>): void {
  const ports = (t.ports ?? []).flatMap((p) => {
    const d = devs.get(p);
    return d ? [{ name: p, mac: d.mac, addrs: [] }] : [];
  });
  const node = { kind: 'bridge' as const, name: ns.name, role: 'switch' as const, ifaces: ports, ...(t.vlanFiltering ? { vlanFiltering: true } : {}), ...(t.vlans ? { vlans: t.vlans } : {}) };
  const bridge = new Bridge(node, ns.sim, ns.net, { name: t.name, mac: dev.mac, up: (frame, pkt) => netifReceiveSkb(dev, frame, pkt), lower: (p) => devs.get(p)! });
  dev.bridge = bridge;
  for (const p of ports) {
    netdevRxHandlerRegister(devs.get(p.name)!, (port, frame, pkt) => {
      bridge.receive(port.name, frame, pkt);
      return 'consumed';
    });
  }
}

/** The bridge's own device for a port of a node's bridge: it transmits through the node's device it stands for (`lower`). */
registerNetdevType('bridge-port', {
  xmit: (dev, frame, pkt) => devQueueXmit(dev.lower!, frame, pkt),
});
