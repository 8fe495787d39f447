// Names, MACs and addresses for what the editor creates: devices h1…, srv1…, sw1…, r1…, nat1…
// (the first free number), interfaces eth1… on Linux nodes (eth0 is containerlab's management
// interface) and p1… on each switch, MACs 02:00:00:xx:xx:xx (the lowest serial no interface uses),
// and the addresses already taken; what a device may be called.

import { macFromSerial, type MacAddr } from '../wire/addr';
import type { Role, Topology, TopoNode } from '../topology';

const NODE_NAME_RE = /^[A-Za-z0-9_-]{1,32}$/;

/**
 * Why a node name is refused, or undefined: 1–32 letters, digits, "_" or "-" (what containerlab
 * takes), and not "__proto__", which a JavaScript object (in this app or in any tool that reads
 * its files) takes as its prototype rather than as a key.
 */
export function nodeNameProblem(name: string): string | undefined {
  if (!NODE_NAME_RE.test(name)) return `node name "${name}" must be 1–32 letters, digits, "_" or "-"`;
  if (name === '__proto__') return 'node name "__proto__" is reserved (JavaScript objects treat it as their prototype)';
  return undefined;
}

/** The prefix of new devices' names, by role. */
export const NAME_PREFIX: Record<Role, string> = { host: 'h', server: 'srv', switch: 'sw', router: 'r', nat: 'nat', l3switch: 'l3sw' };

/** The first `prefix` + n (n ≥ 1) not in `taken`. */
export function firstFree(taken: ReadonlySet<string>, prefix: string): string {
  for (let n = 1; ; n++) if (!taken.has(`${prefix}${n}`)) return `${prefix}${n}`;
}

/** The name a new device of this role gets. */
export function nextNodeName(t: Topology, role: Role): string {
  return firstFree(new Set(t.nodes.map((n) => n.name)), NAME_PREFIX[role]);
}

/** Allocates fresh MACs: the lowest serials whose MAC no interface of the topology uses. */
export function macAllocator(t: Topology): () => MacAddr {
  const used = new Set(t.nodes.flatMap((n) => n.ifaces.map((i) => i.mac.toLowerCase())));
  let serial = 0;
  return () => {
    for (serial++; used.has(macFromSerial(serial)); serial++);
    const mac = macFromSerial(serial);
    used.add(mac);
    return mac;
  };
}

/** Every address a linux node has (interfaces and lo), as text. */
export function addressesInUse(t: Topology): Set<string> {
  return new Set(t.nodes.flatMap((n) => (n.kind === 'linux' ? [...n.ifaces.flatMap((i) => i.addrs), ...n.loAddrs] : [])).map((a) => a.ip));
}

/**
 * The name the node's next interface gets: the first free eth number ≥ 1, on a switch the first
 * free p number ≥ 1. Numbered per device, as on a real switch: each switch has its p1, so a
 * question about sw2 is never "p4 or p5?". (containerlab wants bridge ports named uniquely on
 * its host: the export renames them there, io/clab-ports.ts, not here.)
 */
export function nextIfaceName(node: TopoNode): string {
  return firstFree(new Set(node.ifaces.map((i) => i.name)), node.kind === 'bridge' ? 'p' : 'eth');
}
