// IPv4 arithmetic as a student writes it: the mask of a prefix length and the network of an address.

import { expect, test } from 'vitest';
import { maskToText, networkOf, type Ipv4Addr } from './addr';

test.each([
  ['10.0.2.10', 24, '255.255.255.0', '10.0.2.0'],
  ['10.1.21.46', 16, '255.255.0.0', '10.1.0.0'],
  ['203.0.113.200', 26, '255.255.255.192', '203.0.113.192'],
  ['192.0.2.7', 0, '0.0.0.0', '0.0.0.0'],
  ['192.0.2.7', 32, '255.255.255.255', '192.0.2.7'],
])('%s/%i: mask %s, network %s', (ip, len, mask, net) => {
  expect(maskToText(len)).toBe(mask);
  expect(networkOf(ip as Ipv4Addr, len)).toBe(net);
});
