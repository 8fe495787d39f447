// Every lesson, run through the engine (the worker's API, inline): each key step is found, in
// order; every fact a narrative states is the trace's; both languages quote the same addresses,
// MACs and code, each of which exists in the network or the step.

import { describe, expect, test } from 'vitest';
import type { Topology } from '../engine';
import { simApi } from '../worker/sim-api';
import { resolveKeySteps } from './anchors';
import { factProblem, factText, quoted } from './facts';
import { LESSONS, lessonNetwork } from './lessons';
import { textEn } from './text.en';
import { textZhCN } from './text.zh-CN';
import { LESSON_IDS, lessonWalks, type LessonWalk } from './types';

function walkNetwork(w: LessonWalk): Topology {
  const src = w.topology;
  let t: Topology;
  if ('example' in src) t = simApi.loadExample(src.example);
  else if ('fabric' in src) t = simApi.generateFabric(src.fabric);
  else {
    const r = simApi.parseTopologyFile(src.clab, src.file);
    if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
    t = r.topology;
  }
  return lessonNetwork(t, w);
}

/** Every walk of every lesson, named `lesson` or `lesson.walk` for a later one. */
const WALKS = LESSONS.flatMap((l) => lessonWalks(l).map((w, i) => ({ name: i === 0 ? l.id : `${l.id}.${w.id}`, lesson: l, lessonWalk: w })));
const walks = new Map(WALKS.map(({ name, lessonWalk }) => [name, (() => { const topology = walkNetwork(lessonWalk); return { topology, walk: simApi.walk(topology) }; })()]));

const prefixNetwork = (ip: string, len: number) => {
  const n = ip.split('.').reduce((a, b) => (a << 8) | Number(b), 0) >>> 0;
  const m = len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
  const x = (n & m) >>> 0;
  return [24, 16, 8, 0].map((s) => (x >>> s) & 255).join('.');
};
const MASKS = new Set(Array.from({ length: 33 }, (_, len) => prefixNetwork('255.255.255.255', len)));

describe.each(WALKS.map((w) => [w.name, w] as const))('lesson %s', (name, { lesson: { id }, lessonWalk: lesson }) => {
  const { topology, walk } = walks.get(name)!;
  const at = resolveKeySteps(lesson.keys, walk.steps, walk.result.events);
  // The walk's paragraphs: its introduction and its key steps'.
  const own = new Set([lesson.id, ...lesson.keys.map((k) => k.id)]);
  const pick = (all: Record<string, string>) => Object.fromEntries(Object.entries(all).filter(([k]) => own.has(k)));
  const texts = { en: pick(textEn[id]), 'zh-CN': pick(textZhCN[id]) };

  test.runIf(!lesson.storm)('the walk runs to its end', () => {
    expect(walk.result.stopped).toBeNull();
    // Every command ends, but listeners in the background may still be waiting.
    expect(walk.result.steps.every((s) => s.exit !== null || s.background)).toBe(true);
  });

  test.runIf(lesson.storm === true)('the walk is a broadcast storm, stopped at the event bound', () => {
    expect(walk.result.stopped?.storm?.devices).toEqual(['sw1', 'sw2', 'sw3']);
  });

  test('every key step is found, in order', () => {
    lesson.keys.forEach((k, i) => expect(at[i], `${id}.${k.id}`).toBeGreaterThanOrEqual(0));
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(new Set(at).size).toBe(at.length);
  });

  test('every fact a narrative states is what the walk does', () => {
    const problems = lesson.keys.flatMap((k, i) => (k.facts ?? []).map((f) => factProblem(walk, walk.steps[at[i]!]!, f)).filter(Boolean).map((p) => `${k.id} (step ${at[i]! + 1}): ${p}`));
    expect(problems).toEqual([]);
  });

  test.each(Object.keys(texts))('the %s narrative has a paragraph per key step and quotes each fact', (lng) => {
    const text = texts[lng as keyof typeof texts];
    expect(Object.keys(text).sort()).toEqual([...own].sort());
    for (const k of lesson.keys) {
      for (const f of k.facts ?? []) {
        const s = factText(f);
        if (s !== undefined) expect(text[k.id], `${k.id}`).toContain(s);
      }
    }
  });

  test('both languages quote the same addresses, MACs and code', () => {
    for (const key of Object.keys(texts.en)) expect(quoted(texts['zh-CN'][key]!), key).toEqual(quoted(texts.en[key]!));
  });

  test('every address and MAC quoted exists in the network or in the step', () => {
    const net = JSON.stringify(topology);
    const networks = new Set(topology.nodes.flatMap((n) => n.ifaces.flatMap((i) => i.addrs.map((a) => prefixNetwork(a.ip, a.len)))));
    const problems: string[] = [];
    for (const [key, text] of Object.entries(texts.en)) {
      const i = lesson.keys.findIndex((k) => k.id === key);
      const step = i >= 0 ? walk.steps[at[i]!] : undefined;
      const around = step ? JSON.stringify(walk.result.events.slice(step.first, step.last + 1)) : '';
      const q = quoted(text);
      for (const ip of q.ips) if (!net.includes(`"${ip}"`) && !around.includes(`"${ip}"`) && !networks.has(ip) && !MASKS.has(ip)) problems.push(`${key}: ${ip}`);
      for (const mac of q.macs) if (!net.includes(mac) && !around.includes(mac)) problems.push(`${key}: ${mac}`);
    }
    expect(problems).toEqual([]);
  });
});

test('the lessons are the ones the menu lists, each with its narratives and no paragraph of no walk', () => {
  expect(LESSONS.map((l) => l.id)).toEqual([...LESSON_IDS]);
  for (const l of LESSONS) {
    const ids = lessonWalks(l).flatMap((w) => [w.id, ...w.keys.map((k) => k.id)]);
    expect(new Set(ids).size, l.id).toBe(ids.length);
    expect(Object.keys(textEn[l.id]).sort(), l.id).toEqual([...ids].sort());
  }
  expect(Object.keys(textEn).sort()).toEqual([...LESSON_IDS].sort());
  expect(Object.keys(textZhCN).sort()).toEqual([...LESSON_IDS].sort());
});

describe('anchors and facts can fail', () => {
  const lesson = LESSONS[0]!;
  const { walk } = walks.get(lesson.id)!;

  test('an anchor that matches nothing is not found, nor is any key step after it', () => {
    const keys = [lesson.keys[0]!, { id: 'nowhere', anchor: { at: 'h3', sends: { arp: 'request' as const, targetIp: '10.9.9.9' } } }, lesson.keys[1]!];
    expect(resolveKeySteps(keys, walk.steps, walk.result.events)).toEqual([0, -1, -1]);
  });

  test('a key step is looked for after the one before it', () => {
    const first = { id: 'a', anchor: { at: 'h1', kind: 'exit' as const } };
    expect(resolveKeySteps([first, first], walk.steps, walk.result.events)).toEqual([10, 29]);
  });

  test('a wrong fact is reported', () => {
    const step = walk.steps[0]!;
    expect(factProblem(walk, step, { sent: 'dstMac', value: '02:00:00:00:00:09' })).toMatch(/not 02:00:00:00:00:09/);
    expect(factProblem(walk, step, { route: 'default via 10.0.1.1 dev eth1' })).toMatch(/chose 10\.0\.1\.0\/24/);
    expect(factProblem(walk, step, { unchanged: true })).toBeDefined();
    expect(factProblem(walk, walk.steps[10]!, { output: 'ttl=99' })).toBeDefined();
  });
});
