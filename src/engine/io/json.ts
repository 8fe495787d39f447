// packetwalk's own file format: the topology as JSON, versioned, with canvas positions. Read
// through a zod schema (shape) and validateTopology (meaning); problems name the JSON path.

import { z } from 'zod';
import { isIpv4, isMac, type Ipv4Addr, type MacAddr } from '../wire/addr';
import { TUNNEL_KINDS, type Topology } from '../topology';
import { type Problem, readGuarded, TopologyError } from './problems';
import { MAX_COORD, MAX_LINKS, MAX_NODES, MAX_SCENARIO_STEPS } from './limits';
import { validateTopology } from './validate';

export const FORMAT = 'packetwalk';
/** 2: bridge nodes may have VLANs (vlanFiltering, vlans) and linux nodes VLAN devices. */
export const VERSION = 2;
/** Versions this reader opens: an older file is migrated to VERSION (migrate). */
const READABLE_VERSIONS: readonly unknown[] = [1, VERSION];

const Ip = z.string().refine(isIpv4, { error: (i) => `"${String(i.input)}" is not an IPv4 address` }).transform((s) => s as Ipv4Addr);
const Mac = z
  .string()
  .transform((s) => s.toLowerCase())
  .refine(isMac, { error: (i) => `"${String(i.input)}" is not a MAC address (xx:xx:xx:xx:xx:xx)` })
  .transform((s) => s as MacAddr);
const Len = z.number().int().min(0).max(32);
const IfAddr = z.object({ ip: Ip, len: Len }).strict();
const Coord = z.number().finite().min(-MAX_COORD).max(MAX_COORD);
const Position = z.object({ x: Coord, y: Coord }).strict();
const IfaceConf = z
  .object({
    forwarding: z.boolean().optional(),
    proxyArp: z.boolean().optional(),
    sendRedirects: z.boolean().optional(),
    acceptRedirects: z.boolean().optional(),
    proxyDelay: z.number().int().min(0).optional(),
  })
  .strict();
const PortStp = z.object({ cost: z.number().int().min(1).max(65535).optional(), priority: z.number().int().min(0).max(63).optional() }).strict();
const Iface = z
  .object({ name: z.string(), mac: Mac, macAuto: z.boolean().optional(), addrs: z.array(IfAddr), conf: IfaceConf.optional(), stp: PortStp.optional() })
  .strict();
/** The kernel's ranges (1/100 s), as `ip link set … type bridge` checks them. */
const BridgeStp = z
  .object({
    enabled: z.boolean(),
    priority: z.number().int().min(0).max(65535).optional(),
    forwardDelay: z.number().int().min(200).max(3000).optional(),
    helloTime: z.number().int().min(100).max(1000).optional(),
    maxAge: z.number().int().min(600).max(4000).optional(),
  })
  .strict();
const Route = z
  .object({
    type: z.enum(['unicast', 'blackhole', 'unreachable', 'prohibit']),
    dst: IfAddr,
    via: Ip.optional(),
    dev: z.string().optional(),
    onlink: z.boolean().optional(),
    scope: z.enum(['global', 'link', 'host']).optional(),
    metric: z.number().int().min(0).max(0xffffffff).optional(),
    src: Ip.optional(),
    nexthops: z
      .array(z.object({ via: Ip.optional(), dev: z.string().optional(), onlink: z.boolean().optional(), weight: z.number().int().min(1).max(256).optional() }).strict())
      .min(2)
      .optional(),
    proto: z.string().regex(/^[a-z0-9]+$/).optional(),
  })
  .strict();
const U32 = z.number().int().min(0).max(0xffffffff);
const BridgeVlan = z.object({ vid: z.number().int().min(1).max(4094), pvid: z.boolean().optional(), untagged: z.boolean().optional() }).strict();
/**
 * Keyed by device names the file gives: read as a Map (zod's record would drop a "__proto__"
 * key) into an object without prototype, where every name is an own property.
 */
const BridgeVlans = z.preprocess(
  (v) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? new Map(Object.entries(v)) : v),
  z.map(z.string(), z.array(BridgeVlan)).transform((m) => Object.assign(Object.create(null) as Record<string, z.infer<typeof BridgeVlan>[]>, Object.fromEntries(m))),
);
const Tunnel = z
  .object({
    name: z.string(),
    kind: z.enum(TUNNEL_KINDS),
    local: Ip.optional(),
    remote: Ip.optional(),
    ttl: z.number().int().min(1).max(255).optional(),
    key: U32.optional(),
    vni: z.number().int().min(0).max(0xffffff).optional(),
    dstport: z.number().int().min(1).max(65535).optional(),
    vlanId: z.number().int().min(0).max(4094).optional(),
    ports: z.array(z.string()).optional(),
    vlanFiltering: z.boolean().optional(),
    vlans: BridgeVlans.optional(),
    dev: z.string().optional(),
    nolearning: z.boolean().optional(),
    flood: z.array(Ip).optional(),
    mac: Mac.optional(),
    macAuto: z.boolean().optional(),
    addrs: z.array(IfAddr),
    conf: IfaceConf.optional(),
    up: z.boolean().optional(),
    fallback: z.boolean().optional(),
  })
  .strict();
const NatRule = z
  .object({
    chain: z.enum(['PREROUTING', 'POSTROUTING']),
    target: z.enum(['MASQUERADE', 'SNAT', 'DNAT']),
    in: z.string().optional(),
    out: z.string().optional(),
    src: IfAddr.optional(),
    dst: IfAddr.optional(),
    proto: z.enum(['udp', 'tcp', 'icmp']).optional(),
    sport: z.number().int().min(1).max(65535).optional(),
    dport: z.number().int().min(1).max(65535).optional(),
    toAddr: Ip.optional(),
    toPort: z.number().int().min(1).max(65535).optional(),
    toPortMax: z.number().int().min(1).max(65535).optional(),
  })
  .strict();
const StaticNeigh = z.object({ ip: Ip, dev: z.string(), mac: Mac, nud: z.enum(['permanent', 'noarp', 'reachable', 'stale']) }).strict();
const LinuxNode = z
  .object({
    kind: z.literal('linux'),
    name: z.string(),
    role: z.enum(['host', 'server', 'router', 'nat', 'l3switch']),
    ifaces: z.array(Iface),
    loAddrs: z.array(IfAddr),
    routes: z.array(Route),
    ipForward: z.boolean(),
    icmpEchoIgnoreBroadcasts: z.boolean().optional(),
    multipathHashPolicy: z.union([z.literal(0), z.literal(1)]).optional(),
    multipathHashSeed: z.number().int().min(0).max(0xffffffff).optional(),
    all: z.object({ proxyArp: z.boolean().optional(), sendRedirects: z.boolean().optional(), acceptRedirects: z.boolean().optional() }).strict().optional(),
    nat: z.array(NatRule).optional(),
    neigh: z.array(StaticNeigh).optional(),
    tunnels: z.array(Tunnel).optional(),
    position: Position.optional(),
  })
  .strict();
const BridgeNode = z
  .object({
    kind: z.literal('bridge'),
    name: z.string(),
    role: z.literal('switch'),
    ifaces: z.array(Iface),
    vlanFiltering: z.boolean().optional(),
    vlans: BridgeVlans.optional(),
    stp: BridgeStp.optional(),
    position: Position.optional(),
  })
  .strict();
const Endpoint = z.object({ node: z.string(), iface: z.string() }).strict();
const Step = z.union([
  z.object({ kind: z.literal('run'), on: z.string(), run: z.string(), background: z.boolean().optional(), timeout: z.number().positive().optional() }).strict(),
  z.object({ kind: z.literal('sleep'), seconds: z.number().nonnegative() }).strict(),
]);
export const TopologySchema = z
  .object({
    name: z.string(),
    nodes: z.array(z.discriminatedUnion('kind', [LinuxNode, BridgeNode])).max(MAX_NODES, { error: `packetwalk opens at most ${MAX_NODES} devices` }),
    links: z.array(z.object({ a: Endpoint, b: Endpoint }).strict()).max(MAX_LINKS, { error: `packetwalk opens at most ${MAX_LINKS} links` }),
    scenario: z.array(Step).max(MAX_SCENARIO_STEPS, { error: `packetwalk runs at most ${MAX_SCENARIO_STEPS} scenario steps` }),
  })
  .strict();

const FileSchema = z.object({ format: z.literal(FORMAT), version: z.literal(VERSION), topology: TopologySchema }).strict();

/**
 * A file of an older version as this version: version 1 had neither VLANs on bridges nor VLAN
 * devices, whose absence means what it meant then (no filtering, default VLAN 1), so its
 * topology is read unchanged.
 */
function migrate(value: { version: unknown; topology?: unknown }): unknown {
  return { ...value, version: VERSION };
}

/** Checks an untrusted value (from a file, a URL or storage) and returns it as a Topology. */
export function topologyFromUnknown(value: unknown, file = 'topology'): Topology {
  return readGuarded(file, () => fromUnknown(value, file));
}

function fromUnknown(value: unknown, file: string): Topology {
  const parsed = TopologySchema.safeParse(value);
  if (!parsed.success) throw new TopologyError(zodProblems(parsed.error, file, []));
  return checked(parsed.data as Topology, file);
}

function checked(t: Topology, file: string): Topology {
  const issues = validateTopology(t);
  if (issues.length) throw new TopologyError(issues.map((i) => ({ file, message: `${i.path.join('.')}: ${i.message}` })));
  return t;
}

function zodProblems(error: z.ZodError, file: string, prefix: (string | number)[]): Problem[] {
  return error.issues.slice(0, 20).map((i) => {
    const path = [...prefix, ...i.path.filter((p): p is string | number => typeof p !== 'symbol')];
    return { file, message: `${path.length ? path.join('.') + ': ' : ''}${i.message}` };
  });
}

/** Reads a .packetwalk.json file. */
export function parseTopologyJson(text: string, file = 'topology.json'): Topology {
  return readGuarded(file, () => readJson(text, file));
}

function readJson(text: string, file: string): Topology {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new TopologyError([{ file, message: `not JSON: ${(e as Error).message}` }]);
  }
  if (!value || typeof value !== 'object' || (value as { format?: unknown }).format !== FORMAT) {
    throw new TopologyError([{ file, message: `not a packetwalk file (expected "format": "${FORMAT}")` }]);
  }
  const version = (value as { version?: unknown }).version;
  if (!READABLE_VERSIONS.includes(version)) {
    throw new TopologyError([{ file, message: `packetwalk file version ${String(version)} is not supported (this is version ${VERSION})` }]);
  }
  const parsed = FileSchema.safeParse(migrate(value as { version: unknown }));
  if (!parsed.success) throw new TopologyError(zodProblems(parsed.error, file, []));
  return checked(parsed.data.topology as Topology, file);
}

export function toTopologyJson(t: Topology): string {
  return JSON.stringify({ format: FORMAT, version: VERSION, topology: t }, null, 2) + '\n';
}
