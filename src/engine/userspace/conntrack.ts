// conntrack(8) (conntrack-tools 1.4.7): `conntrack -L` lists the connections the node tracked in
// the last walk, in conntrack's line format, with its count on stderr; `-F` empties the table
// (which every walk starts empty anyway). The timeout column is the entry's full timeout for its
// state (the time left depends on when you look; a walk's clock stops when it ends).

import type { ConntrackView, CtTuple } from '../tables/conntrack';
import { CT_TIMEOUT } from '../tables/conntrack';
import { failed, printed, type Program } from './shell';

const PROTO_NUM = { icmp: 1, tcp: 6, udp: 17 } as const;
const VERSION = 'conntrack v1.4.7 (conntrack-tools)';

const tuple = (t: CtTuple, proto: ConntrackView['proto']): string =>
  proto === 'icmp' ? `src=${t.src} dst=${t.dst} type=${t.type ?? 0} code=${t.code ?? 0} id=${t.id ?? 0}` : `src=${t.src} dst=${t.dst} sport=${t.sport ?? 0} dport=${t.dport ?? 0}`;

/** One entry as `conntrack -L` prints it. */
export function conntrackLine(e: ConntrackView): string {
  const timeout = e.proto === 'tcp' ? CT_TIMEOUT.tcp[e.state ?? 'NONE'] : e.proto === 'icmp' ? CT_TIMEOUT.icmp : e.unreplied ? CT_TIMEOUT.udpUnreplied : CT_TIMEOUT.udpReplied;
  const assured = e.proto === 'tcp' ? e.state === 'ESTABLISHED' || e.state === 'FIN_WAIT' || e.state === 'CLOSE_WAIT' || e.state === 'LAST_ACK' || e.state === 'TIME_WAIT' : false;
  return [
    e.proto.padEnd(8),
    String(PROTO_NUM[e.proto]),
    String(Math.floor(timeout / 1_000_000)),
    ...(e.state ? [e.state] : []),
    tuple(e.orig, e.proto),
    ...(e.unreplied ? ['[UNREPLIED]'] : []),
    tuple(e.reply, e.proto),
    ...(assured ? ['[ASSURED]'] : []),
    'mark=0',
    'use=1',
  ].join(' ');
}

export const conntrack: Program = (args, env) => {
  const cmd = args[0];
  if (cmd === '-L' || cmd === '--dump') {
    const list = env.learned.conntrack ?? [];
    return printed(list.map((e) => conntrackLine(e) + '\n').join(''), `${VERSION}: ${list.length} flow entries have been shown.\n`);
  }
  if (cmd === '-F' || cmd === '--flush') return printed('', `${VERSION}: connection tracking table has been emptied.\n`);
  return failed(`${VERSION}: packetwalk runs conntrack -L and -F`, 2);
};
