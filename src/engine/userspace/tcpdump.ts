// tcpdump(8) on one interface of a device: `tcpdump -i DEV [-e] [-n] [-c N] [arp|icmp|udp|tcp]`.
// The options are checked here; the terminal then prints each frame a walk passes on that
// interface with tcpdump-print.ts.

import type { TcpdumpOptions } from './tcpdump-print';
import { failed, type Program } from './shell';

const FILTERS = new Set(['arp', 'icmp', 'udp', 'tcp', 'ip']);

export const tcpdump: Program = (args, env) => {
  let dev: string | undefined;
  let link = false;
  let numeric = false;
  let count: number | undefined;
  let filter: TcpdumpOptions['filter'];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-i' || a === '--interface') dev = args[++i];
    else if (a.startsWith('-i') && a.length > 2) dev = a.slice(2);
    else if (a === '-c') {
      const v = args[++i];
      if (!v || !/^\d+$/.test(v) || Number(v) < 1) return failed(`tcpdump: invalid packet count ${v ?? ''}`, 1);
      count = Number(v);
    } else if (/^-[enlvq]+$/.test(a)) {
      if (a.includes('e')) link = true;
      if (a.includes('n')) numeric = true;
    } else if (FILTERS.has(a) && filter === undefined) filter = a as TcpdumpOptions['filter'];
    else return failed(`tcpdump: packetwalk's tcpdump takes -i DEV, -e, -n, -c N and one of arp, icmp, udp, tcp (not "${a}")`, 1);
  }
  dev ??= env.node.ifaces[0]?.name;
  if (dev === undefined || !env.node.ifaces.some((i) => i.name === dev)) return failed(`tcpdump: ${dev ?? 'any'}: No such device exists\n(No such device exists)`, 1);
  return {
    kind: 'capture',
    options: { dev, link, numeric, ...(count !== undefined ? { count } : {}), ...(filter ? { filter } : {}) },
    stderr: `tcpdump: verbose output suppressed, use -v[v]... for full protocol decode\nlistening on ${dev}, link-type EN10MB (Ethernet), snapshot length 262144 bytes\n`,
  };
};

