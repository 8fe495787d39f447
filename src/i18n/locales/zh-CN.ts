// Simplified Chinese. Network terms follow common Chinese networking texts (路由器, 交换机,
// 网关); commands, interface names and addresses stay as Linux prints them.

import type { Messages } from './en';

export const zhCN: Messages = {
  app: {
    name: 'packetwalk',
    documentTitle: 'packetwalk — 逐跳追踪数据包',
    tagline: '让数据包在网络中逐跳前进',
    loading: '正在打开示例…',
    loadFailed: '无法打开该拓扑',
  },
  header: {
    run: '运行场景',
    running: '运行中…',
    noScenario: '该拓扑没有可运行的场景',
    runHint: '在模拟器中运行该拓扑的场景',
    language: '语言',
    topology: '拓扑',
  },
  role: {
    host: '主机',
    server: '服务器',
    router: '路由器',
    nat: 'NAT 网关',
    switch: '交换机',
  },
  node: {
    noAddress: '无地址',
    ports_one: '{{count}} 个端口',
    ports_other: '{{count}} 个端口',
    forwarding: '转发',
    forwardingHint: 'net.ipv4.ip_forward = 1：该节点在其接口之间转发数据包',
  },
  canvas: {
    label: '网络拓扑图',
    minimap: '全局视图',
  },
  run: {
    title: '场景输出',
    close: '关闭',
    events_one: '{{count}} 个跟踪事件',
    events_other: '{{count}} 个跟踪事件',
    virtualTime: '虚拟时间 {{seconds}} 秒',
    running: '正在运行场景…',
    failed: '场景无法运行',
    exit: '退出码 {{code}}',
    stillRunning: '场景结束时仍在运行',
    timedOut: '超过步骤时限，已终止',
    background: '后台运行',
    stopped: '模拟在 {{limit}} 个事件后停止。',
    storm: '数据帧在 {{devices}} 之间不断循环：广播风暴（交换机形成了环路）。',
  },
};
