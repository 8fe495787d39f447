// A whole walk as the player receives it: the trace, the player's steps, every node's table
// history (for stepping back and forth) and its routes. The worker builds it (sim-api.ts's walk)
// and sends it as plain data; the store keeps it, the player and the lessons read it. Text (a
// route's `ip route` line, a NAT rule's iptables line) is written where it is shown, with the
// engine's formatters.

import type { FibRoute, SimResult, TableHistory } from '../engine';
import type { FlowSpread } from './flows';
import type { PlayerStep } from './steps';

export interface Walk {
  result: SimResult;
  /** the player's steps (steps.ts), grouped in the worker so the main thread does not */
  steps: PlayerStep[];
  history: TableHistory;
  /**
   * each node's routing tables (`ip route show table all` order; a switch's is empty), which a
   * run never changes; their text is the engine's formatRouteLine (engine/pure)
   */
  routes: Record<string, FibRoute[]>;
  /** how the walk's flows spread over a multipath network (flows.ts), when it has several */
  flows?: FlowSpread;
}
