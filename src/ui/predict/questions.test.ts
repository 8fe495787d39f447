// Predict mode's questions on every bundled example (and a generated fabric, and a storm): each
// answer is what the step does, read from the trace independently of the generator; every
// question offers at least two distinct choices taken from the topology; steps that determine
// nothing ask nothing; the same walk asks the same questions in both languages.

import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { EthernetFrame, TraceEvent } from '../../engine';
import { EXAMPLES } from '../../examples';
import i18n from '../../i18n';
import { formatRouteLine, networkOf } from '../../engine/pure';
import type { Translate } from '../player/explain';
import { sceneOf } from '../player/selectors';
import type { PlayerStep } from '../../walk/steps';
import { testWalk, type TestWalk } from '../player/testWalk';
import { asksQuestion, FATES, isRight, NO_ROUTE, predictQuestion, QUESTION_KINDS, type Question } from './questions';

const en = i18n.getFixedT('en') as unknown as Translate;
const zh = i18n.getFixedT('zh-CN') as unknown as Translate;

const LOOP = readFileSync(new URL('../../../e2e/scenarios/switch-loop.clab.yml', import.meta.url), 'utf8');

const walks: [string, () => TestWalk][] = [
  ...EXAMPLES.map((e): [string, () => TestWalk] => [e.name, () => testWalk(e.name)]),
  ['leaf-spine-1000', () => testWalk('leaf-spine-1000')],
  ['switch-loop (a storm)', () => testWalk('switch-loop', LOOP, { maxEvents: 3000 })],
];

type Ev<K extends TraceEvent['kind']> = Extract<TraceEvent, { kind: K }>;
const stepEvents = (w: TestWalk, s: PlayerStep) => w.result.events.slice(s.first, s.last + 1);
const sent = (w: TestWalk, s: PlayerStep): Ev<'frame.tx'>[] => s.tx.map((x) => w.result.events[x.seq]).filter((e): e is Ev<'frame.tx'> => e?.kind === 'frame.tx');
const ip = (f: EthernetFrame) => (f.payload.kind === 'ipv4' ? f.payload : undefined);

/** What the step does, read straight from the trace, for the question's kind. */
function whatTheStepDoes(w: TestWalk, s: PlayerStep, q: Question): string[] {
  const events = stepEvents(w, s);
  switch (q.kind) {
    case 'next':
      return [...new Set(sceneOf(w.result.events, s).hops.map((h) => h.to))];
    case 'ports':
      return sent(w, s).map((e) => e.iface);
    case 'route': {
      const look = events.find((e): e is Ev<'fib.lookup'> => e.kind === 'fib.lookup')!;
      const chosen = look.candidates.filter((c) => c.chosen);
      expect(chosen.length).toBeLessThanOrEqual(1);
      if (chosen[0]) {
        // The route chosen holds the destination (its prefix covers it).
        expect(networkOf(look.dst, chosen[0].route.len)).toBe(chosen[0].route.dst);
        return [formatRouteLine(chosen[0].route)];
      }
      return look.result.kind === 'route' ? [formatRouteLine(look.result.route)] : [NO_ROUTE];
    }
    case 'dstMac':
      return [sent(w, s).find((e) => ip(e.frame))!.frame.dstMac];
    case 'ttl': {
      const fwd = events.find((e): e is Ev<'ip.forward'> => e.kind === 'ip.forward')!;
      // The packet leaves this device (at this step or, after ARP, a later one) with that TTL.
      const out = w.result.events.find((e): e is Ev<'frame.tx'> => e.kind === 'frame.tx' && e.node === s.node && e.pkt === fwd.pkt && e.seq > s.first);
      if (out) expect(String(ip(out.frame)!.ttl)).toBe(String(fwd.ttlTo));
      expect(fwd.ttlTo).toBe(fwd.ttlFrom - 1);
      return [String(fwd.ttlTo)];
    }
    case 'address': {
      // The packet as it arrived here and as it left (at this step, or later after ARP).
      const fwd = events.find((e): e is Ev<'ip.forward'> => e.kind === 'ip.forward' && e.pkt === (w.result.events[s.rx ?? -1] as Ev<'frame.rx'> | undefined)?.pkt);
      const pkt = fwd?.pkt ?? sent(w, s).find((x) => ip(x.frame))!.pkt;
      const out = w.result.events.find((e): e is Ev<'frame.tx'> => e.kind === 'frame.tx' && e.node === s.node && e.pkt === pkt && e.seq > s.first)!;
      const rx = w.result.events.filter((e): e is Ev<'frame.rx'> => e.kind === 'frame.rx' && e.node === s.node && e.pkt === pkt && e.seq < out.seq).at(-1)!;
      const [before, after] = [ip(rx.frame)!, ip(out.frame)!];
      return [after.dstIp !== before.dstIp ? after.dstIp : after.srcIp];
    }
    case 'arp':
      return [sent(w, s).find((e) => e.frame.payload.kind === 'arp')!.frame.dstMac === 'ff:ff:ff:ff:ff:ff' ? 'broadcast' : 'unicast'];
    case 'fate': {
      const [answer] = q.answer;
      const marker = sceneOf(w.result.events, s).marker;
      if (answer === 'drop') expect(s.outcomes).toContain('dropped');
      if (answer === 'drop' && marker) expect(marker.kind).toBe('dropped');
      if (answer === 'deliver') expect(s.outcomes).toContain('delivered');
      if (answer === 'forward') expect(s.outcomes.some((o) => o === 'forwarded' || o === 'flooded' || o === 'held')).toBe(true);
      return [answer!];
    }
  }
}

/** Everything a distractor of this kind may be drawn from. */
function pool(w: TestWalk, s: PlayerStep, q: Question): Set<string> {
  const t = w.topology;
  const self = t.nodes.find((n) => n.name === s.node)!;
  switch (q.kind) {
    case 'next':
      return new Set(t.nodes.map((n) => n.name).filter((n) => n !== s.node));
    case 'ports':
      return new Set(self.ifaces.map((i) => i.name));
    case 'route':
      return new Set([...(w.routes[s.node!] ?? []).map(formatRouteLine), NO_ROUTE]);
    case 'dstMac':
      return new Set([...t.nodes.flatMap((n) => n.ifaces.map((i) => i.mac)), 'ff:ff:ff:ff:ff:ff']);
    case 'address': {
      const frames = [...s.tx.map((x) => x.prev), ...s.tx.map((x) => x.seq)].map((seq) => (seq === undefined ? undefined : w.result.events[seq]));
      const packets = frames.flatMap((e) => (e && (e.kind === 'frame.rx' || e.kind === 'frame.tx') && ip(e.frame) ? [ip(e.frame)!.srcIp, ip(e.frame)!.dstIp] : []));
      return new Set([...t.nodes.flatMap((n) => n.ifaces.flatMap((i) => i.addrs.map((a) => a.ip))), ...packets]);
    }
    case 'ttl':
      return new Set(Array.from({ length: 256 }, (_, i) => String(i)));
    case 'arp':
      return new Set(['broadcast', 'unicast']);
    case 'fate':
      return new Set(FATES);
  }
}

describe.each(walks)('%s', (_name, make) => {
  const w = make();
  const asked = w.steps.map((s) => [s, predictQuestion(w.ctx, s, en)] as const);

  test('asks something on most steps, and a question of every kind it can', () => {
    expect(asked.filter(([, q]) => q).length).toBeGreaterThan(0);
  });

  test('every answer is what the step does', () => {
    for (const [s, q] of asked) {
      if (!q) continue;
      const does = whatTheStepDoes(w, s, q);
      expect({ step: s.index + 1, kind: q.kind, answer: [...q.answer].sort() }).toEqual({ step: s.index + 1, kind: q.kind, answer: [...new Set(does)].sort() });
      expect(isRight(q, q.answer)).toBe(true);
    }
  });

  test('every question has at least two distinct choices from the topology, the answer among them once', () => {
    for (const [s, q] of asked) {
      if (!q) continue;
      const ids = q.choices.map((c) => c.id);
      const where = `step ${s.index + 1} (${q.kind})`;
      expect(new Set(ids).size, where).toBe(ids.length);
      expect(new Set(q.choices.map((c) => c.label)).size, where).toBe(ids.length);
      expect(ids.length, where).toBeGreaterThanOrEqual(2);
      expect(q.answer.length, where).toBeGreaterThanOrEqual(1);
      if (!q.multi) expect(q.answer, where).toHaveLength(1);
      for (const a of q.answer) expect(ids.filter((id) => id === a), where).toHaveLength(1);
      const from = pool(w, s, q);
      for (const id of ids) expect(from.has(id), `${where}: ${id}`).toBe(true);
      expect(q.choices.every((c) => c.label.trim() !== '' && !c.label.includes('predict.')), where).toBe(true);
      expect(q.prompt).not.toMatch(/predict\.|\{\{/);
    }
  });

  test('steps that determine nothing ask nothing', () => {
    for (const [s, q] of asked) {
      const events = stepEvents(w, s);
      const decides = events.some((e) => e.kind === 'frame.rx' || e.kind === 'frame.tx' || e.kind === 'fib.lookup');
      if (s.kind === 'exit' || s.kind === 'stop' || !decides) expect(q, `step ${s.index + 1}`).toBeUndefined();
      expect(asksQuestion(w.ctx, s)).toBe(q !== undefined);
    }
  });

  test('the same questions every time and in both languages (only the words differ)', () => {
    for (const [s, q] of asked) {
      const again = predictQuestion(w.ctx, s, en);
      const chinese = predictQuestion(w.ctx, s, zh);
      expect(again).toEqual(q);
      expect(chinese?.kind).toBe(q?.kind);
      expect(chinese?.choices.map((c) => c.id)).toEqual(q?.choices.map((c) => c.id));
      expect(chinese?.answer).toEqual(q?.answer);
      if (q && chinese) expect(chinese.prompt).not.toBe(q.prompt);
    }
  });
});

describe('two-subnets-router: h1 pings h2 through r1', () => {
  const w = testWalk('two-subnets-router');
  const q = (n: number, t = en) => predictQuestion(w.ctx, w.steps[n - 1]!, t)!;

  test('which questions the walk asks, and their answers', () => {
    const summary = w.steps.map((s) => {
      const x = predictQuestion(w.ctx, s, en);
      return x ? `${s.index + 1} ${x.kind} ${x.answer.join('+')}` : `${s.index + 1} —`;
    });
    expect(summary).toEqual([
      '1 next sw1',
      '2 ports p2',
      '3 next sw1',
      '4 ports p1',
      '5 next sw1',
      '6 ports p2',
      '7 fate forward',
      '8 ports p2',
      '9 arp unicast',
      '10 ports p1',
      '11 fate deliver',
      '12 ports p2',
      '13 dstMac 02:00:00:00:00:05',
      '14 ports p1',
      '15 route 10.0.1.0/24 dev eth1 proto kernel scope link src 10.0.1.1',
      '16 ports p1',
      '17 route local 10.0.1.10 dev eth1 table local proto kernel scope host src 10.0.1.10',
      '18 —',
    ]);
  });

  test('the first question: where h1’s ARP request goes, with the router as a distractor', () => {
    const first = q(1);
    expect(first.prompt).toBe('h1 sends this frame: ARP request: who has 10.0.1.1? tell 10.0.1.10. Which device gets it next?');
    expect(first.choices.map((c) => c.id).sort()).toEqual(['h2', 'r1', 'sw1', 'sw2']);
    expect(q(1, zh).prompt).toBe('h1 发送这个帧：ARP 请求：谁是 10.0.1.1？请告诉 10.0.1.10。下一个收到它的是哪台设备？');
  });

  test('a switch: every port it has, several may be right', () => {
    const flood = q(2);
    expect(flood).toMatchObject({ kind: 'ports', multi: true, answer: ['p2'] });
    expect(flood.choices.map((c) => c.label)).toEqual(['p1', 'p2']);
    expect(flood.prompt).toBe('sw1 receives a frame on port p1 from h1, destination MAC ff:ff:ff:ff:ff:ff (broadcast). Out of which port(s) does it send it?');
  });

  test('h2’s echo reply: the MAC of the gateway, not of h1 (whose address the packet is for)', () => {
    const mac = q(13);
    expect(mac.choices.map((c) => c.label)).toContain('02:00:00:00:00:01 (h1:eth1)');
    expect(mac.choices.find((c) => c.id === mac.answer[0])!.label).toBe('02:00:00:00:00:05 (r1:eth2)');
  });

  test('the route lookup offers the lookup’s candidates and “no route”', () => {
    const r = q(17);
    expect(r.choices.map((c) => c.label)).toEqual(
      expect.arrayContaining(['local 10.0.1.10 dev eth1 table local proto kernel scope host src 10.0.1.10', '10.0.1.0/24 dev eth1 proto kernel scope link src 10.0.1.10', 'No route matches']),
    );
    expect(r.choices.at(-1)!.id).toBe(NO_ROUTE);
  });
});

describe('kinds that only some walks ask', () => {
  const all = walks.slice(0, EXAMPLES.length).flatMap(([, make]) => {
    const w = make();
    return w.steps.map((s) => ({ w, s, q: predictQuestion(w.ctx, s, en) }));
  });

  test('every kind of question is asked somewhere in the examples', () => {
    expect(new Set(all.map((x) => x.q?.kind).filter(Boolean))).toEqual(new Set(QUESTION_KINDS));
  });

  test('a blackhole route is the route that matched, not “no route”', () => {
    const w = testWalk('route-types');
    const blackhole = w.steps.map((s) => predictQuestion(w.ctx, s, en)).find((x) => x?.kind === 'route' && x.prompt.includes('h2 is sending a packet to 192.0.2.1.'));
    expect(blackhole?.answer).toEqual(['blackhole 192.0.2.0/26']);
  });

  test('NAT: the first packet of a connection asks for the address the gateway writes', () => {
    const w = testWalk('home-nat');
    const masq = w.steps.find((s) => s.node === 'gw' && stepEvents(w, s).some((e) => e.kind === 'nat.match' && e.rule !== null))!;
    const x = predictQuestion(w.ctx, masq, en)!;
    expect(x.kind).toBe('address');
    expect(x.prompt).toContain('Which source address does it leave with?');
    expect(x.answer).toEqual(['198.51.100.2']);
    expect(x.choices.map((c) => c.id)).toContain('192.168.1.10');
  });

  test('a drop: the host that is not asked for drops the ARP request', () => {
    const w = testWalk('lan-two-hosts');
    expect(predictQuestion(w.ctx, w.steps[2]!, en)).toMatchObject({ kind: 'fate', answer: ['drop'] });
  });

  test('a TTL question counts down by one, with the unchanged TTL among the choices', () => {
    const ttl = all.find((x) => x.q?.kind === 'ttl')!.q!;
    const n = Number(ttl.answer[0]);
    expect(ttl.choices.map((c) => c.id)).toEqual(expect.arrayContaining([String(n + 1), String(n)]));
  });
});

describe('isRight', () => {
  const q = { answer: ['p2', 'p3'] };
  test.each([
    [['p2', 'p3'], true],
    [['p3', 'p2'], true],
    [['p2'], false],
    [['p1', 'p2', 'p3'], false],
    [[], false],
  ])('%j → %s', (chosen, right) => {
    expect(isRight(q, chosen)).toBe(right);
  });
});
