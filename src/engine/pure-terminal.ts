// The engine's values the terminals use on the main thread, apart from pure.ts so that they load
// with the terminals' own chunk and not with the page: tcpdump's line format for the frames a walk
// passes on an interface, and the interfaces' counters for `ip -s` (which encodes frames to count
// their bytes, and so brings the frame codec). The same rule as pure.ts: no zod, no file format,
// no simulator.

export { linkStats, type IfStats } from './userspace/ip-stats';
export { linkStateAt, type LinkState } from './userspace/ip-link-state';
export { TcpdumpPrinter, tcpdumpMatches, tcpdumpSummary, tcpdumpTime, type TcpdumpOptions } from './userspace/tcpdump-print';
