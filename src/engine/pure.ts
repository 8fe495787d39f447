// The engine's values the main thread may use: the UI, the store and the walk layer import
// values from here only (types from anywhere in the engine). Addresses and IPv4 arithmetic, the
// text Linux prints (`ip addr`, `ip route`, `ip neigh`, `iptables -S`, `bridge fdb`, `ip route
// add` arguments) and the editor's model (edit/: names, MACs, links, interfaces, routes, NAT
// presets, clipboard, and the questions the editor asks about a topology), the generator's size
// limits (generate/size.ts) and the bound on a file's size. Every module behind it is small
// and has no zod, no file format and no simulator (those stay behind the worker, which imports
// index.ts): what is exported here is what the page's first load may carry.

export {
  BROADCAST_MAC,
  ZERO_MAC,
  broadcastOf,
  cidr,
  inPrefix,
  ipToNum,
  isGroupMac,
  isIpv4,
  isMac,
  macFromSerial,
  maskToText,
  networkOf,
  numToIp,
  parseIpv4,
  parseMac,
  parsePrefix,
  prefixMask,
} from './wire/addr';
export { prefixText } from './tables/fib';
export { formatBridgeFdb, formatNeigh, formatNeighs, formatRoute, formatRouteLine, formatRoutes, routeDestText, routeText } from './linux-text';
export { iptablesRule, iptablesText, natTo } from './io/iptables';
export { iptablesNatS, iptablesSaveLine, maskedPrefix, NAT_CHAINS } from './io/iptables-save';
export { endpointLabel, linkKey, ROLES } from './topology';
export { ETHERTYPE } from './wire/types';
export { linkAddText } from './tunnel-text';
export { tunnelMtu } from './devices/tunnel-params';
export * from './edit';
export { fabricSizeProblem, leafSpineCounts, MAX_DEVICES, MAX_FLOWS, MAX_ROUTES, threeTierCounts } from './generate/size';
export { maxFileBytes, textEncoding } from './io/limits';
export { isStackOverflow } from './io/problems';
export { finalState, type NodeState } from './sim/final';
