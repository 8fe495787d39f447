// What "Generate data center…" asks for, checked as it is typed: the size of a leaf–spine or
// three-tier fabric, its device count, and the limits. Pure (no React, no engine values): the
// dialog checks with it, and so does the worker before it generates a fabric named by the URL
// (`?example=leaf-spine-4-22-45`), so both refuse the same sizes for the same reasons.

import { DEFAULTS, MAX_DEVICES, type Design } from './fabricSize';

export { DEFAULTS, MAX_DEVICES, type Design };

export interface LeafSpineSpec {
  design: 'leaf-spine';
  spines: number;
  leaves: number;
  hostsPerLeaf: number;
}

export interface ThreeTierSpec {
  design: 'three-tier';
  cores: number;
  pods: number;
  aggPerPod: number;
  accessPerPod: number;
  hostsPerAccess: number;
}

export type FabricSpec = LeafSpineSpec | ThreeTierSpec;

/** The inputs of each design, in the order the dialog shows them (and the name lists them). */
export const FIELDS = {
  'leaf-spine': ['spines', 'leaves', 'hostsPerLeaf'],
  'three-tier': ['cores', 'pods', 'aggPerPod', 'accessPerPod', 'hostsPerAccess'],
} as const satisfies Record<Design, readonly string[]>;

export type FieldName = (typeof FIELDS)[Design][number];

/**
 * The most static routes the routers may hold together. Every router gets one route per subnet it
 * is not on (each rack and each router-to-router /31), so routes grow with routers × uplinks:
 * 20 000 routes are about 1.5 MB of the network saved in this browser (localStorage holds ~5 MB).
 */
export const MAX_ROUTES = 20_000;

export type FieldProblem = { reason: 'required' } | { reason: 'notInteger' } | { reason: 'tooSmall'; min: number } | { reason: 'tooLarge'; max: number };

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

export type TotalProblem = { reason: 'tooManyDevices'; max: number } | { reason: 'tooManyRoutes'; max: number };

export type FabricCheck =
  | { ok: true; spec: FabricSpec; counts: FabricCounts }
  | { ok: false; fields: Partial<Record<FieldName, FieldProblem>>; counts?: FabricCounts; total?: TotalProblem };

/** One input as typed: a whole number from 1 to MAX_DEVICES (no field alone can exceed the total). */
export function checkField(text: string): { ok: true; value: number } | { ok: false; problem: FieldProblem } {
  const s = text.trim();
  if (s === '') return { ok: false, problem: { reason: 'required' } };
  if (!/^[+-]?\d+$/.test(s)) return { ok: false, problem: { reason: 'notInteger' } };
  const value = Number(s);
  if (value < 1) return { ok: false, problem: { reason: 'tooSmall', min: 1 } };
  if (value > MAX_DEVICES) return { ok: false, problem: { reason: 'tooLarge', max: MAX_DEVICES } };
  return { ok: true, value };
}

/** How many devices, links and routes a fabric of this size has (see src/engine/generate/fabric.ts). */
export function fabricCounts(spec: FabricSpec): FabricCounts {
  let routers: number;
  let racks: number;
  let hosts: number;
  let routerLinks: number;
  if (spec.design === 'leaf-spine') {
    routers = spec.spines + spec.leaves;
    racks = spec.leaves;
    hosts = spec.leaves * spec.hostsPerLeaf;
    routerLinks = spec.spines * spec.leaves;
  } else {
    const aggs = spec.pods * spec.aggPerPod;
    racks = spec.pods * spec.accessPerPod;
    routers = spec.cores + aggs + racks;
    hosts = racks * spec.hostsPerAccess;
    routerLinks = aggs * spec.cores + racks * spec.aggPerPod;
  }
  // Every router is reachable from every other one: each needs a route to every rack subnet but
  // its own and to every /31 it is not an end of.
  const routes = racks * (routers - 1) + routerLinks * (routers - 2);
  return { routers, switches: racks, hosts, devices: routers + racks + hosts, routerLinks, links: routerLinks + racks + hosts, routes };
}

/** Every input of a design as typed, checked one by one, then the fabric as a whole. */
export function checkFabric(design: Design, values: Readonly<Record<string, string>>): FabricCheck {
  const fields: Partial<Record<FieldName, FieldProblem>> = {};
  const numbers: Record<string, number> = {};
  for (const f of FIELDS[design]) {
    const r = checkField(values[f] ?? '');
    if (r.ok) numbers[f] = r.value;
    else fields[f] = r.problem;
  }
  if (Object.keys(fields).length > 0) return { ok: false, fields };
  const spec = { design, ...numbers } as FabricSpec;
  const counts = fabricCounts(spec);
  if (counts.devices > MAX_DEVICES) return { ok: false, fields, counts, total: { reason: 'tooManyDevices', max: MAX_DEVICES } };
  if (counts.routes > MAX_ROUTES) return { ok: false, fields, counts, total: { reason: 'tooManyRoutes', max: MAX_ROUTES } };
  return { ok: true, spec, counts };
}

/** The fabric's name, as the engine's generator names it: the design and its numbers. */
export function fabricName(spec: FabricSpec): string {
  return [spec.design, ...FIELDS[spec.design].map((f) => (spec as unknown as Record<string, number>)[f])].join('-');
}

/** The size a fabric's name stands for (`leaf-spine-4-22-45`), or undefined when it is not one. */
export function parseFabricName(name: string): { design: Design; values: Record<string, string> } | undefined {
  const m = /^(leaf-spine|three-tier)((?:-\d+)+)$/.exec(name);
  if (!m) return undefined;
  const design = m[1] as Design;
  const numbers = m[2]!.slice(1).split('-');
  if (numbers.length !== FIELDS[design].length) return undefined;
  return { design, values: Object.fromEntries(FIELDS[design].map((f, i) => [f, numbers[i]!])) };
}

/** The generated scenario's two hosts (the worker makes the first host ping the last one). */
export function fabricEnds(spec: FabricSpec): { first: string; last: string } {
  return spec.design === 'leaf-spine'
    ? { first: 'h1-1', last: `h${spec.leaves}-${spec.hostsPerLeaf}` }
    : { first: 'h1-1-1', last: `h${spec.pods}-${spec.accessPerPod}-${spec.hostsPerAccess}` };
}
