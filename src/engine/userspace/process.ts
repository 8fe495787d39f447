// A scenario step's program, started on one node: the program is the file named after it in this
// folder (ping, nc, ip, sleep, traceroute, arping); this is what they share with the scenario runner (simulate.ts):
// how a program is started, what it prints, how it ends or is killed.

import type { LinuxStack } from '../devices/linux/stack';
import type { Command } from './commands';
import type { Sim } from '../sim/sim';
import { ipLinkSet, ipNeighShow, ipRouteGet, ipRouteShow } from './ip';
import { ncTcpClient, ncTcpListen, ncUdpClient, ncUdpListen } from './nc';
import { ncUdpScan } from './nc-udp-scan';
import { ping } from './ping';
import { sleep } from './sleep';
import { traceroute } from './traceroute';
import { arping } from './arping';

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
  /**
   * SIGINT (Ctrl+C in a terminal), for a program that handles it (ping prints its statistics and
   * exits); without it the process dies of the signal (exit status 130).
   */
  interrupt?(): void;
}

/** A piece of a process's output, with the trace position it follows (the last event before it was written). */
export interface OutputChunk {
  /** seq of the last trace event before the write (-1: before any) */
  at: number;
  stream: 'stdout' | 'stderr';
  text: string;
}

/**
 * Records what a process prints as it prints it (the programs append to `stdout` and `stderr`),
 * so that a terminal can show a walk's output as the walk reaches it rather than all at the end.
 */
export function watchOutput(p: Process, chunks: OutputChunk[], at: () => number): void {
  for (const stream of ['stdout', 'stderr'] as const) {
    let value = p[stream];
    if (value) chunks.push({ at: at(), stream, text: value });
    Object.defineProperty(p, stream, {
      enumerable: true,
      get: () => value,
      set: (next: string) => {
        // Programs only append; a rewrite is recorded whole.
        const text = next.startsWith(value) ? next.slice(value.length) : next;
        if (text) chunks.push({ at: at(), stream, text });
        value = next;
      },
    });
  }
}

/** execve: the program a parsed command line names. */
export function startProcess(cmd: Command, env: ProcessEnv): Process {
  switch (cmd.kind) {
    case 'ping':
      return ping(cmd, env);
    case 'nc-udp':
      return cmd.zero ? ncUdpScan(cmd, env) : ncUdpClient(cmd, env);
    case 'nc-udp-listen':
      return ncUdpListen(cmd, env);
    case 'nc-tcp':
      return ncTcpClient(cmd, env);
    case 'nc-tcp-listen':
      return ncTcpListen(cmd, env);
    case 'sleep':
      return sleep(cmd, env);
    case 'ip-route-get':
      return ipRouteGet(cmd, env);
    case 'ip-route-show':
      return ipRouteShow(cmd, env);
    case 'ip-neigh-show':
      return ipNeighShow(env);
    case 'ip-link-set':
      return ipLinkSet(cmd, env);
    case 'traceroute':
      return traceroute(cmd, env);
    case 'arping':
      return arping(cmd, env);
  }
}
