// The user-space programs of a scenario, as they behave on Linux: iputils ping (raw ICMP socket,
// one request per interval, replies and ICMP errors read back, the summary it prints, its exit
// status), OpenBSD netcat in UDP mode (client and listener) and iproute2 queries. Output text is
// what those programs print, so a trace can be compared with a terminal.

import { ICMP, IPPROTO, type IcmpMessage, type Ipv4Packet } from '../wire/types';
import { buildIcmpEcho } from '../wire/icmp';
import { buildIpv4 } from '../wire/ipv4';
import type { Ipv4Addr } from '../wire/addr';
import { DEFAULT_TTL, type LinuxStack, type PingSocket, type Skb, type UdpSocket } from '../devices/linux';
import type { TcpSock } from '../devices/tcp';
import { formatNeighs, formatRouteGet, formatRoutes, STRERROR } from '../linux-text';
import type { Command } from './commands';
import { US_PER_MS, US_PER_S, type Sim } from './sim';
import { socketView } from './trace';

/** Wall-clock seconds at virtual time 0 (2026-01-01T00:00:00Z): ping's timestamps. */
export const EPOCH_S = 1_767_225_600;

export interface ProcessEnv {
  sim: Sim;
  stack: LinuxStack;
  step: number;
  /** the process ended by itself */
  exit(code: number): void;
}

export interface Process {
  stdout: string;
  stderr: string;
  /** the scenario stops a background process, or a step's timeout kills it */
  kill(): void;
}

export function textToHex(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    const bytes =
      cp < 0x80
        ? [cp]
        : cp < 0x800
          ? [0xc0 | (cp >> 6), 0x80 | (cp & 63)]
          : cp < 0x10000
            ? [0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63)]
            : [0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63)];
    for (const b of bytes) out += b.toString(16).padStart(2, '0');
  }
  return out;
}

export function hexToText(hex: string): string {
  const bytes: number[] = [];
  for (let i = 0; i + 1 < hex.length; i += 2) bytes.push(parseInt(hex.slice(i, i + 2), 16));
  let s = '';
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    const n = b < 0x80 ? 1 : b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    let cp = n === 1 ? b : b & (0xff >> (n + 1));
    for (let k = 1; k < n; k++) cp = (cp << 6) | ((bytes[i + k] ?? 0x80) & 63);
    s += String.fromCodePoint(cp > 0x10ffff ? 0xfffd : cp);
    i += n;
  }
  return s;
}

export function startProcess(cmd: Command, env: ProcessEnv): Process {
  switch (cmd.kind) {
    case 'ping':
      return ping(cmd, env);
    case 'nc-udp':
      return ncUdpClient(cmd, env);
    case 'nc-udp-listen':
      return ncUdpListen(cmd, env);
    case 'nc-tcp':
      return ncTcpClient(cmd, env);
    case 'nc-tcp-listen':
      return ncTcpListen(cmd, env);
    case 'sleep': {
      const p: Process = { stdout: '', stderr: '', kill: () => (killed = true) };
      let killed = false;
      env.sim.after(cmd.seconds * US_PER_S, () => {
        if (!killed) env.exit(0);
      });
      return p;
    }
    case 'ip-route-get': {
      const rt = env.stack.routeOutput(cmd.dst, { ...(cmd.from ? { src: cmd.from } : {}), purpose: 'query' });
      const out = formatRouteGet(cmd.dst, cmd.from, rt, env.sim.now);
      return instant(env, out.stdout, out.stderr, out.exit);
    }
    case 'ip-route-show':
      return instant(env, formatRoutes(env.stack.routes(), cmd.table), '', 0);
    case 'ip-neigh-show': {
      const list = env.stack.neigh.list().sort((a, b) => (a.dev < b.dev ? -1 : a.dev > b.dev ? 1 : 0));
      return instant(env, formatNeighs(list), '', 0);
    }
  }
}

function instant(env: ProcessEnv, stdout: string, stderr: string, code: number): Process {
  const p: Process = { stdout, stderr, kill: () => {} };
  env.sim.after(0, () => env.exit(code));
  return p;
}

// -----------------------------------------------------------------------------------------------
// ping (iputils)

const UNREACH_TEXT: Record<number, string> = {
  0: 'Destination Net Unreachable',
  1: 'Destination Host Unreachable',
  2: 'Destination Protocol Unreachable',
  3: 'Destination Port Unreachable',
  4: 'Frag needed and DF set',
  5: 'Source Route Failed',
  6: 'Destination Net Unknown',
  7: 'Destination Host Unknown',
  8: 'Source Host Isolated',
  9: 'Destination Net Prohibited',
  10: 'Destination Host Prohibited',
  11: 'Destination Net Unreachable for Type of Service',
  12: 'Destination Host Unreachable for Type of Service',
  13: 'Packet filtered',
  14: 'Precedence Violation',
  15: 'Precedence Cutoff',
};
const REDIRECT_TEXT: Record<number, string> = {
  0: 'Redirect Network',
  1: 'Redirect Host',
  2: 'Redirect Type of Service and Network',
  3: 'Redirect Type of Service and Host',
};

/** pr_icmph: the text ping prints for an ICMP error. */
export function icmpErrorText(type: number, code: number): string {
  if (type === ICMP.destUnreachable) return UNREACH_TEXT[code] ?? `Dest Unreachable, Bad Code: ${code}`;
  if (type === ICMP.timeExceeded) return code === 0 ? 'Time to live exceeded' : code === 1 ? 'Frag reassembly time exceeded' : `Time exceeded, Bad Code: ${code}`;
  if (type === ICMP.parameterProblem) return 'Parameter problem: pointer = 0';
  if (type === 4) return 'Source Quench';
  return `Bad ICMP type: ${type}`;
}

/** iputils prints RTTs with 3 significant decimals below 1 ms, fewer above. */
function fmtRtt(us: number): string {
  const ms = Math.floor(us / 1000);
  const frac = us % 1000;
  if (ms >= 100) return `${ms}`;
  if (ms >= 10) return `${ms}.${Math.floor(frac / 100)}`;
  if (ms >= 1) return `${ms}.${String(Math.floor(frac / 10)).padStart(2, '0')}`;
  return `${ms}.${String(frac).padStart(3, '0')}`;
}

const ms3 = (us: number) => `${Math.floor(us / 1000)}.${String(Math.round(us) % 1000).padStart(3, '0')}`;

/** ping's payload: a struct timeval (16 bytes, little-endian) then bytes 0x10, 0x11, … */
function pingData(now: number, size: number): string {
  let hex = '';
  const le = (n: number, bytes: number) => {
    let s = '';
    let v = BigInt(Math.floor(n));
    for (let i = 0; i < bytes; i++) {
      s += Number(v & 0xffn).toString(16).padStart(2, '0');
      v >>= 8n;
    }
    return s;
  };
  if (size >= 16) {
    hex += le(EPOCH_S + Math.floor(now / US_PER_S), 8) + le(now % US_PER_S, 8);
    for (let i = 16; i < size; i++) hex += (i & 0xff).toString(16).padStart(2, '0');
  } else {
    for (let i = 0; i < size; i++) hex += (i & 0xff).toString(16).padStart(2, '0');
  }
  return hex;
}

function ping(cmd: Extract<Command, { kind: 'ping' }>, env: ProcessEnv): Process {
  const { sim, stack } = env;
  const p: Process = { stdout: '', stderr: '', kill: () => finish(true) };
  const probe = stack.routeOutput(cmd.dst, { purpose: 'output' });
  if (probe.kind === 'error' || (probe.type === 'broadcast' && !cmd.broadcast)) {
    if (probe.kind === 'error' && probe.error !== 'EACCES') p.stderr = `ping: connect: ${STRERROR[probe.error]}\n`;
    else p.stderr = 'ping: Do you want to ping broadcast? Then -b. If not, check your local firewall rules\n';
    sim.after(0, () => env.exit(2));
    return p;
  }
  const start = sim.now;
  const ident = 1 + sim.randomInt(0xfffe);
  // Echo requests carry DF and a per-socket IP identification counter (as captured on Linux).
  let ipId = sim.randomInt(0x10000);
  const sent = new Map<number, number>();
  const seen = new Set<number>();
  const rtts: number[] = [];
  // iputils sends the request after a good reply with MSG_CONFIRM (confirm_flag).
  let confirm = false;
  let ntransmitted = 0;
  let nreceived = 0;
  let nerrors = 0;
  let nrepeats = 0;
  let ended = false;
  p.stdout = `PING ${cmd.dst} (${cmd.dst}) ${cmd.size}(${cmd.size + 28}) bytes of data.\n`;
  const sock: PingSocket = {
    label: `ping ${cmd.dst}`,
    ident,
    closed: false,
    onIcmp: (icmp: IcmpMessage, ip: Ipv4Packet) => onIcmp(icmp, ip),
  };
  stack.pingSockets.push(sock);

  const intervalUs = Math.round(cmd.intervalS * US_PER_S);
  const send = () => {
    if (ended) return;
    const seq = ntransmitted + 1;
    const pkt = sim.newPacketId();
    const rt = stack.routeOutput(cmd.dst, { pkt, src: probe.src });
    ntransmitted++;
    if (rt.kind === 'error') {
      p.stdout += `ping: sendmsg: ${STRERROR[rt.error]}\n`;
      nerrors++;
    } else {
      sent.set(seq, sim.now);
      if (confirm && rt.type === 'unicast') stack.confirmNeigh(rt.dev, rt.nexthop);
      confirm = false;
      const ip = buildIpv4({
        srcIp: rt.src,
        dstIp: cmd.dst,
        protocol: IPPROTO.icmp,
        ttl: cmd.ttl ?? DEFAULT_TTL,
        identification: ipId++ & 0xffff,
        df: true,
        payload: buildIcmpEcho({ type: 8, identifier: ident, sequence: seq & 0xffff, data: pingData(sim.now, cmd.size) }),
      });
      stack.ipLocalOut({ pkt, ip, pktType: 'host' }, rt, `ping ${cmd.dst}`);
    }
    if (cmd.count === undefined || ntransmitted < cmd.count) sim.after(intervalUs, send);
    else scheduleExit();
    checkDone();
  };

  const scheduleExit = () => {
    // After the last request: wait 2×max RTT (at least one interval) if anything came back,
    // else the -W linger time (10 s by default).
    const waitUs = nreceived > 0 ? Math.max(2 * Math.max(...rtts), intervalUs) : (cmd.waitS ?? 10) * US_PER_S;
    sim.after(waitUs, () => finish(false));
  };

  if (cmd.deadlineS !== undefined) sim.after(cmd.deadlineS * US_PER_S, () => finish(false));

  const checkDone = () => {
    if (cmd.count !== undefined && nreceived + nerrors >= cmd.count) finish(false);
    else if (cmd.deadlineS !== undefined && nerrors > 0) finish(false);
  };

  const quotedEcho = (icmp: IcmpMessage) => {
    const q = icmp.quote;
    if (!q || q.protocol !== IPPROTO.icmp || q.payload.kind !== 'icmp') return undefined;
    if (q.payload.type !== ICMP.echoRequest || q.payload.identifier !== ident || q.dstIp !== cmd.dst) return undefined;
    return q.payload.sequence ?? 0;
  };

  const onIcmp = (icmp: IcmpMessage, ip: Ipv4Packet) => {
    if (ended) return;
    if (icmp.type === ICMP.echoReply) {
      if (icmp.identifier !== ident) return;
      if (ip.srcIp !== cmd.dst && !cmd.broadcast) return;
      const seq = icmp.sequence ?? 0;
      const t0 = sent.get(seq);
      if (t0 === undefined) return;
      const rtt = sim.now - t0;
      const dup = seen.has(seq);
      confirm = true;
      if (dup) nrepeats++;
      else {
        seen.add(seq);
        nreceived++;
        rtts.push(rtt);
      }
      if (!cmd.quiet) {
        const bytes = 8 + (icmp.data?.length ?? 0) / 2;
        p.stdout += `${bytes} bytes from ${ip.srcIp}: icmp_seq=${seq} ttl=${ip.ttl} time=${fmtRtt(rtt)} ms${dup ? ' (DUP!)' : ''}\n`;
      }
      checkDone();
      return;
    }
    const seq = quotedEcho(icmp);
    if (seq === undefined) return;
    if (icmp.type === ICMP.redirect) {
      if (!cmd.quiet) p.stdout += `From ${ip.srcIp}: icmp_seq=${seq} ${REDIRECT_TEXT[icmp.code] ?? 'Redirect, Bad Code: ' + icmp.code}(New nexthop: ${icmp.gateway})\n`;
      return;
    }
    if (icmp.type === ICMP.destUnreachable || icmp.type === ICMP.timeExceeded || icmp.type === ICMP.parameterProblem || icmp.type === 4) {
      nerrors++;
      if (!cmd.quiet) p.stdout += `From ${ip.srcIp} icmp_seq=${seq} ${icmpErrorText(icmp.type, icmp.code)}\n`;
      checkDone();
    }
  };

  const finish = (killed: boolean) => {
    if (ended) return;
    ended = true;
    sock.closed = true;
    if (killed) return;
    const elapsedMs = Math.round((sim.now - start) / US_PER_MS);
    let line = `${ntransmitted} packets transmitted, ${nreceived} received`;
    if (nrepeats) line += `, +${nrepeats} duplicates`;
    if (nerrors) line += `, +${nerrors} errors`;
    if (ntransmitted) {
      const loss = ((ntransmitted - nreceived) * 100) / ntransmitted;
      line += `, ${formatG(loss)}% packet loss`;
    }
    line += `, time ${elapsedMs}ms`;
    p.stdout += `\n--- ${cmd.dst} ping statistics ---\n${line}\n`;
    if (nreceived > 0) {
      const min = Math.min(...rtts);
      const max = Math.max(...rtts);
      const avg = rtts.reduce((a, b) => a + b, 0) / rtts.length;
      const mdev = Math.sqrt(rtts.reduce((a, b) => a + b * b, 0) / rtts.length - avg * avg);
      p.stdout += `rtt min/avg/max/mdev = ${ms3(min)}/${ms3(avg)}/${ms3(max)}/${ms3(mdev)} ms\n`;
    } else p.stdout += '\n';
    const failed = nreceived === 0 || (cmd.deadlineS !== undefined && cmd.count !== undefined && nreceived < cmd.count);
    env.exit(failed ? 1 : 0);
  };

  send();
  return p;
}

/** printf("%g"): up to 6 significant digits, no trailing zeros. */
function formatG(x: number): string {
  if (x === 0) return '0';
  return String(Number(x.toPrecision(6)));
}

// -----------------------------------------------------------------------------------------------
// nc -u (OpenBSD netcat)

function bindCheck(stack: LinuxStack, port: number): boolean {
  return !stack.udpSockets.some((s) => !s.closed && s.localPort === port);
}

function ncUdpClient(cmd: Extract<Command, { kind: 'nc-udp' }>, env: ProcessEnv): Process {
  const { sim, stack } = env;
  const p: Process = { stdout: '', stderr: '', kill: () => end(null) };
  let ended = false;
  let idleGen = 0;
  const localPort = cmd.srcPort ?? stack.ephemeralPort();
  if (cmd.srcPort !== undefined && !bindCheck(stack, cmd.srcPort)) {
    p.stderr = 'nc: Address already in use\n';
    sim.after(0, () => env.exit(1));
    return p;
  }
  // connect(): the route decides the source address, or the error nc reports.
  const rt = stack.routeOutput(cmd.dst, { ...(cmd.src ? { src: cmd.src } : {}), purpose: 'output' });
  if (rt.kind === 'error' || rt.type === 'broadcast') {
    const e = rt.kind === 'error' ? STRERROR[rt.error] : STRERROR.EACCES;
    p.stderr = `nc: connect to ${cmd.dst} port ${cmd.port} (udp) failed: ${e}\n`;
    sim.after(0, () => env.exit(1));
    return p;
  }
  const sock: UdpSocket = {
    label: `udp ${rt.src}:${localPort} → ${cmd.dst}:${cmd.port}`,
    localIp: rt.src,
    localPort,
    remoteIp: cmd.dst,
    remotePort: cmd.port,
    inetId: sim.randomInt(0x10000),
    closed: false,
    onDatagram: (data) => {
      if (ended) return;
      p.stdout += hexToText(data);
      armIdle();
    },
    // A connected UDP socket reports the ICMP error on the next read: nc stops reading the
    // network and, its input being done too, exits with status 0.
    onError: () => {
      if (!ended) sim.after(0, () => end(0));
    },
  };
  stack.udpSockets.push(sock);
  udpState(env, sock, 'ESTAB');
  const end = (code: number | null) => {
    if (ended) return;
    ended = true;
    sock.closed = true;
    // The program exits, then its socket is gone (the trace says it in that order).
    if (code !== null) env.exit(code);
    udpState(env, sock, null);
  };
  const armIdle = () => {
    const gen = ++idleGen;
    if (cmd.waitS !== undefined) sim.after(cmd.waitS * US_PER_S, () => gen === idleGen && end(0));
    if (cmd.quitS !== undefined) sim.after(cmd.quitS * US_PER_S, () => gen === idleGen && end(0));
  };
  if (cmd.stdin.length > 0) {
    const error = stack.udpSend(sock, cmd.dst, cmd.port, textToHex(cmd.stdin), sock.label);
    if (error) p.stderr += `nc: write failed: ${STRERROR[error]}\n`;
  }
  armIdle();
  return p;
}

function ncUdpListen(cmd: Extract<Command, { kind: 'nc-udp-listen' }>, env: ProcessEnv): Process {
  const { sim, stack } = env;
  const p: Process = {
    stdout: '',
    stderr: '',
    kill: () => {
      sock.closed = true;
      udpState(env, sock, null);
    },
  };
  if (!bindCheck(stack, cmd.port)) {
    p.stderr = 'nc: Address already in use\n';
    const failed: Process = { stdout: '', stderr: p.stderr, kill: () => {} };
    sim.after(0, () => env.exit(1));
    return failed;
  }
  let connected = false;
  const sock: UdpSocket = {
    label: `udp 0.0.0.0:${cmd.port}`,
    localPort: cmd.port,
    inetId: sim.randomInt(0x10000),
    closed: false,
    onDatagram: (data: string, from: Ipv4Addr, fromPort: number, skb: Skb) => {
      if (!connected) {
        // nc -u -l connects its socket to the first sender, then sends what it read on stdin.
        connected = true;
        sock.remoteIp = from;
        sock.remotePort = fromPort;
        sock.localIp = skb.ip.dstIp;
        udpState(env, sock, 'ESTAB');
        if (cmd.stdin.length > 0) stack.udpSend(sock, from, fromPort, textToHex(cmd.stdin), sock.label);
      }
      p.stdout += hexToText(data);
    },
    onError: () => {},
  };
  stack.udpSockets.push(sock);
  udpState(env, sock, 'UNCONN');
  return p;
}

/** A UDP socket's state for the trace, as `ss -uan` shows it (null: closed). */
function udpState(env: ProcessEnv, sock: UdpSocket, state: 'UNCONN' | 'ESTAB' | null): void {
  if (env.sim.ended) return;
  env.sim.emit({ kind: 'socket.state', node: env.stack.name, socket: sock.label, view: state && socketView('udp', state, sock.label, sock) });
}

// -----------------------------------------------------------------------------------------------
// nc (TCP)

/** How long after writing its input nc notices the end of it (the `echo` feeding it exits). */
const STDIN_EOF_US = 1000;

function ncTcpClient(cmd: Extract<Command, { kind: 'nc-tcp' }>, env: ProcessEnv): Process {
  const { sim, stack } = env;
  const p: Process = { stdout: '', stderr: '', kill: () => end(null) };
  let ended = false;
  let idleGen = 0;
  let sock: TcpSock | undefined = undefined;
  const end = (code: number | null) => {
    if (ended) return;
    ended = true;
    // A process that exits closes its socket: the kernel finishes the connection.
    if (sock && (sock.state === 'ESTABLISHED' || sock.state === 'CLOSE_WAIT' || sock.state === 'SYN_SENT')) stack.tcp.close(sock);
    if (code !== null) env.exit(code);
  };
  const sport = cmd.srcPort ?? stack.ephemeralPort();
  if (cmd.srcPort !== undefined && stack.tcp.portInUse(cmd.srcPort)) {
    p.stderr = 'nc: Address already in use\n';
    sim.after(0, () => env.exit(1));
    return p;
  }
  const idle = () => {
    const gen = ++idleGen;
    if (cmd.waitS !== undefined) sim.after(cmd.waitS * US_PER_S, () => gen === idleGen && end(0));
  };
  const res = stack.tcp.connect(cmd.dst, cmd.port, sport, {
    onConnected: () => {
      if (cmd.stdin.length > 0) stack.tcp.send(sock!, textToHex(cmd.stdin));
      sim.after(STDIN_EOF_US, () => {
        if (ended) return;
        if (cmd.shutdown) stack.tcp.close(sock!);
        if (cmd.quitS !== undefined) sim.after(cmd.quitS * US_PER_S, () => end(0));
        else idle();
      });
    },
    onData: (hex) => {
      if (ended) return;
      p.stdout += hexToText(hex);
      idle();
    },
    // The server closed: nothing more to read, and the input is done: nc exits.
    onEof: () => sim.after(0, () => end(0)),
    onError: () => end(1),
  }, cmd.src);
  if (typeof res === 'string') {
    p.stderr = `nc: connect to ${cmd.dst} port ${cmd.port} (tcp) failed: ${STRERROR[res as keyof typeof STRERROR] ?? res}\n`;
    sim.after(0, () => env.exit(1));
    return p;
  }
  sock = res;
  // -w also bounds the connection attempt.
  if (cmd.waitS !== undefined) sim.after(cmd.waitS * US_PER_S, () => sock!.state === 'SYN_SENT' && end(1));
  return p;
}

function ncTcpListen(cmd: Extract<Command, { kind: 'nc-tcp-listen' }>, env: ProcessEnv): Process {
  const { sim, stack } = env;
  const p: Process = { stdout: '', stderr: '', kill: () => (ended = true) };
  let ended = false;
  if (stack.tcp.portInUse(cmd.port)) {
    p.stderr = 'nc: Address already in use\n';
    sim.after(0, () => env.exit(1));
    return p;
  }
  stack.tcp.listen(cmd.port, {
    onAccept: (conn) => {
      conn.events = {
        onData: (hex) => {
          if (!ended) p.stdout += hexToText(hex);
        },
        // The client is done and so is our input (echo, or nothing): nc closes and exits.
        onEof: () => {
          if (conn.finSeq === undefined) stack.tcp.close(conn);
          if (!ended) sim.after(0, () => env.exit(0));
          ended = true;
        },
        onError: () => {
          if (!ended) sim.after(0, () => env.exit(1));
          ended = true;
        },
      };
      if (cmd.stdin.length > 0) stack.tcp.send(conn, textToHex(cmd.stdin));
      if (cmd.shutdown) sim.after(STDIN_EOF_US, () => stack.tcp.close(conn));
    },
  });
  return p;
}
