// The size of a generated fabric (fabric.ts) before it is built: its devices, links and static
// routes counted from the numbers asked for, and the limits the app's generator and the CLI's
// `packetwalk generate` share. Arithmetic only, so that a size is refused before any work (a
// billion spines is refused at once, not after minutes and gigabytes).

import type { LeafSpineOptions, ThreeTierOptions } from './fabric';

/**
 * The most devices a generated fabric may have. Zoomed out, the diagram draws a large network as
 * one picture and React Flow holds none of its devices' elements; zoomed in, only those in view:
 * 10 000 open in about 3 s and pan smoothly on a 2-core machine with software rendering (see
 * `npm run bench:ui`).
 */
export const MAX_DEVICES = 10_000;

/**
 * The most static routes the routers may hold together. Every router gets one route per subnet it
 * is not on (each rack and each router-to-router /31), so routes grow with routers × uplinks:
 * 20 000 routes are about 1.5 MB of the network saved in this browser (localStorage holds ~5 MB).
 */
export const MAX_ROUTES = 20_000;

/** The most flows a generated scenario sends (each a step of the walk). */
export const MAX_FLOWS = 64;

export interface FabricCounts {
  /** spines and leaves, or core, aggregation and access routers */
  routers: number;
  /** one rack switch (a Linux bridge) per leaf or access router */
  switches: number;
  hosts: number;
  devices: number;
  /** links between routers (each a /31) */
  routerLinks: number;
  links: number;
  /** static routes on the routers (one per subnet a router is not on) */
  routes: number;
}

export type FabricSizeProblem = { reason: 'tooManyDevices'; max: number } | { reason: 'tooManyRoutes'; max: number };

function counts(routers: number, racks: number, hosts: number, routerLinks: number): FabricCounts {
  // Every router is reachable from every other one: each needs a route to every rack subnet but
  // its own and to every /31 it is not an end of.
  const routes = racks * (routers - 1) + routerLinks * (routers - 2);
  return { routers, switches: racks, hosts, devices: routers + racks + hosts, routerLinks, links: routerLinks + racks + hosts, routes };
}

/** What leafSpine(o) builds, counted. */
export function leafSpineCounts(o: Omit<LeafSpineOptions, 'name'>): FabricCounts {
  return counts(o.spines + o.leaves, o.leaves, o.leaves * o.hostsPerLeaf, o.spines * o.leaves);
}

/** What threeTier(o) builds, counted. */
export function threeTierCounts(o: Omit<ThreeTierOptions, 'name'>): FabricCounts {
  const aggs = o.pods * o.aggPerPod;
  const racks = o.pods * o.accessPerPod;
  return counts(o.cores + aggs + racks, racks, racks * o.hostsPerAccess, aggs * o.cores + racks * o.aggPerPod);
}

/** Why a fabric of these counts is not generated, or undefined. */
export function fabricSizeProblem(c: FabricCounts): FabricSizeProblem | undefined {
  if (c.devices > MAX_DEVICES) return { reason: 'tooManyDevices', max: MAX_DEVICES };
  if (c.routes > MAX_ROUTES) return { reason: 'tooManyRoutes', max: MAX_ROUTES };
  return undefined;
}
