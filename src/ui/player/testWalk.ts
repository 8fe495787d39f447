// Test helper: a walk of a bundled example (or a containerlab text), built by the worker's API
// inline, exactly as the player receives it. Only tests import this.

import type { Topology } from '../../engine';
import { simApi } from '../../worker/sim-api';
import type { Walk } from '../../walk/walk';
import { walkContext, type ExplainContext } from './explain';

export interface TestWalk extends Walk {
  topology: Topology;
  ctx: ExplainContext;
}

export function testWalk(example: string, clab?: string, options: Parameters<typeof simApi.walk>[1] = {}): TestWalk {
  const parsed = clab ? simApi.parseTopologyFile(clab, `${example}.clab.yml`) : undefined;
  if (parsed && !parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join('\n'));
  const topology = parsed?.ok ? parsed.topology : simApi.loadExample(example);
  const w = simApi.walk(topology, options);
  return {
    ...w,
    topology,
    ctx: walkContext(w, topology),
  };
}
