// Multipath routes (CONFIG_IP_ROUTE_MULTIPATH): which path of a route with several nexthops a
// packet takes. fib_rebalance (net/ipv4/fib_semantics.c; upperBounds in tables/fib.ts, as the
// route is made) gives each path an upper bound on the 31-bit hash space in proportion to its
// weight; fib_multipath_hash (net/ipv4/route.c) hashes
// the flow as net.ipv4.fib_multipath_hash_policy says: 0, the addresses (of the quoted packet for
// an ICMP error); 1, the addresses, the protocol and the ports. The hash is
// flow_hash_from_keys_seed (net/core/flow_dissector.c): SipHash over a struct flow_keys, from its
// `basic` member to the IPv4 addresses, source and destination sorted first
// (__flow_hash_consistentify) so that both directions of a flow hash alike, keyed by
// net.ipv4.fib_multipath_hash_seed; fib_select_multipath takes the first path whose bound the
// hash does not exceed.
//
// Real Linux short-circuits policy 1 with the packet's own hash when it has one (skb->l4_hash):
// a packet from a TCP or connected UDP socket of the same kernel carries its socket's random
// sk_txhash, so on one machine (the oracle's namespaces) such flows are not reproducible. Across
// machines, as here, every router computes the hash from the headers.

import { ipToNum, type Ipv4Addr } from '../../wire/addr';
import type { Ipv4Packet } from '../../wire/types';
import type { FibNexthop, MultipathKeys } from '../../tables/fib';
import { siphash } from './siphash';

/** What a locally generated packet's flow says (struct flowi4), when no packet is at hand. */
export interface FlowInput {
  src?: Ipv4Addr;
  proto: number;
  sport?: number;
  dport?: number;
}

/** The source of a multipath hash: a packet (forwarded, or the one an ICMP error is about) or a flow. */
export type MultipathInput = { packet: Ipv4Packet } | { flow: FlowInput; dst: Ipv4Addr };

const ICMP_ERRORS = new Set([3, 4, 5, 11, 12]);
const ZERO = '0.0.0.0' as Ipv4Addr;

/** ip_multipath_l3_keys / the flow dissector's part that fib_multipath_hash reads. */
export function multipathKeys(policy: 0 | 1, input: MultipathInput): MultipathKeys {
  if ('flow' in input) {
    const f = input.flow;
    const src = f.src ?? ZERO;
    if (policy === 0) return { policy, src, dst: input.dst };
    return { policy, src, dst: input.dst, proto: f.proto, sport: f.sport ?? 0, dport: f.dport ?? 0 };
  }
  const ip = input.packet;
  const p = ip.payload;
  const fragment = ip.fragmentOffset !== 0 || ip.flags.mf;
  if (policy === 0) {
    if (p.kind === 'icmp' && ip.fragmentOffset === 0 && ICMP_ERRORS.has(p.type) && p.quote) {
      return { policy, src: p.quote.srcIp, dst: p.quote.dstIp, fromQuote: true };
    }
    return { policy, src: ip.srcIp, dst: ip.dstIp };
  }
  // skb_flow_dissect_flow_keys: ports of TCP and UDP, none for a fragment or another protocol.
  const ports = !fragment && (p.kind === 'udp' || p.kind === 'tcp') ? { sport: p.srcPort, dport: p.dstPort } : { sport: 0, dport: 0 };
  return { policy, src: ip.srcIp, dst: ip.dstIp, proto: ip.protocol, ...ports };
}

/** The 48 bytes of struct flow_keys that flow_hash_from_keys hashes, after __flow_hash_consistentify. */
export function flowKeysBytes(k: MultipathKeys): Uint8Array {
  const b = new Uint8Array(48);
  const v = new DataView(b.buffer);
  // basic: n_proto (0), ip_proto; tags, vlan, cvlan, keyid: 0 (bytes 4..27)
  b[2] = k.proto ?? 0;
  // The kernel compares the big-endian fields as the host's (little-endian) integers.
  const le32 = (ip: Ipv4Addr) => {
    const n = ipToNum(ip);
    return ((n & 0xff) << 24 | (n >>> 8 & 0xff) << 16 | (n >>> 16 & 0xff) << 8 | n >>> 24) >>> 0;
  };
  const le16 = (port: number) => ((port & 0xff) << 8) | (port >>> 8);
  let [src, dst] = [k.src, k.dst];
  if (le32(dst) < le32(src)) [src, dst] = [dst, src];
  let [sport, dport] = [k.sport ?? 0, k.dport ?? 0];
  if (le16(dport) < le16(sport)) [sport, dport] = [dport, sport];
  v.setUint16(28, sport);
  v.setUint16(30, dport);
  // icmp (32..35): 0; addrs.v4addrs at 36, then the rest of the union (zero)
  v.setUint32(36, ipToNum(src));
  v.setUint32(40, ipToNum(dst));
  return b;
}

/**
 * fib_multipath_hash with the seed's key (fib_multipath_hash_construct_key: the 32-bit seed
 * four times), 31 bits (flow_hash_from_keys never gives 0; the result is shifted right once).
 */
export function multipathHash(keys: MultipathKeys, seed: number): number {
  const s = seed >>> 0;
  let h = siphash(flowKeysBytes(keys), [s, s, s, s])[0];
  if (h === 0) h = 1;
  return h >>> 1;
}

/**
 * fib_select_multipath: the first path whose upper bound the hash does not exceed. A lookup
 * that knows its source address (a socket bound to one, a reply) prefers a path whose own source
 * address (nh_saddr) is that one: the hash's path if it matches, else the first that does.
 */
export function selectNexthop(nexthops: readonly FibNexthop[], hash: number, saddrOf?: { src: Ipv4Addr; of: (nh: FibNexthop) => Ipv4Addr }): number {
  let res = 0;
  let found = false;
  for (let i = 0; i < nexthops.length; i++) {
    const nh = nexthops[i]!;
    const matches = !saddrOf || saddrOf.of(nh) === saddrOf.src;
    if (!found) {
      res = i;
      found = matches;
    }
    if (hash > nh.upperBound) continue;
    if (matches) return i;
    if (found) return res;
  }
  return res;
}
