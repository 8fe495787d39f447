// The engine's public surface. Everything here is pure and deterministic: the same topology and
// options give the same trace. The worker imports it; the main thread imports values from
// pure.ts only (addresses, Linux's text, the editor's model), which this module re-exports.

export * from './pure';

export type { Ipv4Addr, Ipv4Cidr, MacAddr } from './wire/addr';
export type * from './wire/types';
export type * from './topology';
export type * from './sim/trace';
export type { FibNexthop, FibRoute, FibRouteType, FibTable, MultipathChoice, MultipathKeys, Scope } from './tables/fib';
export type { LinkCut, SimulateOptions, SimResult, StepResult } from './sim/simulate';
export type { Problem } from './io/problems';
export type { TopologyIssue } from './io/validate';
export type { FabricCounts, FabricSizeProblem } from './generate/size';
export { MAX_EVENTS, MAX_SECONDS } from './io/limits';
export type { OracleTrace, OracleFrame } from './io/oracle';
export type { Command } from './userspace/commands';

export { simulate, ScenarioError, DEFAULT_MAX_EVENTS, DEFAULT_SETTLE_MS } from './sim/simulate';
export { linkCaptures } from './sim/captures';
export type { LinkCaptures } from './sim/captures';
export { parseClab, toClab } from './io/clab';
export { parseTopologyJson, toTopologyJson, topologyFromUnknown } from './io/json';
export { TopologyError, formatProblem } from './io/problems';
export { validateTopology } from './io/validate';
export { parseCommand, shellWords } from './userspace/commands';
export { runShell, PROGRAM_NAMES } from './userspace/shell';
export type { Learned, ShellResult } from './userspace/shell';
export type { OutputChunk } from './userspace/process';
export { toOracleTrace, formatOracleTrace, normaliseOutput } from './io/oracle';
export { encodeFrame, decodeFrame, fieldSpans, verifyChecksums } from './wire/frame';
export { nodeRoutes, routeCheck } from './devices/config';
export { leafSpine, threeTier, fabricHosts, hostAddress, withFirstToLastPing, withFirstToLastFlows, FABRIC_HASH_SEED } from './generate/fabric';
export type { NextAddress, Gateway } from './edit';
export { parseRouteArgs } from './io/exec';
export { formatRouteGet } from './linux-text';
export { formatIpAddr } from './ip-addr-text';
export { parseIptables } from './io/iptables';
export { frameContexts } from './frame-context';
export type { FrameTxEvent } from './frame-context';
export { toPcapng, toPcap, ExportError, pcapInterfaces, wireFrames, findLinkKey, PCAP_EPOCH_S, LINKTYPE_ETHERNET, PCAP_SNAPLEN } from './io/pcapng';
export type { PcapngOptions, PcapInterface, ExportErrorCode } from './io/pcapng';
export { tableHistory, tablesAt, changedAt } from './replay';
export type { TableHistory, TablesView, TableVersion, RedirectView } from './replay';
