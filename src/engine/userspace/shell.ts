// A device's terminal: one command line typed at `root@NODE:~#`, run as Linux would run it on that
// node. Each program is the file named after it in this folder; this is the shell between them:
// it splits the line, finds the program, and says what came of it:
//   - printed output and an exit status (`ip route`, `sysctl KEY`, an error…);
//   - a configuration change (`ip addr add`, `ip route add`, `ip neigh add`, `sysctl -w`,
//     `iptables -t nat -A`, `hostname NAME`): the new topology, which the app applies as one edit;
//   - a walk (`ping`, `nc`, `traceroute`, `arping`): the command, checked, that the app walks on
//     the node as a one-step scenario, its output printed as the walk reaches it;
//   - a capture (`tcpdump`): the interface and options whose frames the app prints as walks pass.
// What a node learned (its neighbour table, conntrack entries, a bridge's fdb, sockets) comes
// from the last walk: packetwalk's runs start from the configuration, so this is the state the
// terminal shows.

import type { ConntrackView } from '../tables/conntrack';
import type { FdbView, NeighView, SocketView, StpView } from '../sim/trace';
import type { Topology, TopoNode } from '../topology';
import type { LinkState } from './ip-link-state';
import { shellSplit } from './commands';
import { ip } from './iproute';
import { hostname } from './hostname';
import { sysctl } from './sysctl';
import { bridge } from './bridge';
import { iptables } from './iptables';
import { conntrack } from './conntrack';
import { ss } from './ss';
import { tcpdump } from './tcpdump';
import type { TcpdumpOptions } from './tcpdump-print';
import { traffic } from './traffic';
import type { IfStats } from './ip-stats';

/** What a node learned during the last walk, as its programs would read it. */
export interface Learned {
  neigh?: NeighView[];
  conntrack?: ConntrackView[];
  fdb?: FdbView[];
  sockets?: SocketView[];
  /** each interface's counters by the step shown (`ip -s`; ip-stats.ts linkStats) */
  stats?: Record<string, IfStats>;
  /** a bridge's spanning tree by the step shown (its ports' states) */
  stp?: StpView;
  /** the interfaces the walk had set down by the step shown, and those without carrier (ip-link-state.ts) */
  links?: LinkState;
}

/** What a program sees: the network, its node, and what the node learned. */
export interface ShellEnv {
  topology: Topology;
  node: TopoNode;
  learned: Learned;
}

export interface Printed {
  stdout: string;
  stderr: string;
  exit: number;
}

/** What came of one command line. */
export type ShellResult =
  | (Printed & { kind: 'done'; /** the configuration the command made, when it changed it */ topology?: Topology })
  | { kind: 'walk'; run: string }
  | { kind: 'capture'; options: TcpdumpOptions; stderr: string };

/** A program of the terminal: its arguments (argv[1…]) and the node it runs on. */
export type Program = (args: string[], env: ShellEnv, line: string) => ShellResult;

const PROGRAMS: Record<string, Program> = {
  ip,
  hostname,
  sysctl,
  bridge,
  iptables,
  conntrack,
  ss,
  tcpdump,
  ping: traffic,
  nc: traffic,
  traceroute: traffic,
  arping: traffic,
};

/** The programs the terminal runs (Tab completes these and the terminal's own words). */
export const PROGRAM_NAMES = Object.keys(PROGRAMS);

/** Output of a command that changed nothing. */
export const printed = (stdout: string, stderr = '', exit = 0): ShellResult => ({ kind: 'done', stdout, stderr, exit });

/** A configuration change: the new topology, and what the command printed (usually nothing). */
export const changed = (topology: Topology, stdout = ''): ShellResult => ({ kind: 'done', stdout, stderr: '', exit: 0, topology });

/** An error message as the program prints it (a newline added), with its exit status. */
export const failed = (message: string, exit: number): ShellResult => printed('', message.endsWith('\n') ? message : message + '\n', exit);

/** Runs one command line on a node. */
export function runShell(topology: Topology, nodeName: string, line: string, learned: Learned = {}): ShellResult {
  const node = topology.nodes.find((n) => n.name === nodeName);
  if (!node) return failed(`bash: no such device ${nodeName}`, 127);
  const stages = shellSplit(line.trim());
  if (typeof stages === 'string') return failed(`bash: ${stages}`, 2);
  const words = stages[0] ?? [];
  if (words.length === 0) return printed('');
  // Pipelines: only `echo TEXT | nc …`, which is a walk like nc itself.
  if (stages.length > 1) return stages.length === 2 && words[0] === 'echo' && stages[1]![0] === 'nc' ? traffic(stages[1]!.slice(1), { topology, node, learned }, line) : failed('bash: pipelines other than "echo TEXT | nc …" are not supported here', 2);
  const [name, ...args] = words as [string, ...string[]];
  const program = PROGRAMS[name];
  if (!program) return failed(`bash: ${name}: command not found`, 127);
  return program(args, { topology, node, learned }, line);
}

/** iproute2's abbreviations: a word names a keyword when the keyword starts with it. */
export const matches = (word: string | undefined, keyword: string): boolean => word !== undefined && word.length > 0 && keyword.startsWith(word);
