// `ip -d link` and `ip -d addr`: the details iproute2 6.x prints after a device's link/… line
// (ip/ipaddress.c print_linkinfo with show_details, ip/iplink_bridge_slave.c), copied from a
// namespace on Linux 6.x: a veth (every interface of packetwalk's nodes is one end of a veth
// pair), a bridge's port, and lo. What the engine does not model is printed as on a fresh
// device: no VLAN filtering, STP off (ports forwarding, timers run out), default costs and
// priorities. numtxqueues/numrxqueues of a veth are the number of CPUs (2 where it was copied).
// `ip addr` leaves out `addrgenmode` (iproute2 prints IFLA_AF_SPEC only for `ip link`).

const QUEUES = (n: number) => `numtxqueues ${n} numrxqueues ${n} gso_max_size 65536 gso_max_segs 65535 tso_max_size 524280 tso_max_segs 65535 gro_max_size 65536 `;
const GEN = (link: boolean) => (link ? 'addrgenmode eui64 ' : '');

/** What follows `link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00` on lo (the same line). */
export const loDetails = (link: boolean): string => ` promiscuity 0  allmulti 0 minmtu 0 maxmtu 0 ${GEN(link)}${QUEUES(1)}`;

/** What follows a veth's link/ether line: the rest of that line and the `veth` line. */
export const vethDetails = (link: boolean): string => ` promiscuity 0  allmulti 0 minmtu 68 maxmtu 65535 \n    veth ${GEN(link)}${QUEUES(2)}`;

/** A bridge id as iproute2 prints it: priority in hex, then the MAC's bytes in %x (no leading zeros). */
export const bridgeId = (mac: string, priority = 0x8000): string => `${priority.toString(16).padStart(4, '0')}.${mac.split(':').map((b) => parseInt(b, 16).toString(16)).join(':')}`;

/**
 * What follows the link/ether line of port number `portNo` (1, 2, … in the order the ports were
 * added) of a bridge whose address is `brMac` (the smallest of its ports' addresses, as Linux
 * chooses it): promiscuous, the `veth` line, and the `bridge_slave` line.
 */
export function bridgePortDetails(portNo: number, brMac: string, link: boolean): string {
  const id = (32 << 10) | portNo;
  const bridge = bridgeId(brMac);
  return (
    ` promiscuity 1  allmulti 1 minmtu 68 maxmtu 65535 \n    veth \n` +
    `    bridge_slave state forwarding priority 32 cost 2 hairpin off guard off root_block off fastleave off learning on flood on ` +
    `port_id 0x${id.toString(16)} port_no 0x${portNo.toString(16)} designated_port ${id} designated_cost 0 designated_bridge ${bridge} designated_root ${bridge} ` +
    `hold_timer    0.00 message_age_timer    0.00 forward_delay_timer    0.00 topology_change_ack 0 config_pending 0 proxy_arp off proxy_arp_wifi off ` +
    `mcast_router 1 mcast_fast_leave off mcast_flood on bcast_flood on mcast_to_unicast off neigh_suppress off group_fwd_mask 0 group_fwd_mask_str 0x0 ` +
    `vlan_tunnel off isolated off locked off ${GEN(link)}${QUEUES(2)}`
  );
}

/** The address Linux gives a bridge that was not given one: the smallest of its ports'. */
export const bridgeMac = (portMacs: string[]): string => portMacs.slice().sort()[0] ?? '00:00:00:00:00:00';
