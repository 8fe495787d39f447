// The engine's only public surface. Everything here is pure and deterministic: the same
// topology and options give the same trace. The UI reaches it through the worker only.

export type { Ipv4Addr, Ipv4Cidr, MacAddr } from './wire/addr';
export type * from './wire/types';
export type * from './topology';
export type * from './sim/trace';
export type { FibRoute, FibRouteType, FibTable, Scope } from './tables/fib';
export type { SimulateOptions, SimResult, StepResult, NodeState } from './sim/simulate';
export type { Problem } from './io/problems';
export type { TopologyIssue } from './io/validate';
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
export { toOracleTrace, formatOracleTrace, normaliseOutput } from './io/oracle';
export { formatRoute, formatRoutes, formatNeigh, formatNeighs } from './linux-text';
export { encodeFrame, decodeFrame, fieldSpans, verifyChecksums } from './wire/frame';
export { endpointLabel, linkKey } from './topology';
export { nodeRoutes, routeCheck } from './devices/config';
export { leafSpine, threeTier, fabricHosts, hostAddress, withFirstToLastPing } from './generate/fabric';
export { l2Segment, nextFreeAddress, defaultGateway } from './edit';
export type { NextAddress, Gateway } from './edit';
export { formatIpAddr, formatBridgeFdb, formatRouteGet } from './linux-text';
export { parseRouteArgs } from './io/exec';
export { routeText } from './io/validate';
export { frameContexts } from './frame-context';
export type { FrameTxEvent } from './frame-context';
export { toPcapng, toPcap, ExportError, pcapInterfaces, wireFrames, findLinkKey, PCAP_EPOCH_S, LINKTYPE_ETHERNET, PCAP_SNAPLEN } from './io/pcapng';
export type { PcapngOptions, PcapInterface, ExportErrorCode } from './io/pcapng';
export { tableHistory, tablesAt, changedAt } from './replay';
export type { TableHistory, TablesView, TableVersion, RedirectView } from './replay';
export { parseIptables, iptablesText } from './io/iptables';
