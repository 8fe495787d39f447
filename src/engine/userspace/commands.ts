// The scenario commands packetwalk runs, parsed from the shell lines of the oracle's `scenario:`
// list: iputils `ping`, OpenBSD `nc` (UDP with -u and TCP; client and listener, fed by `echo … |`),
// `traceroute`, iputils `arping`, `ip route get`, `ip route show`, `ip neigh show` and `sleep`.
// Anything else is refused with a reason.

import { parseIpv4, type Ipv4Addr } from '../wire/addr';
import { MAX_SECONDS } from '../io/limits';

/** What nc connecting to ADDR PORT (UDP or TCP) is given. */
export interface NcClient {
  dst: Ipv4Addr;
  port: number;
  srcPort?: number;
  src?: Ipv4Addr;
  waitS?: number;
  quitS?: number;
  /** -z: no data; TCP: connect, then close at once; UDP: the port test (nc-udp-scan.ts) */
  zero?: boolean;
  /** -v: say what happened on stderr */
  verbose?: boolean;
  stdin: string;
}

export type Command =
  | {
      kind: 'ping';
      dst: Ipv4Addr;
      count?: number;
      ttl?: number;
      /** -W: seconds to wait for a reply after the last request */
      waitS?: number;
      /** -w: overall deadline in seconds */
      deadlineS?: number;
      intervalS: number;
      size: number;
      broadcast: boolean;
      quiet: boolean;
      /** -I ADDR: the source address */
      src?: Ipv4Addr;
      /** -M dont: no DF bit (do, want: DF, as by default) */
      noDf?: boolean;
    }
  | ({ kind: 'nc-udp' } & NcClient)
  | { kind: 'nc-udp-listen'; port: number; stdin: string }
  | ({
      kind: 'nc-tcp';
      /** -N: shutdown(SHUT_WR) after EOF on stdin */
      shutdown: boolean;
    } & NcClient)
  | { kind: 'nc-tcp-listen'; port: number; shutdown: boolean; stdin: string }
  | { kind: 'ip-route-get'; dst: Ipv4Addr; from?: Ipv4Addr }
  | { kind: 'ip-route-show'; table: 'main' | 'local' | 'all' }
  | { kind: 'ip-neigh-show' }
  | { kind: 'ip-link-set'; dev: string; up: boolean }
  | { kind: 'sleep'; seconds: number }
  | { kind: 'traceroute'; dst: Ipv4Addr; numeric: boolean; maxHops: number; queries: number; icmp: boolean; /** -N: probes in flight at once */ simProbes: number }
  | { kind: 'arping'; dst: Ipv4Addr; count?: number; dev?: string };

export type CommandParse = { kind: 'ok'; command: Command } | { kind: 'error'; message: string };

/** Splits a shell line into pipeline stages of words, honouring '…', "…" and backslashes. */
export function shellSplit(line: string): string[][] | string {
  const stages: string[][] = [[]];
  let word: string | null = null;
  let i = 0;
  const push = () => {
    if (word !== null) stages[stages.length - 1]!.push(word);
    word = null;
  };
  while (i < line.length) {
    const c = line[i]!;
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) return 'unterminated quote';
      word = (word ?? '') + line.slice(i + 1, end);
      i = end + 1;
    } else if (c === '"') {
      let j = i + 1;
      let s = '';
      while (j < line.length && line[j] !== '"') {
        if (line[j] === '\\' && j + 1 < line.length && '"\\$`'.includes(line[j + 1]!)) j++;
        s += line[j];
        j++;
      }
      if (j >= line.length) return 'unterminated quote';
      word = (word ?? '') + s;
      i = j + 1;
    } else if (c === '\\' && i + 1 < line.length) {
      word = (word ?? '') + line[i + 1];
      i += 2;
    } else if (c === ' ' || c === '\t') {
      push();
      i++;
    } else if (c === '|') {
      push();
      stages.push([]);
      i++;
    } else if (';&<>`$()'.includes(c)) {
      return `shell syntax "${c}" is not supported`;
    } else {
      word = (word ?? '') + c;
      i++;
    }
  }
  push();
  return stages;
}

const err = (message: string): CommandParse => ({ kind: 'error', message });
const isInt = (s: string | undefined): s is string => s !== undefined && /^\d+$/.test(s);
const isNum = (s: string | undefined): s is string => s !== undefined && /^\d+(\.\d+)?$|^\.\d+$/.test(s);
/** A number of seconds within packetwalk's bound (io/limits.ts), or why not. */
const seconds = (s: string | undefined, what: string): number | string => {
  if (!isNum(s)) return `${what} "${s ?? ''}"`;
  return Number(s) <= MAX_SECONDS ? Number(s) : `${what} "${s}": at most ${MAX_SECONDS} seconds`;
};

/**
 * POSIX getopt: `spec` lists option letters, a letter followed by ':' takes a value, which may be
 * attached (-w1) or the next word (-w 1); flags combine (-ul). Returns options in order and the
 * operands, or an error message.
 */
export function getopt(args: string[], spec: string, prog: string): { opts: [string, string | undefined][]; operands: string[] } | string {
  const opts: [string, string | undefined][] = [];
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      for (const rest of args.slice(i + 1)) operands.push(rest);
      break;
    }
    if (!a.startsWith('-') || a === '-') {
      operands.push(a);
      continue;
    }
    for (let k = 1; k < a.length; k++) {
      const c = a[k]!;
      const at = spec.indexOf(c);
      if (at < 0 || c === ':') return `${prog}: option -${c} is not supported`;
      if (spec[at + 1] === ':') {
        const v = k + 1 < a.length ? a.slice(k + 1) : args[++i];
        if (v === undefined) return `${prog}: option -${c} needs a value`;
        opts.push([c, v]);
        break;
      }
      opts.push([c, undefined]);
    }
  }
  return { opts, operands };
}

function port(s: string | undefined, what: string): number | string {
  if (!isInt(s) || Number(s) < 1 || Number(s) > 65535) return `${what} "${s ?? ''}" is not a port number (1–65535)`;
  return Number(s);
}

function parsePing(args: string[]): CommandParse {
  let count: number | undefined;
  let ttl: number | undefined;
  let waitS: number | undefined;
  let deadlineS: number | undefined;
  let intervalS = 1;
  let size = 56;
  let broadcast = false;
  let quiet = false;
  let src: Ipv4Addr | undefined;
  let noDf = false;
  const g = getopt(args, 'c:t:W:w:i:s:I:M:bqn4', 'ping');
  if (typeof g === 'string') return err(`${g} (use -c -t -W -w -i -s -I -M -b -q -n)`);
  for (const [o, v] of g.opts) {
    if (o === 'I') {
      const a = parseIpv4(v ?? '');
      if (!a) return err(`ping: -I ${v ?? ''}: packetwalk takes a source address here, not an interface`);
      src = a;
      continue;
    }
    if (o === 'M') {
      if (v !== 'do' && v !== 'want' && v !== 'dont' && v !== 'probe') return err(`ping: invalid -M argument: ${v ?? ''}`);
      noDf = v === 'dont';
      continue;
    }
    if (o === 'c') {
      if (!isInt(v) || Number(v) < 1) return err(`ping: invalid count "${v ?? ''}"`);
      count = Number(v);
    } else if (o === 't') {
      if (!isInt(v) || Number(v) < 1 || Number(v) > 255) return err(`ping: invalid TTL "${v ?? ''}" (1–255)`);
      ttl = Number(v);
    } else if (o === 'W') {
      const n = seconds(v, 'ping: invalid timeout');
      if (typeof n === 'string') return err(n);
      waitS = n;
    } else if (o === 'w') {
      const n = seconds(v, 'ping: invalid deadline');
      if (typeof n === 'string') return err(n);
      deadlineS = n;
    } else if (o === 'i') {
      const n = seconds(v, 'ping: invalid interval');
      if (typeof n === 'string' || n < 0.002) return err(typeof n === 'string' ? n : `ping: invalid interval "${v ?? ''}"`);
      intervalS = n;
    } else if (o === 's') {
      if (!isInt(v) || Number(v) > 1472) return err(`ping: packet size "${v ?? ''}" is not supported (0–1472)`);
      size = Number(v);
    } else if (o === 'b') broadcast = true;
    else if (o === 'q') quiet = true;
  }
  if (g.operands.length > 1) return err(`ping: unexpected argument "${g.operands[1]}"`);
  const dst = g.operands[0];
  if (dst === undefined) return err('ping: missing destination address');
  const ip = parseIpv4(dst);
  if (!ip) return err(`ping: "${dst}" is not an IPv4 address (names are not resolved)`);
  return {
    kind: 'ok',
    command: {
      kind: 'ping',
      dst: ip,
      ...(count !== undefined ? { count } : {}),
      ...(ttl !== undefined ? { ttl } : {}),
      ...(waitS !== undefined ? { waitS } : {}),
      ...(deadlineS !== undefined ? { deadlineS } : {}),
      intervalS,
      size,
      broadcast,
      quiet,
      ...(src ? { src } : {}),
      ...(noDf ? { noDf } : {}),
    },
  };
}

function parseEcho(args: string[]): string {
  let newline = true;
  let words = args;
  if (words[0] === '-n') {
    newline = false;
    words = words.slice(1);
  }
  return words.join(' ') + (newline ? '\n' : '');
}

function parseNc(args: string[], stdin: string): CommandParse {
  let udp = false;
  let listen = false;
  let shutdown = false;
  let verbose = false;
  let srcPort: number | undefined;
  let src: Ipv4Addr | undefined;
  let waitS: number | undefined;
  let quitS: number | undefined;
  let zero = false;
  const g = getopt(args, 'ulnvzNp:s:w:q:', 'nc');
  if (typeof g === 'string') return err(`${g} (use -u -l -N -z -v -p -s -w -q -n)`);
  for (const [o, v] of g.opts) {
    if (o === 'z') zero = true;
    else if (o === 'v') verbose = true;
    else if (o === 'u') udp = true;
    else if (o === 'l') listen = true;
    else if (o === 'N') shutdown = true;
    else if (o === 'p') {
      const p = port(v, 'nc: source port');
      if (typeof p === 'string') return err(p);
      srcPort = p;
    } else if (o === 's') {
      const ip = parseIpv4(v ?? '');
      if (!ip) return err(`nc: source address "${v ?? ''}" is not an IPv4 address`);
      src = ip;
    } else if (o === 'w' || o === 'q') {
      const n = seconds(v, `nc: invalid -${o} value`);
      if (typeof n === 'string') return err(n);
      if (o === 'w') waitS = n;
      else quitS = n;
    }
  }
  const pos = g.operands;
  if (zero && listen) return err('nc: cannot use -z and -l');
  if (zero && udp && (waitS !== undefined || quitS !== undefined)) return err('nc: -z -u is modelled without -w and -q (nc -z -u [-v] ADDR PORT)');
  if (listen) {
    const p = port(pos[0] ?? (srcPort !== undefined ? String(srcPort) : undefined), 'nc: listening port');
    if (typeof p === 'string') return err(p);
    if (pos.length > 1) return err(`nc: unexpected argument "${pos[1]}"`);
    return { kind: 'ok', command: udp ? { kind: 'nc-udp-listen', port: p, stdin } : { kind: 'nc-tcp-listen', port: p, shutdown, stdin } };
  }
  if (pos.length !== 2) return err('nc: expected a destination address and port');
  const dst = parseIpv4(pos[0]!);
  if (!dst) return err(`nc: "${pos[0]}" is not an IPv4 address (names are not resolved)`);
  const p = port(pos[1], 'nc: destination port');
  if (typeof p === 'string') return err(p);
  return {
    kind: 'ok',
    command: {
      kind: udp ? 'nc-udp' : 'nc-tcp',
      ...(udp ? {} : { shutdown }),
      ...(zero ? { zero } : {}),
      dst,
      port: p,
      ...(srcPort !== undefined ? { srcPort } : {}),
      ...(src ? { src } : {}),
      ...(waitS !== undefined ? { waitS } : {}),
      ...(quitS !== undefined ? { quitS } : {}),
      ...(verbose ? { verbose: true as const } : {}),
      stdin,
    } as Command,
  };
}

function parseIp(args: string[]): CommandParse {
  const a = args.filter((x) => x !== '-4');
  const obj = a[0];
  const matches = (word: string | undefined, full: string) => word !== undefined && word.length > 0 && full.startsWith(word);
  if (matches(obj, 'route') || obj === 'r') {
    const verb = a[1];
    if (matches(verb, 'get')) {
      const dst = parseIpv4(a[2] ?? '');
      if (!dst) return err(`ip route get: "${a[2] ?? ''}" is not an IPv4 address`);
      let from: Ipv4Addr | undefined;
      for (let i = 3; i < a.length; i++) {
        if (a[i] === 'from') {
          const f = parseIpv4(a[++i] ?? '');
          if (!f) return err('ip route get: "from" needs an IPv4 address');
          from = f;
        } else return err(`ip route get: "${a[i]}" is not supported`);
      }
      return { kind: 'ok', command: { kind: 'ip-route-get', dst, ...(from ? { from } : {}) } };
    }
    if (verb === undefined || matches(verb, 'show') || matches(verb, 'list')) {
      let table: 'main' | 'local' | 'all' = 'main';
      if (a[2] === 'table') {
        const t = a[3];
        if (t !== 'main' && t !== 'local' && t !== 'all') return err(`ip route show: table "${t ?? ''}" is not supported (main, local, all)`);
        table = t;
      } else if (a.length > 2) return err(`ip route show: "${a[2]}" is not supported`);
      return { kind: 'ok', command: { kind: 'ip-route-show', table } };
    }
    return err(`ip route ${verb}: only "get" and "show" can run in a scenario`);
  }
  if (matches(obj, 'neighbour') || matches(obj, 'neighbor') || obj === 'n') {
    if (a.length === 1 || (a.length === 2 && (matches(a[1], 'show') || matches(a[1], 'list')))) {
      return { kind: 'ok', command: { kind: 'ip-neigh-show' } };
    }
    return err('ip neigh: only "show" can run in a scenario');
  }
  if (matches(obj, 'link')) {
    const words = a[1] !== undefined && matches(a[1], 'set') ? a.slice(2) : undefined;
    const [dev, state, ...more] = words?.[0] === 'dev' ? words.slice(1) : (words ?? []);
    if (words && dev !== undefined && (state === 'up' || state === 'down') && more.length === 0) return { kind: 'ok', command: { kind: 'ip-link-set', dev, up: state === 'up' } };
    return err('ip link: only "set DEV down|up" can run in a scenario');
  }
  return err(`ip ${obj ?? ''}: only "ip route get", "ip route show", "ip neigh show" and "ip link set DEV down|up" can run in a scenario`);
}

function parseTraceroute(args: string[]): CommandParse {
  let numeric = false;
  let maxHops = 30;
  let queries = 3;
  let icmp = false;
  let simProbes = 16;
  const g = getopt(args, 'nIm:q:N:4', 'traceroute');
  if (typeof g === 'string') return err(`${g} (use -n -m -q -N -I)`);
  for (const [o, v] of g.opts) {
    if (o === 'n') numeric = true;
    else if (o === 'I') icmp = true;
    else if (o === 'm') {
      if (!isInt(v) || Number(v) < 1 || Number(v) > 255) return err(`first hop out of range`);
      maxHops = Number(v);
    } else if (o === 'q') {
      if (!isInt(v) || Number(v) < 1 || Number(v) > 10) return err('no more than 10 probes per hop');
      queries = Number(v);
    } else if (o === 'N') {
      if (!isInt(v) || Number(v) < 1) return err(`Cannot handle \`-N' option with arg \`${v ?? ''}' (argc 2)`);
      simProbes = Number(v);
    }
  }
  const dst = g.operands[0];
  if (dst === undefined) return err('Specify "host" missing argument.');
  const ip = parseIpv4(dst);
  if (!ip) return err(`${dst}: Name or service not known\nCannot handle "host" cmdline arg \`${dst}' on position 1 (argc 1)`);
  return { kind: 'ok', command: { kind: 'traceroute', dst: ip, numeric, maxHops, queries, icmp, simProbes } };
}

function parseArping(args: string[]): CommandParse {
  let count: number | undefined;
  let dev: string | undefined;
  const g = getopt(args, 'c:I:w:fq', 'arping');
  if (typeof g === 'string') return err(`${g} (use -c -I)`);
  for (const [o, v] of g.opts) {
    if (o === 'c') {
      if (!isInt(v)) return err(`arping: invalid argument: '${v ?? ''}'`);
      count = Number(v);
    } else if (o === 'I') dev = v;
  }
  const dst = g.operands[0];
  if (dst === undefined) return err('arping: no destination address given');
  const ip = parseIpv4(dst);
  if (!ip) return err(`arping: ${dst}: Name or service not known`);
  return { kind: 'ok', command: { kind: 'arping', dst: ip, ...(count !== undefined ? { count } : {}), ...(dev !== undefined ? { dev } : {}) } };
}

/** Parses one scenario command line. */
export function parseCommand(line: string): CommandParse {
  const stages = shellSplit(line.trim());
  if (typeof stages === 'string') return err(stages);
  if (stages.some((s) => s.length === 0)) return err('empty command');
  if (stages.length > 2) return err('only one pipe ("echo TEXT | nc …") is supported');
  let stdin = '';
  let cmd = stages[0]!;
  if (stages.length === 2) {
    if (cmd[0] !== 'echo') return err('only "echo TEXT | nc …" pipelines are supported');
    stdin = parseEcho(cmd.slice(1));
    cmd = stages[1]!;
    if (cmd[0] !== 'nc') return err('only "echo TEXT | nc …" pipelines are supported');
  }
  const [name, ...args] = cmd;
  switch (name) {
    case 'ping':
      return parsePing(args);
    case 'nc':
      return parseNc(args, stdin);
    case 'ip':
      return parseIp(args);
    case 'traceroute':
      return parseTraceroute(args);
    case 'arping':
      return parseArping(args);
    case 'sleep': {
      const n = args.length === 1 ? seconds(args[0], 'sleep: invalid time interval') : 'sleep: expected a number of seconds';
      if (typeof n === 'string') return err(n);
      return { kind: 'ok', command: { kind: 'sleep', seconds: n } };
    }
    default:
      return err(`command "${name}" is not supported (ping, nc, traceroute, arping, ip route get/show, ip neigh show, ip link set, sleep)`);
  }
}

/** The words of a one-command line (no pipes), or why it cannot be split. */
export function shellWords(line: string): string[] | string {
  const stages = shellSplit(line.trim());
  if (typeof stages === 'string') return stages;
  if (stages.length !== 1) return 'one command, without pipes';
  return stages[0]!;
}
