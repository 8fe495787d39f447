// The `ip route add` arguments of a static route: what is written back is what was typed.

import { expect, test } from 'vitest';
import { parseRouteArgs } from './io/exec';
import { routeText } from './linux-text';

test.each(['default via 10.0.1.1', 'blackhole 198.51.100.0/24 metric 5', '10.9.0.0/16 via 10.0.1.1 dev eth1 onlink scope global src 10.0.1.10', '192.0.2.7/32 dev eth1'])(
  'routeText(%s) gives back what was typed',
  (text) => {
    const r = parseRouteArgs(text.split(' '));
    expect(r.kind === 'ok' && routeText(r.route)).toBe(text);
  },
);
