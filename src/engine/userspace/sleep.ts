// coreutils sleep: ends with status 0 after its seconds, unless the scenario kills it first.

import type { Command } from './commands';
import { US_PER_S } from '../sim/sim';
import type { Process, ProcessEnv } from './process';

export function sleep(cmd: Extract<Command, { kind: 'sleep' }>, env: ProcessEnv): Process {
  const p: Process = { stdout: '', stderr: '', kill: () => (killed = true) };
  let killed = false;
  env.sim.after(cmd.seconds * US_PER_S, () => {
    if (!killed) env.exit(0);
  });
  return p;
}
