import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseClab } from './io/clab';
import { simulate } from './sim/simulate';
import { finalState } from './sim/final';
import { tableHistory, tablesAt } from './replay';

const DIR = path.join(import.meta.dirname, '__oracle__');
const names = fs.readdirSync(DIR).filter((f) => f.endsWith('.clab.yml'));
const sorted = <T>(xs: T[]) => xs.map((x) => JSON.stringify(x)).sort();

describe('tables at any step, rebuilt from the trace', () => {
  it.each(names)('%s: after the last event they are the run’s final tables', (f) => {
    const t = parseClab(fs.readFileSync(path.join(DIR, f), 'utf8'), f);
    const r = simulate(t);
    const h = tableHistory(t, r);
    const last = r.events.length - 1;
    for (const n of t.nodes) {
      const at = tablesAt(h, n.name, last);
      const fin = finalState(r.final, n);
      if (fin.kind === 'linux') {
        expect(sorted(at.neigh), `${f} ${n.name} neigh`).toEqual(sorted(fin.neigh));
        expect(sorted(at.conntrack), `${f} ${n.name} conntrack`).toEqual(sorted(fin.conntrack ?? []));
      } else expect(sorted(at.fdb), `${f} ${n.name} fdb`).toEqual(sorted(fin.fdb));
    }
  });

  it('are empty before the first event, and change exactly where the trace says', () => {
    const f = 'two-subnets-router.clab.yml';
    const t = parseClab(fs.readFileSync(path.join(DIR, f), 'utf8'), f);
    const r = simulate(t);
    const h = tableHistory(t, r);
    expect(tablesAt(h, 'h1', -1).neigh).toEqual([]);
    const reply = r.events.find((e) => e.kind === 'neigh.update' && e.node === 'h1' && e.to === 'REACHABLE')!;
    expect(tablesAt(h, 'h1', reply.seq - 1).neigh.map((n) => n.state)).toEqual(['INCOMPLETE']);
    expect(tablesAt(h, 'h1', reply.seq).neigh.map((n) => n.state)).toEqual(['REACHABLE']);
    // A step back shares what did not change: r1's tables are the same object before and after h1's change.
    expect(tablesAt(h, 'r1', reply.seq)).toBe(tablesAt(h, 'r1', reply.seq - 1));
  });
});
