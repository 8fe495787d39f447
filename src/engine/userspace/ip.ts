// iproute2's commands a scenario can run: `ip route get` (an output route lookup, printed as
// iproute2 prints it, with its error and exit status), `ip route show [table …]`,
// `ip neigh show` and `ip link set DEV down|up`. Each prints at once and exits.

import { routeOutput, stackRoutes } from '../devices/linux/route';
import { formatNeighs, formatRouteGet, formatRoutes } from '../linux-text';
import { linkSetUp, withLinkFlags } from '../devices/linux/link-updown';
import type { Command } from './commands';
import type { Process, ProcessEnv } from './process';

export function ipRouteGet(cmd: Extract<Command, { kind: 'ip-route-get' }>, env: ProcessEnv): Process {
  const rt = routeOutput(env.stack, cmd.dst, { ...(cmd.from ? { src: cmd.from } : {}), purpose: 'query' });
  const out = formatRouteGet(cmd.dst, cmd.from, rt, env.sim.now);
  return instant(env, out.stdout, out.stderr, out.exit);
}

export function ipRouteShow(cmd: Extract<Command, { kind: 'ip-route-show' }>, env: ProcessEnv): Process {
  return instant(env, formatRoutes(stackRoutes(env.stack).map((r) => withLinkFlags(env.stack, r)), cmd.table), '', 0);
}

/** `ip link set DEV down|up` (link-updown.ts). */
export function ipLinkSet(cmd: Extract<Command, { kind: 'ip-link-set' }>, env: ProcessEnv): Process {
  if (!linkSetUp(env.stack, cmd.dev, cmd.up)) return instant(env, '', `Cannot find device "${cmd.dev}"\n`, 1);
  return instant(env, '', '', 0);
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
