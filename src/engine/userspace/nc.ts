// OpenBSD netcat, as the scenario runs it: `nc -u` (a connected UDP client, and a listener that
// connects to its first peer and answers with its input) and TCP `nc` (a client with -N/-q/-w, a
// listener for one connection). Its input is the `echo` piped into it; what it reads is its output.

import type { Ipv4Addr } from '../wire/addr';
import { IPPROTO } from '../wire/types';
import { routeOutput } from '../devices/linux/route';
import type { Skb } from '../devices/linux/skb';
import type { LinuxStack } from '../devices/linux/stack';
import { tcpClose, tcpConnect, tcpListen, tcpPortInUse, tcpSendmsg, type TcpSock } from '../devices/linux/tcp';
import { ephemeralPort, udpSend, type UdpSocket } from '../devices/linux/udp';
import { STRERROR } from '../linux-text';
import { ncServiceName } from './services';
import type { Command, NcClient } from './commands';
import { US_PER_S } from '../sim/sim';
import { socketView } from '../sim/trace';
import type { Process, ProcessEnv } from './process';

/** UTF-8 bytes of a string, as hex (what `echo` writes into the pipe). */
function textToHex(s: string): string {
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

/** The text of UTF-8 bytes given as hex (what nc writes to its output). */
function hexToText(hex: string): string {
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

// -----------------------------------------------------------------------------------------------
// UDP (-u)

function bindCheck(stack: LinuxStack, port: number): boolean {
  return !stack.udpSockets.some((s) => !s.closed && s.localPort === port);
}

/**
 * socket(), bind() and connect() of nc's UDP client: the connected socket (in the stack, its
 * state ESTAB in the trace), or what nc says when it cannot have it.
 */
export function udpConnect(cmd: NcClient, env: ProcessEnv, events: Pick<UdpSocket, 'onDatagram' | 'onError'>): UdpSocket | string {
  const { sim, stack } = env;
  const localPort = cmd.srcPort ?? ephemeralPort(stack);
  if (cmd.srcPort !== undefined && !bindCheck(stack, cmd.srcPort)) return 'nc: Address already in use\n';
  // connect(): the route decides the source address, or the error nc reports.
  const src = cmd.src ? { src: cmd.src } : {};
  const rt = routeOutput(stack, cmd.dst, { ...src, purpose: 'output', flow: { ...src, proto: IPPROTO.udp, sport: localPort, dport: cmd.port } });
  if (rt.kind === 'error' || rt.type === 'broadcast') {
    // Without -v, nc says nothing about a connect that failed (it still exits 1).
    if (!cmd.verbose) return '';
    const e = rt.kind === 'error' ? STRERROR[rt.error] : STRERROR.EACCES;
    return `nc: connect to ${cmd.dst} port ${cmd.port} (udp) failed: ${e}\n`;
  }
  const sock: UdpSocket = {
    label: `udp ${rt.src}:${localPort} → ${cmd.dst}:${cmd.port}`,
    localIp: rt.src,
    localPort,
    remoteIp: cmd.dst,
    remotePort: cmd.port,
    inetId: sim.randomInt(0x10000),
    closed: false,
    ...events,
  };
  stack.udpSockets.push(sock);
  udpState(env, sock, 'ESTAB');
  return sock;
}

/** nc exits (unless killed: `code` null), then its socket is gone (the trace says it in that order). */
export function udpExit(env: ProcessEnv, sock: UdpSocket, code: number | null): void {
  sock.closed = true;
  if (code !== null) env.exit(code);
  udpState(env, sock, null);
}

/** A process that failed before it did anything: its message, exit status 1. */
export function failedProcess(env: ProcessEnv, stderr: string): Process {
  env.sim.after(0, () => env.exit(1));
  return { stdout: '', stderr, kill: () => {} };
}

export function ncUdpClient(cmd: Extract<Command, { kind: 'nc-udp' }>, env: ProcessEnv): Process {
  const { sim, stack } = env;
  const p: Process = { stdout: '', stderr: '', kill: () => end(null) };
  let ended = false;
  let idleGen = 0;
  const sock = udpConnect(cmd, env, {
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
  });
  if (typeof sock === 'string') return failedProcess(env, sock);
  const end = (code: number | null) => {
    if (ended) return;
    ended = true;
    udpExit(env, sock, code);
  };
  const armIdle = () => {
    const gen = ++idleGen;
    if (cmd.waitS !== undefined) sim.after(cmd.waitS * US_PER_S, () => gen === idleGen && end(0));
    if (cmd.quitS !== undefined) sim.after(cmd.quitS * US_PER_S, () => gen === idleGen && end(0));
  };
  if (cmd.stdin.length > 0) {
    const error = udpSend(stack, sock, cmd.dst, cmd.port, textToHex(cmd.stdin), sock.label);
    if (error) p.stderr += `nc: write failed: ${STRERROR[error]}\n`;
  }
  armIdle();
  return p;
}

export function ncUdpListen(cmd: Extract<Command, { kind: 'nc-udp-listen' }>, env: ProcessEnv): Process {
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
        // nc -u -l connects its socket to the first sender (its data only peeked at), then sends
        // what it read on stdin. A connect() that finds no route ends it: err(1, "connect").
        const rt = routeOutput(stack, from, { src: skb.ip.dstIp });
        if (rt.kind === 'error') {
          p.stderr += `nc: connect: ${STRERROR[rt.error]}\n`;
          p.kill();
          sim.after(0, () => env.exit(1));
          return;
        }
        connected = true;
        sock.remoteIp = from;
        sock.remotePort = fromPort;
        sock.localIp = skb.ip.dstIp;
        udpState(env, sock, 'ESTAB');
        if (cmd.stdin.length > 0) udpSend(stack, sock, from, fromPort, textToHex(cmd.stdin), sock.label);
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
// TCP

/** strerror() of what a connect() can fail with. */
const CONNECT_ERROR: Record<string, string> = { ...STRERROR, ECONNREFUSED: 'Connection refused', ECONNRESET: 'Connection reset by peer', ETIMEDOUT: 'Connection timed out' };

/** How long after writing its input nc notices the end of it (the `echo` feeding it exits). */
const STDIN_EOF_US = 1000;

export function ncTcpClient(cmd: Extract<Command, { kind: 'nc-tcp' }>, env: ProcessEnv): Process {
  const { sim, stack } = env;
  const p: Process = { stdout: '', stderr: '', kill: () => end(null) };
  let ended = false;
  let idleGen = 0;
  let sock: TcpSock | undefined = undefined;
  const end = (code: number | null) => {
    if (ended) return;
    ended = true;
    // A process that exits closes its socket: the kernel finishes the connection.
    if (sock && (sock.state === 'ESTABLISHED' || sock.state === 'CLOSE_WAIT' || sock.state === 'SYN_SENT')) tcpClose(stack, sock);
    if (code !== null) env.exit(code);
  };
  const sport = cmd.srcPort ?? ephemeralPort(stack);
  if (cmd.srcPort !== undefined && tcpPortInUse(stack, cmd.srcPort)) {
    p.stderr = 'nc: Address already in use\n';
    sim.after(0, () => env.exit(1));
    return p;
  }
  const idle = () => {
    const gen = ++idleGen;
    if (cmd.waitS !== undefined) sim.after(cmd.waitS * US_PER_S, () => gen === idleGen && end(0));
  };
  const res = tcpConnect(stack, cmd.dst, cmd.port, sport, {
    onConnected: () => {
      // -z: the connection is the answer; nc closes it at once (-v says so).
      if (cmd.zero) {
        if (cmd.verbose) p.stderr += `Connection to ${cmd.dst} ${cmd.port} port [tcp/${ncServiceName(cmd.port, 'tcp')}] succeeded!\n`;
        return end(0);
      }
      if (cmd.stdin.length > 0) tcpSendmsg(stack, sock!, textToHex(cmd.stdin));
      sim.after(STDIN_EOF_US, () => {
        if (ended) return;
        if (cmd.shutdown) tcpClose(stack, sock!);
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
    onError: (err) => {
      if (cmd.verbose) p.stderr += `nc: connect to ${cmd.dst} port ${cmd.port} (tcp) failed: ${CONNECT_ERROR[err] ?? err}\n`;
      end(1);
    },
  }, cmd.src);
  if (typeof res === 'string') {
    if (cmd.verbose) p.stderr = `nc: connect to ${cmd.dst} port ${cmd.port} (tcp) failed: ${STRERROR[res]}\n`;
    sim.after(0, () => env.exit(1));
    return p;
  }
  sock = res;
  // -w also bounds the connection attempt.
  if (cmd.waitS !== undefined) sim.after(cmd.waitS * US_PER_S, () => sock!.state === 'SYN_SENT' && end(1));
  return p;
}

export function ncTcpListen(cmd: Extract<Command, { kind: 'nc-tcp-listen' }>, env: ProcessEnv): Process {
  const { sim, stack } = env;
  const p: Process = { stdout: '', stderr: '', kill: () => (ended = true) };
  let ended = false;
  if (tcpPortInUse(stack, cmd.port)) {
    p.stderr = 'nc: Address already in use\n';
    sim.after(0, () => env.exit(1));
    return p;
  }
  tcpListen(stack, cmd.port, {
    onAccept: (conn) => {
      conn.events = {
        onData: (hex) => {
          if (!ended) p.stdout += hexToText(hex);
        },
        // The client is done and so is our input (echo, or nothing): nc closes and exits.
        onEof: () => {
          if (conn.finSeq === undefined) tcpClose(stack, conn);
          if (!ended) sim.after(0, () => env.exit(0));
          ended = true;
        },
        onError: () => {
          if (!ended) sim.after(0, () => env.exit(1));
          ended = true;
        },
      };
      if (cmd.stdin.length > 0) tcpSendmsg(stack, conn, textToHex(cmd.stdin));
      if (cmd.shutdown) sim.after(STDIN_EOF_US, () => tcpClose(stack, conn));
    },
  });
  return p;
}
