// A node's static routes edited from the inspector: as `ip route` text (one route per line, with
// or without the leading "ip route add"), one route added from the form, one deleted, and the
// "default gateway" and "routes back to the LAN" helpers. Every line is checked by the worker the way the kernel checks
// `ip route add` on that node, with the routes of the lines before it already added (a `dev`
// route can make a later gateway reachable); nothing is applied unless every line is accepted.

import type { RouteSpec, Topology } from '../../engine';
import { defaultGateway, dropRoutes, isDefaultRoute, missingReturnRoutes, routeText, setRoutes } from '../../engine/pure';
import { selectTopology, useAppStore } from '../../store';
import type { SimClient } from '../../worker/protocol';
import { applyEdit, type EditOutcome } from './applyEdit';

/** A problem on one line of the text (1-based), in iproute2's words. */
export interface LineError {
  line: number;
  message: string;
}

export type LinesCheck = { ok: true; routes: RouteSpec[] } | { ok: false; errors: LineError[] };

/** Lines that hold a route (blank lines and # comments do not). */
const isRouteLine = (line: string): boolean => line.trim() !== '' && !line.trim().startsWith('#');

/** Checks route lines on a node of `topology` as if they replaced its routes. */
export async function checkRouteLines(client: SimClient, topology: Topology, node: string, text: string): Promise<LinesCheck> {
  const routes: RouteSpec[] = [];
  const errors: LineError[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!isRouteLine(line)) continue;
    const r = await client.checkRoute(setRoutes(topology, node, routes), node, line.trim());
    if (r.ok) routes.push(r.route);
    else errors.push({ line: i + 1, message: r.message });
  }
  return errors.length ? { ok: false, errors } : { ok: true, routes };
}

export type RoutesOutcome = EditOutcome | { kind: 'invalid'; errors: LineError[] };

/** Replaces the node's routes by the routes of the text, if every line is accepted. */
export async function applyRouteLines(client: SimClient, node: string, text: string): Promise<RoutesOutcome> {
  const t = selectTopology(useAppStore.getState());
  if (!t) return { kind: 'closed' };
  const checked = await checkRouteLines(client, t, node, text);
  if (!checked.ok) return { kind: 'invalid', errors: checked.errors };
  return applyEdit(client, (cur) => setRoutes(cur, node, checked.routes));
}

/** Adds one route (typed or composed by the form) after the node's routes. */
export async function addRoute(client: SimClient, node: string, line: string, dryRun = false): Promise<RoutesOutcome> {
  const t = selectTopology(useAppStore.getState());
  const n = t?.nodes.find((x) => x.name === node);
  if (!t || n?.kind !== 'linux') return { kind: 'closed' };
  const r = await client.checkRoute(t, node, line);
  if (!r.ok) return { kind: 'invalid', errors: [{ line: 1, message: r.message }] };
  return applyEdit(client, (cur) => setRoutes(cur, node, [...routesOf(cur, node), r.route]), { dryRun });
}

/**
 * Adds the routes back a NAT gateway misses to the LANs behind a router (missingReturnRoutes),
 * after its own routes, checked like typed lines: one undo step.
 */
export async function addReturnRoutes(client: SimClient, node: string): Promise<RoutesOutcome> {
  const t = selectTopology(useAppStore.getState());
  if (!t) return { kind: 'closed' };
  const missing = missingReturnRoutes(t, node).map((r) => r.route);
  return applyRouteLines(client, node, [...routesOf(t, node), ...missing].map(routeText).join('\n'));
}

/** Deletes the route at `index` of the node's list (refused if a later route needs it). */
export function deleteRoute(client: SimClient, node: string, index: number): Promise<EditOutcome> {
  return applyEdit(client, (t) => dropRoutes(t, node, [index]));
}

function routesOf(t: Topology, node: string): RouteSpec[] {
  const n = t.nodes.find((x) => x.name === node);
  return n?.kind === 'linux' ? n.routes : [];
}

export type GatewayOutcome =
  | { kind: 'ok'; via: string; router: string; outcome: EditOutcome }
  | { kind: 'none'; reason: 'no-address' | 'no-router' }
  | { kind: 'closed' };

/**
 * Sets the node's default route to the router on one of its links (`default via GW`), replacing
 * a default route of the same metric.
 */
export async function setDefaultGateway(client: SimClient, node: string): Promise<GatewayOutcome> {
  const t = selectTopology(useAppStore.getState());
  if (!t) return { kind: 'closed' };
  const gw = defaultGateway(t, node);
  if (gw.kind === 'none') return { kind: 'none', reason: gw.reason };
  const route: RouteSpec = { type: 'unicast', dst: { ip: '0.0.0.0' as RouteSpec['dst']['ip'], len: 0 }, via: gw.via };
  const outcome = await applyEdit(client, (cur) => {
    const others = routesOf(cur, node).filter((r) => !(isDefaultRoute(r) && (r.metric ?? 0) === 0));
    return setRoutes(cur, node, [...others, route]);
  });
  return { kind: 'ok', via: gw.via, router: gw.router, outcome };
}
