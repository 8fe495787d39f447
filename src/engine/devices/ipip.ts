// IP in IP (net/ipv4/ipip.c, tunnel4.c): a device of type ipip sends an IPv4 packet inside an
// outer IPv4 header of protocol 4 (ipip_tunnel_xmit → ip_tunnel_xmit, ip-tunnel.ts); a received
// protocol-4 packet for this host goes to the ipip tunnel whose ends match (ipip_rcv →
// ip_tunnel_lookup), or to tunl0, the fallback device every namespace has once ipip is loaded,
// when it is up; no tunnel: ICMP port unreachable (tunnel4_rcv).

import { hexToBytes } from '../wire/hex';
import { tryDecodeIpv4 } from '../wire/codec';
import { IPPROTO_TUNNEL, ipipPayload } from '../wire/encap';
import { inetAddProtocol } from './linux/protocol';
import { registerNetdevType } from './linux/netdev';
import { tunnelMtu } from './tunnel-params';
import { kfreeSkb } from './linux/skb';
import { ipTunnelLookup, ipTunnelRcv, ipTunnelXmitIp, tunnelReject, type TunnelDev } from './ip-tunnel';

registerNetdevType('ipip', {
  mtu: (dev) => tunnelMtu((dev as TunnelDev).tunnel),
  noarp: true,
  xmit: (dev, frame, pkt, nexthop) => ipTunnelXmitIp(dev as TunnelDev, frame, pkt, nexthop, IPPROTO_TUNNEL.ipip, ipipPayload),
});

inetAddProtocol(IPPROTO_TUNNEL.ipip, {
  payload: 'raw',
  handler(stack, skb, p) {
    const inner = tryDecodeIpv4(hexToBytes(p.data));
    if (!inner) return kfreeSkb(stack, skb.pkt, 'unsupported', skb.iif, 'ipip: no inner IPv4 header');
    const t = ipTunnelLookup(stack, ['ipip'], skb.ip.srcIp, skb.ip.dstIp, undefined);
    if (!t) return tunnelReject(stack, skb, 'ipip');
    ipTunnelRcv(t, skb.ip, inner, skb.pkt);
  },
});
