// The VLANs of the diagram's link ends: on a VLAN-aware bridge (a switch with vlan_filtering, an
// L3 switch), an access port's end shows its VLAN id in the VLAN's colour, a trunk's end a "T"
// whose tooltip lists its VLANs. Worked out once per network (the nodes array of the document is
// new only when a device changes) and looked up by each link end: nothing per frame, nothing per
// link beyond a Map lookup, for networks of thousands of devices.

import type { TopoNode } from '../../engine';
import { deviceVlans, nodeBridge } from '../../engine/pure';
import { selectNodes, type AppState } from '../../store';

export type PortMark = { kind: 'access'; vid: number } | { kind: 'trunk'; vids: readonly number[]; native?: number };

const NO_MARKS: ReadonlyMap<string, PortMark> = new Map();
const made = new WeakMap<readonly TopoNode[], ReadonlyMap<string, PortMark>>();

/** Each "node:port" of a VLAN-aware bridge, with its mark. */
export function portMarks(nodes: readonly TopoNode[]): ReadonlyMap<string, PortMark> {
  let marks = made.get(nodes);
  if (marks) return marks;
  const out = new Map<string, PortMark>();
  for (const n of nodes) {
    const br = (n.kind === 'bridge' ? n.vlanFiltering : n.tunnels?.length) ? nodeBridge(n) : undefined;
    if (!br?.config.vlanFiltering) continue;
    for (const port of br.ports) {
      const list = deviceVlans(br.config, port);
      // an access port: its one VLAN, pvid untagged; anything else a trunk: its tagged VLANs, and its native one
      const native = list.find((v) => v.pvid && v.untagged)?.vid;
      const mark: PortMark = list.length === 1 && native !== undefined ? { kind: 'access', vid: native } : { kind: 'trunk', vids: list.filter((v) => v.vid !== native).map((v) => v.vid), ...(native !== undefined ? { native } : {}) };
      out.set(`${n.name}:${port}`, mark);
    }
  }
  marks = out.size ? out : NO_MARKS;
  made.set(nodes, marks);
  return marks;
}

/** The mark of one link end (undefined: no VLAN-aware bridge there); the same object while the network is unchanged. */
export const selectPortMark =
  (endpoint: string) =>
  (s: AppState): PortMark | undefined =>
    portMarks(selectNodes(s)).get(endpoint);

/** What the mark says: the access VLAN's id, or T for a trunk. */
export const markText = (m: PortMark): string => (m.kind === 'access' ? String(m.vid) : 'T');

/** A VLAN's colour: hues a golden angle apart, so that neighbouring ids differ clearly. */
export const vlanColour = (vid: number): string => `hsl(${Math.round((vid * 137.508) % 360)} 65% 40%)`;

/** Room the mark takes in a link end's label: a space, the text, its padding. */
export const MARK_PAD = 8;
