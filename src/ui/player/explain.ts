// The explanation of a step: a short paragraph in the active language saying what the device did
// and why, with the actual numbers. One i18n template per event kind and decision (see
// i18n/locales/player.*.ts, `player.x.*`), composed here in trace order, with a few events merged
// where a person would say them in one breath ("No neighbour entry for 10.0.1.1 → broadcast an
// ARP request and hold the packet"). The subnet reasoning of a route lookup ("10.0.2.10 AND
// 255.255.255.0 = 10.0.2.0, which is not my network 10.0.1.0/24") comes from the node's connected
// routes (walk.routes); the candidates and the winner from the fib.lookup event itself.

import type { ConntrackView, EthernetFrame, FibRoute, Ipv4Addr, RouteCandidate, SimResult, Topology, TraceEvent } from '../../engine';
import { formatRouteLine, iptablesText, maskToText, networkOf, routeDestText } from '../../engine/pure';
import type { Walk } from '../../walk/walk';
import { tcpFlagsText } from './fields';
import type { PlayerStep } from '../../walk/steps';

/** i18next's t, narrowed to what the composer uses (keys are built, so they are plain strings). */
export type Translate = (key: string, options?: Record<string, unknown>) => string;

export interface ExplainContext {
  events: readonly TraceEvent[];
  topology: Topology;
  routes: Record<string, FibRoute[]>;
  /** each scenario step's command line, by step index (the walk's steps: the scenario or the PDU's) */
  commands: readonly string[];
}

type Ev<K extends TraceEvent['kind']> = Extract<TraceEvent, { kind: K }>;

const contexts = new WeakMap<SimResult, { topology: Topology; ctx: ExplainContext }>();

/** The context of a walk's explanations on the topology shown (the same object while neither changes). */
export function walkContext(walk: Pick<Walk, 'result' | 'routes'>, topology: Topology): ExplainContext {
  const hit = contexts.get(walk.result);
  if (hit?.topology === topology) return hit.ctx;
  const ctx: ExplainContext = {
    events: walk.result.events,
    topology,
    routes: walk.routes,
    commands: walk.result.steps.map((s) => s.run ?? ''),
  };
  contexts.set(walk.result, { topology, ctx });
  return ctx;
}

// ---------------------------------------------------------------------------------------------
// Labels

const labelCache = new WeakMap<Topology, Map<string, string>>();

/** A MAC with the interface it belongs to: "02:00:00:00:00:03 (r1:eth1)". */
export function macText(topology: Topology, mac: string): string {
  let m = labelCache.get(topology);
  if (!m) {
    m = new Map();
    for (const n of topology.nodes) for (const i of n.ifaces) m.set(i.mac, `${n.name}:${i.name}`);
    labelCache.set(topology, m);
  }
  if (mac === 'ff:ff:ff:ff:ff:ff') return `${mac} (broadcast)`;
  const label = m.get(mac);
  return label ? `${mac} (${label})` : mac;
}

/** A frame in one line ("ICMP echo request 10.0.1.10 → 10.0.2.10, TTL 64"), translated. */
export function frameWhat(f: EthernetFrame, t: Translate, topology: Topology): string {
  const p = f.payload;
  if (p.kind === 'arp') {
    if (p.op === 1) return t('player.what.arpRequest', { target: p.targetIp, sender: p.senderIp });
    if (p.op === 2) return t('player.what.arpReply', { sender: p.senderIp, mac: macText(topology, p.senderMac) });
    return t('player.what.arpOther', { op: p.op });
  }
  if (p.kind !== 'ipv4') return t('player.what.other', { type: `0x${f.ethertype.toString(16).padStart(4, '0')}` });
  const base = { src: p.srcIp, dst: p.dstIp, ttl: p.ttl };
  const l4 = p.payload;
  if (l4.kind === 'icmp') {
    const key = { 8: 'icmpEchoRequest', 0: 'icmpEchoReply', 11: 'icmpTimeExceeded', 3: 'icmpUnreachable', 5: 'icmpRedirect' }[l4.type] ?? 'icmpOther';
    return t(`player.what.${key}`, { ...base, type: l4.type, code: l4.code });
  }
  if (l4.kind === 'udp') return t('player.what.udp', { ...base, sport: l4.srcPort, dport: l4.dstPort });
  if (l4.kind === 'tcp') return t('player.what.tcp', { ...base, sport: l4.srcPort, dport: l4.dstPort, flags: tcpFlagsText(l4), seq: l4.seq, ack: l4.ack });
  return t('player.what.ipOther', { ...base, protocol: p.protocol });
}

/** A node's nat rule (by its index) as its `iptables` line. */
function natRuleText(topology: Topology, node: string, rule: number): string | undefined {
  const n = topology.nodes.find((x) => x.name === node);
  const r = n?.kind === 'linux' ? n.nat?.[rule] : undefined;
  return r && iptablesText(r);
}

const hostPort = (a: { ip: string; port?: number }) => (a.port === undefined ? a.ip : `${a.ip}:${a.port}`);

/** A conntrack tuple as conntrack -L reads: "icmp 192.168.1.10 → 203.0.113.10 id 18422". */
export function ctTupleText(proto: ConntrackView['proto'], t: ConntrackView['orig']): string {
  if (proto === 'icmp') return `icmp ${t.src} → ${t.dst} id ${t.id ?? '?'}`;
  return `${proto} ${t.src}:${t.sport ?? '?'} → ${t.dst}:${t.dport ?? '?'}`;
}

/** The node's own networks: its connected routes (main table, proto kernel, no gateway). */
function connected(ctx: ExplainContext, node: string): FibRoute[] {
  return (ctx.routes[node] ?? []).filter((r) => r.table === 'main' && r.type === 'unicast' && r.proto === 'kernel' && !r.gateway);
}

/** "a AND m = n, which is (not) my network p" for each of the node's networks (at most 4). */
function subnetReasoning(ctx: ExplainContext, node: string, dst: Ipv4Addr, chosen: FibRoute, t: Translate): string | undefined {
  const nets = connected(ctx, node);
  if (nets.length === 0) return undefined;
  const isConnected = chosen.table === 'main' && chosen.type === 'unicast' && !chosen.gateway && chosen.proto === 'kernel';
  const shown = isConnected ? nets.filter((n) => n.dst === chosen.dst && n.len === chosen.len) : nets.slice(0, 4);
  return shown
    .map((n) => {
      const net = networkOf(dst, n.len);
      const mine = net === n.dst;
      return t(mine ? 'player.x.andMine' : 'player.x.andNotMine', { dst, mask: maskToText(n.len), net, prefix: routeDestText(n.dst, n.len) });
    })
    .join('; ');
}

function candidatesSentence(e: Ev<'fib.lookup'>, t: Translate): string | undefined {
  if (e.candidates.length < 2) return undefined;
  const list = e.candidates.map((c: RouteCandidate) =>
    t(c.chosen ? 'player.x.candidateChosen' : 'player.x.candidateSkipped', {
      prefix: `${c.route.type === 'unicast' ? '' : `${c.route.type} `}${routeDestText(c.route.dst, c.route.len)}`,
      len: c.route.len,
      table: c.route.table,
      why: t(`player.x.skipped.${c.skipped && ['longer-prefix-won', 'higher-metric', 'later-route', 'scope', 'oif', 'local-table-won'].includes(c.skipped) ? c.skipped : 'other'}`),
    }),
  );
  return t('player.x.candidates', { dst: e.dst, list: list.join('; ') });
}

function lookupSentences(ctx: ExplainContext, e: Ev<'fib.lookup'>, t: Translate): string[] {
  const out: string[] = [];
  const r = e.result;
  if (r.kind === 'error') {
    out.push(t('player.x.lookupError', { dst: e.dst, error: r.error }));
  } else {
    const route = r.route;
    const text = formatRouteLine(route);
    if (e.purpose === 'arp') {
      if (route.type === 'local') out.push(t('player.x.lookupArp', { dst: e.dst }));
      else out.push(t('player.x.lookupArpProxy', { dst: e.dst, route: text }));
    } else if (route.type === 'local') out.push(t('player.x.lookupLocal', { dst: e.dst, route: text }));
    else if (route.type === 'broadcast') out.push(t('player.x.lookupBroadcast', { dst: e.dst, route: text }));
    else if (route.type !== 'unicast') out.push(t('player.x.lookupSpecial', { dst: e.dst, route: text, type: route.type }));
    else {
      const reasoning = subnetReasoning(ctx, e.node, e.dst, route, t);
      const gateway = r.nexthop && r.nexthop !== e.dst ? r.nexthop : route.gateway;
      const dev = r.dev ?? route.dev ?? '';
      if (gateway) out.push(t(reasoning ? 'player.x.lookupGateway' : 'player.x.lookupGatewayPlain', { dst: e.dst, reasoning, gateway, route: text }));
      else out.push(t(reasoning ? 'player.x.lookupConnected' : 'player.x.lookupConnectedPlain', { dst: e.dst, reasoning, dev, route: text }));
      if (r.viaException) out.push(t('player.x.lookupRedirected', { dst: e.dst, gateway: r.viaException }));
    }
  }
  const c = candidatesSentence(e, t);
  if (c) out.push(c);
  return out;
}

const PROTO_NAMES: Record<number, string> = { 1: 'ICMP', 6: 'TCP', 17: 'UDP' };

/** The paragraph of a step, as sentences in the language of `t`. */
export function explainStep(ctx: ExplainContext, step: PlayerStep, t: Translate): string[] {
  const ev = ctx.events;
  const out: string[] = [];
  const used = new Set<number>();
  const txAt = new Map(step.tx.map((x) => [x.seq, x]));
  const node = step.node;
  const isBridge = node !== undefined && ctx.topology.nodes.find((n) => n.name === node)?.kind === 'bridge';
  const rxFrame = step.rx !== undefined ? (ev[step.rx] as Ev<'frame.rx'>).frame : undefined;
  let lastLookup: Ev<'fib.lookup'> | undefined;

  if (step.kind === 'local' && node) out.push(t('player.x.timer', { node, time: (step.t / 1e6).toFixed(6) }));
  if (step.stop) {
    const s = step.stop;
    if (s.storm) out.push(t('player.x.stopStorm', { limit: s.limit, devices: s.storm.devices.join(', ') }));
    else out.push(t(s.kind === 'timer-limit' ? 'player.x.stopTimers' : 'player.x.stopLimit', { limit: s.limit }));
  }

  for (let i = step.first; i <= step.last; i++) {
    if (used.has(i)) continue;
    const e = ev[i]!;
    const ahead = <K extends TraceEvent['kind']>(kind: K, match: (x: Ev<K>) => boolean): Ev<K> | undefined => {
      for (let j = i + 1; j <= step.last; j++) {
        const x = ev[j]!;
        if (!used.has(j) && x.kind === kind && match(x as Ev<K>)) return x as Ev<K>;
      }
      return undefined;
    };
    switch (e.kind) {
      case 'step.start':
        if (e.node) out.push(t(e.background ? 'player.x.commandBackground' : 'player.x.command', { node: e.node, command: e.command }));
        else out.push(t('player.x.sleep', { seconds: e.command.replace(/^sleep\s*/, '') }));
        break;
      case 'step.end':
        out.push(
          e.timedOut
            ? t('player.x.exitKilled', { node: e.node ?? '', command: commandOf(ctx, e) })
            : t(e.exit === null ? 'player.x.exitRunning' : 'player.x.exit', { node: e.node ?? '', command: commandOf(ctx, e), exit: e.exit }),
        );
        break;
      case 'frame.rx':
        out.push(
          isBridge
            ? t('player.x.rxBridge', { node: e.node, iface: e.iface, from: step.from ?? '', what: frameWhat(e.frame, t, ctx.topology), src: macText(ctx.topology, e.frame.srcMac), dst: macText(ctx.topology, e.frame.dstMac) })
            : t('player.x.rx', { node: e.node, iface: e.iface, from: step.from ?? '', what: frameWhat(e.frame, t, ctx.topology) }),
        );
        break;
      case 'fdb.learn':
        out.push(e.prev ? t('player.x.fdbMove', { mac: macText(ctx.topology, e.mac), port: e.port, prev: e.prev }) : t('player.x.fdbLearn', { mac: macText(ctx.topology, e.mac), port: e.port }));
        break;
      case 'fdb.expire':
        out.push(t('player.x.fdbExpire', { mac: macText(ctx.topology, e.mac), port: e.port }));
        break;
      case 'fdb.forward': {
        const dst = rxFrame ? macText(ctx.topology, rxFrame.dstMac) : '';
        if (e.mode === 'flood') {
          out.push(
            e.egress.length === 0
              ? t('player.x.fdbFloodNone')
              : t(e.why === 'group' ? 'player.x.fdbFloodGroup' : 'player.x.fdbFloodUnknown', { dst, ports: e.egress.join(', ') }),
          );
        } else if (e.entry) out.push(t('player.x.fdbForward', { mac: macText(ctx.topology, e.entry.mac), port: e.entry.port }));
        break;
      }
      case 'fib.lookup': {
        // ping looks its destination up twice (connect, then send): say it once.
        if (lastLookup && lastLookup.dst === e.dst && lastLookup.purpose === e.purpose && JSON.stringify(lastLookup.result) === JSON.stringify(e.result)) break;
        lastLookup = e;
        // A packet being sent: say what is sent (and why: an ICMP answer) before where it goes.
        const pkt = e.pkt ?? ahead('fib.lookup', (x) => x.dst === e.dst && x.purpose === e.purpose)?.pkt;
        if (e.purpose === 'output' && pkt !== undefined) {
          const icmp = ahead('icmp.send', (x) => x.pkt === pkt);
          if (icmp) {
            out.push(t(`player.x.icmp.${icmp.reason}`, { dst: icmp.dst, type: icmp.type, code: icmp.code }));
            used.add(icmp.seq);
          }
          const send = ahead('ip.send', (x) => x.pkt === pkt);
          if (send) {
            out.push(sendSentence(send, t));
            used.add(send.seq);
          }
        }
        out.push(...lookupSentences(ctx, e, t));
        break;
      }
      case 'ip.send':
        out.push(sendSentence(e, t));
        break;
      case 'ip.forward':
        out.push(t('player.x.forward', { ingress: e.ingress, egress: e.egress, nexthop: e.nexthop, from: e.ttlFrom, to: e.ttlTo }));
        if (!ev.slice(step.first, step.last + 1).some((x) => x.kind === 'nat.rewrite' && x.pkt === e.pkt)) out.push(t('player.x.ipSame'));
        break;
      case 'ip.local':
        out.push(t(e.broadcast ? 'player.x.localBroadcast' : 'player.x.local', { dst: e.dst }));
        break;
      case 'ip.loopback':
        out.push(t('player.x.loopback'));
        break;
      case 'neigh.lookup': {
        if (e.entry === null) {
          const hold = ahead('neigh.hold', (x) => x.ip === e.ip && x.dev === e.dev);
          const solicit = ahead('arp.solicit', (x) => x.targetIp === e.ip && x.dev === e.dev && !x.unicast);
          const resolve = ahead('neigh.update', (x) => x.ip === e.ip && x.dev === e.dev && x.cause === 'resolve');
          if (hold && solicit) {
            out.push(t('player.x.noNeighHold', { ip: e.ip, sender: solicit.senderIp }));
            used.add(hold.seq).add(solicit.seq);
            if (resolve) used.add(resolve.seq);
          } else out.push(t('player.x.neighNone', { ip: e.ip, dev: e.dev }));
        } else if (e.entry.state === 'INCOMPLETE') {
          const hold = ahead('neigh.hold', (x) => x.ip === e.ip && x.dev === e.dev);
          if (hold) {
            out.push(t('player.x.incompleteHold', { ip: e.ip, queued: hold.queued }));
            used.add(hold.seq);
          } else out.push(t('player.x.neighFoundNoMac', { ip: e.ip, state: e.entry.state }));
        } else if (e.entry.mac) out.push(t('player.x.neighFound', { ip: e.ip, mac: macText(ctx.topology, e.entry.mac), state: e.entry.state }));
        else out.push(t('player.x.neighFoundNoMac', { ip: e.ip, state: e.entry.state }));
        break;
      }
      case 'neigh.update':
        out.push(neighUpdateSentence(ctx, e, t));
        break;
      case 'neigh.hold':
        out.push(t('player.x.hold', { ip: e.ip, queued: e.queued }));
        break;
      case 'neigh.release': {
        const tx = [...txAt.values()].find((x) => x.pkt === e.pkt);
        const mac = macText(ctx.topology, e.mac);
        out.push(tx?.heldAt !== undefined ? t('player.x.release', { ip: e.ip, mac, step: tx.heldAt + 1 }) : t('player.x.releaseNoStep', { ip: e.ip, mac }));
        break;
      }
      case 'arp.solicit':
        out.push(e.unicast ? t('player.x.solicitUnicast', { target: e.targetIp }) : t(step.kind === 'local' ? 'player.x.solicitRetry' : 'player.x.solicit', { target: e.targetIp, sender: e.senderIp }));
        break;
      case 'arp.answer': {
        const reply = step.tx.find((x) => x.pkt === e.pkt);
        const f = reply ? (ev[reply.seq] as Ev<'frame.tx'>).frame : undefined;
        const mac = f?.payload.kind === 'arp' ? macText(ctx.topology, f.payload.senderMac) : '';
        if (e.delayed) out.push(t('player.x.answerDelayed', { target: e.targetIp, mac, ms: (e.delayed / 1000).toFixed(1) }));
        else out.push(t(e.proxy ? 'player.x.answerProxy' : 'player.x.answer', { target: e.targetIp, mac, to: e.to }));
        break;
      }
      case 'icmp.send':
        out.push(t(`player.x.icmp.${e.reason}`, { dst: e.dst, type: e.type, code: e.code }));
        break;
      case 'icmp.suppressed':
        out.push(t('player.x.suppressed', { reason: e.reason, why: t(`player.x.suppressedWhy.${e.why}`) }));
        break;
      case 'route.redirect':
        out.push(
          e.result === 'applied'
            ? t('player.x.redirectApplied', { from: e.from, dst: e.dst, gateway: e.gateway })
            : e.result === 'resolving-gateway'
              ? t('player.x.redirectResolving', { from: e.from, gateway: e.gateway })
              : t('player.x.redirectRejected', { from: e.from, reason: e.rejectReason ?? '' }),
        );
        break;
      case 'socket.deliver': {
        // TCP and UDP each look the port up among their own sockets: say so where it shows.
        const proto = /^(tcp|udp) /.exec(e.socket)?.[1];
        out.push(proto ? t('player.x.deliverPort', { socket: e.socket, proto: proto.toUpperCase() }) : t('player.x.deliver', { socket: e.socket }));
        break;
      }
      case 'socket.error':
        out.push(t('player.x.socketError', { socket: e.socket, error: e.error }));
        break;
      case 'conntrack.lookup': {
        const tuple = e.entry ? ctTupleText(e.entry.proto, e.entry.orig) : '';
        const key = { new: 'ctNew', established: 'ctEstablished', reply: 'ctReply', related: 'ctRelated', invalid: 'ctInvalid', untracked: 'ctUntracked' }[e.result];
        out.push(t(`player.x.${key}`, { hook: e.hook, tuple }));
        break;
      }
      case 'conntrack.update': {
        const orig = ctTupleText(e.entry.proto, e.entry.orig);
        const reply = ctTupleText(e.entry.proto, e.entry.reply);
        const key = { confirmed: 'ctConfirmed', 'seen-reply': 'ctSeenReply', state: 'ctState', destroyed: 'ctDestroyed' }[e.change];
        out.push(t(`player.x.${key}`, { orig, reply, state: e.entry.state ?? '' }));
        break;
      }
      case 'nat.match':
        if (e.rule === null) out.push(t('player.x.natNoRule', { chain: e.chain }));
        else
          out.push(
            t('player.x.natRule', {
              chain: e.chain,
              n: e.rule + 1,
              text: natRuleText(ctx.topology, e.node, e.rule) ?? `-j ${e.target ?? ''}`,
              manip: t(`player.x.manip.${e.manip}`),
              to: e.to ? hostPort(e.to) : '',
            }),
          );
        break;
      case 'nat.rewrite':
        out.push(
          t(e.related ? 'player.x.natRewriteRelated' : 'player.x.natRewrite', {
            manip: t(`player.x.manip.${e.manip}`),
            from: hostPort(e.from),
            to: hostPort(e.to),
            direction: t(`player.x.direction.${e.direction}`),
          }),
        );
        break;
      case 'drop':
        out.push(t('player.x.drop', { reason: t(`player.x.dropReason.${e.reason}`) + (e.detail ? ` (${e.detail})` : '') }));
        break;
      case 'frame.tx': {
        // Copies of one frame sent back to back (a flood) are one sentence.
        const copies = [e];
        for (let j = i + 1; j <= step.last; j++) {
          const x = ev[j]!;
          if (x.kind !== 'frame.tx' || x.pkt !== e.pkt || x.node !== e.node) break;
          copies.push(x);
          used.add(j);
        }
        const what = frameWhat(e.frame, t, ctx.topology);
        if (copies.length > 1) out.push(t('player.x.txMany', { ifaces: copies.map((c) => c.iface).join(', '), what }));
        else if (!e.link) out.push(t('player.x.txNoLink', { iface: e.iface, what }));
        else out.push(t('player.x.txOne', { iface: e.iface, to: txAt.get(e.seq)?.to ?? '', what }));
        break;
      }
    }
  }
  return out;
}

function commandOf(ctx: ExplainContext, e: Ev<'step.end'>): string {
  return ctx.commands[e.step] ?? '';
}

function sendSentence(e: Ev<'ip.send'>, t: Translate): string {
  const protocol = PROTO_NAMES[e.protocol] ?? String(e.protocol);
  return e.process
    ? t('player.x.send', { process: e.process.split(' ')[0], src: e.src, dst: e.dst, protocol, ttl: e.ttl })
    : t('player.x.sendKernel', { src: e.src, dst: e.dst, protocol, ttl: e.ttl });
}

function neighUpdateSentence(ctx: ExplainContext, e: Ev<'neigh.update'>, t: Translate): string {
  const mac = e.mac ? macText(ctx.topology, e.mac) : '';
  const p = { ip: e.ip, mac, from: e.from, to: e.to };
  if (e.from === e.to && e.pkt !== undefined && e.prevMac === undefined) return t('player.x.neighUnchanged', p);
  switch (e.cause) {
    case 'resolve':
      return t('player.x.neighResolve', p);
    case 'arp-request':
      return t('player.x.neighFromRequest', p);
    case 'arp-reply':
      return t('player.x.neighFromReply', p);
    case 'arp-seen':
      return t('player.x.neighSeen', p);
    case 'use':
      return t('player.x.neighUse', p);
    case 'timer':
      return t('player.x.neighTimer', p);
    case 'probes-exhausted':
      return t('player.x.neighFailed', p);
    case 'redirect':
      return t('player.x.neighRedirect', p);
  }
}
