import { describe, expect, test } from 'vitest';
import { DEFAULT_SHARE, parseLayout, splitBasis, usePlayerLayout } from './layoutStore';

describe('the stored player layout', () => {
  test('reads a stored layout back', () => {
    expect(parseLayout('{"orientation":"side","stacked":0.3,"side":0.6}')).toEqual({ orientation: 'side', stacked: 0.3, side: 0.6 });
  });

  test.each([
    ['nothing stored', null],
    ['not JSON', '{oops'],
    ['an unknown arrangement', '{"orientation":"diagonal","stacked":0.5,"side":0.5}'],
    ['a share out of bounds', '{"orientation":"stacked","stacked":1.5,"side":0.5}'],
    ['a missing share', '{"orientation":"stacked","stacked":0.5}'],
  ])('ignores %s: the default', (_what, raw) => {
    expect(parseLayout(raw)).toEqual({ orientation: 'stacked', ...DEFAULT_SHARE });
  });

  test('a share is kept within its bounds, per arrangement', () => {
    usePlayerLayout.getState().setOrientation('stacked');
    usePlayerLayout.getState().setShare(0.99);
    expect(usePlayerLayout.getState().stacked).toBe(0.8);
    usePlayerLayout.getState().setOrientation('side');
    usePlayerLayout.getState().setShare(0.01);
    expect(usePlayerLayout.getState()).toMatchObject({ orientation: 'side', side: 0.2, stacked: 0.8 });
  });

  test('the panel is never smaller than its minimum nor leaves the diagram less than its own', () => {
    expect(splitBasis(0.55)).toBe('clamp(240px, 55.00%, calc(100% - 180px))');
  });
});
