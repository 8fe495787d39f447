// What crosses the worker boundary: the API the worker exposes (through comlink) and the plain
// data it takes and returns. Only plain objects cross: no classes, functions or Maps, so every
// request and answer can be cloned, snapshotted and diffed. Engine types are imported as types.

import type { Problem, SimResult, SimulateOptions, Topology } from '../engine';

/** The example the app opens when the URL names none. */
export const DEFAULT_EXAMPLE = 'two-subnets-router';

/** Reading a topology file either gives a topology or lists every problem found in it. */
export type ParseResult = { ok: true; topology: Topology } | { ok: false; problems: Problem[] };

/** What `ip` prints on one node of a topology, before any packet is sent. */
export interface IpViews {
  node: string;
  /** `ip route show table all` */
  routes: string;
}

/** The worker's API. Every method is a pure function of its arguments. */
export interface SimApi {
  /** Reads one of the bundled examples (see src/examples). Throws when there is no such example. */
  loadExample(name: string): Topology;
  /** Reads a user's file: containerlab YAML (.yml, .yaml) or a packetwalk JSON file (.json). */
  parseTopologyFile(text: string, fileName: string): ParseResult;
  /** Runs the topology's scenario (or `options.scenario`) and returns the whole trace. */
  simulate(topology: Topology, options?: SimulateOptions): SimResult;
  /** The tables of one Linux node as `ip` prints them; throws when the node is not a Linux node. */
  ipViews(topology: Topology, nodeName: string): IpViews;
}

/** The API as the main thread sees it: every answer arrives later. */
export type SimClient = {
  [K in keyof SimApi]: (...args: Parameters<SimApi[K]>) => Promise<ReturnType<SimApi[K]>>;
};
