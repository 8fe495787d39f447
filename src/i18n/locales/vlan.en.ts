// English messages of the inspector's VLAN section (src/ui/inspector/VlanSection.tsx), loaded
// with the device inspector; i18n/index.ts merges them under `vlan`. The diagram's VLAN marks
// (their tooltips) are en.ts's `vlanMark`.

export const vlanEn = {
  title: 'VLANs',
  filtering: 'VLAN-aware (vlan_filtering)',
  filteringNote: 'Off: the bridge ignores VLAN tags and all its ports are one LAN. On: each port is an access port of one VLAN or a trunk that carries VLANs tagged.',
  mode: '{{port}} mode',
  access: 'Access',
  trunk: 'Trunk',
  other: 'As in the lines',
  accessVlan: 'VLAN',
  trunkVlans: 'Tagged VLANs',
  native: 'Native VLAN',
  nativeHint: 'untagged; empty for none',
  lines: 'bridge vlan lines',
  linesHint: 'One command per line, applied to Linux’s defaults (every port in VLAN 1, untagged): bridge vlan add|del dev DEV vid N [pvid] [untagged] [self], ip link set BRIDGE type bridge vlan_filtering 1. Ctrl+Enter applies.',
  devices: 'VLAN subinterfaces',
  devicesNote: 'ip link add link eth1 name eth1.10 type vlan id 10: what it sends leaves eth1 tagged with VLAN 10, and frames of VLAN 10 arriving on eth1 are its.',
  on: 'on {{dev}}, VLAN {{vid}}',
  parent: 'Real device',
  vid: 'VLAN id',
  add: 'Add',
  remove: 'Remove {{name}}',
  noParent: 'Link the device first: a VLAN subinterface sits on an interface.',
  badVid: '“{{text}}” is not a VLAN id: a number from 1 to 4094 (0 and 4095 are reserved)',
  noVid: 'a trunk carries at least one VLAN',
};

export type VlanMessages = typeof vlanEn;
