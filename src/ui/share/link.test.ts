// The fragment of the app's links: a shared link's text is kept as it is, a lesson's step read.

import { expect, test } from 'vitest';
import { encodeShare } from '../../walk/share/codec';
import { lessonHash, readLink, shareHash } from './link';

test('the fragment keeps the text as it is (lz-string’s + is not a space)', () => {
  const text = encodeShare({ app: 'packetwalk', v: 1, topology: { name: 'a+b', nodes: [], links: [], scenario: [] }, step: 3 });
  expect(text).toContain('+');
  expect(readLink(shareHash(text))).toEqual({ kind: 'share', text });
  expect(readLink(lessonHash('same-subnet', 5))).toEqual({ kind: 'lesson', id: 'same-subnet', step: 5, walk: 0 });
  expect(readLink('#lesson=route-table')).toEqual({ kind: 'lesson', id: 'route-table', step: 0, walk: 0 });
  expect(readLink('#lesson=route-table&step=-3')).toEqual({ kind: 'lesson', id: 'route-table', step: 0, walk: 0 });
  expect(lessonHash('loop', 4, 1)).toBe('#lesson=loop&walk=2&step=4');
  expect(readLink(lessonHash('loop', 4, 1))).toEqual({ kind: 'lesson', id: 'loop', step: 4, walk: 1 });
  expect(readLink('#lesson=loop&walk=x')).toEqual({ kind: 'lesson', id: 'loop', step: 0, walk: 0 });
  expect(readLink('#section-2')).toEqual({ kind: 'none' });
  expect(readLink('')).toEqual({ kind: 'none' });
});
