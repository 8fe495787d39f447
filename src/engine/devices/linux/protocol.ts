// The transport protocols of the IPv4 stack (net/ipv4/protocol.c: inet_protos[], inet_add_protocol).
// ip_local_deliver hands a packet for this host to the handler registered for its protocol number;
// a number nobody registered gets ICMP protocol unreachable. An ICMP error goes to the err_handler
// of the protocol of the datagram it quotes (icmp_socket_deliver). ICMP, UDP and TCP register
// themselves in their own files (icmp.ts, udp.ts, tcp-input.ts); a tunnel's receive side (ipip is
// protocol 4, gre 47) is one more registration, not a new branch in ip-input.ts.

import type { IcmpMessage, Ipv4Packet } from '../../wire/types';
import type { Skb } from './skb';
import type { LinuxStack } from './stack';

type Payload = Ipv4Packet['payload'];

/** struct net_protocol: the payload it reads (a packet decoded as something else is not its) and its handler. */
export interface NetProtocol<K extends Payload['kind'] = Payload['kind']> {
  readonly payload: K;
  /** `dev`: the device it was received on ('lo' for our own); `broadcast`: a broadcast input route */
  handler(stack: LinuxStack, skb: Skb, p: Extract<Payload, { kind: K }>, dev: string, broadcast: boolean): void;
  /** err_handler: an ICMP error (in `skb`) quoting `quote`, a datagram of this protocol we sent */
  errHandler?(stack: LinuxStack, skb: Skb, icmp: IcmpMessage, quote: Ipv4Packet): void;
}

const inetProtos = new Map<number, NetProtocol>();

/** inet_add_protocol: `protocol`'s packets for this host go to `proto`. */
export function inetAddProtocol<K extends Payload['kind']>(protocol: number, proto: NetProtocol<K>): void {
  if (inetProtos.has(protocol)) throw new Error(`inet: protocol ${protocol} is registered twice`);
  inetProtos.set(protocol, proto as unknown as NetProtocol);
}

/**
 * The handler for a packet delivered locally, or false when no protocol takes it (the caller
 * answers protocol unreachable).
 */
export function inetProtocolRcv(stack: LinuxStack, skb: Skb, dev: string, broadcast: boolean): boolean {
  const proto = inetProtos.get(skb.ip.protocol);
  const p = skb.ip.payload;
  if (!proto || proto.payload !== p.kind) return false;
  proto.handler(stack, skb, p as never, dev, broadcast);
  return true;
}

/** icmp_socket_deliver: an ICMP error to the protocol of the datagram it quotes. */
export function inetProtocolErr(stack: LinuxStack, skb: Skb, icmp: IcmpMessage, quote: Ipv4Packet): void {
  inetProtos.get(quote.protocol)?.errHandler?.(stack, skb, icmp, quote);
}
