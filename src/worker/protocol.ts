// What crosses the worker boundary: the API the worker exposes (through comlink) and the plain
// data it takes and returns. Only plain objects cross: no classes, functions or Maps, so every
// request and answer can be cloned, snapshotted and diffed. Engine types are imported as types.

import type {
  EthernetFrame,
  Learned,
  ShellResult,
  NatRule,
  NodeState,
  Problem,
  RouteSpec,
  SimResult,
  SimulateOptions,
  Topology,
  TopologyIssue,
} from '../engine';
import type { FabricSpec } from '../walk/fabricSpec';
import type { LinkError, SharedWalk, SharePayload } from '../walk/share/limits';
import type { Walk } from '../walk/walk';

/** The example the app opens when the URL names none. */
export const DEFAULT_EXAMPLE = 'two-subnets-router';

/** Reading a topology file either gives a topology or lists every problem found in it. */
export type ParseResult = { ok: true; topology: Topology } | { ok: false; problems: Problem[] };

/** What `ip` (and `bridge`) print on one node, as Linux prints them. */
export interface IpViews {
  node: string;
  /** `ip route show table all` (linux nodes; '' on a bridge) */
  routes: string;
  /** `ip addr` */
  addr: string;
  /** `ip route` (main table) */
  routeMain: string;
  /** `ip route show table local` */
  routeLocal: string;
  /** `ip neigh` from the given learned state ('' before any run) */
  neigh: string;
  /** `bridge fdb show` (bridge nodes) */
  fdb: string;
}

/** An iptables nat rule typed as text, checked (the interfaces must exist on the node). */
export type NatRuleCheck = { ok: true; rule: NatRule } | { ok: false; message: string };

/** A route typed as `ip route` text, checked the way the kernel would check it on that node. */
export type RouteCheck = { ok: true; route: RouteSpec } | { ok: false; message: string };

export interface ExampleInfo {
  name: string;
  /** generated examples are large fabrics made on demand */
  generated: boolean;
}

/** Plain-data options of a walk (a progress callback crosses as a comlink proxy). */
export type WalkOptions = Omit<SimulateOptions, 'onProgress'>;

/** The bytes of a frame as hex, and where each header field sits in them. */
export interface FrameBytes {
  hex: string;
  spans: { path: string; offset: number; length: number; bitOffset?: number; bitLength?: number }[];
}

/** A shared link read and checked: what it opens, or why it cannot be opened. */
export type ShareLinkResult =
  | { ok: true; topology: Topology; walk?: SharedWalk; step?: number }
  | { ok: false; error: LinkError | 'invalid'; detail?: string; problems?: Problem[] };

/** An export the user downloads, or why there is nothing to export. */
export type ExportResult = { ok: true; bytes: Uint8Array } | { ok: false; code: string; message: string };

/** The worker's API. Every method is a pure function of its arguments. */
export interface SimApi {
  /** The examples that ship with the app. */
  listExamples(): ExampleInfo[];
  /** Reads one of the bundled examples (see src/examples). Throws when there is no such example. */
  loadExample(name: string): Topology;
  /** A data-centre fabric (leaf–spine or three-tier) of a size checked by checkFabric, whose first host pings its last. */
  generateFabric(spec: FabricSpec): Topology;
  /** The text of a shared link (after `#share=`) for a topology, a walk and a step. */
  makeShareLink(payload: SharePayload<Topology>): string;
  /** Reads a shared link's text (after `#share=`) like a file: size, envelope, then the topology's validation. */
  readShareLink(text: string): ShareLinkResult;
  /** Reads a user's file: containerlab YAML (.yml, .yaml) or a packetwalk JSON file (.json). */
  parseTopologyFile(text: string, fileName: string): ParseResult;
  /** Checks a value read from storage or a URL; problems instead of a topology when it is not one. */
  checkTopology(value: unknown): ParseResult;
  /** Every problem of a topology (paths into it, and a message). */
  validate(topology: Topology): TopologyIssue[];
  /** A packetwalk JSON file of the topology. */
  exportJson(topology: Topology): string;
  /** A containerlab file of the topology, and what it could not hold. */
  exportClab(topology: Topology): { text: string; warnings: string[] };
  /** Runs the topology's scenario (or `options.scenario`) and returns the whole trace. */
  simulate(topology: Topology, options?: SimulateOptions): SimResult;
  /** A walk for the player: the trace, the table history, the routes; `onProgress` gets event counts. */
  walk(topology: Topology, options?: WalkOptions, onProgress?: (events: number) => void): Walk;
  /** A frame's exact bytes and its fields' positions (hex view). */
  frameBytes(frame: EthernetFrame): FrameBytes;
  /** The walk as pcapng for Wireshark; comments per frame.tx event seq (the explanations, translated). */
  exportPcapng(topology: Topology, result: Pick<SimResult, 'events'>, comments?: Record<number, string[]>): ExportResult;
  /** One link's frames as classic pcap. */
  exportPcap(topology: Topology, result: Pick<SimResult, 'events'>, link: string): ExportResult;
  /** The tables of one node as Linux prints them; `state` is what the node learned (from a run). */
  ipViews(topology: Topology, nodeName: string, state?: NodeState): IpViews;
  /** `ip route add …` arguments (with or without the leading `ip route add`) checked on a node. */
  checkRoute(topology: Topology, nodeName: string, text: string): RouteCheck;
  /** One `iptables -t nat -A …` line (with or without the leading `iptables`) checked on a node. */
  checkNatRule(topology: Topology, nodeName: string, text: string): NatRuleCheck;
  /** One line typed in a device's terminal: what it printed, the configuration it made, or the walk or capture it starts. */
  terminal(topology: Topology, nodeName: string, line: string, learned?: Learned): ShellResult;
}

/** The API as the main thread sees it: every answer arrives later. */
export type SimClient = {
  [K in keyof SimApi]: (...args: Parameters<SimApi[K]>) => Promise<ReturnType<SimApi[K]>>;
};

/** Every method name, so that both clients are built from one list. */
export const SIM_METHODS = [
  'listExamples',
  'loadExample',
  'generateFabric',
  'makeShareLink',
  'readShareLink',
  'parseTopologyFile',
  'checkTopology',
  'validate',
  'exportJson',
  'exportClab',
  'simulate',
  'walk',
  'frameBytes',
  'exportPcapng',
  'exportPcap',
  'ipViews',
  'checkRoute',
  'checkNatRule',
  'terminal',
] as const satisfies readonly (keyof SimApi)[];
