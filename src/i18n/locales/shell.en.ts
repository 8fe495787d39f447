// The devices' terminals' own messages (English), under `shell`: loaded with the terminal
// (ui/terminal), so the first load carries none of them. What the commands print is Linux's text,
// never translated.

export const shellEn = {
  title: 'Terminals',
  closeTab: 'Close the terminal of {{node}}',
  hide: 'Hide the terminals (Esc)',
  welcome: 'packetwalk: a Linux shell on {{node}}.\nTab completes, ↑ ↓ go through the history, Ctrl+C stops, Ctrl+L clears; type help for the commands.',
  help: 'Commands: ip [-4] [-br] [-d] [-s] addr|link|route|neigh show|add|del|replace|flush, ip route get ADDR, hostname [NAME], sysctl [-w] KEY[=VALUE], bridge fdb|link show, iptables -t nat -L|-S|-A|-I|-D|-F, conntrack -L|-F, ss -tuan; walks: ping, traceroute, nc, arping; tcpdump -i DEV [-e] [-n] [-c N]. Also: clear, history, exit.\nA change of configuration is an edit of the network (Ctrl+Z in the editor undoes it). A walk opens in the player: its output appears here as the walk reaches it.',
  noExit: 'Use “exit” to close this terminal.',
  walking: '(a walk: step through it in the player; its output appears here as the walk reaches it)',
  walkBusy: 'Another walk is being computed: try again when it is done.',
  walkGone: '(the walk was replaced or cleared: its output stops here)',
} as const;

export type ShellMessages = typeof shellEn;
