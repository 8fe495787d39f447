import { expect, test } from 'vitest';
import { bridgeSetup } from './clabImage';

test('the bridges containerlab expects are created on the host first', () => {
  expect(bridgeSetup(['sw1', 'sw2'])).toEqual(['ip link add sw1 type bridge && ip link set sw1 up', 'ip link add sw2 type bridge && ip link set sw2 up']);
});
