// ss(8) from iproute2: `ss -tuan` (and -t/-u/-a/-n alone or combined) lists the TCP and UDP sockets
// the node had when the last walk ended, columns sized to their content as ss sizes them (the
// address right-aligned before the colon, the port left-aligned after it).

import type { SocketView } from '../sim/trace';
import { failed, printed, type Program } from './shell';

const split = (ap: string): [string, string] => {
  const k = ap.lastIndexOf(':');
  return [ap.slice(0, k), ap.slice(k + 1)];
};

/** The table `ss` prints for these sockets (with the Netid column when both -t and -u are asked). */
export function ssTable(sockets: readonly SocketView[], netid: boolean): string {
  const rows = sockets.map((s) => ({ netid: s.proto, state: s.state, local: split(s.local), peer: split(s.peer) }));
  const w = (head: string, values: string[]) => Math.max(head.length, ...values.map((v) => v.length));
  const wState = w('State', rows.map((r) => r.state));
  const wLa = Math.max(...rows.map((r) => r.local[0].length), 13);
  const wLp = Math.max(...rows.map((r) => r.local[1].length), 4);
  const wPa = Math.max(...rows.map((r) => r.peer[0].length), 12);
  const wPp = Math.max(...rows.map((r) => r.peer[1].length), 4);
  const head = `${netid ? 'Netid ' : ''}${'State'.padEnd(wState)} Recv-Q Send-Q ${'Local Address'.padStart(wLa)}:${'Port'.padEnd(wLp)} ${'Peer Address'.padStart(wPa)}:${'Port'.padEnd(wPp)}Process`;
  const lines = rows.map(
    (r) => `${netid ? r.netid.padEnd(6) : ''}${r.state.padEnd(wState)} 0      0      ${r.local[0].padStart(wLa)}:${r.local[1].padEnd(wLp)} ${r.peer[0].padStart(wPa)}:${r.peer[1].padEnd(wPp + 7)}`,
  );
  return [head, ...lines].join('\n') + '\n';
}

export const ss: Program = (args, env) => {
  const flags = args.filter((a) => a.startsWith('-')).join('').replace(/-/g, '');
  if (/[^tuanl]/.test(flags)) return failed(`ss: packetwalk lists sockets with -t -u -a -n -l (not "${args.join(' ')}")`, 1);
  const tcp = flags.includes('t') || !flags.includes('u');
  const udp = flags.includes('u');
  const all = flags.includes('a');
  const listening = flags.includes('l');
  const shown = (env.learned.sockets ?? []).filter((s) => {
    if ((s.proto === 'tcp' && !tcp) || (s.proto === 'udp' && !udp)) return false;
    const isListen = s.state === 'LISTEN' || s.state === 'UNCONN';
    return all || (listening ? isListen : !isListen);
  });
  return printed(ssTable(shown, tcp && udp));
};
