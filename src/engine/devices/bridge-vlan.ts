// VLAN filtering of a Linux bridge (net/bridge/br_vlan.c, with br_input.c and br_forward.c calling
// it), as `ip link set br0 type bridge vlan_filtering 1` turns it on. Every port (and the bridge
// device itself, `self`) has a VLAN group: the VLANs it is a member of, one of them its pvid,
// some of them untagged. A frame arriving on a port belongs to one VLAN (__allowed_ingress): an
// untagged or priority-tagged frame to the port's pvid (no pvid: dropped), a tagged one to its
// VID if the port is a member of it (not a member: dropped). Inside the bridge the frame carries
// its VLAN as skb metadata (the tag is off the frame, in skb->vlan_tci); it may only leave
// through ports that are members of that VLAN (br_allowed_egress), and leaves tagged unless the
// VLAN is untagged on that port (br_handle_vlan). With filtering off the bridge ignores tags:
// every frame is in "VLAN 0" and leaves exactly as it came.

import type { EthernetFrame, VlanTag } from '../wire/types';
import { BRIDGE_DEV, type BridgeNode, type BridgeVlan, type TopoNode } from '../topology';

/** VIDs 1 to 4094: 0 and 4095 are reserved (VLAN_VID_MASK). */
export const VID_MIN = 1;
export const VID_MAX = 4094;

/** The default VLAN every port and the bridge get when created (br->default_pvid). */
export const DEFAULT_PVID = 1;
const DEFAULT_VLANS: readonly BridgeVlan[] = /* @__PURE__ */ Object.freeze([{ vid: DEFAULT_PVID, pvid: true, untagged: true }]);

/** What a bridge's VLANs are kept in: a bridge node, or a bridge device of a linux node. */
export interface VlanBridge {
  vlanFiltering?: boolean;
  vlans?: Record<string, BridgeVlan[]>;
}

/** A device's VLANs: what `bridge vlan show` lists for it. */
export function deviceVlans(br: VlanBridge, dev: string): readonly BridgeVlan[] {
  // an own property only: a port named "__proto__" or "constructor" is just a name
  return (br.vlans && Object.hasOwn(br.vlans, dev) ? br.vlans[dev] : undefined) ?? DEFAULT_VLANS;
}


/** A bridge and the names of its ports: a bridge node's br0, or a bridge device of a linux node. */
export interface BridgeTarget {
  /** the bridge device's name */
  name: string;
  ports: readonly string[];
  config: VlanBridge;
}

/** The bridges of a node: a bridge node's br0, or the bridge devices of a linux node (an L3 switch). */
export function bridgesOf(node: TopoNode): BridgeTarget[] {
  if (node.kind === 'bridge') return [{ name: BRIDGE_DEV, ports: node.ifaces.map((i) => i.name), config: node }];
  return (node.tunnels ?? []).flatMap((t) => (t.kind === 'bridge' ? [{ name: t.name, ports: t.ports ?? [], config: t }] : []));
}

/** A frame inside the bridge: as it arrived, its VLAN (0 without filtering) and the tag it carries there (skb->vlan_tci). */
export interface BrFrame {
  frame: EthernetFrame;
  vid: number;
  tag?: VlanTag;
}

export type BrIngress = { kind: 'ok'; br: BrFrame } | { kind: 'drop'; why: 'no-pvid' | 'not-member'; vid?: number };

const withoutOuterTag = (f: EthernetFrame): EthernetFrame => {
  const { vlans, ...rest } = f;
  return vlans && vlans.length > 1 ? { ...rest, vlans: vlans.slice(1) } : rest;
};

export class BridgeVlanGroups {
  readonly filtering: boolean;
  private readonly groups = new Map<string, ReadonlyMap<number, BridgeVlan>>();
  /** each device's pvid (br_get_pvid), absent where it has none */
  private readonly pvids = new Map<string, number>();

  /** `brName`: the bridge device's own name (its VLANs are the `self` ones). */
  constructor(
    node: BridgeNode,
    readonly brName = BRIDGE_DEV,
  ) {
    this.filtering = node.vlanFiltering ?? false;
    for (const d of [brName, ...node.ifaces.map((i) => i.name)]) {
      const vlans = deviceVlans(node, d);
      this.groups.set(d, new Map(vlans.map((v) => [v.vid, v])));
      const pvid = vlans.find((v) => v.pvid)?.vid;
      if (pvid !== undefined) this.pvids.set(d, pvid);
    }
  }

  /** br_allowed_ingress: the frame's VLAN on `port`, or why it is dropped. */
  ingress(port: string, frame: EthernetFrame): BrIngress {
    if (!this.filtering) return { kind: 'ok', br: { frame, vid: 0 } };
    const vg = this.groups.get(port)!;
    const outer = frame.vlans?.[0];
    if (!outer || outer.vid === 0) {
      // untagged, or priority-tagged (VID 0): the port's pvid, keeping a priority tag's PCP
      const pvid = this.pvids.get(port);
      if (pvid === undefined) return { kind: 'drop', why: 'no-pvid' };
      return { kind: 'ok', br: { frame, vid: pvid, tag: { pcp: outer?.pcp ?? 0, dei: outer?.dei ?? false, vid: pvid } } };
    }
    if (!vg.has(outer.vid)) return { kind: 'drop', why: 'not-member', vid: outer.vid };
    return { kind: 'ok', br: { frame, vid: outer.vid, tag: outer } };
  }

  /** br_allowed_egress: may the frame leave through `port`? (always, without filtering) */
  allowedEgress(port: string, br: BrFrame): boolean {
    return !this.filtering || (this.groups.get(port)?.has(br.vid) ?? false);
  }

  /** br_handle_vlan: the frame as it leaves `port`: untagged if its VLAN is untagged there, else tagged with it. */
  egress(port: string, br: BrFrame): EthernetFrame {
    if (!this.filtering || !br.tag) return br.frame;
    const inner = withoutOuterTag(br.frame);
    if (this.groups.get(port)?.get(br.vid)?.untagged) return inner;
    return { ...inner, vlans: [br.tag, ...(inner.vlans ?? [])] };
  }
}
