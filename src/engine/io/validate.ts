// Checks that hold across a whole topology, whatever file it came from: unique names, links
// between existing interfaces (each used once), VLAN settings that name existing devices, valid and unique addresses and MACs, routes the
// kernel would accept, scenario commands packetwalk can run, and packetwalk's bounds on seconds and
// positions (limits.ts; the readers' schemas bound the number of scenario steps).

import { isLoopback, isMac, isMulticast, isZeronet, type Ipv4Addr } from '../wire/addr';
import { linkKey, type Topology, type TopoNode } from '../topology';
import { routeText } from '../linux-text';
import { compileFib } from '../devices/config';
import { parseBridgeCommand } from '../userspace/bridge-node';
import { parseCommand, shellWords } from '../userspace/commands';
import { iptablesText, parseIptables } from './iptables';
import { devNameProblem } from '../devices/linux/netdev';
import { positionProblem, stepSecondsProblem } from './limits';
import { nodeNameProblem } from '../edit/names';
import { vlanConfigProblems } from './bridge-vlan';

/** A problem with a path into the topology, e.g. ['nodes', 2, 'routes', 0]. */
export interface TopologyIssue {
  path: (string | number)[];
  message: string;
}

/**
 * Why an interface name is refused, or undefined: Linux's dev_valid_name first (netdev.ts), then
 * packetwalk's own rules: letters, digits, "_", "." and "-" only (a containerlab endpoint is
 * "node:interface"), not lo (every node has it), not br0 on a switch (the bridge itself).
 */
export function ifaceNameProblem(name: string, kind: TopoNode['kind']): string | undefined {
  const linux = devNameProblem(name);
  if (linux) return `interface name "${name}" is not allowed: ${linux}`;
  if (!/^[A-Za-z0-9_.-]+$/.test(name)) return `interface name "${name}" is not allowed: use letters, digits, "_", "." and "-"`;
  if (name === 'lo') return 'interface name "lo" is not allowed: it is the loopback device every node has';
  if (kind === 'bridge' && name === 'br0') return 'interface name "br0" is not allowed on a switch: it is the bridge itself';
  return undefined;
}

export function validateTopology(t: Topology): TopologyIssue[] {
  const issues: TopologyIssue[] = [];
  const names = new Map<string, number>();
  const macs = new Map<string, string>();
  const addrs = new Map<Ipv4Addr, string>();
  t.nodes.forEach((n, ni) => {
    const nameProblem = nodeNameProblem(n.name);
    if (nameProblem) issues.push({ path: ['nodes', ni, 'name'], message: nameProblem });
    if (n.position) {
      const p = positionProblem(n.position.x, n.position.y);
      if (p) issues.push({ path: ['nodes', ni, 'position'], message: `${n.name}: ${p}` });
    }
    if (names.has(n.name)) issues.push({ path: ['nodes', ni, 'name'], message: `node name "${n.name}" is used twice` });
    names.set(n.name, ni);
    const ifNames = new Set<string>();
    n.ifaces.forEach((i, ii) => {
      const p = ['nodes', ni, 'ifaces', ii];
      const ifProblem = ifaceNameProblem(i.name, n.kind);
      if (ifProblem) issues.push({ path: [...p, 'name'], message: `${n.name}: ${ifProblem}` });
      if (ifNames.has(i.name)) issues.push({ path: [...p, 'name'], message: `interface ${n.name}:${i.name} is defined twice` });
      ifNames.add(i.name);
      if (!isMac(i.mac) || parseInt(i.mac.slice(0, 2), 16) & 1) issues.push({ path: [...p, 'mac'], message: `${n.name}:${i.name}: "${i.mac}" is not a unicast MAC address` });
      const other = macs.get(i.mac);
      if (other) issues.push({ path: [...p, 'mac'], message: `MAC ${i.mac} of ${n.name}:${i.name} is also used by ${other}` });
      macs.set(i.mac, `${n.name}:${i.name}`);
    });
    for (const message of vlanConfigProblems(n)) issues.push({ path: ['nodes', ni, n.kind === 'bridge' ? 'vlans' : 'tunnels'], message });
    if (n.kind !== 'linux') return;
    const all = [...n.ifaces.map((i) => ({ dev: i.name, list: i.addrs })), { dev: 'lo', list: n.loAddrs }];
    for (const { dev, list } of all) {
      list.forEach((a, ai) => {
        const p = dev === 'lo' ? ['nodes', ni, 'loAddrs', ai] : ['nodes', ni, 'ifaces', n.ifaces.findIndex((i) => i.name === dev), 'addrs', ai];
        if (isMulticast(a.ip) || isZeronet(a.ip) || a.ip === '255.255.255.255') {
          issues.push({ path: p, message: `${n.name}:${dev}: ${a.ip} cannot be an interface address` });
          return;
        }
        if (isLoopback(a.ip)) return;
        const other = addrs.get(a.ip);
        if (other && !other.startsWith(`${n.name}:`)) {
          issues.push({ path: p, message: `duplicate address ${a.ip}: on ${n.name}:${dev} and on ${other}` });
        }
        addrs.set(a.ip, `${n.name}:${dev}`);
      });
    }
    (n.nat ?? []).forEach((r, ri) => {
      const p = ['nodes', ni, 'nat', ri];
      const devs = new Set([...n.ifaces.map((i) => i.name), 'lo']);
      for (const dev of [r.in, r.out]) {
        if (dev !== undefined && !devs.has(dev)) issues.push({ path: p, message: `${n.name}: ${iptablesText(r)}: interface "${dev}" does not exist` });
      }
      const again = parseIptables((shellWords(iptablesText(r)) as string[]).slice(1)).kind;
      if (again !== 'ok') issues.push({ path: p, message: `${n.name}: ${iptablesText(r)}: not a rule packetwalk models` });
    });
    const { errors } = compileFib(n);
    for (const e of errors) {
      issues.push({ path: ['nodes', ni, 'routes', e.route], message: `${n.name}: ip route add ${routeText(n.routes[e.route]!)}: ${e.message}` });
    }
  });
  const used = new Map<string, string>();
  t.links.forEach((l, li) => {
    for (const [side, e] of [['a', l.a], ['b', l.b]] as const) {
      const ni = names.get(e.node);
      if (ni === undefined) {
        issues.push({ path: ['links', li, side], message: `link ${linkKey(l)}: unknown node "${e.node}"` });
        continue;
      }
      if (!t.nodes[ni]!.ifaces.some((i) => i.name === e.iface)) {
        issues.push({ path: ['links', li, side], message: `link ${linkKey(l)}: ${e.node} has no interface "${e.iface}"` });
        continue;
      }
      const label = `${e.node}:${e.iface}`;
      const prev = used.get(label);
      if (prev) issues.push({ path: ['links', li, side], message: `${label} is used by two links (${prev} and ${linkKey(l)})` });
      used.set(label, linkKey(l));
    }
  });
  t.scenario.forEach((s, si) => {
    const seconds = stepSecondsProblem(s, si);
    if (seconds) issues.push({ path: ['scenario', si], message: seconds });
    if (s.kind === 'sleep') return;
    const ni = names.get(s.on);
    if (ni === undefined) issues.push({ path: ['scenario', si, 'on'], message: `scenario step ${si + 1}: unknown node "${s.on}"` });
    const node = ni === undefined ? undefined : t.nodes[ni]!;
    const c = node?.kind === 'bridge' ? parseBridgeCommand(s.run, node) : parseCommand(s.run);
    if (c.kind === 'error') issues.push({ path: ['scenario', si, 'run'], message: `scenario step ${si + 1} (${s.run}): ${c.message}` });
  });
  return issues;
}
