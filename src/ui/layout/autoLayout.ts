// Positions for the devices of a topology that has none (a containerlab file, most examples). The
// layout itself (dagreLayout.ts, with dagre) is loaded the first time a document needs it: most
// carry their positions, and the page's first load carries none of it.

import type { Topology } from '../../engine';

export const needsLayout = (t: Topology): boolean => t.nodes.some((n) => !n.position);

/**
 * The topology with a position for every node. Positions already there are kept; when only some
 * nodes have one, the others are laid out among themselves and placed below the placed ones.
 */
export async function autoLayout(t: Topology): Promise<Topology> {
  if (!needsLayout(t)) return t;
  return (await import('./dagreLayout')).layoutMissing(t);
}
