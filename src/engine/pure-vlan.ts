// The engine's values the inspector's VLAN section uses on the main thread, apart from pure.ts so
// that the `bridge vlan` line reader (io/bridge-vlan.ts) loads with the inspector, not with the
// page: setting a bridge's VLAN filtering and its ports' VLANs, its `bridge vlan` lines both ways,
// and VLAN devices (edit/vlans.ts).

export {
  addVlanDevice,
  applyBridgeVlanText,
  bridgeVlanText,
  removeVlanDevice,
  setBridgeVlanFiltering,
  setDeviceAddrs,
  setPortVlans,
  portVlans,
  type PortVlans,
  type VlanLineError,
} from './edit/vlans';
