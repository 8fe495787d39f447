// 802.1Q VLAN devices (net/8021q/): `ip link add link eth1 name eth1.10 type vlan id 10` stacks
// a device on its real device with the real device's MAC. What it sends leaves the real device
// with the tag pushed (vlan_dev_hard_start_xmit: VID, priority 0); a frame the real device
// receives with that VID is the VLAN device's, the tag popped (vlan_do_receive, called by
// __netif_receive_skb_core before any rx_handler: netdev.ts). A tagged frame no VLAN device
// takes stays on the real device, where the IPv4 stack drops it.

import type { VlanTag } from '../wire/types';
import { devQueueXmit, registerNetdevType, type NetDevice } from './linux/netdev';

/** What a VLAN device keeps: its VID (vlan_dev_priv). */
export interface VlanDev extends NetDevice {
  tunnel: { vlanId?: number };
}

const vid = (dev: NetDevice): number => (dev as VlanDev).tunnel.vlanId ?? 0;

registerNetdevType('vlan', {
  // vlan_group_set_device: the real device finds its VLAN devices by VID
  init: (dev) => {
    const lower = dev.lower;
    if (lower) (lower.vlans ??= new Map()).set(vid(dev), dev);
  },
  xmit: (dev, frame, pkt) => {
    if (!dev.lower) return;
    const tag: VlanTag = { pcp: 0, dei: false, vid: vid(dev) };
    devQueueXmit(dev.lower, { ...frame, vlans: [tag, ...(frame.vlans ?? [])] }, pkt);
  },
});
