// GRE (net/ipv4/ip_gre.c, gre_demux.c): `type gre` carries an IPv4 packet and `type gretap` an
// Ethernet frame (protocol type 0x6558, transparent Ethernet bridging: a device with a MAC that
// can join a bridge) after a GRE header with the optional key, in IP protocol 47. A received GRE
// packet goes to the tunnel of its kind whose ends and key match; none: ICMP port unreachable
// (gre_rcv).

import { hexToBytes } from '../wire/hex';
import { decodeFrame, encodedIpv4Length, tryDecodeIpv4 } from '../wire/codec';
import { GRE_PROTO, grePayload, IPPROTO_TUNNEL, parseGre } from '../wire/encap';
import { ETHERTYPE } from '../wire/types';
import { inetAddProtocol } from './linux/protocol';
import { registerNetdevType } from './linux/netdev';
import { tunnelMtu } from './tunnel-params';
import { kfreeSkb } from './linux/skb';
import { ipTunnelLookup, ipTunnelRcv, ipTunnelXmit, ipTunnelXmitIp, stackOf, tunnelReject, type TunnelDev } from './ip-tunnel';

registerNetdevType('gre', {
  mtu: (dev) => tunnelMtu((dev as TunnelDev).tunnel),
  noarp: true,
  xmit: (dev, frame, pkt, nexthop) => {
    const key = (dev as TunnelDev).tunnel.key;
    ipTunnelXmitIp(dev as TunnelDev, frame, pkt, nexthop, IPPROTO_TUNNEL.gre, (inner) => grePayload(inner, key), key);
  },
});

/** gre_tap_xmit: the whole Ethernet frame; the outer TTL is 64 unless the device has one (what it carries is not IPv4), DF as the device's path MTU discovery sets it. */
registerNetdevType('gretap', {
  mtu: (dev) => tunnelMtu((dev as TunnelDev).tunnel),
  xmit: (netdev, frame, pkt) => {
    const dev = netdev as TunnelDev;
    const t = dev.tunnel;
    if (!t.remote) return kfreeSkb(stackOf(dev), pkt, 'tunnel-no-remote', dev.name);
    const innerIp = frame.ethertype === ETHERTYPE.ipv4 && frame.payload.kind === 'ipv4' ? frame.payload : undefined;
    ipTunnelXmit(dev, pkt, {
      innerIp,
      dst: t.remote,
      why: 'remote',
      protocol: IPPROTO_TUNNEL.gre,
      payload: () => grePayload(frame, t.key),
      ttl: 64,
      df: true,
      size: innerIp ? encodedIpv4Length(innerIp) : 0,
      ...(t.key !== undefined ? { extra: { key: t.key } } : {}),
      ...(t.dev !== undefined ? { oif: t.dev } : {}),
    });
  },
});

inetAddProtocol(IPPROTO_TUNNEL.gre, {
  payload: 'raw',
  handler(stack, skb, p) {
    const b = hexToBytes(p.data);
    const g = parseGre(b);
    if (!g || (g.proto !== GRE_PROTO.ipv4 && g.proto !== GRE_PROTO.teb)) return kfreeSkb(stack, skb.pkt, 'unsupported', skb.iif, 'gre header');
    const tap = g.proto === GRE_PROTO.teb;
    const body = b.subarray(g.hlen);
    const inner = tap ? (body.length >= 14 ? decodeFrame(body) : undefined) : tryDecodeIpv4(body);
    if (!inner) return kfreeSkb(stack, skb.pkt, 'unsupported', skb.iif, 'gre: nothing inside');
    const t = ipTunnelLookup(stack, [tap ? 'gretap' : 'gre'], skb.ip.srcIp, skb.ip.dstIp, g.key);
    if (!t) return tunnelReject(stack, skb, 'gre');
    ipTunnelRcv(t, skb.ip, inner, skb.pkt, g.key !== undefined ? { key: g.key } : {});
  },
});
