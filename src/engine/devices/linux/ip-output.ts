// IP output of one stack (net/ipv4/ip_output.c): a locally generated packet through the OUTPUT and
// POSTROUTING hooks, then looped back (a local route), broadcast (and looped back too), or handed
// to the neighbour of its next hop (ip_finish_output2), which sends it or holds it while ARP
// resolves; a packet too big for its device without DF in fragments (ip-fragment.ts).

import { BROADCAST_MAC, ZERO_MAC, type Ipv4Addr, type MacAddr } from '../../wire/addr';
import { ETHERTYPE, type EthernetFrame } from '../../wire/types';
import { devMtu, devQueueXmit } from './netdev';
import { ipFragment } from './ip-fragment';
import { encodedIpv4Length } from '../../wire/codec';
import type { OutputRoute } from './route';
import type { Skb } from './skb';
import type { LinuxStack } from './stack';

/** net.ipv4.ip_default_ttl */
export const DEFAULT_TTL = 64;

/** Sends a locally generated packet along an output route (ip_local_out). */
export function ipLocalOut(stack: LinuxStack, skb0: Skb, rt: Extract<OutputRoute, { kind: 'ok' }>, process?: string): void {
  let skb = skb0;
  const ip = skb.ip;
  const nf = stack.nf;
  stack.sim.emit({ kind: 'ip.send', node: stack.name, pkt: skb.pkt, src: ip.srcIp, dst: ip.dstIp, protocol: ip.protocol, ttl: ip.ttl, ...(process ? { process } : {}) });
  if (nf) {
    const ct = nf.conntrackIn(ip, skb.pkt, 'OUTPUT');
    const natted = nf.nat(ip, skb.pkt, ct, 'OUTPUT', {});
    if (!natted) return;
    skb = { ...skb, ip: natted, ...(ct ? { ct } : {}) };
    if (rt.type === 'local') {
      if (!nf.confirm(ct, skb.pkt)) return;
    } else {
      const post = nfPostrouting(stack, skb, rt.dev, rt.nexthop);
      if (!post) return;
      skb = post;
    }
  }
  if (rt.type === 'local') {
    stack.sim.emit({ kind: 'ip.loopback', node: stack.name, pkt: skb.pkt });
    neighXmit(stack, 'lo', ZERO_MAC, skb);
    return;
  }
  if (rt.type === 'broadcast') {
    // ip_mc_output: a broadcast route is local too (RTCF_LOCAL), so a copy of the packet comes
    // back to this host over lo as well.
    neighXmit(stack, rt.dev, BROADCAST_MAC, skb);
    stack.sim.emit({ kind: 'ip.loopback', node: stack.name, pkt: skb.pkt });
    neighXmit(stack, 'lo', ZERO_MAC, skb);
    return;
  }
  neighOutput(stack, rt.dev, rt.nexthop, skb);
}

/** POSTROUTING: SNAT/MASQUERADE (or the reply side of DNAT), then the connection is confirmed. */
export function nfPostrouting(stack: LinuxStack, skb: Skb, outDev: string, nexthop: Ipv4Addr): Skb | null {
  const nf = stack.nf;
  if (!nf) return skb;
  const ip = nf.nat(skb.ip, skb.pkt, skb.ct, 'POSTROUTING', { outDev, nexthop });
  if (!ip || !nf.confirm(skb.ct, skb.pkt)) return null;
  return ip === skb.ip ? skb : { ...skb, ip };
}

/**
 * ip_finish_output2: find or create the neighbour of the next hop and send through it. A device
 * without a link-layer header (an IP tunnel) resolves nothing: its neighbours are NOARP
 * (arp_constructor), and the packet goes to the device with its next hop at once.
 */
export function neighOutput(stack: LinuxStack, dev: string, nexthop: Ipv4Addr, skb: Skb): void {
  const d = stack.devs.get(dev)!;
  // ip_finish_output: too big for the device and DF clear → fragments, each sent on its own.
  const mtu = devMtu(d);
  if (!skb.ip.flags.df && encodedIpv4Length(skb.ip) > mtu) {
    const frags = ipFragment(skb.ip, mtu);
    stack.sim.emit({ kind: 'ip.fragment', node: stack.name, pkt: skb.pkt, dev, mtu, fragments: frags.length });
    for (const ip of frags) neighOutput(stack, dev, nexthop, { ...skb, ip });
    return;
  }
  if (d.ops.noarp) {
    devQueueXmit(d, { dstMac: ZERO_MAC, srcMac: d.mac, ethertype: ETHERTYPE.ipv4, payload: skb.ip }, skb.pkt, nexthop);
    return;
  }
  const existing = stack.neigh.lookup(dev, nexthop);
  stack.sim.emit({ kind: 'neigh.lookup', node: stack.name, pkt: skb.pkt, dev, ip: nexthop, entry: existing ? stack.neigh.view(existing) : null });
  const n = existing ?? stack.neigh.lookupOrCreate(dev, nexthop);
  stack.neigh.output(n, skb);
}

/** neigh_resolve_output (or neigh_direct_output) → dev_queue_xmit: the packet in an Ethernet frame to `dstMac`. */
export function neighXmit(stack: LinuxStack, dev: string, dstMac: MacAddr, skb: Skb): void {
  const d = stack.devs.get(dev)!;
  const frame: EthernetFrame = { dstMac, srcMac: d.mac, ethertype: ETHERTYPE.ipv4, payload: skb.ip };
  devQueueXmit(d, frame, skb.pkt);
}

/**
 * dst_confirm_neigh for a send with MSG_CONFIRM: the next hop is known to be alive, so its entry
 * counts as confirmed now (it stays REACHABLE; a DELAY entry becomes REACHABLE at its timer).
 */
export function confirmNeigh(stack: LinuxStack, dev: string, nexthop: Ipv4Addr): void {
  const n = stack.neigh.lookup(dev, nexthop);
  if (n) n.confirmed = stack.sim.now;
}
