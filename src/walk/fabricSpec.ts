// What "Generate data center…" asks for, checked as it is typed: the size of a leaf–spine or
// three-tier fabric, its device count, and the limits (counted by engine/generate/size.ts, which
// the CLI's generator checks too). Pure (no React): the dialog checks with it, and so does the worker before it generates a fabric named by the URL
// (`?example=leaf-spine-4-22-45`), so both refuse the same sizes for the same reasons.

import { DEFAULTS, type Design } from './fabricSize';
import { fabricSizeProblem, leafSpineCounts, MAX_DEVICES, MAX_FLOWS, MAX_ROUTES, threeTierCounts } from '../engine/pure';
import type { FabricCounts, FabricSizeProblem } from '../engine';

export { DEFAULTS, MAX_DEVICES, MAX_FLOWS, MAX_ROUTES, type Design, type FabricCounts };

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

/** What the generated network does besides its size: its routing and its scenario. */
export interface FabricRun {
  /** one next hop per prefix (the first spine or core) instead of ECMP */
  singlePath?: boolean;
  /** the scenario: this many flows from the first host to the last one, each from its own port (absent: a ping) */
  flows?: number;
}

export type FabricSpec = (LeafSpineSpec | ThreeTierSpec) & FabricRun;

/** The inputs of each design, in the order the dialog shows them (and the name lists them). */
export const FIELDS = {
  'leaf-spine': ['spines', 'leaves', 'hostsPerLeaf'],
  'three-tier': ['cores', 'pods', 'aggPerPod', 'accessPerPod', 'hostsPerAccess'],
} as const satisfies Record<Design, readonly string[]>;

export type FieldName = (typeof FIELDS)[Design][number];

export type FieldProblem = { reason: 'required' } | { reason: 'notInteger' } | { reason: 'tooSmall'; min: number } | { reason: 'tooLarge'; max: number };

export type TotalProblem = FabricSizeProblem;

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

/** How many devices, links and routes a fabric of this size has (see src/engine/generate/size.ts). */
export function fabricCounts(spec: FabricSpec): FabricCounts {
  return spec.design === 'leaf-spine' ? leafSpineCounts(spec) : threeTierCounts(spec);
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
  const total = fabricSizeProblem(counts);
  if (total) return { ok: false, fields, counts, total };
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

/** A number of flows as typed: a whole number from 1 to MAX_FLOWS. */
export function checkFlows(text: string): { ok: true; value: number } | { ok: false; problem: FieldProblem } {
  const r = checkField(text);
  if (r.ok && r.value > MAX_FLOWS) return { ok: false, problem: { reason: 'tooLarge', max: MAX_FLOWS } };
  return r;
}

/** The generated scenario's two hosts (the worker makes the first host ping the last one, or send it flows). */
export function fabricEnds(spec: FabricSpec): { first: string; last: string } {
  return spec.design === 'leaf-spine'
    ? { first: 'h1-1', last: `h${spec.leaves}-${spec.hostsPerLeaf}` }
    : { first: 'h1-1-1', last: `h${spec.pods}-${spec.accessPerPod}-${spec.hostsPerAccess}` };
}
