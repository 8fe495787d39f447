// The L3 switch preset the palette adds (edit/devices.ts).

import type { Ipv4Addr } from '../wire/addr';
import { BRIDGE_DEV, type LinuxNode, type Position, type Topology, type Tunnel } from '../topology';
import { DEFAULT_PVID } from '../devices/bridge-vlan';
import { macAllocator, nextNodeName } from './names';

/** The name `ip link add link DEV name DEV.VID type vlan id VID` is usually given. */
export const vlanDevName = (parent: string, vid: number): string => `${parent}.${vid}`;

/**
 * A new L3 switch, as Linux builds one: a linux node whose ports eth1–eth4 are in a VLAN-aware
 * bridge br0 (`ip link add br0 type bridge vlan_filtering 1`, `ip link set ethN master br0`),
 * eth1 and eth3 access ports of VLAN 10, eth2 and eth4 of VLAN 20; br0 is a member of both itself
 * (`bridge vlan add dev br0 vid N self`), a VLAN device on it for each holds the gateway (br0.10
 * 10.0.10.1/24, br0.20 10.0.20.1/24), and ip_forward=1. Linking it takes its ports in order
 * (connect reuses an interface without a link), so the first two devices linked are in VLAN 10
 * and 20. The bridge has its lowest port's address (br_stp_recalculate_bridge_id), its VLAN
 * devices the bridge's.
 */
export function newL3Switch(t: Topology, position: Position): LinuxNode {
  const mac = macAllocator(t);
  const ifaces = [1, 2, 3, 4].map((k) => ({ name: `eth${k}`, mac: mac(), macAuto: true, addrs: [] }));
  const own = ifaces[0]!.mac;
  const access = (vid: number) => [{ vid, pvid: true, untagged: true }];
  const vlans = { [BRIDGE_DEV]: [...access(DEFAULT_PVID), { vid: 10 }, { vid: 20 }], eth1: access(10), eth3: access(10), eth2: access(20), eth4: access(20) };
  const br: Tunnel = { name: BRIDGE_DEV, kind: 'bridge', ports: ifaces.map((i) => i.name), vlanFiltering: true, vlans, mac: own, macAuto: true, addrs: [], up: true };
  const dev = (vid: number): Tunnel => ({ name: vlanDevName(BRIDGE_DEV, vid), kind: 'vlan', dev: BRIDGE_DEV, vlanId: vid, mac: own, macAuto: true, addrs: [{ ip: `10.0.${vid}.1` as Ipv4Addr, len: 24 }], up: true });
  return { kind: 'linux', name: nextNodeName(t, 'l3switch'), role: 'l3switch', ifaces, loAddrs: [], routes: [], ipForward: true, tunnels: [br, dev(10), dev(20)], position: { x: position.x, y: position.y } };
}
