// A tunnel device's sizes (ip_tunnel_bind_dev, vxlan_config_apply): the header it adds after the
// outer IPv4 one, and the MTU that leaves on a 1500-byte underlying device. Pure numbers, shared
// by the device types (ip-tunnel.ts) and the text iproute2 prints (tunnel-text.ts).

import type { Tunnel } from '../topology';

/** Linux's own VXLAN port (vxlan_port), what `ip link add … type vxlan` without dstport gets (the IANA port is 4789). */
export const VXLAN_LINUX_PORT = 8472;

/** ETH_DATA_LEN: the MTU of the underlying Ethernet devices (every veth here). */
export const ETH_DATA_LEN = 1500;
const IPV4_HLEN = 20;
const ETH_HLEN = 14;

/** The tunnel's own header after the outer IPv4 one (tunnel->hlen): GRE's 4 bytes (+4 with a key), VXLAN's UDP + VXLAN 16. */
export function tunnelHlen(t: Pick<Tunnel, 'kind' | 'key'>): number {
  if (t.kind === 'gre' || t.kind === 'gretap') return 4 + (t.key !== undefined ? 4 : 0);
  if (t.kind === 'vxlan') return 8 + 8;
  return 0;
}

/** dev->hard_header_len: an Ethernet tunnel's inner frame header. */
export const hardHeaderLen = (t: Pick<Tunnel, 'kind'>): number => (t.kind === 'gretap' || t.kind === 'vxlan' ? ETH_HLEN : 0);

/**
 * The underlying device's MTU less the headers added: ipip 1480, gre 1476 (1472 with a key),
 * gretap 1462, vxlan 1450. A VXLAN device without `dev` has no lower device to size it by and
 * keeps 1500 (vxlan_config_apply). A VLAN device has its real device's MTU (the tag is not
 * counted: vlan_dev_init).
 */
export function tunnelMtu(t: Pick<Tunnel, 'kind' | 'key' | 'dev'>): number {
  if (t.kind === 'vlan' || (t.kind === 'vxlan' && t.dev === undefined)) return ETH_DATA_LEN;
  return ETH_DATA_LEN - hardHeaderLen(t) - IPV4_HLEN - tunnelHlen(t);
}
