// Which devices each tunnel joins on the diagram.

import { expect, test } from 'vitest';
import { simApi } from '../../worker/sim-api';
import { tunnelEnds } from './TunnelLayer';

test('a tunnel joins its device to the owner of its remote, or of the gateways routed through it (remote any); once per pair', () => {
  // node1's and node2's tunl0 have remote any: their routes' gateways are the other node.
  expect(tunnelEnds(simApi.loadExample('calico-ipip'))).toEqual([{ a: 'node1', b: 'node2', label: 'IPIP' }]);
  expect(tunnelEnds(simApi.loadExample('vxlan-overlay'))).toEqual([{ a: 'a', b: 'b', label: 'VXLAN 42' }]);
  expect(tunnelEnds(simApi.loadExample('two-subnets-router'))).toEqual([]);
});
