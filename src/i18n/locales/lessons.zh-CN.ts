// 共享链接与课程的界面文字（简体中文），键与 lessons.en.ts 和 lessons.open.en.ts 相同。

import type { lessonsEn } from './lessons.en';
import type { lessonsOpenEn } from './lessons.open.en';

type Messages<T> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> };

export const lessonsZhCN: Messages<typeof lessonsEn & typeof lessonsOpenEn> = {
  menu: '课程',
  menuHint: '每节课讲透一个概念的引导式演练',
  titles: {
    'same-subnet': '是否同一子网',
    'switch-learns': '交换机学到了什么',
    'through-a-router': '穿过路由器',
    'route-table': '读懂 Linux 路由表',
    'home-nat': '家里的 NAT',
    ports: '端口：TCP 与 UDP 各自独立',
    troubles: '出错的时候',
    loop: '环路：先是风暴，然后是生成树',
    'data-center': '数据中心内部',
    calico: '种子里的 Calico 节点',
    overlay: '覆盖网络',
  },
  summaries: {
    'same-subnet': '与掩码做 AND；ARP 询问目的主机还是网关',
    'switch-learns': '先泛洪，再转发；交换机从不修改帧',
    'through-a-router': '每一跳 MAC 都变，IP 不变，TTL 递减',
    'route-table': 'proto kernel、onlink、blackhole、容器网络的 /32 路由；先 local 后 main',
    'home-nat': '192.168.1.x 以 WAN 地址出去，应答再回来',
    ports: 'TCP 与 UDP 的同一端口号：两个套接字，两种回答',
    troubles: '路由环路、无路由、ARP 无应答、不转发的主机',
    loop: '三台交换机成环：广播为何会形成风暴，STP 如何阻塞一个端口，链路故障后生成树如何重新形成',
    'data-center': '三层架构：东西向流量走哪里，广播域为何要小',
    calico: '装在 IP in IP 里的 Pod 到 Pod：tunl0、proto bird onlink、节点网段的黑洞路由',
    overlay: 'VXLAN：跨路由网络的以太网段，按 VTEP 学习',
  },
  opening: '正在打开课程“{{title}}”…',
  failed: '无法打开课程',
  noLesson: '没有名为“{{id}}”的课程。',
  lesson: '第 {{n}} 课：{{title}}',
  keyStep: '关键步骤 {{n}}/{{count}}',
  introduction: '简介',
  fromStep: '见第 {{step}} 步',
  notKey: '第 {{step}} 步位于关键步骤之间。',
  previous: '上一个关键步骤',
  next: '下一个关键步骤',
  firstKey: '这是本课的第一个关键步骤。',
  lastKey: '这是本课的最后一个关键步骤。',
  finished: '本课结束。可以继续自由单步浏览，或选择其他课程。',
  back: '回到我自己的网络',
  backHint: '打开链接或课程之前你的网络',
  backFailed: '无法打开你自己的网络',
  help: {
    share:
      '“分享”（帮助旁边的图标）复制一个链接，任何人打开它都会看到这个网络、这次演练和当前步骤：所有内容都在链接本身（# 之后），不会发送到服务器。打开链接或课程不会替换你自己的网络：在你编辑打开的网络之前，它一直保存在这个浏览器中，“课程”菜单中的“回到我自己的网络”可以找回它。',
    lessons: '“课程”（在标题栏中）每节课在准备好的网络上讲透一个概念，在关键步骤配有简短讲解：“下一个关键步骤”从一个跳到下一个。课程也有自己的链接（#lesson=same-subnet&step=5）。',
  },
  share: {
    button: '分享',
    hint: '复制一个链接，打开这个网络、这次演练和当前步骤',
    copied: '链接已复制。它会打开这个网络和这次演练，停在第 {{step}} 步。',
    copiedStart: '链接已复制。它会打开这个网络和这次演练，停在开始处。',
    copiedNetwork: '链接已复制。它会打开这个网络。',
    copiedLesson: '链接已复制。它会打开课程“{{title}}”，停在第 {{step}} 步。',
    copyFailed: '无法把链接复制到剪贴板：请从这里复制。',
    tooLarge: '这个网络太大，无法放进链接（{{chars}} 个字符；链接最多 {{max}} 个）。请改为保存文件（文件 → 另存为 JSON）。',
  },
  link: {
    opened: '已打开共享的网络。你自己的网络仍然保留：只有编辑这个网络时才会替换它，“课程”菜单中的“回到我自己的网络”可以找回它。',
    failed: '无法打开这个链接。你自己的网络没有受到影响。',
    tooLarge: '链接太大：最多 {{chars}} 个字符，解压后最多 {{json}} 个字符。',
    damaged: '链接已损坏：部分内容缺失或被改动。请重新获取链接。',
    foreign: '这不是 packetwalk 的链接。',
    newer: '这个链接由更新版本的 packetwalk 生成。',
    invalid: '链接中的网络有问题：',
    badWalk: '链接中的演练与其网络不符。',
  },
};
