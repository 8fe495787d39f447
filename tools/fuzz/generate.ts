// The differential fuzzer's topology generator: from a seed, a small network the engine supports
// and Linux records deterministically, as a containerlab file with a scenario (the oracle's
// format, ../shared/oracle/README.md). A chain of 0–3 routers with a LAN at each end (a host
// linked directly, or a switch with 1–3 hosts), transit /24s between routers, static routes (now
// and then one left out, or a blackhole/unreachable/prohibit one), sometimes a NAT gateway
// (MASQUERADE or SNAT, with or without a port), then 1–4 steps: pings (TTLs, counts, broadcast),
// UDP and TCP with fixed ports to listeners, closed ports and unroutable addresses, a sleep.
// Scenarios stay under the recorder's 4 s (neighbour timers) and use each source port once.

import { seededRandom } from '../../src/engine/sim/sim';

interface Node {
  kind: 'linux' | 'bridge';
  exec: string[];
  ifaces: number;
}

interface Addr {
  node: string;
  ip: string;
  /** a host (may run a listener) or a router */
  role: 'host' | 'router';
  /** the LAN's subnet index, for broadcasts */
  subnet: number;
}

type Step = { on: string; run: string; background?: boolean } | { sleep: number };

export interface Generated {
  name: string;
  yaml: string;
  /** what the topology exercises, for grouping mismatches */
  tags: string[];
}

export function generate(seed: number, index: number): Generated {
  // a seed and an index name a topology
  const r = seededRandom(seed * 100_003 + index);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const chance = (p: number) => r() < p;
  const tags = new Set<string>();
  const nodes = new Map<string, Node>();
  const links: [string, string][] = [];
  const addrs: Addr[] = [];
  const ifname = (node: string) => {
    const n = nodes.get(node)!;
    n.ifaces++;
    return n.kind === 'bridge' ? `p${n.ifaces}` : `eth${n.ifaces}`;
  };
  const link = (a: string, b: string): [string, string] => {
    const ia = ifname(a);
    const ib = ifname(b);
    links.push(chance(0.5) ? [`${a}:${ia}`, `${b}:${ib}`] : [`${b}:${ib}`, `${a}:${ia}`]);
    return [ia, ib];
  };
  let hosts = 0;
  let switches = 0;
  const newHost = () => {
    const name = `h${++hosts}`;
    nodes.set(name, { kind: 'linux', exec: [], ifaces: 0 });
    return name;
  };
  const newSwitch = () => {
    const name = `sw${++switches}`;
    nodes.set(name, { kind: 'bridge', exec: [], ifaces: 0 });
    return name;
  };

  const echoBroadcasts = chance(0.15);
  const nRouters = pick([0, 1, 1, 2, 2, 3]);
  const routers = Array.from({ length: nRouters }, (_, i) => `r${i + 1}`);
  for (const rt of routers) nodes.set(rt, { kind: 'linux', exec: [], ifaces: 0 });
  // subnets: LANs 10.0.S.0/24, transit 10.255.T.0/24
  let nextLan = 1;
  /** routers' connected subnets, by router index */
  const connected: string[][] = routers.map(() => []);
  const lanOf: { subnet: string; router: number; hosts: string[] }[] = [];

  const addLan = (router: number | undefined) => {
    const s = nextLan++;
    const subnet = `10.0.${s}.0/24`;
    const gw = `10.0.${s}.1`;
    const hostsHere: string[] = [];
    let attach: string | undefined;
    if (router !== undefined) {
      const rt = routers[router]!;
      const direct = chance(0.3);
      if (direct) {
        const h = newHost();
        const [ir, ih] = link(rt, h);
        nodes.get(rt)!.exec.push(`ip addr add ${gw}/24 dev ${ir}`);
        addHost(h, ih, s, 10, gw);
        hostsHere.push(h);
      } else {
        const sw = newSwitch();
        const [ir] = link(rt, sw);
        nodes.get(rt)!.exec.push(`ip addr add ${gw}/24 dev ${ir}`);
        attach = sw;
      }
      addrs.push({ node: rt, ip: gw, role: 'router', subnet: s });
      connected[router]!.push(subnet);
    } else attach = newSwitch();
    if (attach) {
      const n = router === undefined ? 2 + Math.floor(r() * 3) : 1 + Math.floor(r() * 3);
      let sw = attach;
      for (let i = 0; i < n; i++) {
        if (i === 2 && chance(0.3)) {
          // a second switch behind the first
          const sw2 = newSwitch();
          link(sw, sw2);
          sw = sw2;
          tags.add('two-switches');
        }
        const h = newHost();
        const [, ih] = link(sw, h);
        addHost(h, ih, s, 10 + i, router !== undefined ? gw : undefined);
        hostsHere.push(h);
      }
    }
    lanOf.push({ subnet, router: router ?? -1, hosts: hostsHere });
    return s;
  };

  const addHost = (h: string, dev: string, s: number, last: number, gw: string | undefined) => {
    const exec = nodes.get(h)!.exec;
    const ip = `10.0.${s}.${last}`;
    exec.push(`ip addr add ${ip}/24 dev ${dev}`);
    if (gw && chance(0.92)) exec.push(`ip route add default via ${gw}`);
    else if (gw) tags.add('host-without-default');
    // in some networks, some hosts answer broadcast pings
    if (echoBroadcasts && chance(0.6)) {
      exec.push('sysctl -w net.ipv4.icmp_echo_ignore_broadcasts=0');
      tags.add('echo-broadcasts');
    }
    addrs.push({ node: h, ip, role: 'host', subnet: s });
  };

  if (nRouters === 0) addLan(undefined);
  else {
    addLan(0);
    for (let i = 0; i + 1 < nRouters; i++) {
      const [ia, ib] = link(routers[i]!, routers[i + 1]!);
      nodes.get(routers[i]!)!.exec.push(`ip addr add 10.255.${i}.1/24 dev ${ia}`);
      nodes.get(routers[i + 1]!)!.exec.push(`ip addr add 10.255.${i}.2/24 dev ${ib}`);
      addrs.push({ node: routers[i]!, ip: `10.255.${i}.1`, role: 'router', subnet: -1 }, { node: routers[i + 1]!, ip: `10.255.${i}.2`, role: 'router', subnet: -1 });
      connected[i]!.push(`10.255.${i}.0/24`);
      connected[i + 1]!.push(`10.255.${i}.0/24`);
      if (i + 1 < nRouters - 1 && chance(0.4)) addLan(i + 1);
    }
    if (nRouters > 1 || chance(0.7)) addLan(nRouters - 1);
  }

  // NAT: the first router masquerades its LAN towards the second; the others have no route back.
  const nat = nRouters >= 2 && chance(0.3);
  const natLans = new Set(nat ? connected[0]!.filter((s) => s.startsWith('10.0.')) : []);
  if (nat) {
    const rt = nodes.get(routers[0]!)!;
    const out = `eth${rt.ifaces}`; // the last interface added on r1 is the transit one
    const kind = pick(['masq', 'masq', 'snat', 'snat-port']);
    tags.add(`nat-${kind}`);
    if (kind === 'masq') rt.exec.push(`iptables -t nat -A POSTROUTING -o ${out} -j MASQUERADE`);
    else if (kind === 'snat') rt.exec.push(`iptables -t nat -A POSTROUTING -o ${out} -j SNAT --to-source 10.255.0.1`);
    else rt.exec.push(`iptables -t nat -A POSTROUTING -o ${out} -p udp -j SNAT --to-source 10.255.0.1:${pick([7000, 7000, 7001])}`, `iptables -t nat -A POSTROUTING -o ${out} -j MASQUERADE`);
  }

  // Routes: every router reaches every subnet through its neighbours, unless left out.
  const special: { ip: string; kind: string }[] = [];
  routers.forEach((rt, i) => {
    const n = nodes.get(rt)!;
    if (chance(0.95)) n.exec.push('sysctl -w net.ipv4.ip_forward=1');
    else tags.add('forwarding-off');
    const routed = new Set(connected[i]);
    for (let j = 0; j < nRouters; j++) {
      if (j === i) continue;
      const via = j < i ? `10.255.${i - 1}.1` : `10.255.${i}.2`;
      for (const s of connected[j]!) {
        if (routed.has(s)) continue;
        routed.add(s);
        if (nat && i > 0 && natLans.has(s)) continue;
        if (chance(0.06)) {
          tags.add('route-missing');
          continue;
        }
        n.exec.push(`ip route add ${s} via ${via}`);
      }
    }
    if (chance(0.12)) {
      const t = pick(['blackhole', 'unreachable', 'prohibit']);
      const k = 10 + special.length;
      n.exec.push(`ip route add ${t} 10.9.${k}.0/24`);
      special.push({ ip: `10.9.${k}.1`, kind: t });
      tags.add(`route-${t}`);
    }
  });

  // Scenario
  const steps: Step[] = [];
  let budget = 3.8;
  let port = 40000;
  const listeners = new Set<string>();
  const linux = [...nodes].filter(([, n]) => n.kind === 'linux').map(([name]) => name);
  const targets = (): { ip: string; addr?: Addr; why: string } => {
    const x = r();
    if (x < 0.7 && addrs.length) {
      const a = pick(addrs);
      return { ip: a.ip, addr: a, why: a.role };
    }
    if (x < 0.8 && special.length) {
      const s = pick(special);
      return { ip: s.ip, why: s.kind };
    }
    if (x < 0.9 && lanOf.length) return { ip: `${lanOf[Math.floor(r() * lanOf.length)]!.subnet.split('.').slice(0, 3).join('.')}.99`, why: 'absent-host' };
    return { ip: pick(['10.99.0.1', '192.0.2.1']), why: 'unrouted' };
  };
  // The recorder reads the tables and stops its captures only after the scenario, so an ARP
  // resolution still running at its end (and the errors it ends with) would reach the trace at a
  // time the engine cannot know: a step to an absent host that returns before the resolution's
  // 3 s is followed by a sleep to its end. (The scenario as a whole stays under 4 s: past 5 s,
  // neighbour entries used early turn from DELAY to PROBE, also while the recorder finishes.)
  const settle = (why: string, took: number) => {
    if (why === 'absent-host') steps.push({ sleep: Math.round((3.3 - took) * 10) / 10 });
  };
  const nSteps = 1 + Math.floor(r() * 4);
  for (let k = 0; k < nSteps && budget > 0.3; k++) {
    const from = chance(0.8) ? pick(linux.filter((n) => n.startsWith('h'))) : pick(linux);
    if (!from) break;
    const t = targets();
    // an absent host on a LAN takes 3 s of ARP; only when there is time
    const slow = t.why === 'absent-host' || t.why === 'unrouted';
    const what = r();
    if (what < 0.45) {
      const ttl = chance(0.25) ? ` -t ${1 + Math.floor(r() * 3)}` : '';
      const count = chance(0.2) ? 2 : 1;
      const cost = (slow ? 3.3 : 1.3) + (count - 1) * 1;
      if (cost > budget) continue;
      budget -= cost;
      if (ttl) tags.add('ttl');
      steps.push({ on: from, run: `ping -c ${count} -W ${slow ? 4 : 1}${ttl} ${t.ip}` });
      tags.add(`ping-${t.why}`);
    } else if (what < 0.52) {
      // broadcast pings: the subnet's broadcast or 255.255.255.255
      const own = addrs.find((a) => a.node === from && a.subnet > 0);
      const dst = own && chance(0.5) ? `10.0.${own.subnet}.255` : '255.255.255.255';
      if (1.3 > budget) continue;
      budget -= 1.3;
      steps.push({ on: from, run: `ping -b -c 1 -W 1 ${dst}` });
      tags.add(dst === '255.255.255.255' ? 'ping-limited-broadcast' : 'ping-subnet-broadcast');
    } else if (what < 0.75) {
      const dport = 5000 + k;
      const listen = t.addr?.role === 'host' && !listeners.has(`${t.addr.node}:udp`) && chance(0.7);
      // an absent host: the step waits out the ARP resolution (see `settle`)
      const cost = t.why === 'absent-host' ? 3.3 : 1.4;
      if (cost > budget) continue;
      budget -= cost;
      if (listen) {
        listeners.add(`${t.addr!.node}:udp`);
        steps.unshift({ on: t.addr!.node, run: `echo pong | nc -u -l -p ${dport}`, background: true });
      }
      steps.push({ on: from, run: `echo hi | nc -u -w1 -p ${port++} ${t.ip} ${dport}` });
      settle(t.why, 1.3);
      tags.add(`udp-${listen ? 'listener' : t.why}`);
    } else if (what < 0.95) {
      const dport = 8000 + k;
      const listen = t.addr?.role === 'host' && !listeners.has(`${t.addr.node}:tcp`) && chance(0.6);
      const answered = listen || t.addr !== undefined;
      const cost = t.why === 'absent-host' ? 3.3 : answered ? 1.4 : 2.4;
      if (cost > budget) continue;
      budget -= cost;
      if (listen) {
        listeners.add(`${t.addr!.node}:tcp`);
        steps.unshift({ on: t.addr!.node, run: `nc -l -p ${dport}`, background: true });
      }
      // -w2 where the SYN may go unanswered: nc's 1 s would race the SYN's 1 s retransmission
      steps.push({ on: from, run: listen && chance(0.5) ? `echo hello | nc -N -w2 -p ${port++} ${t.ip} ${dport}` : `echo hi | nc -w${answered ? 1 : 2} -p ${port++} ${t.ip} ${dport}` });
      settle(t.why, 2.3);
      tags.add(`tcp-${listen ? 'listener' : t.why}`);
    } else {
      if (0.5 > budget) continue;
      budget -= 0.5;
      steps.push({ sleep: 0.2 });
    }
  }
  if (!steps.some((s) => 'run' in s && !s.background)) {
    const from = pick(linux);
    const t = addrs.length ? pick(addrs).ip : '10.0.1.10';
    steps.push({ on: from, run: `ping -c 1 -W 1 ${t}` });
  }

  const name = `fuzz-${seed}-${String(index).padStart(4, '0')}`;
  return { name, yaml: toYaml(name, seed, index, [...tags].sort(), nodes, links, steps), tags: [...tags].sort() };
}

const q = (s: string) => (/^[\w./=| -]+$/.test(s) ? s : JSON.stringify(s));

function toYaml(name: string, seed: number, index: number, tags: string[], nodes: Map<string, Node>, links: [string, string][], steps: Step[]): string {
  const out: string[] = [`# Generated by tools/fuzz-linux.ts (seed ${seed}, topology ${index}).`, `# Exercises: ${tags.join(', ') || 'plain forwarding'}`, `name: ${name}`, 'topology:', '  nodes:'];
  for (const [n, d] of nodes) {
    out.push(`    ${n}:`, `      kind: ${d.kind}`);
    if (d.exec.length) out.push('      exec:', ...d.exec.map((l) => `        - ${q(l)}`));
  }
  out.push('  links:', ...links.map(([a, b]) => `    - endpoints: ["${a}", "${b}"]`), 'scenario:');
  for (const s of steps) {
    if ('sleep' in s) out.push(`  - sleep: ${s.sleep}`);
    else {
      out.push(`  - on: ${s.on}`, `    run: ${q(s.run)}`);
      if (s.background) out.push('    background: true');
    }
  }
  return out.join('\n') + '\n';
}
