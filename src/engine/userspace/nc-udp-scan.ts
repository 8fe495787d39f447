// `nc -z -u [-v] HOST PORT`: OpenBSD netcat's UDP port test (Debian's netcat.c, udptest). A
// connected UDP socket writes "X", then "X" again: when the port is closed, the ICMP port
// unreachable has come back by then (on one Linux machine the whole path runs within the first
// write) and the second write fails with ECONNREFUSED: nc exits 1 and says nothing, even with -v.
// Otherwise it sleeps a second and writes "X" three times (UDP_SCAN_TIMEOUT), stopping at an
// ECONNREFUSED; when none came, the port counts as open: `Connection to HOST PORT port
// [udp/SERVICE] succeeded!` with -v, exit 0. Another error (host unreachable) is reported by one
// write and ignored, as nc ignores it.

import { udpSend } from '../devices/linux/udp';
import { US_PER_S } from '../sim/sim';
import type { Command } from './commands';
import { failedProcess, udpConnect, udpExit } from './nc';
import type { Process, ProcessEnv } from './process';
import { ncServiceName } from './services';

/** Between the first two writes: long enough for the port's answer to come back in any walk. */
const SECOND_WRITE_US = 1000;
/** UDP_SCAN_TIMEOUT: the writes a second apart after the first two. */
const SCAN_WRITES = 3;

export function ncUdpScan(cmd: Extract<Command, { kind: 'nc-udp' }>, env: ProcessEnv): Process {
  const { sim, stack } = env;
  const p: Process = { stdout: '', stderr: '', kill: () => end(null) };
  // The error the kernel keeps for the socket's next write (sk_err), from an ICMP error.
  let pending: string | undefined;
  let ended = false;
  const sock = udpConnect(cmd, env, {
    onDatagram: () => {},
    onError: (err) => {
      pending = err;
    },
  });
  if (typeof sock === 'string') return failedProcess(env, sock);
  const end = (code: number | null) => {
    if (ended) return;
    ended = true;
    udpExit(env, sock, code);
  };
  /** write(s, "X", 1): the error it returns, if any (a pending one is returned instead of sending). */
  const write = (): string | undefined => {
    if (pending !== undefined) {
      const e = pending;
      pending = undefined;
      return e;
    }
    return udpSend(stack, sock, cmd.dst, cmd.port, '58', sock.label);
  };
  const succeeded = () => {
    if (cmd.verbose) p.stderr += `Connection to ${cmd.dst} ${cmd.port} port [udp/${ncServiceName(cmd.port, 'udp')}] succeeded!\n`;
    end(0);
  };
  const later = (n: number) => {
    if (n === SCAN_WRITES) return succeeded();
    sim.after(US_PER_S, () => {
      if (ended) return;
      if (write() === 'ECONNREFUSED') return end(1);
      later(n + 1);
    });
  };
  if (write() !== undefined) {
    sim.after(0, () => end(1));
    return p;
  }
  sim.after(SECOND_WRITE_US, () => {
    if (ended) return;
    if (write() === 'ECONNREFUSED') return end(1);
    later(0);
  });
  return p;
}
