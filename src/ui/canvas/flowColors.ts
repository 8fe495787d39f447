// How a walk's flows are drawn (walk/flows.ts, Walk.flows): each flow its own colour, on the links
// it took; a link several flows took shows each one's colour in turn, as dashes side by side along
// it. The colours are player.css's (`[data-flow]`, loaded with the player), the pattern is here.

import type { AppState } from '../../store';
import { selectWalk } from '../player/selectors';

/** How many colours player.css has for flows: flow i wears colour i mod FLOW_COLORS. */
export const FLOW_COLORS = 8;

const NONE: readonly number[] = Object.freeze([]);

/** The flows (their indices) that crossed a link during the walk shown; the same array while the walk is. */
export const selectLinkFlows =
  (id: string) =>
  (s: AppState): readonly number[] =>
    selectWalk(s)?.flows?.byLink.get(id) ?? NONE;

/** Length of one flow's dash on a link several flows took, in diagram pixels. */
const FLOW_DASH = 12;

/** The dash pattern of the k-th of n flows on one link: its dash, then room for the others'. */
export function flowDash(k: number, n: number): { strokeDasharray?: string; strokeDashoffset?: number } {
  return n === 1 ? {} : { strokeDasharray: `${FLOW_DASH} ${FLOW_DASH * (n - 1)}`, strokeDashoffset: -k * FLOW_DASH };
}
