// `ip neigh add|replace|change|del` arguments: `ADDR [lladdr MAC] dev DEV [nud STATE]` read with
// iproute2's messages (and its exit status), for the terminal and the files' exec lines alike,
// and an entry written back as the exec line that makes it.

import { parseIpv4, parseMac, type Ipv4Addr, type MacAddr } from '../wire/addr';
import type { StaticNeigh, StaticNud } from '../topology';

const NUDS: Record<string, StaticNud> = { permanent: 'permanent', noarp: 'noarp', reachable: 'reachable', stale: 'stale' };

/** What was given; the caller checks the device and whether the address is needed. */
export interface NeighArgs {
  ip: Ipv4Addr;
  dev: string;
  mac?: MacAddr;
  nud?: StaticNud;
}

export type NeighParse = { kind: 'ok'; args: NeighArgs } | { kind: 'error'; message: string; exit: number };

export function parseNeighArgs(args: readonly string[]): NeighParse {
  const fail = (message: string, exit: number): NeighParse => ({ kind: 'error', message, exit });
  let ip: Ipv4Addr | undefined;
  let dev: string | undefined;
  let mac: MacAddr | undefined;
  let nud: StaticNud | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const v = args[i + 1];
    if (a === 'lladdr') {
      const m = parseMac(v ?? '');
      if (!m) return fail(`"${v ?? ''}" is invalid lladdr.`, 1);
      mac = m.toLowerCase() as MacAddr;
      i++;
    } else if (a === 'dev') {
      dev = v;
      i++;
    } else if (a === 'nud') {
      const n = NUDS[v ?? ''];
      if (!n) return fail(`Error: argument "${v ?? ''}" is wrong: nud state is bad`, 255);
      nud = n;
      i++;
    } else if (a === 'to' || ip === undefined) {
      const text = a === 'to' ? v : a;
      if (a === 'to') i++;
      const p = parseIpv4(text ?? '');
      if (!p) return fail(`Error: an inet prefix is expected rather than "${text ?? ''}".`, 1);
      ip = p;
    } else if (a === 'router' || a === 'proxy' || a === 'extern_learn') return fail(`"${a}" is not modelled by packetwalk`, 255);
    else return fail(`Error: either "to" is duplicate, or "${a}" is a garbage.`, 255);
  }
  if (ip === undefined || dev === undefined) return fail('Device and destination are required arguments.', 255);
  return { kind: 'ok', args: { ip, dev, ...(mac ? { mac } : {}), ...(nud ? { nud } : {}) } };
}

/** The exec line that makes an entry. */
export const neighLine = (e: StaticNeigh): string => `ip neigh add ${e.ip} lladdr ${e.mac} dev ${e.dev} nud ${e.nud}`;
