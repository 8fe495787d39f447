import { expect, test } from 'vitest';
import { parseClab, toClab } from '../../engine';
import { simApi } from '../../worker/sim-api';
import { CLAB_LINUX_IMAGE, withLinuxImages } from './clabImage';

test('linux nodes get an image containerlab needs; the file reads back the same', async () => {
  const t = simApi.loadExample('two-subnets-router');
  const { text } = toClab(t);
  const out = await withLinuxImages(text);
  expect(out.match(new RegExp(`image: ${CLAB_LINUX_IMAGE}`, 'g'))).toHaveLength(3);
  expect(out).toMatch(/h1:\n {6}kind: linux\n {6}image: /);
  expect(out).toMatch(/sw1:\n {6}kind: bridge\n {6}labels:/);
  expect(out.startsWith('# Written by packetwalk')).toBe(true);
  expect(parseClab(out, 'x.clab.yml')).toEqual(parseClab(text, 'x.clab.yml'));
});

test('a node that has an image keeps it', async () => {
  const text = 'name: x\ntopology:\n  nodes:\n    h1:\n      kind: linux\n      image: alpine\n';
  expect(await withLinuxImages(text)).toBe(text);
});
