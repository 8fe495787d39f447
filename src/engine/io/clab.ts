// containerlab topology files (YAML), the subset real Linux labs and ../shared/oracle use:
// `kind: linux` nodes configured by `exec:` lines, `kind: bridge` nodes, `links:` with two
// endpoints, and the oracle's `scenario:` list. Reading checks everything and reports each
// problem with its line, within packetwalk's bounds (limits.ts): one YAML document, merge keys
// merged as containerlab does, aliases expanded a bounded number of times, nesting too deep for
// the parser refused; writing produces a file that containerlab and the oracle accept.
// Canvas positions and roles travel in node `labels` (graph-posX/graph-posY, as containerlab's
// graph tool uses them), and so do the names of bridge ports renamed for containerlab's host
// (packetwalk-ports, see clab-ports.ts).

import { Document, isCollection, isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type YAMLError } from 'yaml';
import { z } from 'zod';
import { macFromSerial } from '../wire/addr';
import { BRIDGE_DEV, type BridgeNode, type BridgeVlan, type Iface, type LinuxNode, type ScenarioStep, type Topology, type TopoNode } from '../topology';
import { NodeBuild } from './exec';
import { bridgeDevLines, bridgeTarget, bridgeVlanLines } from './bridge-vlan';
import { tunnelLines } from '../tunnel-text';
import { bridgeExecLines } from './exec-bridge';
import { iptablesText } from './iptables';
import { neighLine } from './neigh';
import { hostPortNames, LABEL_PORTS, portsLabel, readPortsLabel } from './clab-ports';
import { isStackOverflow, type Problem, readGuarded, TopologyError } from './problems';
import { routeText } from '../linux-text';
import { ifaceNameProblem, validateTopology } from './validate';
import { nodeNameProblem } from '../edit/names';
import { MAX_LINKS, MAX_NODES, MAX_SCENARIO_STEPS, MAX_YAML_ALIASES, MAX_YAML_DEPTH } from './limits';

const EndpointSchema = z.union([
  z.string(),
  z.object({ node: z.string(), interface: z.string() }).loose(),
]);
const NodeSchema = z
  .object({
    kind: z.string().optional(),
    exec: z.array(z.string(), { error: 'exec must be a list of command lines' }).optional(),
    labels: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  })
  .loose();
const StepSchema = z.union([
  z.object({ sleep: z.number({ error: 'sleep must be a number of seconds' }).nonnegative() }).strict(),
  z
    .object({
      on: z.string({ error: 'a scenario step needs "on: NODE"' }),
      run: z.string({ error: 'a scenario step needs "run: COMMAND"' }),
      background: z.boolean().optional(),
      timeout: z.number().positive().optional(),
    })
    .strict(),
]);
const ClabSchema = z
  .object({
    name: z.union([z.string(), z.number()]).optional(),
    topology: z
      .object({
        defaults: z.object({ kind: z.string().optional() }).loose().optional(),
        kinds: z.unknown().optional(),
        // A Map, not a record: a node may be called "constructor" (and "__proto__" is reported,
        // not lost as the prototype of an object).
        nodes: z.preprocess(
          entriesOf,
          z
            .map(z.string(), NodeSchema.nullable(), { error: 'topology.nodes must map node names to node definitions' })
            .refine((m) => m.size <= MAX_NODES, { error: `packetwalk opens at most ${MAX_NODES} nodes` }),
        ),
        links: z
          .array(
            z
              .object({ endpoints: z.array(EndpointSchema).length(2, { error: 'a link needs exactly two endpoints' }) })
              .loose(),
          )
          .max(MAX_LINKS, { error: `packetwalk opens at most ${MAX_LINKS} links` })
          .optional(),
      }, { error: 'missing topology: with nodes:' })
      .loose(),
    scenario: z.array(StepSchema).max(MAX_SCENARIO_STEPS, { error: `packetwalk runs at most ${MAX_SCENARIO_STEPS} scenario steps` }).optional(),
  })
  .loose();

/** A plain object's own entries as a Map (anything else is left for the schema to refuse). */
function entriesOf(v: unknown): unknown {
  return v && typeof v === 'object' && !Array.isArray(v) ? new Map(Object.entries(v)) : v;
}

const LABEL_ROLE = 'packetwalk-role';
const LABEL_X = 'graph-posX';
const LABEL_Y = 'graph-posY';

/**
 * Lines of the file's parts by path, as `doc.getIn` finds them, with the entries of
 * topology.nodes indexed by name on first use: getIn scans a map's pairs, so locating every node
 * of a 10 000-node file through it took quadratic time.
 */
class Lines {
  private nodes: Map<unknown, unknown> | undefined;

  constructor(
    private readonly doc: Document,
    private readonly lc: LineCounter,
  ) {}

  private node(path: (string | number)[]): unknown {
    if (path.length < 3 || path[0] !== 'topology' || path[1] !== 'nodes') return this.doc.getIn(path, true);
    if (!this.nodes) {
      this.nodes = new Map();
      const map = this.doc.getIn(['topology', 'nodes'], true);
      // the first pair of a key, as getIn finds it
      if (isMap(map)) for (const pair of map.items) if (isScalar(pair.key) && !this.nodes.has(pair.key.value)) this.nodes.set(pair.key.value, pair.value);
    }
    const node = this.nodes.get(path[2]);
    if (path.length === 3) return node;
    return isCollection(node) ? node.getIn(path.slice(3), true) : undefined;
  }

  /** The line of the value at path, or of its nearest ancestor that has one. */
  of(path: (string | number)[]): number | undefined {
    for (let p = path; p.length > 0; p = p.slice(0, -1)) {
      const node = this.node(p) as { range?: [number, number, number] } | undefined;
      if (node && typeof node === 'object' && node.range) return this.lc.linePos(node.range[0]).line;
    }
    return undefined;
  }

  /** Line of the n-th item of a YAML sequence at path. */
  item(path: (string | number)[], n: number): number | undefined {
    const seq = this.node(path);
    if (isSeq(seq)) {
      const item = seq.items[n] as { range?: [number, number, number] } | undefined;
      if (item?.range) return this.lc.linePos(item.range[0]).line;
    }
    return this.of(path);
  }
}

/**
 * The YAML library's uniqueKeys check (two equal scalar keys in one map), in linear time: the
 * library compares each key with every earlier key of its map, quadratic in a 10 000-node
 * topology.nodes. Returns the offset of each repeated key.
 */
function repeatedKeys(doc: Document): number[] {
  const at: number[] = [];
  visit(doc, {
    Map(_, map) {
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        if (seen.has(pair.key.value)) at.push(pair.key.range?.[0] ?? 0);
        seen.add(pair.key.value);
      }
    },
  });
  return at;
}

const TOO_DEEP = 'nested too deeply to read (thousands of levels of brackets or indentation)';

/** The YAML library's errors in words of a containerlab file. */
function yamlMessage(e: YAMLError): string {
  if (e.code === 'MULTIPLE_DOCS') return 'a second YAML document starts here: a containerlab file holds one (remove this "---" and what follows, or split the file)';
  // The library catches its own stack overflow and reports it as an error of the document.
  if (isStackOverflow(e)) return TOO_DEEP;
  return e.message.split('\n')[0]!;
}

/**
 * The line where flow collections (`[`, `{`) first nest deeper than MAX_YAML_DEPTH, or undefined.
 * A containerlab file nests a few levels; the YAML parser's time grows fast with depth (thousands
 * of brackets take seconds), so deeper text is refused before it is parsed. Quoted text and
 * comments are skipped.
 */
function tooDeepAt(text: string): number | undefined {
  let depth = 0;
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') line++;
    else if (c === '[' || c === '{') {
      if (++depth > MAX_YAML_DEPTH) return line;
    } else if (c === ']' || c === '}') depth = Math.max(0, depth - 1);
    else if (c === '"' || c === "'") {
      // To the closing quote ("" and '' escapes close and reopen: the same for a scan).
      for (i++; i < text.length && text[i] !== c && text[i] !== '\n'; i++) if (c === '"' && text[i] === '\\') i++;
      if (text[i] === '\n') line++;
    } else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
      while (i + 1 < text.length && text[i + 1] !== '\n') i++;
    }
  }
  return undefined;
}

/**
 * The file's value as plain data: YAML merge keys (`<<: *defaults`) are merged, as containerlab's
 * Go YAML library does; aliases expand at most MAX_YAML_ALIASES times (an alias bomb is refused).
 */
function plainValue(doc: Document, file: string): unknown {
  try {
    return doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (e) {
    if (e instanceof ReferenceError && /alias/i.test(e.message)) {
      throw new TopologyError([{ file, message: `YAML aliases expand too much (more than ${MAX_YAML_ALIASES} expansions): is this an alias bomb?` }]);
    }
    throw e;
  }
}

/** Reads a containerlab file. Throws TopologyError listing every problem found. */
export function parseClab(text: string, file = 'topology.clab.yml'): Topology {
  return readGuarded(file, () => readClab(text, file));
}

function readClab(text: string, file: string): Topology {
  const deep = tooDeepAt(text);
  if (deep !== undefined) throw new TopologyError([{ file, line: deep, message: `brackets nested more than ${MAX_YAML_DEPTH} deep (a containerlab file nests a few levels)` }]);
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: false, merge: true });
  const lines = new Lines(doc, lc);
  const problems: Problem[] = [];
  const at = (line: number | undefined, message: string) => problems.push({ file, ...(line !== undefined ? { line } : {}), message });
  for (const e of doc.errors) at(lc.linePos(e.pos[0]).line, yamlMessage(e));
  if (!doc.errors.length) for (const offset of repeatedKeys(doc)) at(lc.linePos(offset).line, 'Map keys must be unique');
  if (problems.length) throw new TopologyError(problems);
  if (!isMap(doc.contents)) throw new TopologyError([{ file, message: 'not a YAML mapping (expected name:, topology:, …)' }]);
  const parsed = ClabSchema.safeParse(plainValue(doc, file));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
      at(lines.of(path), `${path.length ? path.join('.') + ': ' : ''}${issue.message}`);
    }
    throw new TopologyError(problems);
  }
  const raw = parsed.data;
  const name = raw.name !== undefined ? String(raw.name) : file.replace(/^.*\//, '').replace(/(\.clab)?\.ya?ml$/, '');
  const defaultKind = raw.topology.defaults?.kind;

  // Nodes.
  const nodes: TopoNode[] = [];
  const byName = new Map<string, TopoNode>();
  const defs = raw.topology.nodes;
  for (const [nodeName, def0] of defs) {
    const def = def0 ?? {};
    const line = lines.of(['topology', 'nodes', nodeName]);
    const nameProblem = nodeNameProblem(nodeName);
    if (nameProblem) at(line, nameProblem);
    const kind = def.kind ?? defaultKind;
    const labels = def.labels ?? {};
    const pos = labels[LABEL_X] !== undefined && labels[LABEL_Y] !== undefined ? { x: Number(labels[LABEL_X]), y: Number(labels[LABEL_Y]) } : undefined;
    const position = pos && Number.isFinite(pos.x) && Number.isFinite(pos.y) ? { position: pos } : {};
    const roleLabel = labels[LABEL_ROLE] !== undefined ? String(labels[LABEL_ROLE]) : undefined;
    if (kind === 'linux') {
      const role = (['host', 'server', 'router', 'nat', 'l3switch'] as const).find((r) => r === roleLabel);
      const n: LinuxNode = { kind: 'linux', name: nodeName, role: role ?? 'host', ifaces: [], loAddrs: [], routes: [], ipForward: false, ...position };
      if (!role && roleLabel !== undefined) at(line, `node ${nodeName}: label ${LABEL_ROLE} "${roleLabel}" is not host, server, router, nat or l3switch`);
      nodes.push(n);
      byName.set(nodeName, n);
    } else if (kind === 'bridge') {
      const n: BridgeNode = { kind: 'bridge', name: nodeName, role: 'switch', ifaces: [], ...position };
      nodes.push(n);
      byName.set(nodeName, n);
    } else {
      at(lines.of(['topology', 'nodes', nodeName, 'kind']), `node ${nodeName}: kind "${kind ?? '(none)'}" is not supported (linux, bridge)`);
    }
  }

  // Links create the interfaces, in file order (their ifindex order in each node).
  let serial = 0;
  const linksRead: Topology['links'] = [];
  (raw.topology.links ?? []).forEach((l, li) => {
    const line = lines.item(['topology', 'links'], li);
    const eps = l.endpoints.map((ep) => {
      let node: string;
      let iface: string;
      if (typeof ep === 'string') {
        const m = /^([^:]+):(.+)$/.exec(ep);
        if (!m) {
          at(line, `link ${li + 1}: endpoint "${ep}" is not "node:interface"`);
          return null;
        }
        node = m[1]!;
        iface = m[2]!;
      } else {
        node = ep.node;
        iface = ep.interface;
      }
      const n = byName.get(node);
      if (!n) {
        at(line, `link ${li + 1}: unknown node "${node}"`);
        return null;
      }
      const ifProblem = ifaceNameProblem(iface, n.kind);
      if (ifProblem) {
        at(line, `link ${li + 1}: ${node}: ${ifProblem}`);
        return null;
      }
      if (n.ifaces.some((i) => i.name === iface)) {
        at(line, `link ${li + 1}: ${node}:${iface} is used by another link`);
        return null;
      }
      const i: Iface = { name: iface, mac: macFromSerial(++serial), macAuto: true, addrs: [] };
      n.ifaces.push(i);
      return { node, iface };
    });
    if (eps[0] && eps[1]) linksRead.push({ a: eps[0], b: eps[1] });
  });

  // exec lines, node by node, in order.
  for (const n of nodes) {
    const exec = defs.get(n.name)?.exec ?? [];
    const build = new NodeBuild(n, () => macFromSerial(++serial));
    exec.forEach((cmd, k) => {
      const line = lines.item(['topology', 'nodes', n.name, 'exec'], k);
      const r = build.exec(cmd);
      if (r.kind === 'error') at(line, `node ${n.name}: exec "${cmd}": ${r.message}`);
    });
  }
  // Bridge ports renamed for containerlab's host get their own names back.
  const links = renamePorts(linksRead, nodes, (n) => defs.get(n)?.labels?.[LABEL_PORTS], (n, message) => at(lines.of(['topology', 'nodes', n, 'labels', LABEL_PORTS]), `node ${n}: label ${LABEL_PORTS}: ${message}`));
  if (problems.length) throw new TopologyError(problems);
  // Without a role label, a node that forwards is drawn as a router (an L3 switch if it has a bridge device).
  for (const n of nodes) {
    const label = defs.get(n.name)?.labels?.[LABEL_ROLE];
    if (n.kind === 'linux' && label === undefined && n.ipForward) n.role = n.nat?.length ? 'nat' : n.tunnels?.some((x) => x.kind === 'bridge') ? 'l3switch' : 'router';
  }

  // Scenario.
  const scenario: ScenarioStep[] = (raw.scenario ?? []).map((s) =>
    'sleep' in s
      ? { kind: 'sleep', seconds: s.sleep }
      : { kind: 'run', on: s.on, run: s.run, ...(s.background ? { background: true } : {}), ...(s.timeout !== undefined ? { timeout: s.timeout } : {}) },
  );
  const topo: Topology = { name, nodes, links, scenario };

  // Whole-topology checks, located as well as we can.
  for (const issue of validateTopology(topo)) {
    const [k0, i0, k1] = issue.path;
    let line: number | undefined;
    if (k0 === 'scenario' && typeof i0 === 'number') line = lines.item(['scenario'], i0);
    else if (k0 === 'links' && typeof i0 === 'number') line = lines.item(['topology', 'links'], i0);
    else if (k0 === 'nodes' && typeof i0 === 'number') {
      const n = nodes[i0]!;
      line = lines.of(['topology', 'nodes', n.name]);
      if (k1 === 'ifaces' || k1 === 'loAddrs') {
        const m = /duplicate address ([\d.]+)/.exec(issue.message);
        const ip = m?.[1];
        const exec = defs.get(n.name)?.exec ?? [];
        const k = ip ? exec.findIndex((c) => c.includes(` ${ip}/`) || c.includes(` ${ip} `)) : -1;
        if (k >= 0) line = lines.item(['topology', 'nodes', n.name, 'exec'], k);
      }
    }
    at(line, issue.message);
  }
  if (problems.length) throw new TopologyError(problems);
  return topo;
}

/** Renames the ports of bridges whose label says so (in place) and returns the links with the new names. */
function renamePorts(links: Topology['links'], nodes: TopoNode[], label: (node: string) => unknown, problem: (node: string, message: string) => void): Topology['links'] {
  const renamed = new Map<string, string>();
  for (const n of nodes) {
    const value = label(n.name);
    if (n.kind !== 'bridge' || value === undefined) continue;
    const r = readPortsLabel(String(value), n.ifaces.map((i) => i.name));
    if (r.kind === 'error') {
      problem(n.name, r.message);
      continue;
    }
    for (const i of n.ifaces) {
      const name = r.names.get(i.name);
      if (name === undefined) continue;
      renamed.set(`${n.name}:${i.name}`, name);
      i.name = name;
    }
    const vlans = n.vlans;
    if (vlans) n.vlans = Object.fromEntries(Object.entries(vlans).map(([dev, v]) => [r.names.get(dev) ?? dev, v]));
  }
  if (!renamed.size) return links;
  const end = (e: Topology['links'][number]['a']) => ({ node: e.node, iface: renamed.get(`${e.node}:${e.iface}`) ?? e.iface });
  return links.map((l) => ({ a: end(l.a), b: end(l.b) }));
}

function sysctlLines(n: LinuxNode): string[] {
  const out: string[] = [];
  if (n.ipForward) out.push('sysctl -w net.ipv4.ip_forward=1');
  if (n.multipathHashPolicy) out.push(`sysctl -w net.ipv4.fib_multipath_hash_policy=${n.multipathHashPolicy}`);
  if (n.multipathHashSeed) out.push(`sysctl -w net.ipv4.fib_multipath_hash_seed=${n.multipathHashSeed}`);
  if (n.icmpEchoIgnoreBroadcasts === false) out.push('sysctl -w net.ipv4.icmp_echo_ignore_broadcasts=0');
  const all = n.all ?? {};
  if (all.proxyArp) out.push('sysctl -w net.ipv4.conf.all.proxy_arp=1');
  if (all.sendRedirects === false) out.push('sysctl -w net.ipv4.conf.all.send_redirects=0');
  if (all.acceptRedirects === false) out.push('sysctl -w net.ipv4.conf.all.accept_redirects=0');
  for (const i of n.ifaces) {
    const c = i.conf ?? {};
    if (c.forwarding !== undefined && c.forwarding !== n.ipForward) out.push(`sysctl -w net.ipv4.conf.${i.name}.forwarding=${c.forwarding ? 1 : 0}`);
    if (c.proxyArp !== undefined) out.push(`sysctl -w net.ipv4.conf.${i.name}.proxy_arp=${c.proxyArp ? 1 : 0}`);
    if (c.sendRedirects !== undefined) out.push(`sysctl -w net.ipv4.conf.${i.name}.send_redirects=${c.sendRedirects ? 1 : 0}`);
    if (c.acceptRedirects !== undefined) out.push(`sysctl -w net.ipv4.conf.${i.name}.accept_redirects=${c.acceptRedirects ? 1 : 0}`);
    if (c.proxyDelay !== undefined) out.push(`sysctl -w net.ipv4.neigh.${i.name}.proxy_delay=${c.proxyDelay}`);
  }
  return out;
}

export interface ClabExport {
  text: string;
  /** what a containerlab file cannot hold (interfaces without a link), and bridge ports renamed */
  warnings: string[];
}

/** The image linux nodes get: containerlab needs one (the oracle ignores it); it has iproute2 and iptables. */
export const CLAB_LINUX_IMAGE = 'ghcr.io/hellt/network-multitool';

/**
 * A bridge's VLAN lists as a containerlab file can hold them: the bridge's own and its linked
 * ports' (an interface without a link is left out of the file: a line naming it could not be read back).
 */
function linkedVlans(vlans: Record<string, BridgeVlan[]> | undefined, self: string, linked: (port: string) => boolean): { vlans?: Record<string, BridgeVlan[]> } {
  return vlans ? { vlans: Object.fromEntries(Object.entries(vlans).filter(([dev]) => dev === self || linked(dev))) } : {};
}

/**
 * Writes a containerlab file that reproduces the topology, on containerlab and on the oracle
 * (record.mjs): linux nodes carry an image, and bridge ports have names unique on the host, the
 * student's names kept in a label (clab-ports.ts).
 */
export function toClab(t: Topology, opts: { image?: string } = {}): ClabExport {
  const warnings: string[] = [];
  const renames = hostPortNames(t);
  for (const [from, to] of renames) {
    warnings.push(`${from} is written as ${from.split(':')[0]}:${to}: containerlab puts bridge ports in the host's namespace, where their names must be unique (label ${LABEL_PORTS} keeps the name ${from.split(':')[1]})`);
  }
  const ep = (node: string, iface: string) => `${node}:${renames.get(`${node}:${iface}`) ?? iface}`;
  const linked = new Set(t.links.flatMap((l) => [`${l.a.node}:${l.a.iface}`, `${l.b.node}:${l.b.iface}`]));
  const isLinked = (node: string) => (iface: string) => linked.has(`${node}:${iface}`);
  const nodes: Record<string, unknown> = {};
  for (const n of t.nodes) {
    const labels: Record<string, string> = { [LABEL_ROLE]: n.role };
    if (n.position) {
      labels[LABEL_X] = String(Math.round(n.position.x));
      labels[LABEL_Y] = String(Math.round(n.position.y));
    }
    const ports = n.kind === 'bridge' ? portsLabel(n.name, n.ifaces.map((i) => i.name), renames) : undefined;
    if (ports) labels[LABEL_PORTS] = ports;
    const exec: string[] = [];
    for (const i of n.ifaces) {
      if (!linked.has(`${n.name}:${i.name}`)) {
        warnings.push(`${n.name}:${i.name} has no link: a containerlab file cannot hold it, so it is left out`);
        continue;
      }
      if (!i.macAuto) exec.push(`ip link set dev ${renames.get(`${n.name}:${i.name}`) ?? i.name} address ${i.mac}`);
    }
    if (n.kind === 'linux') {
      for (const i of n.ifaces) {
        if (!linked.has(`${n.name}:${i.name}`)) continue;
        for (const a of i.addrs) exec.push(`ip addr add ${a.ip}/${a.len} dev ${i.name}`);
      }
      for (const a of n.loAddrs) exec.push(`ip addr add ${a.ip}/${a.len} dev lo`);
      // a bridge's ports join it once every device exists (a gretap or vxlan port may come after
      // it), and only ports containerlab makes: linked interfaces and the node's own devices
      const ok = isLinked(n.name);
      const own = new Set((n.tunnels ?? []).map((x) => x.name));
      const made = (dev: string) => ok(dev) || own.has(dev);
      for (const tn of n.tunnels ?? []) exec.push(...tunnelLines(tn));
      for (const tn of n.tunnels ?? []) if (tn.kind === 'bridge') exec.push(...bridgeDevLines({ ...tn, ports: (tn.ports ?? []).filter(made), ...linkedVlans(tn.vlans, tn.name, made) }));
      for (const r of n.routes) exec.push(`ip route add ${routeText(r)}`);
      for (const line of sysctlLines(n)) exec.push(line);
      for (const r of n.nat ?? []) exec.push(iptablesText(r));
      for (const e of n.neigh ?? []) exec.push(neighLine(e));
    } else {
      exec.push(...bridgeExecLines(n.stp, n.ifaces.filter((i) => linked.has(`${n.name}:${i.name}`)).map((i) => ({ name: renames.get(`${n.name}:${i.name}`) ?? i.name, ...(i.stp ? { stp: i.stp } : {}) }))));
      const ok = isLinked(n.name);
      const br = bridgeTarget({ ...n, ifaces: n.ifaces.filter((i) => ok(i.name)), ...linkedVlans(n.vlans, BRIDGE_DEV, ok) }, BRIDGE_DEV)!;
      if (n.vlanFiltering) exec.push(`ip link set ${BRIDGE_DEV} type bridge vlan_filtering 1`);
      exec.push(...bridgeVlanLines(br, (port) => renames.get(`${n.name}:${port}`) ?? port));
    }
    nodes[n.name] = { kind: n.kind, ...(n.kind === 'linux' ? { image: opts.image ?? CLAB_LINUX_IMAGE } : {}), labels, ...(exec.length ? { exec } : {}) };
  }
  const doc: Record<string, unknown> = {
    name: t.name,
    topology: {
      nodes,
      links: t.links.map((l) => ({ endpoints: [ep(l.a.node, l.a.iface), ep(l.b.node, l.b.iface)] })),
    },
  };
  if (t.scenario.length) {
    doc.scenario = t.scenario.map((s) =>
      s.kind === 'sleep'
        ? { sleep: s.seconds }
        : { on: s.on, run: s.run, ...(s.background ? { background: true } : {}), ...(s.timeout !== undefined ? { timeout: s.timeout } : {}) },
    );
  }
  const d = new Document(doc);
  t.links.forEach((_, i) => {
    const seq = d.getIn(['topology', 'links', i, 'endpoints'], true);
    if (isSeq(seq)) {
      seq.flow = true;
      for (const item of seq.items) if (isScalar(item)) item.type = 'QUOTE_DOUBLE';
    }
  });
  const header = `# Written by packetwalk. Runs on containerlab and on the packet-walk oracle (record.mjs).\n`;
  return { text: header + d.toString({ lineWidth: 0, flowCollectionPadding: false }), warnings };
}
