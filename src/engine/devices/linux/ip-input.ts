// IP input of one stack (net/ipv4/ip_input.c): header checks, PREROUTING (conntrack, DNAT), the
// input route, then local delivery to the packet's protocol (ip_local_deliver, with the INPUT hook; protocol.ts),
// forwarding (forward.ts) or ip_error for what cannot be routed.

import { ICMP, ICMP_UNREACH } from '../../wire/types';
import { ipv4HeaderChecksum } from '../../wire/ipv4';
import { ipError, ipForward } from './forward';
import { icmpSend } from './icmp';
import { inetProtocolRcv } from './protocol';
import { ipDefrag, isFragment } from './ip-fragment';
import { onlinkAddrs, routeInput, sourceOnLink } from './route';
import { kfreeSkb, type Skb } from './skb';
import type { LinuxStack } from './stack';

/** ip_rcv → ip_rcv_finish: a packet received on `skb.iif`. */
export function ipRcv(stack: LinuxStack, skb: Skb): void {
  const ip = skb.ip;
  const dev = stack.devs.get(skb.iif!)!;
  if (ip.version !== 4 || ip.ihl < 5) return kfreeSkb(stack, skb.pkt, 'unsupported', dev.name, 'ip-header');
  if (ipv4HeaderChecksum(ip) !== ip.headerChecksum) return kfreeSkb(stack, skb.pkt, 'bad-checksum', dev.name, 'ipv4');
  const nf = stack.nf;
  if (nf) {
    // PREROUTING: conntrack, then DNAT (or the reply side of SNAT) before the route lookup.
    const ct = nf.conntrackIn(ip, skb.pkt, 'PREROUTING');
    const natted = nf.nat(ip, skb.pkt, ct, 'PREROUTING', { inDev: dev.name });
    if (!natted) return;
    skb = { ...skb, ip: natted, ...(ct ? { ct } : {}) };
  }
  const rt = routeInput(stack, skb.ip.dstIp, skb.ip.srcIp, dev, skb.pkt, 'input', skb.ip);
  switch (rt.kind) {
    case 'local':
      return ipLocalDeliver(stack, { ...skb, localInput: true }, dev.name, false);
    case 'broadcast':
      return ipLocalDeliver(stack, { ...skb, localInput: true, broadcastInput: true }, dev.name, true);
    case 'error':
      if (rt.error === 'martian-source' || rt.error === 'martian-destination') {
        return kfreeSkb(stack, skb.pkt, rt.error, dev.name);
      }
      return ipError(stack, skb, dev, rt.error);
    case 'forward': {
      const out = stack.devs.get(rt.dev)!;
      // __mkroute_input: forwarding back out of the ingress device towards a gateway the sender
      // could reach itself → ICMP redirect (shared_media, send_redirects).
      let redirect = false;
      if (out.name === dev.name && dev.conf.sendRedirects && sourceOnLink(stack, skb.ip.srcIp, dev.name)) {
        redirect = dev.conf.sharedMedia || onlinkAddrs(stack, out.name, skb.ip.srcIp, rt.route.gateway);
      }
      return ipForward(stack, skb, dev, out, rt.nexthop, redirect);
    }
  }
}

/** ip_local_deliver: INPUT (the source side of a mapping, then the connection confirmed), then the protocol. */
export function ipLocalDeliver(stack: LinuxStack, skb0: Skb, dev: string, broadcast: boolean): void {
  // ip_defrag: a fragment waits for the rest of its packet.
  const whole = isFragment(skb0.ip) ? ipDefrag(stack, skb0) : skb0;
  if (!whole) return;
  let skb = whole;
  const nf = stack.nf;
  if (nf && skb.ct && dev !== 'lo') {
    const ip = nf.nat(skb.ip, skb.pkt, skb.ct, 'INPUT', { inDev: dev });
    if (!ip) return;
    skb = { ...skb, ip };
    if (!nf.confirm(skb.ct, skb.pkt)) return;
  }
  const ip = skb.ip;
  stack.sim.emit({ kind: 'ip.local', node: stack.name, pkt: skb.pkt, dev, dst: ip.dstIp, broadcast });
  if (inetProtocolRcv(stack, skb, dev, broadcast)) return;
  icmpSend(stack, skb, ICMP.destUnreachable, ICMP_UNREACH.protocol, 'protocol-unreachable');
  kfreeSkb(stack, skb.pkt, 'protocol-unreachable', dev, String(ip.protocol));
}
