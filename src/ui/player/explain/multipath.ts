// A multipath route's choice: which inputs the kernel hashed (fib_multipath_hash_policy 0: the
// addresses, an ICMP error's quoted ones; 1: addresses, protocol and ports), the hash, and the
// path whose share of the hash space holds it (fib_rebalance's upper bounds, by weight).

import type { FibRoute, MultipathChoice } from '../../../engine';
import type { Translate } from './context';

const PROTOCOLS: Record<number, string> = { 1: 'ICMP', 6: 'TCP', 17: 'UDP' };

function inputs(c: MultipathChoice, t: Translate): string {
  const k = c.keys;
  // A socket's first lookup (connect) has no source address yet: the hash takes 0.0.0.0.
  const src = k.src === '0.0.0.0' ? t('player.x.multipathNoSrc') : k.src;
  if (k.policy === 0) return t(k.fromQuote ? 'player.x.multipathL3Quote' : 'player.x.multipathL3', { src, dst: k.dst });
  const proto = PROTOCOLS[k.proto ?? 0] ?? String(k.proto ?? 0);
  // Only TCP and UDP have ports (an ICMP echo's type stands where the port would be: shown as is).
  return t(k.sport || k.dport ? 'player.x.multipathL4' : 'player.x.multipathL4NoPorts', { src, dst: k.dst, proto, sport: k.sport ?? 0, dport: k.dport ?? 0 });
}

/** "The route has 4 paths: …hashes … to H; path 2 (via … dev …, weight 1) takes the hashes A–B." */
export function multipathSentence(route: FibRoute, c: MultipathChoice, t: Translate): string | undefined {
  const nhs = route.nexthops;
  const nh = nhs?.[c.index];
  if (!nhs || !nh) return undefined;
  const from = c.index === 0 ? 0 : nhs[c.index - 1]!.upperBound + 1;
  return t('player.x.multipath', {
    count: nhs.length,
    inputs: inputs(c, t),
    policy: c.keys.policy,
    hash: c.hash,
    n: c.index + 1,
    path: `${nh.gateway ? `via ${nh.gateway} ` : ''}dev ${nh.dev}`,
    weight: nh.weight,
    from,
    to: nh.upperBound,
  });
}
