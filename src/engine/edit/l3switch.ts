// The L3 switch preset the palette adds (edit/devices.ts).

import type { Ipv4Addr } from '../wire/addr';
import { BRIDGE_DEV, type LinuxNode, type Position, type Topology, type Tunnel } from '../topology';
import { DEFAULT_PVID } from '../devices/bridge-vlan';
import { macAllocator, nextNodeName } from './names';

/** The name `ip link add link DEV name DEV.VID type vlan id VID` is usually given. */
export const vlanDevName = (parent: string, vid: number): string => `${parent}.${vid}`;

/** The L3 switch's VLANs: 10 and 20, with the switch .1 in each. */
const L3_GATEWAYS = [
  { vid: 10, ip: '10.0.10.1' },
  { vid: 20, ip: '10.0.20.1' },
] as const;

/**
 * A new L3 switch, as Linux builds one: a linux node with a VLAN-aware bridge br0 (`ip link add
 * br0 type bridge vlan_filtering 1`) that is a member of VLANs 10 and 20 itself (`bridge vlan add
 * dev br0 vid N self`), a VLAN device on it for each holding the gateway (br0.10 10.0.10.1/24,
 * br0.20 10.0.20.1/24) and ip_forward=1. Its ports join br0 as they are linked (l3SwitchPort).
 */
export function newL3Switch(t: Topology, position: Position): LinuxNode {
  // an address of its own, as `ip link set br0 address MAC` gives it (the l3-switch golden does so): it stays when ports join
  const mac = macAllocator(t)();
  const vids = L3_GATEWAYS.map((g) => ({ vid: g.vid }));
  const br: Tunnel = { name: BRIDGE_DEV, kind: 'bridge', ports: [], vlanFiltering: true, vlans: { [BRIDGE_DEV]: [{ vid: DEFAULT_PVID, pvid: true, untagged: true }, ...vids] }, mac, addrs: [], up: true };
  const devs = L3_GATEWAYS.map((g): Tunnel => ({ name: vlanDevName(BRIDGE_DEV, g.vid), kind: 'vlan', dev: BRIDGE_DEV, vlanId: g.vid, mac, macAuto: true, addrs: [{ ip: g.ip as Ipv4Addr, len: 24 }], up: true }));
  return { kind: 'linux', name: nextNodeName(t, 'l3switch'), role: 'l3switch', ifaces: [], loAddrs: [], routes: [], ipForward: true, tunnels: [br, ...devs], position: { x: position.x, y: position.y } };
}
