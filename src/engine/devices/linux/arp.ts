// ARP of one stack (net/ipv4/arp.c): requests answered for our addresses (any of the host's,
// the weak host model) or, with proxy_arp, for routed ones (after a random part of proxy_delay);
// what an ARP packet teaches the neighbour table (only an entry that exists learns from a packet
// not for us); and the requests the neighbour table asks for (arp_solicit).

import { BROADCAST_MAC, isLoopback, isMulticast, ZERO_IP, ZERO_MAC, type Ipv4Addr, type MacAddr } from '../../wire/addr';
import { ARPOP, ETHERTYPE, type ArpPacket, type EthernetFrame } from '../../wire/types';
import { buildArp } from '../../wire/arp';
import type { NeighEntry } from '../../tables/neigh';
import type { PacketId } from '../../sim/trace';
import { devQueueXmit } from './netdev';
import { isLocalAddr, routeInput, selectAddr } from './route';
import { kfreeSkb, type PktType, type Skb } from './skb';
import type { LinuxStack, NetDev } from './stack';

/** arp_rcv → arp_process: an ARP packet received on `dev`. */
export function arpRcv(stack: LinuxStack, dev: NetDev, arp: ArpPacket, pktType: PktType, pkt: PacketId): void {
  if (pktType === 'otherhost') return kfreeSkb(stack, pkt, 'otherhost', dev.name);
  if (arp.htype !== 1 || arp.ptype !== ETHERTYPE.ipv4 || arp.hlen !== 6 || arp.plen !== 4) {
    return kfreeSkb(stack, pkt, 'unsupported', dev.name, 'arp-format');
  }
  if (arp.op !== ARPOP.request && arp.op !== ARPOP.reply) return kfreeSkb(stack, pkt, 'unsupported', dev.name, `arp-op ${arp.op}`);
  const { senderIp: sip, targetIp: tip, senderMac: sha } = arp;
  if (isMulticast(tip) || isLoopback(tip)) return kfreeSkb(stack, pkt, 'martian-destination', dev.name, tip);
  if (sip === ZERO_IP) {
    // Duplicate address detection probe (RFC 5227): answer if it is ours.
    if (arp.op === ARPOP.request && isLocalAddr(stack, tip)) {
      arpAnswer(stack, dev, sha, sip, tip, pkt, false);
    } else kfreeSkb(stack, pkt, 'arp-ignored', dev.name);
    return;
  }
  // A request for an address that is neither ours nor one we could proxy for: the kernel's
  // input route lookup for it would end in "not local, no proxy"; skip straight to the tables.
  const mayAnswer = arp.op === ARPOP.request && (isLocalAddr(stack, tip) || (dev.conf.forwarding && dev.conf.proxyArp));
  if (mayAnswer) {
    const rt = routeInput(stack, tip, sip, dev, pkt, 'arp');
    if (rt.kind === 'local') {
      stack.neigh.eventNs(dev.name, sip, sha);
      arpAnswer(stack, dev, sha, sip, tip, pkt, false);
      return;
    }
    if (dev.conf.forwarding && rt.kind === 'forward' && rt.route.type === 'unicast' && rt.dev !== dev.name && dev.conf.proxyArp) {
      stack.neigh.eventNs(dev.name, sip, sha);
      const delay = dev.conf.neigh.proxyDelayUs;
      // pneigh_enqueue: a broadcast request is answered after a random part of proxy_delay.
      arpAnswer(stack, dev, sha, sip, tip, pkt, true, pktType === 'host' || delay === 0 ? 0 : stack.sim.randomInt(delay));
      return;
    }
  }
  // Update our ARP tables: only an entry that exists already learns from this packet.
  const n = stack.neigh.lookup(dev.name, sip);
  if (!n) return kfreeSkb(stack, pkt, arp.op === ARPOP.request ? 'arp-not-for-us' : 'arp-ignored', dev.name, arp.op === ARPOP.request ? tip : sip);
  // "If several different ARP replies follow back-to-back, use the FIRST one": within locktime
  // of its last change an entry takes no other address, unless the packet is a gratuitous ARP.
  const override = stack.sim.now > n.updated + dev.conf.neigh.locktimeUs || arpIsGarp(stack, arp);
  const reply = arp.op === ARPOP.reply && pktType === 'host';
  stack.neigh.update(n, sha, reply ? 'REACHABLE' : 'STALE', override, reply ? 'arp-reply' : 'arp-seen', pkt);
}

/** arp_is_garp: an announcement of the sender's own unicast address (a reply's target MAC is its own too). */
function arpIsGarp(stack: LinuxStack, arp: ArpPacket): boolean {
  if (arp.senderIp !== arp.targetIp) return false;
  if (arp.op === ARPOP.reply && arp.targetMac !== arp.senderMac) return false;
  return stack.fib.addrType(arp.senderIp) === 'unicast';
}

/**
 * Answers an ARP request (arp_send_dst of a reply): the decision is traced now; the reply goes
 * out now, or after `delayUs` (proxy_delay) for a proxied broadcast request.
 */
function arpAnswer(stack: LinuxStack, dev: NetDev, sha: MacAddr, sip: Ipv4Addr, tip: Ipv4Addr, request: PacketId, proxy: boolean, delayUs = 0): void {
  const pkt = stack.sim.newPacketId();
  stack.sim.emit({ kind: 'arp.answer', node: stack.name, dev: dev.name, targetIp: tip, to: sip, proxy, pkt, request, ...(delayUs ? { delayed: delayUs } : {}) });
  const frame: EthernetFrame = {
    dstMac: sha,
    srcMac: dev.mac,
    ethertype: ETHERTYPE.arp,
    payload: buildArp({ op: ARPOP.reply, senderMac: dev.mac, senderIp: tip, targetMac: sha, targetIp: sip }),
  };
  if (delayUs) stack.sim.after(delayUs, () => devQueueXmit(dev, frame, pkt));
  else devQueueXmit(dev, frame, pkt);
}

/** arp_solicit: a request for a neighbour entry (broadcast, or unicast when probing). */
export function arpSolicit(stack: LinuxStack, n: NeighEntry<Skb>, last: Skb | undefined, unicast: boolean, probe: number): void {
  const dev = stack.devs.get(n.dev)!;
  let saddr: Ipv4Addr | undefined;
  if (last && isLocalAddr(stack, last.ip.srcIp)) saddr = last.ip.srcIp;
  saddr ??= selectAddr(stack, dev.name, n.ip, 'link');
  const pkt = stack.sim.newPacketId();
  stack.sim.emit({ kind: 'arp.solicit', node: stack.name, dev: dev.name, targetIp: n.ip, senderIp: saddr, probe, unicast, pkt });
  const frame: EthernetFrame = {
    dstMac: unicast ? n.mac! : BROADCAST_MAC,
    srcMac: dev.mac,
    ethertype: ETHERTYPE.arp,
    payload: buildArp({ op: ARPOP.request, senderMac: dev.mac, senderIp: saddr, targetMac: ZERO_MAC, targetIp: n.ip }),
  };
  devQueueXmit(dev, frame, pkt);
}
