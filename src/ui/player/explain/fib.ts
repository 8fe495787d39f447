// A route lookup: what is being sent (and why, an ICMP answer) said first, then the decision with
// the subnet reasoning a student does by hand ("10.0.2.10 AND 255.255.255.0 = 10.0.2.0, which is
// not my network 10.0.1.0/24", from the node's connected routes, walk.routes), the route chosen
// (its `ip route` line) and the candidates with why each lost (from the fib.lookup event itself).

import type { FibRoute, Ipv4Addr, RouteCandidate } from '../../../engine';
import { formatRouteLine, maskToText, networkOf, routeDestText } from '../../../engine/pure';
import type { Ev, ExplainContext, Explainers, Translate } from './context';
import { icmpSendSentence } from './icmp';
import { multipathSentence } from './multipath';
import { sendSentence } from './ip';

/** The node's own networks: its connected routes (main table, proto kernel, no gateway). */
function connected(ctx: ExplainContext, node: string): FibRoute[] {
  return (ctx.routes[node] ?? []).filter((r) => r.table === 'main' && r.type === 'unicast' && r.proto === 'kernel' && !r.gateway);
}

/** "a AND m = n, which is (not) my network p" for each of the node's networks (at most 4). */
function subnetReasoning(ctx: ExplainContext, node: string, dst: Ipv4Addr, chosen: FibRoute, t: Translate): string | undefined {
  const nets = connected(ctx, node);
  if (nets.length === 0) return undefined;
  const isConnected = chosen.table === 'main' && chosen.type === 'unicast' && !chosen.gateway && chosen.proto === 'kernel';
  const shown = isConnected ? nets.filter((n) => n.dst === chosen.dst && n.len === chosen.len) : nets.slice(0, 4);
  return shown
    .map((n) => {
      const net = networkOf(dst, n.len);
      const mine = net === n.dst;
      return t(mine ? 'player.x.andMine' : 'player.x.andNotMine', { dst, mask: maskToText(n.len), net, prefix: routeDestText(n.dst, n.len) });
    })
    .join('; ');
}

function candidatesSentence(e: Ev<'fib.lookup'>, t: Translate): string | undefined {
  if (e.candidates.length < 2) return undefined;
  const list = e.candidates.map((c: RouteCandidate) =>
    t(c.chosen ? 'player.x.candidateChosen' : 'player.x.candidateSkipped', {
      prefix: `${c.route.type === 'unicast' ? '' : `${c.route.type} `}${routeDestText(c.route.dst, c.route.len)}`,
      len: c.route.len,
      table: c.route.table,
      why: t(`player.x.skipped.${c.skipped && ['longer-prefix-won', 'higher-metric', 'later-route', 'scope', 'oif', 'local-table-won'].includes(c.skipped) ? c.skipped : 'other'}`),
    }),
  );
  return t('player.x.candidates', { dst: e.dst, list: list.join('; ') });
}

function lookupSentences(ctx: ExplainContext, e: Ev<'fib.lookup'>, t: Translate): string[] {
  const out: string[] = [];
  const r = e.result;
  if (r.kind === 'error') {
    out.push(t('player.x.lookupError', { dst: e.dst, error: r.error }));
  } else {
    const route = r.route;
    const text = formatRouteLine(route);
    if (e.purpose === 'arp') {
      if (route.type === 'local') out.push(t('player.x.lookupArp', { dst: e.dst }));
      else out.push(t('player.x.lookupArpProxy', { dst: e.dst, route: text }));
    } else if (route.type === 'local') out.push(t('player.x.lookupLocal', { dst: e.dst, route: text }));
    else if (route.type === 'broadcast') out.push(t('player.x.lookupBroadcast', { dst: e.dst, route: text }));
    else if (route.type !== 'unicast') out.push(t('player.x.lookupSpecial', { dst: e.dst, route: text, type: route.type }));
    else {
      const reasoning = subnetReasoning(ctx, e.node, e.dst, route, t);
      const gateway = r.nexthop && r.nexthop !== e.dst ? r.nexthop : route.gateway;
      const dev = r.dev ?? route.dev ?? '';
      if (gateway) out.push(t(reasoning ? 'player.x.lookupGateway' : 'player.x.lookupGatewayPlain', { dst: e.dst, reasoning, gateway, route: text }));
      else out.push(t(reasoning ? 'player.x.lookupConnected' : 'player.x.lookupConnectedPlain', { dst: e.dst, reasoning, dev, route: text }));
      const mp = r.multipath && multipathSentence(route, r.multipath, t);
      if (mp) out.push(mp);
      if (r.viaException) out.push(t('player.x.lookupRedirected', { dst: e.dst, gateway: r.viaException }));
    }
  }
  const c = candidatesSentence(e, t);
  if (c) out.push(c);
  return out;
}

export const fibExplainers: Explainers = {
  'fib.lookup': (e, s) => {
    const { ctx, t, ahead, use } = s;
    // ping looks its destination up twice (connect, then send): say it once.
    const last = s.lastLookup;
    if (last && last.dst === e.dst && last.purpose === e.purpose && JSON.stringify(last.result) === JSON.stringify(e.result)) return [];
    s.lastLookup = e;
    const out: string[] = [];
    // A packet being sent: say what is sent (and why: an ICMP answer) before where it goes.
    const pkt = e.pkt ?? ahead(e, 'fib.lookup', (x) => x.dst === e.dst && x.purpose === e.purpose)?.pkt;
    if (e.purpose === 'output' && pkt !== undefined) {
      const icmp = ahead(e, 'icmp.send', (x) => x.pkt === pkt);
      if (icmp) {
        out.push(icmpSendSentence(icmp, t));
        use(icmp.seq);
      }
      const send = ahead(e, 'ip.send', (x) => x.pkt === pkt);
      if (send) {
        out.push(sendSentence(send, t));
        use(send.seq);
      }
    }
    out.push(...lookupSentences(ctx, e, t));
    return out;
  },
};
