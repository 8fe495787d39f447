// Bridge port names in a containerlab file. containerlab creates the ports of a `kind: bridge`
// node (the host ends of their veth pairs) in the host's network namespace, where an interface
// name must be unique and at most 15 characters long (IFNAMSIZ 16). packetwalk numbers ports per
// switch (each switch has its p1), so the export writes a port whose name another bridge also
// uses as BRIDGE-PORT (sw2-p1), or, when that is longer than 15 characters or taken, as the first
// free pN. The bridge's `packetwalk-ports` label records the mapping (`sw2-p1=p1 sw2-p2=p2`: the
// name in the file, then the student's), and reading the file gives the student's names back,
// as positions come back from graph-posX/graph-posY. The oracle runs each bridge in a namespace
// of its own and needs none of this; a file without the label keeps the names it has.

import type { Topology } from '../topology';
import { ifaceNameProblem } from './validate';

/** The node label that records a bridge's renamed ports. */
export const LABEL_PORTS = 'packetwalk-ports';

/** Linux's limit on an interface name (IFNAMSIZ 16, with its terminating zero). */
const IFNAMSIZ = 16;

/**
 * The names the export gives bridge ports that share their name with another bridge's port,
 * "bridge:port" → the name on the host. Ports whose name is unique keep it (an older network
 * numbered across switches is written as it is).
 */
export function hostPortNames(t: Topology): Map<string, string> {
  const bridges = t.nodes.filter((n) => n.kind === 'bridge');
  const users = new Map<string, number>();
  for (const b of bridges) for (const p of b.ifaces) users.set(p.name, (users.get(p.name) ?? 0) + 1);
  const taken = new Set(users.keys());
  const out = new Map<string, string>();
  let next = 1;
  for (const b of bridges) {
    for (const p of b.ifaces) {
      if (users.get(p.name)! < 2) continue;
      let name = `${b.name}-${p.name}`;
      if (name.length >= IFNAMSIZ || taken.has(name)) {
        while (taken.has(`p${next}`)) next++;
        name = `p${next}`;
      }
      taken.add(name);
      out.set(`${b.name}:${p.name}`, name);
    }
  }
  return out;
}

/** The `packetwalk-ports` label of one bridge (`FILE=NAME …`), or undefined when none is renamed. */
export function portsLabel(bridge: string, ports: readonly string[], hostNames: ReadonlyMap<string, string>): string | undefined {
  const pairs = ports.flatMap((p) => {
    const file = hostNames.get(`${bridge}:${p}`);
    return file ? [`${file}=${p}`] : [];
  });
  return pairs.length ? pairs.join(' ') : undefined;
}

export type PortsLabel = { kind: 'ok'; names: Map<string, string> } | { kind: 'error'; message: string };

/**
 * Reads a `packetwalk-ports` label against the bridge's ports as the file names them: the file's
 * name → the student's. Every pair must name a port of the bridge, and the names after renaming
 * must be valid and distinct.
 */
export function readPortsLabel(value: string, ports: readonly string[]): PortsLabel {
  const names = new Map<string, string>();
  for (const pair of value.trim().split(/\s+/).filter(Boolean)) {
    const m = /^([^=]+)=([^=]+)$/.exec(pair);
    if (!m) return { kind: 'error', message: `"${pair}" is not FILE=PORT (the name in this file, then the port's own)` };
    const [, file, name] = m as unknown as [string, string, string];
    if (!ports.includes(file)) return { kind: 'error', message: `"${file}" is not one of its ports` };
    const problem = ifaceNameProblem(name, 'bridge');
    if (problem) return { kind: 'error', message: `"${name}" is not a port name: ${problem}` };
    if (names.has(file)) return { kind: 'error', message: `"${file}" is named twice` };
    names.set(file, name);
  }
  const after = ports.map((p) => names.get(p) ?? p);
  const twice = after.find((p, i) => after.indexOf(p) !== i);
  if (twice !== undefined) return { kind: 'error', message: `two ports would be named "${twice}"` };
  return { kind: 'ok', names };
}
