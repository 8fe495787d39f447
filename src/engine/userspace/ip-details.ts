// `ip -d link` and `ip -d addr`: the details iproute2 6.x prints after a device's link/… line
// (ip/ipaddress.c print_linkinfo with show_details, ip/iplink_bridge_slave.c), copied from a
// namespace on Linux 6.x: a veth (every interface of packetwalk's nodes is one end of a veth
// pair), a bridge and its ports, and lo. A bridge's and its ports' STP fields are those at the
// step shown (ip-link.ts reads them from what the node learned); what the trace does not keep (STP timers)
// is printed idle. numtxqueues/numrxqueues of a veth are the number of CPUs (2 where it was copied).
// `ip addr` leaves out `addrgenmode` (iproute2 prints IFLA_AF_SPEC only for `ip link`).

import type { BridgeStpConf } from '../topology';
import type { StpDesignated, StpPortState } from '../sim/trace';
import { makePortId, STP_DEFAULTS } from '../devices/bridge-stp';

/** A timer that is not running, as `%4i.%.2i` prints it. */
const TIMER_IDLE = '   0.00';

const QUEUES = (n: number) => `numtxqueues ${n} numrxqueues ${n} gso_max_size 65536 gso_max_segs 65535 tso_max_size 524280 tso_max_segs 65535 gro_max_size 65536 `;
const GEN = (link: boolean) => (link ? 'addrgenmode eui64 ' : '');

/** What follows `link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00` on lo (the same line). */
export const loDetails = (link: boolean): string => ` promiscuity 0  allmulti 0 minmtu 0 maxmtu 0 ${GEN(link)}${QUEUES(1)}`;

/** What follows a veth's link/ether line: the rest of that line and the `veth` line. */
export const vethDetails = (link: boolean): string => ` promiscuity 0  allmulti 0 minmtu 68 maxmtu 65535 \n    veth ${GEN(link)}${QUEUES(2)}`;

/** A bridge id as iproute2 prints it: priority in hex, then the MAC's bytes in %x (no leading zeros). */
export const bridgeId = (mac: string, priority = 0x8000): string => `${priority.toString(16).padStart(4, '0')}.${mac.split(':').map((b) => parseInt(b, 16).toString(16)).join(':')}`;

/** A port's STP fields at a point of a walk: its state, and the designated root, cost, bridge and port it holds. */
export interface PortStp {
  state: StpPortState;
  designated: StpDesignated;
}

/**
 * What follows the link/ether line of port number `portNo` (1, 2, … in the order the ports were
 * added) with priority `priority` and cost `cost`: promiscuous, the `veth` line, and the
 * `bridge_slave` line with its STP state and what it holds as designated (br_port_fill_attrs).
 * The port's timers (hold, message age, forward delay) and topology_change_ack/config_pending are
 * printed idle: the trace does not keep them.
 */
export function bridgePortDetails(portNo: number, priority: number, cost: number, stp: PortStp, link: boolean): string {
  const id = makePortId(priority, portNo);
  const d = stp.designated;
  return (
    ` promiscuity 1  allmulti 1 minmtu 68 maxmtu 65535 \n    veth \n` +
    `    bridge_slave state ${stp.state} priority ${priority} cost ${cost} hairpin off guard off root_block off fastleave off learning on flood on ` +
    `port_id 0x${id.toString(16)} port_no 0x${portNo.toString(16)} designated_port ${d.port} designated_cost ${d.cost} designated_bridge ${d.bridge} designated_root ${d.root} ` +
    `hold_timer ${TIMER_IDLE} message_age_timer ${TIMER_IDLE} forward_delay_timer ${TIMER_IDLE} topology_change_ack 0 config_pending 0 proxy_arp off proxy_arp_wifi off ` +
    `mcast_router 1 mcast_fast_leave off mcast_flood on bcast_flood on mcast_to_unicast off neigh_suppress off group_fwd_mask 0 group_fwd_mask_str 0x0 ` +
    `vlan_tunnel off isolated off locked off ${GEN(link)}${QUEUES(2)}`
  );
}

/** A bridge's STP fields at a point of a walk (its settings are the node's). */
export interface BridgeStp {
  bridge: string;
  rootPortNo: number;
  cost: number;
  topologyChange: boolean;
  /** the fdb's ageing time, in centiseconds: shortened to 2 × forward delay during a topology change */
  ageing: number;
}

/**
 * What follows br0's link/ether line: the rest of that line and the `bridge` line (iproute2 6.1's
 * ip/iplink_bridge.c, as the oracle creates a bridge: mcast_snooping 0). iproute2 6.1 prints the
 * bridge's own id as `designated_root` (it reads IFLA_BR_BRIDGE_ID for both), as here.
 * topology_change_detected is printed as topology_change on the root and 0 elsewhere, the timers
 * idle: the trace keeps neither.
 */
export function bridgeDevDetails(conf: BridgeStpConf | undefined, stp: BridgeStp, link: boolean): string {
  const c = { ...STP_DEFAULTS, ...conf };
  const tc = stp.topologyChange ? 1 : 0;
  const detected = stp.rootPortNo === 0 ? tc : 0;
  return (
    ` promiscuity 0  allmulti 0 minmtu 68 maxmtu 65535 \n` +
    `    bridge forward_delay ${c.forwardDelay} hello_time ${c.helloTime} max_age ${c.maxAge} ageing_time ${stp.ageing} stp_state ${conf?.enabled ? 1 : 0} priority ${c.priority} vlan_filtering 0 ` +
    `bridge_id ${stp.bridge} designated_root ${stp.bridge} root_port ${stp.rootPortNo} root_path_cost ${stp.cost} topology_change ${tc} topology_change_detected ${detected} ` +
    `hello_timer ${TIMER_IDLE} tcn_timer ${TIMER_IDLE} topology_change_timer ${TIMER_IDLE} gc_timer ${TIMER_IDLE} group_fwd_mask 0 group_address 01:80:c2:00:00:00 ` +
    `mcast_snooping 0 no_linklocal_learn 0 mcast_vlan_snooping 0 mcast_router 1 mcast_query_use_ifaddr 0 mcast_querier 0 mcast_hash_elasticity 16 mcast_hash_max 4096 ` +
    `mcast_last_member_count 2 mcast_startup_query_count 2 mcast_last_member_interval 100 mcast_membership_interval 26000 mcast_querier_interval 25500 ` +
    `mcast_query_interval 12500 mcast_query_response_interval 1000 mcast_startup_query_interval 3124 mcast_stats_enabled 0 mcast_igmp_version 2 mcast_mld_version 1 ` +
    `nf_call_iptables 0 nf_call_ip6tables 0 nf_call_arptables 0 ${GEN(link)}${QUEUES(1)}`
  );
}

/** The address Linux gives a bridge that was not given one: the smallest of its ports'. */
export const bridgeMac = (portMacs: string[]): string => portMacs.slice().sort()[0] ?? '00:00:00:00:00:00';
