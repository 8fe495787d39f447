// “生成数据中心网络”对话框（src/ui/generator）的简体中文文本。术语与 zh-CN.ts 一致（路由器、交换机、
// 主机、机架）；设备名、地址和 ECMP 保持原样。

import type { GeneratorMessages } from './generator.en';

export const generatorZhCN: GeneratorMessages = {
  title: '生成数据中心网络',
  design: '架构',
  designs: {
    'leaf-spine': '叶脊（leaf–spine）',
    'three-tier': '三层（核心/汇聚/接入）',
  },
  about: {
    'leaf-spine': '两层路由器：每台叶路由器连接每台脊路由器。每台叶路由器带一个机架：一台交换机和它的主机。',
    'three-tier': '核心、汇聚和接入路由器。每个 pod 中，每台汇聚路由器连接每台核心路由器以及本 pod 的每台接入路由器。每台接入路由器带一个机架：一台交换机和它的主机。',
  },
  fields: {
    spines: '脊路由器',
    leaves: '叶路由器（机架）',
    hostsPerLeaf: '每台叶路由器的主机数',
    cores: '核心路由器',
    pods: 'Pod 数',
    aggPerPod: '每个 pod 的汇聚路由器',
    accessPerPod: '每个 pod 的接入路由器（机架）',
    hostsPerAccess: '每台接入路由器的主机数',
  },
  problem: {
    required: '请输入数字',
    notInteger: '请输入整数，例如 4',
    tooSmall: '至少为 {{min}}',
    tooLarge: '至多为 {{max, number}}',
  },
  devices_one: '{{count, number}} 台设备',
  devices_other: '{{count, number}} 台设备',
  countPending: '所有数字有效后显示设备数量。',
  routers_one: '{{count, number}} 台路由器',
  routers_other: '{{count, number}} 台路由器',
  switches_one: '{{count, number}} 台交换机',
  switches_other: '{{count, number}} 台交换机',
  hosts_one: '{{count, number}} 台主机',
  hosts_other: '{{count, number}} 台主机',
  links_one: '{{count, number}} 条链路',
  links_other: '{{count, number}} 条链路',
  limit: '最多 {{max, number}} 台设备：拓扑图会绘制每一台设备，超过这个数量后，平移和缩放会慢得无法跟随。',
  tooManyDevices: '设备太多：{{count, number}} 台，最多 {{max, number}} 台。',
  tooManyRoutes:
    '路由太多：路由器共需 {{count, number}} 条静态路由，最多 {{max, number}} 条。每台路由器对每个不直连的子网都有一条路由，路由器数 × 上行链路数会迅速增长：请减少脊（核心）路由器或叶路由器（pod）。',
  routingTitle: '路由',
  ecmp: 'ECMP（所有等长路径）',
  singlePath: '单路径',
  routing:
    '地址：每个机架一个子网（从 10.1.0.0 开始），路由器之间的每条链路一个 /31（10.0.0.0/16）。路由：为你计算好的最短路径静态路由；上行链路同样短时，经每一条都有一个下一跳（ECMP），Linux 对每条流的地址和端口做哈希来选其一（fib_multipath_hash_policy 1，全网同一个种子）：各条流分散到不同的脊（核心）路由器上，每条流走一条路径，回程沿原路返回。',
  routingSingle:
    '地址：每个机架一个子网（从 10.1.0.0 开始），路由器之间的每条链路一个 /31（10.0.0.0/16）。路由：为你计算好的最短路径静态路由，不使用 ECMP：多条上行链路同样短时，编号最小的胜出（spine1、core1…），因此在你修改路由之前，其他上行链路不承载流量。',
  scenarioTitle: '场景',
  ping: '一次 ping',
  flowsChoice: '源端口不同的多条流：',
  flowsCount: '流的数量',
  scenario: '场景：{{first}} ping 最后一台主机 {{last}}。',
  scenarioFlows_one: '场景：从 {{first}} 到 {{last}} 的 {{count}} 条流（从端口 40000 到端口 80 的 TCP 连接）。',
  scenarioFlows_other: '场景：从 {{first}} 到最后一台主机 {{last}} 的 {{count}} 条流（从端口 40000、40001… 到端口 80 的 TCP 连接）：漫游时以不同颜色标出每条流的路径。',
  name: '名称',
  generate: '生成',
  fixFirst: '请先修正上面标出的规模。',
  generating: '正在生成 {{count, number}} 台设备…',
  opening: '正在绘制 {{count, number}} 台设备…',
  failed: '无法生成该网络',
  help: '示例 → 生成数据中心… 可构建最多 {{max, number}} 台设备的三层或叶脊网络，已分配地址并配置路由（ECMP 或单路径），场景为第一台主机 ping 最后一台主机，或向它发送多条流。',
};
