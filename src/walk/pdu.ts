// The "simple PDU" of Packet Tracer as scenario steps the engine runs: a ping, a UDP datagram or a
// TCP connection with nc (with a listener on the destination device first, so that its reply is
// part of the walk). The nc lines are the forms the Linux goldens recorded (nat-dnat: a TCP
// exchange with `nc -N` to a listener, and `nc -w1` refused by a closed port). Pure: the form
// (PduForm.tsx) checks and shows the lines, the walk runs them.

import type { ScenarioStep, Topology } from '../engine';
import { inPrefix, isIpv4 } from '../engine/pure';

export interface Pdu {
  source: string;
  /** the destination address */
  address: string;
  /** the destination device, when one was chosen (not a typed address) */
  device?: string;
  protocol: 'icmp' | 'udp' | 'tcp';
  srcPort: number;
  dstPort: number;
  /** ping -t (ICMP only) */
  ttl?: number;
  /** ping -s: bytes of data (ICMP only; 56 when absent) */
  size?: number;
  /** ping -M: DF set always (do), never (dont), or as path MTU discovery wants (want, the default) */
  df?: 'do' | 'dont' | 'want';
  count: number;
}

export type PduProblem = 'noSource' | 'badAddress' | 'badPort' | 'badTcpPorts' | 'badTtl' | 'badSize' | 'badCount';

/** The most data ping sends here: a 1500-byte packet (the engine does not fragment what ping sends). */
export const MAX_PING_SIZE = 1472;

/** What is wrong with a PDU, field by field (empty when it can run). */
export function pduProblems(p: Pdu, topology: Topology): Partial<Record<'source' | 'address' | 'srcPort' | 'dstPort' | 'ttl' | 'size' | 'count', PduProblem>> {
  const out: ReturnType<typeof pduProblems> = {};
  const src = topology.nodes.find((n) => n.name === p.source);
  if (!src || src.kind !== 'linux') out.source = 'noSource';
  if (!isIpv4(p.address)) out.address = 'badAddress';
  const port = (n: number) => Number.isInteger(n) && n >= 1 && n <= 65535;
  if (p.protocol !== 'icmp') {
    if (!port(p.srcPort)) out.srcPort = 'badPort';
    // Each TCP connection leaves from the next source port (the last one's is still in TIME_WAIT).
    else if (p.protocol === 'tcp' && !port(p.srcPort + p.count - 1)) out.srcPort = 'badTcpPorts';
    if (!port(p.dstPort)) out.dstPort = 'badPort';
  }
  if (p.ttl !== undefined && !(Number.isInteger(p.ttl) && p.ttl >= 1 && p.ttl <= 255)) out.ttl = 'badTtl';
  if (p.size !== undefined && !(Number.isInteger(p.size) && p.size >= 0 && p.size <= MAX_PING_SIZE)) out.size = 'badSize';
  if (!(Number.isInteger(p.count) && p.count >= 1 && p.count <= 10)) out.count = 'badCount';
  return out;
}

/** The scenario steps of a PDU, as the engine's shell lines (UDP and TCP listen where `answerer` says). */
export function pduScenario(p: Pdu, topology: Topology): ScenarioStep[] {
  if (p.protocol === 'icmp') {
    const opts = `${p.ttl !== undefined ? ` -t ${p.ttl}` : ''}${p.size !== undefined ? ` -s ${p.size}` : ''}${p.df ? ` -M ${p.df}` : ''}`;
    return [{ kind: 'run', on: p.source, run: `ping -c ${p.count}${opts} -W 1 ${p.address}` }];
  }
  const steps: ScenarioStep[] = [];
  const at = p.device !== undefined && p.device !== p.source ? answerer(p, topology) : undefined;
  if (p.protocol === 'udp') {
    if (at) steps.push({ kind: 'run', on: at.device, run: `echo reply | nc -u -l -p ${at.port}`, background: true });
    for (let i = 0; i < p.count; i++) steps.push({ kind: 'run', on: p.source, run: `echo hello | nc -u -w1 -p ${p.srcPort} ${p.address} ${p.dstPort}` });
    return steps;
  }
  // TCP: a listener accepts one connection, so each connection has its own. With a listener the
  // client sends, then closes its side (-N) and waits for the server's; without one it gives up
  // after a second (-w1), when the destination does not answer its SYN.
  for (let i = 0; i < p.count; i++) {
    if (at) steps.push({ kind: 'run', on: at.device, run: `nc -l -p ${at.port}`, background: true });
    steps.push({ kind: 'run', on: p.source, run: `echo hello | nc ${at ? '-N' : '-w1'} -p ${p.srcPort + i} ${p.address} ${p.dstPort}` });
  }
  return steps;
}

/**
 * Where a UDP or TCP PDU to a device is answered: on that device, at its port; or, when the device
 * forwards that port (a DNAT rule in its PREROUTING chain for this protocol, port and address),
 * on the device that has the address it forwards to, at the port it forwards to. The rule's `-i`
 * and `-s` are not checked: a packet that does not match them (from inside, say) reaches the
 * gateway itself, where nothing listens, and is refused, as on Linux with the same commands (the
 * form shows them).
 */
export function answerer(p: Pdu, topology: Topology): { device: string; port: number } | undefined {
  if (p.device === undefined) return undefined;
  const node = topology.nodes.find((n) => n.name === p.device);
  if (node?.kind !== 'linux' || !isIpv4(p.address)) return { device: p.device, port: p.dstPort };
  const address = p.address;
  const rule = (node.nat ?? []).find(
    (r) =>
      r.chain === 'PREROUTING' &&
      r.target === 'DNAT' &&
      (r.proto === undefined || r.proto === p.protocol) &&
      (r.dport === undefined || r.dport === p.dstPort) &&
      (r.dst === undefined || inPrefix(address, r.dst.ip, r.dst.len)),
  );
  if (!rule?.toAddr) return { device: p.device, port: p.dstPort };
  const to = rule.toAddr;
  const owner = topology.nodes.find((n) => n.kind === 'linux' && n.ifaces.some((i) => i.addrs.some((a) => a.ip === to)));
  return owner ? { device: owner.name, port: rule.toPort ?? p.dstPort } : undefined;
}

/** A short name of the PDU ("h1 → 10.0.2.10 ICMP"), for titles. */
export const pduLabel = (p: Pdu): string => `${p.source} → ${p.device ? `${p.device} (${p.address})` : p.address} ${p.protocol.toUpperCase()}`;

/** Every address of every Linux device, for the destination menu. */
export function destinations(topology: Topology): { device: string; address: string }[] {
  return topology.nodes.flatMap((n) => (n.kind === 'linux' ? n.ifaces.flatMap((i) => i.addrs.map((a) => ({ device: n.name, address: a.ip }))) : []));
}
