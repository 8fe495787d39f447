// 设备终端自身的提示（简体中文），合并在 `shell` 下。命令输出的是 Linux 的原文，不翻译。

import type { ShellMessages } from './shell.en';

export const shellZhCN: { [K in keyof ShellMessages]: string } = {
  title: '终端',
  closeTab: '关闭 {{node}} 的终端',
  hide: '隐藏终端（Esc）',
  welcome: 'packetwalk：{{node}} 上的 Linux shell。\nTab 补全，↑ ↓ 翻阅历史，Ctrl+C 停止，Ctrl+L 清屏；输入 help 查看命令。',
  help: '命令：ip [-4] [-br] [-d] [-s] addr|link|route|neigh show|add|del|replace|flush、ip route get 地址、hostname [名称]、sysctl [-w] 键[=值]、bridge fdb|link show、iptables -t nat -L|-S|-A|-I|-D|-F、conntrack -L|-F、ss -tuan；演示：ping、traceroute、nc、arping；tcpdump -i 接口 [-e] [-n] [-c 数量]。另有：clear、history、exit。\n修改配置就是编辑网络（在编辑器中按 Ctrl+Z 可撤销）。演示在播放器中打开：其输出随演示的进度显示在这里。',
  noExit: '输入 “exit” 关闭此终端。',
  walking: '（这是一次演示：在播放器中逐步查看；输出随演示的进度显示在这里）',
  walkBusy: '另一次演示正在计算中：请在它完成后再试。',
  walkGone: '（这次演示已被替换或清除：输出到此为止）',
};
