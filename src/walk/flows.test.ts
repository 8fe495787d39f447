// The flows of a walk on a generated ECMP fabric: one per step, the links each crossed, the spine
// each took; none on a single-path fabric.

import { describe, expect, it } from 'vitest';
import { leafSpine, withFirstToLastFlows } from '../engine/generate/fabric';
import { simulate } from '../engine/sim/simulate';
import { flowSpread } from './flows';

describe('flowSpread', () => {
  it('lists each flow with its links and routers, and which flows crossed each link', () => {
    const r = simulate(withFirstToLastFlows(leafSpine({ spines: 4, leaves: 2, hostsPerLeaf: 2 }), 6));
    const s = flowSpread(r)!;
    expect(s.flows.map((f) => f.command)).toEqual([0, 1, 2, 3, 4, 5].map((i) => `nc -z -p ${40000 + i} 10.1.1.3 80`));
    for (const f of s.flows) {
      // leaf1, one spine, leaf2: the SYN and the RST back over the same spine.
      expect(f.routers).toHaveLength(3);
      expect(f.routers[1]).toMatch(/^spine[1-4]$/);
      expect(f.links.filter((l) => l.includes('spine'))).toHaveLength(2);
    }
    expect(new Set(s.flows.map((f) => f.routers[1])).size).toBeGreaterThan(1);
    // The host's own link carries every flow; a spine link only the flows that took that spine.
    const hostLink = s.flows[0]!.links[0]!;
    expect(s.byLink.get(hostLink)).toEqual([0, 1, 2, 3, 4, 5]);
    for (const [link, flows] of s.byLink) {
      if (!link.includes('spine')) continue;
      for (const i of flows) expect(link).toContain(s.flows[i]!.routers[1]!);
    }
  });

  it('has nothing to show on a single-path fabric or for one step', () => {
    const t = leafSpine({ spines: 2, leaves: 2, hostsPerLeaf: 1, singlePath: true });
    expect(flowSpread(simulate(withFirstToLastFlows(t, 3)))).toBeUndefined();
    expect(flowSpread(simulate(withFirstToLastFlows(leafSpine({ spines: 2, leaves: 2, hostsPerLeaf: 1 }), 1)))).toBeUndefined();
  });
});
