// `ip tunnel show` (iproute2's ip/iptunnel.c): the node's IP tunnels (ipip and gre, the fallback
// devices tunl0 and gre0 included) as iproute2 lists them. Tunnels are made with `ip link add … type …`, which the
// `exec:` lines and `ip link add` take.

import { formatIpTunnel, tunnelModules, tunnelsInOrder } from '../tunnel-text';
import { failed, matches, printed } from './shell';
import type { IpObject } from './iproute';

export const ipTunnel: IpObject = (args, env) => {
  const [verb] = args;
  if (verb === undefined || matches(verb, 'show') || matches(verb, 'list') || verb === 'lst') {
    return printed(env.node.kind === 'linux' ? formatIpTunnel(tunnelsInOrder(env.node, tunnelModules(env.topology))) : '');
  }
  return failed(`ip tunnel ${verb}: packetwalk makes tunnels with "ip link add NAME type ipip|gre|gretap|vxlan …"`, 255);
};
