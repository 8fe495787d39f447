// The engine's values the device inspector (its own chunk) uses on the main thread, apart from
// pure.ts so that they load with the inspector and not with the page: the tunnel devices' edits
// (edit/tunnels.ts, which brings iproute2's reading of `ip link add`). The same rule as pure.ts:
// no zod, no file format, no simulator.

export {
  checkTunnelLines,
  EDITABLE_TUNNEL_KINDS,
  editableTunnels,
  isEditableTunnel,
  newTunnel,
  removeTunnel,
  setTunnel,
  setTunnels,
  tunnelFields,
  tunnelFromFields,
  tunnelLowerDevs,
  type TunnelField,
  type TunnelFields,
} from './edit/tunnels';
