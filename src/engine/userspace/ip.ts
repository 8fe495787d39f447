// iproute2's queries a scenario can run: `ip route get` (an output route lookup, printed as
// iproute2 prints it, with its error and exit status), `ip route show [table …]` and
// `ip neigh show`. Each prints at once and exits.

import { routeOutput, stackRoutes } from '../devices/linux/route';
import { formatNeighs, formatRouteGet, formatRoutes } from '../linux-text';
import type { Command } from './commands';
import type { Process, ProcessEnv } from './process';

export function ipRouteGet(cmd: Extract<Command, { kind: 'ip-route-get' }>, env: ProcessEnv): Process {
  const rt = routeOutput(env.stack, cmd.dst, { ...(cmd.from ? { src: cmd.from } : {}), purpose: 'query' });
  const out = formatRouteGet(cmd.dst, cmd.from, rt, env.sim.now);
  return instant(env, out.stdout, out.stderr, out.exit);
}

export function ipRouteShow(cmd: Extract<Command, { kind: 'ip-route-show' }>, env: ProcessEnv): Process {
  return instant(env, formatRoutes(stackRoutes(env.stack), cmd.table), '', 0);
}

export function ipNeighShow(env: ProcessEnv): Process {
  const list = env.stack.neigh.list().sort((a, b) => (a.dev < b.dev ? -1 : a.dev > b.dev ? 1 : 0));
  return instant(env, formatNeighs(list), '', 0);
}

/** A program that prints and exits at once (its exit is seen on the next turn of the clock). */
function instant(env: ProcessEnv, stdout: string, stderr: string, code: number): Process {
  const p: Process = { stdout, stderr, kill: () => {} };
  env.sim.after(0, () => env.exit(code));
  return p;
}
