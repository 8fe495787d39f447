// What a step is named by in the event list: the most important thing its device decided, not
// only the frame it sent. The step where a NAT gateway masquerades an echo request and asks ARP
// for its next hop sends an ARP request; the row says "NAT: source 192.168.1.10 → 198.51.100.2"
// first. One decision per step, the first that applies in this order:
//   1. drop       the device dropped a packet (with the reason)
//   2. nat        NAT rewrote an address (and port) of the packet
//   3. route      a router forwarded the packet: the route it chose and the interface it left by
//   4. flood /    a switch flooded the frame, or sent it out of the one port its fdb names
//      switch
//   5. arp-reply  the device answered an ARP request
//   6. release    an ARP reply let the device send the packets it held for that address
//   7. resolve    the device holds a packet and asks ARP for the next hop's address
//   8. deliver    the packet is for this device (to a program's socket, answered by the kernel)
// A step that decides none of these (a frame that changes nothing) is named by its frame alone;
// command, exit and stop steps by their command and status (ui/player/rows.ts).

import type { DropReason, Ipv4Addr, TraceEvent } from '../engine';
import type { PlayerStep } from './steps';

export type StepDecision =
  | { kind: 'drop'; reason: DropReason }
  | { kind: 'nat'; manip: 'src' | 'dst'; reply: boolean; from: { ip: Ipv4Addr; port?: number }; to: { ip: Ipv4Addr; port?: number } }
  | { kind: 'route'; dst: Ipv4Addr; len: number; via?: Ipv4Addr; dev: string }
  | { kind: 'flood'; ports: string[]; unknown: boolean }
  | { kind: 'switch'; port: string }
  | { kind: 'arp-reply'; ip: Ipv4Addr; proxy: boolean }
  | { kind: 'release'; ip: Ipv4Addr; count: number }
  | { kind: 'resolve'; ip: Ipv4Addr }
  | { kind: 'deliver'; to: 'socket' | 'echo' | 'stack'; port?: number };

type Ev<K extends TraceEvent['kind']> = Extract<TraceEvent, { kind: K }>;

/** The decision a frame or local step is named by (see the module comment), or undefined. */
export function stepDecision(events: readonly TraceEvent[], step: PlayerStep): StepDecision | undefined {
  if (step.kind !== 'frame' && step.kind !== 'local') return undefined;
  const of = <K extends TraceEvent['kind']>(kind: K): Ev<K>[] => {
    const out: Ev<K>[] = [];
    for (let i = step.first; i <= step.last; i++) if (events[i]!.kind === kind) out.push(events[i] as Ev<K>);
    return out;
  };
  const drop = of('drop')[0];
  if (drop) return { kind: 'drop', reason: drop.reason };
  const nat = of('nat.rewrite')[0];
  if (nat) {
    // An ICMP echo's identifier stands in for a port in conntrack; on a row it would read as one.
    const icmp = l4Of(events, step)?.kind === 'icmp';
    const addr = (a: { ip: Ipv4Addr; port?: number }) => (icmp ? { ip: a.ip } : a);
    return { kind: 'nat', manip: nat.manip, reply: nat.direction === 'reply', from: addr(nat.from), to: addr(nat.to) };
  }
  const forward = of('ip.forward')[0];
  if (forward) {
    const lookup = of('fib.lookup').find((l) => l.pkt === forward.pkt && l.result.kind === 'route');
    const res = lookup?.result.kind === 'route' ? lookup.result : undefined;
    const route = res?.route;
    // A multipath route: the gateway of the path the hash chose.
    const via = res?.multipath ? route?.nexthops?.[res.multipath.index]?.gateway : route?.gateway;
    if (route) return { kind: 'route', dst: route.dst, len: route.len, ...(via ? { via } : {}), dev: forward.egress };
  }
  const bridged = of('fdb.forward')[0];
  if (bridged) return bridged.mode === 'flood' ? { kind: 'flood', ports: bridged.egress, unknown: bridged.why === 'unknown-unicast' } : { kind: 'switch', port: bridged.egress[0] ?? '' };
  const answer = of('arp.answer')[0];
  if (answer) return { kind: 'arp-reply', ip: answer.targetIp, proxy: answer.proxy };
  const released = of('neigh.release');
  if (released.length) return { kind: 'release', ip: released[0]!.ip, count: released.length };
  const held = of('neigh.hold')[0];
  if (held) return { kind: 'resolve', ip: held.ip };
  if (of('socket.deliver').length || of('socket.error').length) return { kind: 'deliver', to: 'socket', ...portOf(events, step) };
  if (of('icmp.send').some((e) => e.reason === 'echo-reply')) return { kind: 'deliver', to: 'echo' };
  if (of('ip.local').length || of('ip.loopback').length) return { kind: 'deliver', to: 'stack' };
  return undefined;
}

/** What the IPv4 packet the step received carries (ICMP, UDP, TCP…), if it received one. */
function l4Of(events: readonly TraceEvent[], step: PlayerStep) {
  const rx = step.rx !== undefined ? events[step.rx] : undefined;
  return rx?.kind === 'frame.rx' && rx.frame.payload.kind === 'ipv4' ? rx.frame.payload.payload : undefined;
}

/** The destination port of the UDP or TCP segment the step received. */
function portOf(events: readonly TraceEvent[], step: PlayerStep): { port?: number } {
  const l4 = l4Of(events, step);
  return l4?.kind === 'udp' || l4?.kind === 'tcp' ? { port: l4.dstPort } : {};
}
