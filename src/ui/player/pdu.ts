// The "simple PDU" of Packet Tracer as scenario steps the engine runs: a ping, or a UDP datagram
// with nc (with a listener on the destination device first, so that its reply is part of the
// walk). Pure: the form (PduForm.tsx) checks and shows the lines, the walk runs them.

import type { ScenarioStep, Topology } from '../../engine';

export interface Pdu {
  source: string;
  /** the destination address */
  address: string;
  /** the destination device, when one was chosen (not a typed address) */
  device?: string;
  protocol: 'icmp' | 'udp';
  srcPort: number;
  dstPort: number;
  /** ping -t (ICMP only) */
  ttl?: number;
  count: number;
}

export type PduProblem = 'noSource' | 'badAddress' | 'badPort' | 'badTtl' | 'badCount';

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** What is wrong with a PDU, field by field (empty when it can run). */
export function pduProblems(p: Pdu, topology: Topology): Partial<Record<'source' | 'address' | 'srcPort' | 'dstPort' | 'ttl' | 'count', PduProblem>> {
  const out: ReturnType<typeof pduProblems> = {};
  const src = topology.nodes.find((n) => n.name === p.source);
  if (!src || src.kind !== 'linux') out.source = 'noSource';
  if (!IPV4.test(p.address)) out.address = 'badAddress';
  const port = (n: number) => Number.isInteger(n) && n >= 1 && n <= 65535;
  if (p.protocol === 'udp') {
    if (!port(p.srcPort)) out.srcPort = 'badPort';
    if (!port(p.dstPort)) out.dstPort = 'badPort';
  }
  if (p.ttl !== undefined && !(Number.isInteger(p.ttl) && p.ttl >= 1 && p.ttl <= 255)) out.ttl = 'badTtl';
  if (!(Number.isInteger(p.count) && p.count >= 1 && p.count <= 10)) out.count = 'badCount';
  return out;
}

/** The scenario steps of a PDU, as the engine's shell lines. */
export function pduScenario(p: Pdu): ScenarioStep[] {
  if (p.protocol === 'icmp') {
    return [{ kind: 'run', on: p.source, run: `ping -c ${p.count}${p.ttl !== undefined ? ` -t ${p.ttl}` : ''} -W 1 ${p.address}` }];
  }
  const steps: ScenarioStep[] = [];
  if (p.device && p.device !== p.source) steps.push({ kind: 'run', on: p.device, run: `echo reply | nc -u -l -p ${p.dstPort}`, background: true });
  for (let i = 0; i < p.count; i++) steps.push({ kind: 'run', on: p.source, run: `echo hello | nc -u -w1 -p ${p.srcPort} ${p.address} ${p.dstPort}` });
  return steps;
}

/** A short name of the PDU ("h1 → 10.0.2.10 ICMP"), for titles. */
export const pduLabel = (p: Pdu): string => `${p.source} → ${p.device ? `${p.device} (${p.address})` : p.address} ${p.protocol.toUpperCase()}`;

/** Every address of every Linux device, for the destination menu. */
export function destinations(topology: Topology): { device: string; address: string }[] {
  return topology.nodes.flatMap((n) => (n.kind === 'linux' ? n.ifaces.flatMap((i) => i.addrs.map((a) => ({ device: n.name, address: a.ip }))) : []));
}
