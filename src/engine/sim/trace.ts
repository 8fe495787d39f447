// The trace: an ordered list of plain-data events, each saying what one device did and why,
// with the frame as it was on the wire and the table entries it consulted. No English: every
// decision is a code with parameters; the UI and the CLI turn them into sentences.

import type { Ipv4Addr, MacAddr } from '../wire/addr';
import type { EthernetFrame } from '../wire/types';
import type { FibRoute, MultipathChoice } from '../tables/fib';
import type { ConntrackView, CtDir } from '../tables/conntrack';
import type { TunnelKind } from '../topology';

export type { ConntrackView };

/** Identifies one logical packet as it travels: the same id on every hop and on flooded copies. */
export type PacketId = number;

export type NeighState = 'NONE' | 'INCOMPLETE' | 'REACHABLE' | 'STALE' | 'DELAY' | 'PROBE' | 'FAILED' | 'PERMANENT' | 'NOARP';

/** Why a neighbour entry changed (the kernel path that changed it). */
export type NeighCause =
  | 'resolve' // a packet needs the address: start resolution (NONE/FAILED → INCOMPLETE)
  | 'arp-request' // learned from an ARP request addressed to us (neigh_event_ns → STALE)
  | 'arp-reply' // an ARP reply (→ REACHABLE)
  | 'arp-seen' // an ARP packet from a known neighbour that is not a reply to us (→ STALE)
  | 'use' // a packet sent through a STALE entry (→ DELAY)
  | 'ifdown' // the device went down or lost its carrier: its entries flushed (neigh_ifdown, neigh_carrier_down)
  | 'timer' // a neighbour timer fired (REACHABLE → STALE/DELAY, DELAY → REACHABLE/PROBE, …)
  | 'probes-exhausted' // no answer to the last probe (→ FAILED)
  | 'redirect' // an ICMP redirect named a new gateway (create/resolve)
  | 'admin'; // configured with `ip neigh add|replace` (the node's static entries, installed when it starts)

export interface NeighView {
  dev: string;
  ip: Ipv4Addr;
  mac?: MacAddr;
  state: NeighState;
}

export interface FdbView {
  mac: MacAddr;
  port: string;
  /** the VLAN of the entry, on a bridge with vlan_filtering */
  vlan?: number;
}

/** A route as shown in the trace: the table entry and whether the lookup chose it. */
export interface RouteCandidate {
  route: FibRoute;
  chosen: boolean;
  /** why it was passed over */
  skipped?: string;
}

/** Output route lookup failures, by the errno Linux returns. */
export type RouteError = 'ENETUNREACH' | 'EHOSTUNREACH' | 'EACCES' | 'EINVAL';

export type DropReason =
  | 'otherhost' // frame not addressed to this interface's MAC (pkt_type OTHERHOST)
  | 'not-forwarding' // transit packet on a box without ip_forward (ip_error, silently)
  | 'no-route' // no route to the destination
  | 'route-blackhole' // a blackhole route matched: silently discarded
  | 'route-unreachable' // an unreachable route matched
  | 'route-prohibit' // a prohibit route matched
  | 'ttl-exceeded' // TTL would reach 0 on forwarding
  | 'neigh-failed' // address resolution of the next hop failed
  | 'neigh-dead' // held for address resolution by a neighbour entry that was flushed (its device went down)
  | 'neigh-queue-full' // too many packets waiting for address resolution
  | 'no-socket' // no socket listens on the destination port
  | 'protocol-unreachable' // no handler for the IP protocol
  | 'martian-source' // impossible source address (own address, loopback, broadcast…)
  | 'martian-destination'
  | 'not-unicast-l2' // a routed packet that arrived in an L2 broadcast/multicast frame
  | 'echo-ignore-broadcast' // echo request to a broadcast address (icmp_echo_ignore_broadcasts)
  | 'arp-not-for-us' // an ARP request for an address this host does not answer for
  | 'arp-ignored' // an ARP packet that changes nothing
  | 'bridge-filter' // destination MAC sits behind the ingress port
  | 'bridge-local' // frame for the bridge itself, which has no IP stack
  | 'stp-port-state' // received on a bridge port that STP keeps from forwarding (blocking, listening; learning only learns)
  | 'stp-bpdu' // a BPDU the bridge's STP took in (br_stp_rcv consumes it)
  | 'link-down' // the interface or its link is down (ip link set DEV down)
  | 'no-llc-sap' // an 802.2 LLC frame (a BPDU) on a host: no service listens on its SAP (llc_rcv)
  | 'vlan-filter' // vlan_filtering: the ingress port is not a member of the frame's VLAN, or has no pvid for an untagged frame
  | 'no-carrier' // interface not connected to any link
  | 'bad-checksum'
  | 'socket-closed' // datagram for a socket of a process that has ended
  | 'nat-no-address' // MASQUERADE on an interface without an address
  | 'conntrack-clash' // a new connection whose tuple another one already has (NAT found no free port): not confirmed, dropped
  | 'tunnel-no-route' // a tunnel found no route to its outer destination (tx_carrier_errors)
  | 'tunnel-loop' // the outer packet would leave through the tunnel itself (collisions)
  | 'tunnel-no-remote' // a tunnel without a remote got a packet with no gateway to send it to (tx_fifo_errors)
  | 'tunnel-no-device' // an encapsulated packet no tunnel device of this host takes
  | 'frag-needed' // too big for the next hop's MTU with DF set (ICMP fragmentation needed)
  | 'unsupported'; // something this engine does not model (named in `detail`)

export type IcmpReason =
  | 'ttl-exceeded'
  | 'net-unreachable'
  | 'host-unreachable'
  | 'port-unreachable'
  | 'protocol-unreachable'
  | 'prohibited'
  | 'redirect'
  | 'frag-needed'
  | 'echo-reply';

/** Why the simulation stopped before the scenario ended. */
export interface LimitStop {
  /** event-limit: the trace reached its bound; timer-limit: timers kept firing without events */
  kind: 'event-limit' | 'timer-limit';
  limit: number;
  /** set when frames keep circulating: the devices they circulate between */
  storm?: { devices: string[]; frames: number; sample: EthernetFrame };
}

export type TraceEventBody =
  | { kind: 'step.start'; step: number; node?: string; command: string; background: boolean }
  | { kind: 'step.end'; step: number; node?: string; exit: number | null; stdout: string; stderr: string; timedOut: boolean }
  | { kind: 'frame.tx'; node: string; iface: string; link: string | null; pkt: PacketId; frame: EthernetFrame }
  | { kind: 'frame.rx'; node: string; iface: string; link: string; pkt: PacketId; frame: EthernetFrame }
  | { kind: 'fdb.learn'; node: string; mac: MacAddr; port: string; prev?: string; vlan?: number }
  /** an entry aged out, or went with its port (cause port-down: br_fdb_delete_by_port) */
  | { kind: 'fdb.expire'; node: string; mac: MacAddr; port: string; vlan?: number; cause?: 'port-down' | 'vxlan-unused' }
  | {
      kind: 'fdb.forward';
      node: string;
      pkt: PacketId;
      ingress: string;
      /** flood: broadcast/multicast or unknown unicast; forward: known unicast */
      mode: 'flood' | 'forward';
      why: 'group' | 'unknown-unicast' | 'known-unicast';
      egress: string[];
      /** the fdb entry used, for forward */
      entry?: FdbView;
      /** the frame's VLAN in the bridge (vlan_filtering): its tag or the ingress port's pvid */
      vlan?: number;
      /** ports left out of a flood because they are not members of the frame's VLAN */
      notMember?: string[];
    }
  | {
      kind: 'fib.lookup';
      node: string;
      pkt?: PacketId;
      dst: Ipv4Addr;
      /** what asked: routing a received packet, sending one, answering an ARP request, `ip route get` */
      purpose: 'input' | 'output' | 'arp' | 'query';
      candidates: RouteCandidate[];
      result:
        | {
            kind: 'route';
            route: FibRoute;
            nexthop?: Ipv4Addr;
            dev?: string;
            src?: Ipv4Addr;
            viaException?: Ipv4Addr;
            /** a multipath route: the hash's inputs, its value and the path it chose */
            multipath?: MultipathChoice;
          }
        | { kind: 'error'; error: RouteError };
    }
  | { kind: 'neigh.lookup'; node: string; pkt?: PacketId; dev: string; ip: Ipv4Addr; entry: NeighView | null }
  | {
      kind: 'neigh.update';
      node: string;
      dev: string;
      ip: Ipv4Addr;
      /** equal to `to` when an ARP packet found the entry as it was (nothing changed) */
      from: NeighState;
      to: NeighState;
      mac?: MacAddr;
      prevMac?: MacAddr;
      cause: NeighCause;
      /** the ARP packet that caused it (the packet ends here) */
      pkt?: PacketId;
    }
  | { kind: 'neigh.hold'; node: string; pkt: PacketId; dev: string; ip: Ipv4Addr; queued: number }
  | { kind: 'neigh.release'; node: string; pkt: PacketId; dev: string; ip: Ipv4Addr; mac: MacAddr }
  | { kind: 'arp.solicit'; node: string; dev: string; targetIp: Ipv4Addr; senderIp: Ipv4Addr; probe: number; unicast: boolean; pkt: PacketId }
  | {
      kind: 'arp.answer';
      node: string;
      dev: string;
      targetIp: Ipv4Addr;
      to: Ipv4Addr;
      proxy: boolean;
      delayed?: number;
      /** the reply sent */
      pkt: PacketId;
      /** the request answered (it ends here) */
      request?: PacketId;
    }
  | { kind: 'ip.send'; node: string; pkt: PacketId; src: Ipv4Addr; dst: Ipv4Addr; protocol: number; ttl: number; process?: string }
  | { kind: 'ip.forward'; node: string; pkt: PacketId; ingress: string; egress: string; nexthop: Ipv4Addr; ttlFrom: number; ttlTo: number }
  | { kind: 'ip.local'; node: string; pkt: PacketId; dev: string; dst: Ipv4Addr; broadcast: boolean }
  | { kind: 'ip.loopback'; node: string; pkt: PacketId }
  /** a packet bigger than its device's MTU, DF clear, leaves in fragments */
  | { kind: 'ip.fragment'; node: string; pkt: PacketId; dev: string; mtu: number; fragments: number }
  /** the last fragment of a packet for this host arrived: it is whole again */
  | { kind: 'ip.defrag'; node: string; pkt: PacketId; fragments: number; length: number }
  | { kind: 'icmp.send'; node: string; pkt: PacketId; about?: PacketId; type: number; code: number; reason: IcmpReason; dst: Ipv4Addr }
  | {
      kind: 'icmp.suppressed';
      node: string;
      /** the packet the message would have been about (it goes on as it would have) */
      about: PacketId;
      type: number;
      code: number;
      reason: IcmpReason;
      /** why no message was sent: about an ICMP error, to a broadcast, or a rate limit */
      why: 'error-about-error' | 'not-unicast' | 'ratelimit-global' | 'ratelimit-peer' | 'ratelimit-ip_error';
    }
  | { kind: 'route.redirect'; node: string; dst: Ipv4Addr; gateway: Ipv4Addr; from: Ipv4Addr; result: 'applied' | 'resolving-gateway' | 'rejected'; rejectReason?: string }
  | {
      kind: 'conntrack.lookup';
      node: string;
      pkt: PacketId;
      hook: 'PREROUTING' | 'OUTPUT';
      /** new connection, a packet of a known one (either direction), an ICMP error about one, or not trackable */
      result: 'new' | 'established' | 'reply' | 'related' | 'invalid' | 'untracked';
      entry: ConntrackView | null;
      direction?: CtDir;
    }
  | { kind: 'conntrack.update'; node: string; pkt?: PacketId; change: 'confirmed' | 'seen-reply' | 'state' | 'destroyed'; entry: ConntrackView }
  | {
      kind: 'nat.match';
      node: string;
      pkt: PacketId;
      chain: 'PREROUTING' | 'INPUT' | 'OUTPUT' | 'POSTROUTING';
      /** index of the matching rule in the node's nat rules, or null: no rule, the connection keeps its addresses */
      rule: number | null;
      target?: 'MASQUERADE' | 'SNAT' | 'DNAT';
      manip: 'src' | 'dst';
      to: { ip: Ipv4Addr; port?: number } | null;
    }
  | {
      kind: 'nat.rewrite';
      node: string;
      pkt: PacketId;
      chain: 'PREROUTING' | 'INPUT' | 'OUTPUT' | 'POSTROUTING';
      manip: 'src' | 'dst';
      direction: CtDir;
      /** an ICMP error translated for the connection it quotes (its inner header too) */
      related: boolean;
      from: { ip: Ipv4Addr; port?: number };
      to: { ip: Ipv4Addr; port?: number };
    }
  /** a TCP or UDP socket opened, changed state or went away (view null), as `ss -tuan` lists it */
  | { kind: 'socket.state'; node: string; socket: string; view: SocketView | null }
  | { kind: 'socket.deliver'; node: string; pkt: PacketId; socket: string; step?: number }
  | { kind: 'socket.error'; node: string; pkt: PacketId; socket: string; error: string; step?: number }
  | {
      kind: 'tunnel.encap';
      node: string;
      pkt: PacketId;
      /** the tunnel device */
      dev: string;
      type: TunnelKind;
      /** the outer IPv4 header added (and the UDP ports of VXLAN) */
      outer: { src: Ipv4Addr; dst: Ipv4Addr; protocol: number; ttl: number; df: boolean; sport?: number; dport?: number };
      /** where the outer destination came from: the device's remote, the inner route's gateway (a tunnel with remote any), the forwarding database or its flood list */
      why: 'remote' | 'route-gateway' | 'fdb' | 'flood';
      vni?: number;
      key?: number;
    }
  | {
      kind: 'tunnel.decap';
      node: string;
      pkt: PacketId;
      /** the tunnel device the inner packet is now received on */
      dev: string;
      type: TunnelKind;
      outer: { src: Ipv4Addr; dst: Ipv4Addr; protocol: number };
      vni?: number;
      key?: number;
      /** VXLAN: the remote MAC learned behind the sender's VTEP */
      learned?: MacAddr;
    }
  | { kind: 'drop'; node: string; iface?: string; pkt: PacketId; reason: DropReason; detail?: string }
  | { kind: 'sim.stop'; stop: LimitStop }
  /** a bridge port's STP state or role changed (br_set_state; roles as br_port_state_selection decides them) */
  | { kind: 'stp.port'; node: string; port: string; state: StpPortState; prev: StpPortState; role: StpRole }
  /** a bridge's view of the tree changed: the root bridge, its root port (null: it is the root) and its cost to the root */
  | { kind: 'stp.root'; node: string; bridge: string; root: string; rootPort: string | null; cost: number }
  /**
   * a BPDU received on a bridge port and what STP made of it (br_received_config_bpdu,
   * br_received_tcn_bpdu); superior: what the port recorded of it (br_record_config_information)
   */
  | { kind: 'stp.bpdu'; node: string; port: string; pkt: PacketId; verdict: StpVerdict; recorded?: StpDesignated }
  /** the bridge's topology change flag went on or off: the fdb's ageing time becomes 2 × forward delay, or its own again */
  | { kind: 'stp.topology-change'; node: string; on: boolean; ageingS: number }
  /** an interface (or a bridge) brought down or up: `ip link set DEV down|up` */
  | { kind: 'link.state'; node: string; iface: string; up: boolean };

/** A port's designated root, cost, bridge and port: its own as a designated port, else the best BPDU it heard. */
export interface StpDesignated {
  root: string;
  cost: number;
  bridge: string;
  /** the designated port's id: its priority << 10 | its number */
  port: number;
}

/** A bridge's spanning tree at one point of a walk (replay.ts), its ids as iproute2 prints them. */
export interface StpView {
  bridge: string;
  root: string;
  rootPort: string | null;
  cost: number;
  /** each port's state and role, and what it last recorded from a superior BPDU */
  ports: Record<string, { state: StpPortState; role: StpRole; recorded?: StpDesignated }>;
  /** the topology change flag, with the fdb's ageing time it set (stp.topology-change) */
  topologyChange?: { on: boolean; ageingS: number };
}

/** A bridge port's STP state (BR_STATE_*), as `bridge link show` prints it. */
export type StpPortState = 'disabled' | 'listening' | 'learning' | 'forwarding' | 'blocking';
/** What a port is in the tree: towards the root, designated for its segment, neither (blocked), or down. */
export type StpRole = 'root' | 'designated' | 'blocked' | 'disabled';
/**
 * superior: better information than the port had (recorded, the tree recomputed); inferior: a
 * designated port answers with its own; ignored: neither; tcn: a topology change notification
 * on a designated port (acknowledged); tcn-ignored: one on another port.
 */
export type StpVerdict = 'superior' | 'inferior' | 'ignored' | 'tcn' | 'tcn-ignored';

/** A TCP or UDP socket as `ss -tuan` lists it. */
export interface SocketView {
  proto: 'tcp' | 'udp';
  /** ss's state: LISTEN, SYN-SENT, ESTAB, TIME-WAIT… for TCP; UNCONN or ESTAB for UDP */
  state: string;
  /** "10.0.0.2:5000", "0.0.0.0:5000" */
  local: string;
  /** "10.0.0.1:40000", or "0.0.0.0:*" when not connected */
  peer: string;
  /** the socket's name in the trace (socket.deliver names it the same) */
  socket: string;
}

/** A socket as `ss -tuan` lists it: on every address (0.0.0.0) until bound to one, peer `*` until connected. */
export function socketView(proto: SocketView['proto'], state: string, socket: string, sock: { localIp?: string; localPort: number; remoteIp?: string; remotePort?: number }): SocketView {
  return {
    proto,
    state,
    local: `${sock.localIp ?? '0.0.0.0'}:${sock.localPort}`,
    peer: sock.remoteIp ? `${sock.remoteIp}:${sock.remotePort}` : '0.0.0.0:*',
    socket,
  };
}

export type TraceEvent = TraceEventBody & {
  /** position in the trace, from 0 */
  seq: number;
  /** virtual time in microseconds since the scenario started */
  t: number;
};

export type TraceEventKind = TraceEvent['kind'];
