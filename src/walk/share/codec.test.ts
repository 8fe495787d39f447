// Shared links' text: what the codec gives back (a round trip of every part), and what it refuses,
// each with its own reason: damaged, too large, not ours, newer. What the worker then checks (the
// network's validation) is in worker/shareLink.test.ts.

import { compressToEncodedURIComponent } from 'lz-string';
import { describe, expect, test } from 'vitest';
import type { Topology } from '../../engine';
import { simApi } from '../../worker/sim-api';
import { decodeShare, encodeShare } from './codec';
import { MAX_JSON_CHARS, MAX_LINK_CHARS, SHARE_PREFIX, type SharePayload } from './limits';

const topology = simApi.loadExample('two-subnets-router');
const pdu = { source: 'h1', address: '10.0.2.10', device: 'h2', protocol: 'udp' as const, srcPort: 40000, dstPort: 5353, count: 2 };
const payload: SharePayload<Topology> = { app: 'packetwalk', v: 1, topology, walk: { kind: 'pdu', pdu }, step: 7 };
/** A link's text made of any JSON value. */
const raw = (value: unknown) => SHARE_PREFIX + compressToEncodedURIComponent(JSON.stringify(value));

describe('round trip', () => {
  test('the topology (with positions), the walk and the step come back as they were', () => {
    const text = encodeShare(payload);
    expect(text.startsWith('v1.')).toBe(true);
    expect(text).toMatch(/^[A-Za-z0-9+\-$.]+$/);
    expect(decodeShare(text)).toEqual({ ok: true, payload });
  });
});

describe('refused links', () => {
  const text = encodeShare(payload);

  test.each([
    ['cut short', text.slice(0, Math.floor(text.length / 2))],
    ['ten characters short', text.slice(0, -10)],
    ['a character changed', `${text.slice(0, 40)}${text[40] === 'A' ? 'B' : 'A'}${text.slice(41)}`],
    ['nothing after the version', 'v1.'],
    ['not lz-string at all', 'v1.%%%%'],
    ['compressed text that is not JSON', SHARE_PREFIX + compressToEncodedURIComponent('{"app": "packetwalk", ')],
    ['an unknown field', raw({ ...payload, run: 'rm -rf /' })],
    ['a __proto__ field', SHARE_PREFIX + compressToEncodedURIComponent(`{"app":"packetwalk","v":1,"topology":{},"__proto__":{"polluted":true}}`)],
    ['a walk with a command in it', raw({ ...payload, walk: { kind: 'pdu', pdu: { ...pdu, run: 'ping' } } })],
    ['a port out of range', raw({ ...payload, walk: { kind: 'pdu', pdu: { ...pdu, dstPort: 70000 } } })],
    ['a negative step', raw({ ...payload, step: -1 })],
  ])('damaged: %s', (_what, t) => {
    const r = decodeShare(t);
    expect(r.ok).toBe(false);
    expect(r.ok ? undefined : r.error).toBe('damaged');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('too large: refused before decompression', () => {
    const r = decodeShare(SHARE_PREFIX + 'A'.repeat(MAX_LINK_CHARS + 1));
    expect(r).toMatchObject({ ok: false, error: 'tooLarge' });
  });

  test('too large once decompressed (a small link that expands)', () => {
    const bomb = raw({ ...payload, topology: { ...topology, name: 'x'.repeat(MAX_JSON_CHARS) } });
    expect(bomb.length).toBeLessThan(MAX_LINK_CHARS);
    expect(decodeShare(bomb)).toMatchObject({ ok: false, error: 'tooLarge' });
  });

  test.each([
    ['no version', 'hello'],
    ['another app’s JSON', raw({ x: 1 })],
    ['an array', raw([1, 2, 3])],
    ['a version 0', 'v0.' + compressToEncodedURIComponent('{}')],
  ])('not ours: %s', (_what, t) => {
    expect(decodeShare(t)).toMatchObject({ ok: false, error: 'foreign' });
  });

  test.each([
    ['in its text', 'v2.' + compressToEncodedURIComponent('{}')],
    ['in its JSON', raw({ ...payload, v: 2 })],
  ])('newer: %s', (_what, t) => {
    expect(decodeShare(t)).toMatchObject({ ok: false, error: 'newer' });
  });
});

