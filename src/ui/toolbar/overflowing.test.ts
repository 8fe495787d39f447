import { describe, expect, test } from 'vitest';
import { overflowing } from './OverflowBar';

const items = [
  { id: 'logo' },
  { id: 'file', priority: 9 },
  { id: 'lessons', priority: 5 },
  { id: 'run' },
  { id: 'help', priority: 3 },
  { id: 'language', priority: 2 },
];
const width = (id: string) => ({ logo: 30, file: 60, lessons: 90, run: 150, help: 34, language: 130 })[id] ?? 0;
// 6 items: 494 px of controls and 5 gaps of 10 px: 544 px.

describe('overflowing', () => {
  test('nothing moves when everything fits', () => {
    expect(overflowing(items, width, 544, 10, 34)).toEqual(new Set());
  });

  test('the lowest priorities move first, and the "⋯" button takes room too', () => {
    // One pixel short: the language goes (130 + 10), the "⋯" comes (34 + 10): 448 px.
    expect(overflowing(items, width, 543, 10, 34)).toEqual(new Set(['language']));
    expect(overflowing(items, width, 448, 10, 34)).toEqual(new Set(['language']));
    expect(overflowing(items, width, 447, 10, 34)).toEqual(new Set(['language', 'help']));
  });

  test('items without a priority never move, even when they do not fit', () => {
    expect(overflowing(items, width, 50, 10, 34)).toEqual(new Set(['language', 'help', 'lessons', 'file']));
  });
});
