// The VLANs of the diagram's link ends: on a VLAN-aware bridge (a switch with vlan_filtering, an
// L3 switch), an access port's end shows its VLAN id in the VLAN's colour, a trunk's end a "T"
// whose tooltip lists its VLANs. Worked out once per network (the nodes array of the document is
// new only when a device changes) and looked up by each link end: nothing per frame, nothing per
// link beyond a Map lookup, for networks of thousands of devices.

import type { TopoNode } from '../../engine';
import { bridgesOf, deviceVlans } from '../../engine/pure';
import { selectNodes, type AppState } from '../../store';

/** What a link end shows: the access VLAN's id in its colour, or T for a trunk; the VLANs for the tooltip. */
export interface PortMark {
  kind: 'access' | 'trunk';
  text: string;
  colour?: string;
  /** the access VLAN, or the trunk's tagged VLANs, as text */
  vids: string;
  /** a trunk's native (pvid, untagged) VLAN */
  native: number | undefined;
}

const perNode = new WeakMap<TopoNode, [string, PortMark][]>();
const made = new WeakMap<readonly TopoNode[], ReadonlyMap<string, PortMark>>();

/** A node's marks, kept while the node is unchanged (so that moving a device re-renders no link end). */
function nodeMarks(n: TopoNode): [string, PortMark][] {
  let marks = perNode.get(n);
  if (marks) return marks;
  marks = [];
  const br = bridgesOf(n)[0];
  for (const port of br?.config.vlanFiltering ? br.ports : []) {
    const list = deviceVlans(br!.config, port);
    // an access port: its one VLAN, pvid untagged; anything else a trunk: its tagged VLANs, and its native one
    const native = list.find((v) => v.pvid && v.untagged)?.vid;
    marks.push([
      `${n.name}:${port}`,
      list.length === 1 && native !== undefined
        ? { kind: 'access', text: String(native), colour: vlanColour(native), vids: String(native), native }
        : { kind: 'trunk', text: 'T', vids: list.flatMap((v) => (v.vid === native ? [] : [v.vid])).join(', '), native },
    ]);
  }
  perNode.set(n, marks);
  return marks;
}

/** Each "node:port" of a VLAN-aware bridge, with its mark. */
export function portMarks(nodes: readonly TopoNode[]): ReadonlyMap<string, PortMark> {
  let marks = made.get(nodes);
  if (!marks) made.set(nodes, (marks = new Map(nodes.flatMap(nodeMarks))));
  return marks;
}

/** The mark of one link end (undefined: no VLAN-aware bridge there); the same object while the network is unchanged. */
export const selectPortMark =
  (endpoint: string) =>
  (s: AppState): PortMark | undefined =>
    portMarks(selectNodes(s)).get(endpoint);

/** A VLAN's colour: hues a golden angle apart, so that neighbouring ids differ clearly. */
export const vlanColour = (vid: number): string => `hsl(${Math.round((vid * 137.508) % 360)} 65% 40%)`;

/** Room the mark takes in a link end's label: a space, the text, its padding. */
export const MARK_PAD = 8;
