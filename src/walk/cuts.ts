// Links the user cut during a walk ("Cut here": `ip link set IFACE down` on a node at a virtual
// time, SimulateOptions.cuts), as a shared link and the autosave keep them with the walk. Both
// are read back untrusted: `readCuts` takes only well-formed cuts (the share link's zod schema,
// walk/share/codec.ts, says the same), `missingCut` finds one naming no link of the network.

import type { LinkCut, Topology } from '../engine';

/** At most this many cuts are kept (a walk is cut by hand, a few times at most). */
export const MAX_CUTS = 16;
/** The latest time a cut may be at: a day of virtual time, in µs. */
export const MAX_CUT_US = 86_400_000_000;
/** A node's or an interface's name in a cut: as long as a name may be. */
export const MAX_CUT_NAME = 32;

const isName = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= MAX_CUT_NAME;

/** The cuts in a stored value, or undefined when it is not a list of well-formed cuts. */
export function readCuts(value: unknown): LinkCut[] | undefined {
  if (!Array.isArray(value) || value.length > MAX_CUTS) return undefined;
  const cuts: LinkCut[] = [];
  for (const c of value as unknown[]) {
    if (typeof c !== 'object' || c === null) return undefined;
    const { atUs, node, iface } = c as Record<string, unknown>;
    if (!Number.isSafeInteger(atUs) || (atUs as number) < 0 || (atUs as number) > MAX_CUT_US || !isName(node) || !isName(iface)) return undefined;
    cuts.push({ atUs: atUs as number, node, iface });
  }
  return cuts;
}

/** The first cut whose interface is not an end of one of the network's links. */
export function missingCut(cuts: readonly LinkCut[], topology: Topology): LinkCut | undefined {
  const ends = new Set(topology.links.flatMap((l) => [l.a, l.b].map((e) => `${e.node}:${e.iface}`)));
  return cuts.find((c) => !ends.has(`${c.node}:${c.iface}`));
}
