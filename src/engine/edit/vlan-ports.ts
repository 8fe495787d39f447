// VLANs as the diagram and linking need them at startup, without the `bridge vlan` line reader:
// a node's VLAN-aware bridge, and an L3 switch's new port joining it. Editing them (edit/vlans.ts)
// loads with the inspector; the L3 switch preset is edit/l3switch.ts.

import type { Topology, TopoNode } from '../topology';
import { bridgesOf, deviceVlans, type BridgeTarget } from '../devices/bridge-vlan';
import { updateNode } from './update';



/** VIDs 1 to 4094 (0 and 4095 are reserved: VLAN_VID_MASK). */
export const VID_MIN = 1;
export const VID_MAX = 4094;

/** The VLAN-aware bridge of a node: a switch's br0, or the (first) bridge device of a linux node (an L3 switch). */
export function nodeBridge(node: TopoNode): BridgeTarget | undefined {
  return bridgesOf(node)[0];
}





/**
 * A new interface of an L3 switch joins its bridge (`ip link set PORT master br0`) as an access
 * port of one of the bridge's own VLANs in turn (the first port VLAN 10, the next 20, …), so that
 * a host linked to it reaches a gateway.
 */
export function l3SwitchPort(t: Topology, node: string, iface: string): Topology {
  const n = t.nodes.find((x) => x.name === node);
  if (n?.kind !== 'linux' || n.role !== 'l3switch') return t;
  const br = nodeBridge(n);
  if (!br || br.ports.includes(iface)) return t;
  const own = deviceVlans(br.config, br.name).filter((v) => !v.pvid);
  const vid = own[br.ports.length % own.length]?.vid;
  const ports = [...br.ports, iface];
  const tunnels = (n.tunnels ?? []).map((x) =>
    // an editor-made port name ("ethN") as a computed key: an own property, whatever the name
    x.name === br.name ? { ...x, ports, ...(vid ? { vlans: { ...x.vlans, [iface]: [{ vid, pvid: true, untagged: true }] } } : {}) } : x,
  );
  return updateNode(t, node, () => ({ ...n, tunnels }));
}
