// `ip route show|add|del|replace|flush|get` (iproute2's ip/iproute.c) on a node's configuration
// (show: less what an interface set down during the walk took away, by the step shown).
// add is the `exec:` line's (checked as the kernel checks it, with its messages); del and replace
// find a static route as the kernel matches one (destination, then the attributes given); flush
// removes the static routes a selector matches (connected routes come from addresses: take the
// address away instead). get runs the query in the simulator, as a scenario step does.

import { networkOf } from '../wire/addr';
import type { RouteSpec } from '../topology';
import { nodeRoutes, routeCheck } from '../devices/config';
import { parseRouteArgs } from '../io/exec';
import { formatRoutes, routeDestText } from '../linux-text';
import { simulate } from '../sim/simulate';
import { parseCommand } from './commands';
import { failed, matches, printed, type ShellEnv } from './shell';
import { changeNode, execOnNode, ipExit, type IpObject } from './iproute';
import { hasDev } from './ip-address';
import { liveRoutes } from './ip-link-state';

function show(args: string[], env: ShellEnv) {
  if (env.node.kind !== 'linux') return printed('');
  let table: 'main' | 'local' | 'all' = 'main';
  let dev: string | undefined;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === 'table') {
      const t = args[++i];
      if (t !== 'main' && t !== 'local' && t !== 'all') return failed(`Error: argument "${t ?? ''}" is wrong: table id value is invalid`, 255);
      table = t;
    } else if (args[i] === 'dev') {
      dev = args[++i];
      if (dev === undefined || !hasDev(env, dev)) return failed(`Cannot find device "${dev ?? ''}"`, 1);
    } else return failed(`"${args[i]}" is not supported in ip route show (table, dev)`, 255);
  }
  // A multipath route has no device of its own (no RTA_OIF): iproute2 lists it under none.
  const routes = liveRoutes(nodeRoutes(env.node), env.learned.links).filter((r) => dev === undefined || (!r.nexthops && r.dev === dev));
  // With `dev`, iproute2 leaves the device out of each line.
  const text = formatRoutes(routes, table);
  return printed(dev === undefined ? text : text.replace(new RegExp(` dev ${dev} `, 'g'), ' '));
}

/** Does a static route match what `ip route del` was told (its destination, and each attribute given)? */
function sameRoute(r: RouteSpec, want: RouteSpec): boolean {
  return (
    r.dst.ip === want.dst.ip &&
    r.dst.len === want.dst.len &&
    (want.type === 'unicast' || r.type === want.type) &&
    (want.via === undefined || r.via === want.via) &&
    (want.dev === undefined || r.dev === want.dev) &&
    (want.metric === undefined || (r.metric ?? 0) === want.metric)
  );
}

function del(args: string[], env: ShellEnv) {
  const parsed = parseRouteArgs(args);
  if (parsed.kind === 'error') return failed(parsed.message, ipExit(parsed.message));
  return changeNode(env, (n) => {
    const k = n.routes.findIndex((r) => sameRoute(r, parsed.route));
    if (k >= 0) return { ...n, routes: n.routes.filter((_, j) => j !== k) };
    const dst = routeDestText(parsed.route.dst.ip, parsed.route.dst.len);
    const kernel = nodeRoutes(n).some((r) => r.table === 'main' && r.proto === 'kernel' && routeDestText(r.dst, r.len) === dst);
    return kernel ? `${dst} is the route of an address: packetwalk derives it from the address (ip addr del takes both away)` : 'RTNETLINK answers: No such process';
  });
}

function replace(args: string[], env: ShellEnv) {
  const parsed = parseRouteArgs(args);
  if (parsed.kind === 'error') return failed(parsed.message, ipExit(parsed.message));
  const want = parsed.route;
  // The kernel replaces the route with the same destination, metric (and tos, table); else adds it.
  return changeNode(env, (n) => {
    const k = n.routes.findIndex((r) => r.dst.ip === want.dst.ip && r.dst.len === want.dst.len && (r.metric ?? 0) === (want.metric ?? 0));
    const others = { ...n, routes: n.routes.filter((_, j) => j !== k) };
    const check = routeCheck(others, want);
    if (check.kind === 'error') return check.message;
    const routes = others.routes.slice();
    routes.splice(k >= 0 ? k : routes.length, 0, want);
    return { ...n, routes };
  });
}

function flush(args: string[], env: ShellEnv) {
  if (args.length === 0) return failed('"ip route flush" requires arguments.', 255);
  let dev: string | undefined;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === 'dev') dev = args[++i];
    else if (args[i] === 'table') i++;
    else return failed(`"${args[i]}" is not supported in ip route flush (dev, table)`, 255);
  }
  if (dev !== undefined && !hasDev(env, dev)) return failed(`Cannot find device "${dev}"`, 1);
  return changeNode(env, (n) => {
    const addrs = dev === undefined ? [] : dev === 'lo' ? n.loAddrs : (n.ifaces.find((i) => i.name === dev)?.addrs ?? []);
    const outOfDev = (r: RouteSpec) => r.dev === dev || (r.dev === undefined && r.via !== undefined && addrs.some((a) => networkOf(r.via!, a.len) === networkOf(a.ip, a.len)));
    return { ...n, routes: dev === undefined ? [] : n.routes.filter((r) => !outOfDev(r)) };
  });
}

function get(args: string[], env: ShellEnv, line: string) {
  const p = parseCommand(`ip route get ${args.join(' ')}`);
  if (p.kind === 'error') return failed(p.message, 1);
  const step = simulate(env.topology, { scenario: [{ kind: 'run', on: env.node.name, run: line.trim() }] }).steps[0];
  return printed(step?.stdout ?? '', step?.stderr ?? '', step?.exit ?? 0);
}

export const ipRoute: IpObject = (args, env, opts) => {
  const [verb, ...rest] = args;
  if (verb === undefined || matches(verb, 'show') || matches(verb, 'list') || verb === 'lst') return show(rest, env);
  if (env.node.kind !== 'linux') return failed('this device is a switch: it has no routing table', 2);
  if (matches(verb, 'get')) return get(rest, env, `ip route get ${rest.join(' ')}`);
  if (matches(verb, 'add') || verb === 'append') {
    if (!rest.length) return failed('Usage: ip route { add | del | change | append | replace } ROUTE', 255);
    const r = execOnNode(env, `ip route add ${rest.join(' ')}`);
    return r.kind === 'done' && !opts.inet ? { ...r, stderr: r.stderr.replace(/^Error: inet prefix is expected/, 'Error: any valid prefix is expected') } : r;
  }
  if (matches(verb, 'delete')) return del(rest, env);
  if (matches(verb, 'replace') || matches(verb, 'change')) return replace(rest, env);
  if (matches(verb, 'flush')) return flush(rest, env);
  return failed(`Command "${verb}" is unknown, try "ip route help".`, 255);
};
