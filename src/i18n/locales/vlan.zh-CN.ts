// 检查器中 VLAN 部分（src/ui/inspector/VlanSection.tsx）的简体中文文本，随设备检查器加载。

import type { VlanMessages } from './vlan.en';

export const vlanZhCN: VlanMessages = {
  title: 'VLAN',
  filtering: '感知 VLAN（vlan_filtering）',
  filteringNote: '关闭：网桥忽略 VLAN 标签，所有端口同属一个局域网。开启：每个端口要么是某个 VLAN 的 access 端口，要么是带标签承载多个 VLAN 的 trunk。',
  mode: '{{port}} 模式',
  access: 'Access',
  trunk: 'Trunk',
  other: '见下方命令行',
  accessVlan: 'VLAN',
  trunkVlans: '带标签的 VLAN',
  native: 'Native VLAN',
  nativeHint: '不带标签；留空表示没有',
  lines: 'bridge vlan 命令行',
  linesHint: '每行一条命令，从 Linux 的默认状态（所有端口在 VLAN 1，不带标签）开始执行：bridge vlan add|del dev DEV vid N [pvid] [untagged] [self]，ip link set BRIDGE type bridge vlan_filtering 1。Ctrl+Enter 应用。',
  devices: 'VLAN 子接口',
  devicesNote: 'ip link add link eth1 name eth1.10 type vlan id 10：它发出的帧从 eth1 离开时带 VLAN 10 标签，eth1 收到的 VLAN 10 帧归它。',
  on: '在 {{dev}} 上，VLAN {{vid}}',
  parent: '下层设备',
  vid: 'VLAN ID',
  add: '添加',
  remove: '删除 {{name}}',
  noParent: '请先连线：VLAN 子接口建立在接口之上。',
  badVid: '“{{text}}”不是 VLAN ID：应为 1 到 4094 的数字（0 和 4095 保留）',
  noVid: 'Trunk 至少要承载一个 VLAN',
};
