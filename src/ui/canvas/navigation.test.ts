import { describe, expect, test } from 'vitest';
import type { Link, TopoNode } from '../../engine';
import { endInDirection, linksOf, nearest, nearestInDirection } from './navigation';

// A star of devices around (0, 0), and two further out.
const devices = [
  { name: 'right', at: { x: 200, y: 10 } },
  { name: 'farRight', at: { x: 600, y: 0 } },
  { name: 'upRight', at: { x: 150, y: -140 } },
  { name: 'down', at: { x: -30, y: 250 } },
  { name: 'left', at: { x: -300, y: 0 } },
  { name: 'below', at: { x: 40, y: 600 } },
];
const origin = { x: 0, y: 0 };

describe('nearestInDirection', () => {
  test.each([
    ['right', 'right'],
    ['left', 'left'],
    ['up', 'upRight'],
    ['down', 'down'],
  ] as const)('%s goes to %s', (dir, expected) => {
    expect(nearestInDirection(origin, dir, devices)).toBe(expected);
  });

  test('a device far ahead on the line beats one near but mostly to the side', () => {
    const ds = [
      { name: 'aside', at: { x: 40, y: 200 } },
      { name: 'ahead', at: { x: 500, y: 0 } },
    ];
    expect(nearestInDirection(origin, 'right', ds)).toBe('ahead');
  });

  test('when nothing is within the cone, the best device ahead; nothing ahead: none', () => {
    expect(nearestInDirection(origin, 'right', [{ name: 'steep', at: { x: 10, y: 300 } }])).toBe('steep');
    expect(nearestInDirection(origin, 'up', [{ name: 'under', at: { x: 0, y: 100 } }])).toBeUndefined();
    expect(nearestInDirection(origin, 'left', [])).toBeUndefined();
  });

  test('the device itself is never a step away', () => {
    expect(nearestInDirection(origin, 'right', [{ name: 'self', at: origin }])).toBeUndefined();
  });
});

test('endInDirection: the end further that way', () => {
  const a = { x: 0, y: 0 };
  const b = { x: 100, y: 30 };
  expect(endInDirection(a, b, 'right')).toBe('b');
  expect(endInDirection(a, b, 'left')).toBe('a');
  expect(endInDirection(a, b, 'down')).toBe('b');
  expect(endInDirection(a, b, 'up')).toBe('a');
});

test('linksOf: a device’s links in the order of its interfaces, whichever end it is', () => {
  const r1 = { kind: 'linux', name: 'r1', ifaces: [{ name: 'eth1' }, { name: 'eth2' }, { name: 'eth3' }] } as unknown as TopoNode;
  const link = (a: string, ai: string, b: string, bi: string) => ({ a: { node: a, iface: ai }, b: { node: b, iface: bi } }) as Link;
  const l3 = link('r1', 'eth3', 'h3', 'eth1');
  const l1 = link('sw1', 'p1', 'r1', 'eth1');
  const l2 = link('r1', 'eth2', 'h2', 'eth1');
  const other = link('sw1', 'p2', 'h9', 'eth1');
  expect(linksOf(r1, [l3, other, l1, l2])).toEqual([l1, l2, l3]);
});

test('nearest: the device closest to where a deleted one was', () => {
  expect(nearest({ x: 180, y: 0 }, devices)).toBe('right');
  expect(nearest({ x: 0, y: 0 }, [])).toBeUndefined();
});
