// A scenario step's program, started on one node: the program is the file named after it in this
// folder (ping, nc, ip, sleep); this is what they share with the scenario runner (simulate.ts):
// how a program is started, what it prints, how it ends or is killed.

import type { LinuxStack } from '../devices/linux/stack';
import type { Command } from './commands';
import type { Sim } from '../sim/sim';
import { ipNeighShow, ipRouteGet, ipRouteShow } from './ip';
import { ncTcpClient, ncTcpListen, ncUdpClient, ncUdpListen } from './nc';
import { ping } from './ping';
import { sleep } from './sleep';

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

/** execve: the program a parsed command line names. */
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
    case 'sleep':
      return sleep(cmd, env);
    case 'ip-route-get':
      return ipRouteGet(cmd, env);
    case 'ip-route-show':
      return ipRouteShow(cmd, env);
    case 'ip-neigh-show':
      return ipNeighShow(env);
  }
}
