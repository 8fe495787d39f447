// traceroute (Debian's traceroute 2.1, Dmitry Butskoy's): probes with growing TTLs, three per hop,
// up to 16 in flight (`-N 16`, or -N's number), sent one after another at start (the whole first window, even
// past the destination) and then one more as each is answered; UDP to port 33434 and up (one more per probe), each
// from its own socket (a new ephemeral port), 32 bytes of "@ABC…"; with -I, ICMP echo requests
// (sequence 1, 2, …). A hop's line is printed once all its probes are answered or have waited
// 5 s; a probe the destination answers (port unreachable, or an echo reply) ends the route at
// its hop. Output as traceroute prints it: ` 1  10.0.1.1  0.352 ms  0.308 ms  0.295 ms`, `*` for no
// answer, `!H` `!N` `!P` `!X` for unreachables from elsewhere.

import type { Ipv4Addr } from '../wire/addr';
import { ICMP, ICMP_UNREACH, IPPROTO, type IcmpMessage, type Ipv4Packet } from '../wire/types';
import { buildIpv4 } from '../wire/ipv4';
import { buildUdp } from '../wire/udp';
import { buildIcmpEcho } from '../wire/icmp';
import type { PingSocket } from '../devices/linux/icmp';
import { ipLocalOut } from '../devices/linux/ip-output';
import { routeOutput } from '../devices/linux/route';
import { ephemeralPort, type UdpSocket } from '../devices/linux/udp';
import { STRERROR } from '../linux-text';
import { US_PER_S } from '../sim/sim';
import type { Command } from './commands';
import type { Process, ProcessEnv } from './process';

/** The probe data: 32 bytes 0x40, 0x41, … ("@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\]^_"). */
const DATA = Array.from({ length: 32 }, (_, i) => (0x40 + i).toString(16)).join('');
const BASE_PORT = 33434;
/**
 * the gap between two probes sent back to back: on Linux each answer reached the wire before the
 * next probe (even the first ones', held for ARP at h1 and at the router); the simulated wires are
 * slower than veths (5 µs a hop), so the gap is longer than any round trip of a small network
 */
const SEND_GAP_US = 100;
const WAIT_US = 5 * US_PER_S;

interface Probe {
  hop: number;
  index: number;
  sent?: number;
  done: boolean;
  from?: Ipv4Addr;
  rtt?: number;
  /** `!H` and the like */
  note?: string;
  sock?: UdpSocket;
}

/** The annotation of an unreachable (traceroute's `!H`, `!N`, `!P`, `!X`, `!<code>`); none for a port unreachable. */
function unreachNote(code: number): string | undefined {
  if (code === ICMP_UNREACH.port) return undefined;
  if (code === ICMP_UNREACH.net || code === 6 || code === 9 || code === 11) return '!N';
  if (code === ICMP_UNREACH.host || code === 7 || code === 10 || code === 12) return '!H';
  if (code === 2) return '!P';
  if (code === 13) return '!X';
  return `!<${code}>`;
}

export function traceroute(cmd: Extract<Command, { kind: 'traceroute' }>, env: ProcessEnv): Process {
  const { sim, stack } = env;
  let ended = false;
  // Killed (a timeout, or Ctrl+C: traceroute does not catch SIGINT): it stops where it is.
  const p: Process = { stdout: '', stderr: '', kill: () => finish(false) };
  const probe0 = routeOutput(stack, cmd.dst, { purpose: 'output' });
  if (probe0.kind === 'error') {
    p.stderr = `connect: ${STRERROR[probe0.error]}\n`;
    sim.after(0, () => env.exit(1));
    return p;
  }
  p.stdout = `traceroute to ${cmd.dst} (${cmd.dst}), ${cmd.maxHops} hops max, 60 byte packets\n`;
  const probes: Probe[] = [];
  for (let hop = 1; hop <= cmd.maxHops; hop++) for (let k = 0; k < cmd.queries; k++) probes.push({ hop, index: probes.length, done: false });
  let lastHop = cmd.maxHops;
  let printedHops = 0;
  let inFlight = 0;
  let nextToSend = 0;
  const ident = 1 + sim.randomInt(0xfffe);
  let ipId = sim.randomInt(0x10000);
  const label = `traceroute ${cmd.dst}`;

  const answered = (pr: Probe, from: Ipv4Addr, final: boolean, note?: string) => {
    if (pr.done || ended) return;
    pr.done = true;
    inFlight--;
    pr.from = from;
    pr.rtt = sim.now - pr.sent!;
    if (note) pr.note = note;
    if (pr.sock) pr.sock.closed = true;
    if ((final || note) && pr.hop < lastHop) lastHop = pr.hop;
    progress();
  };

  const icmpSock: PingSocket | undefined = cmd.icmp
    ? {
        label,
        ident,
        closed: false,
        onIcmp: (icmp: IcmpMessage, ip: Ipv4Packet) => {
          if (icmp.type === ICMP.echoReply) {
            if (icmp.identifier !== ident) return;
            const pr = probes[(icmp.sequence ?? 0) - 1];
            if (pr) answered(pr, ip.srcIp, true);
            return;
          }
          const q = icmp.quote;
          if (!q || q.payload.kind !== 'icmp' || q.payload.identifier !== ident || q.dstIp !== cmd.dst) return;
          const pr = probes[(q.payload.sequence ?? 0) - 1];
          if (!pr) return;
          if (icmp.type === ICMP.timeExceeded) answered(pr, ip.srcIp, false);
          else if (icmp.type === ICMP.destUnreachable) answered(pr, ip.srcIp, ip.srcIp === cmd.dst, unreachNote(icmp.code));
        },
      }
    : undefined;
  if (icmpSock) stack.pingSockets.push(icmpSock);

  const send = (pr: Probe) => {
    const pkt = sim.newPacketId();
    const rt = routeOutput(stack, cmd.dst, { pkt });
    pr.sent = sim.now;
    inFlight++;
    if (rt.kind !== 'ok') {
      answered(pr, cmd.dst, true, '!N');
      return;
    }
    let payload;
    let protocol: number;
    if (cmd.icmp) {
      protocol = IPPROTO.icmp;
      payload = buildIcmpEcho({ type: 8, identifier: ident, sequence: pr.index + 1, data: DATA });
    } else {
      protocol = IPPROTO.udp;
      const sock: UdpSocket = {
        label: `${label} probe ${pr.index + 1}`,
        localPort: ephemeralPort(stack),
        remoteIp: cmd.dst,
        remotePort: BASE_PORT + pr.index,
        inetId: 0,
        closed: false,
        // traceroute reads time exceeded and unreachables from the error queue (IP_RECVERR).
        recverr: true,
        onDatagram: () => {},
        onError: (_err, icmp, from) => {
          if (icmp.type === ICMP.timeExceeded) answered(pr, from, false);
          else if (icmp.type === ICMP.destUnreachable) answered(pr, from, from === cmd.dst, unreachNote(icmp.code));
        },
      };
      stack.udpSockets.push(sock);
      pr.sock = sock;
      payload = buildUdp({ srcIp: rt.src, dstIp: cmd.dst, srcPort: sock.localPort, dstPort: BASE_PORT + pr.index, data: DATA });
    }
    const ip = buildIpv4({ srcIp: rt.src, dstIp: cmd.dst, protocol, ttl: pr.hop, identification: cmd.icmp ? ipId++ & 0xffff : 0, df: false, payload });
    ipLocalOut(stack, { pkt, ip, pktType: 'host' }, rt, label);
    sim.after(WAIT_US, () => {
      if (pr.done || ended) return;
      pr.done = true;
      inFlight--;
      if (pr.sock) pr.sock.closed = true;
      progress();
    });
  };

  /** Sends what the window allows, prints the hops that are complete, ends after the last one. */
  const progress = () => {
    while (printedHops < lastHop) {
      const hop = printedHops + 1;
      const own = probes.filter((x) => x.hop === hop);
      if (!own.every((x) => x.done)) break;
      let line = String(hop).padStart(2) + ' ';
      let last: Ipv4Addr | undefined;
      for (const x of own) {
        if (x.from === undefined) {
          line += ' *';
          continue;
        }
        if (x.from !== last) line += cmd.numeric ? ` ${x.from}` : ` ${x.from} (${x.from})`;
        last = x.from;
        line += `  ${(x.rtt! / 1000).toFixed(3)} ms${x.note ? ` ${x.note}` : ''}`;
      }
      p.stdout += line + '\n';
      printedHops = hop;
    }
    if (printedHops >= lastHop && nextToSend >= Math.min(cmd.simProbes, probes.length)) return finish();
    pump();
  };

  /** Sends the next probe if the window has room, and the one after it a gap later. */
  let pumping = false;
  const pump = () => {
    if (pumping || ended) return;
    const pr = probes[nextToSend];
    // The first window goes out whole (traceroute sends it before it reads an answer); after it,
    // nothing beyond the hop where the destination answered.
    if (!pr || (pr.hop > lastHop && nextToSend >= cmd.simProbes) || inFlight >= cmd.simProbes) return;
    pumping = true;
    nextToSend++;
    send(pr);
    sim.after(SEND_GAP_US, () => {
      pumping = false;
      progress();
    });
  };

  const finish = (exited = true) => {
    if (ended) return;
    ended = true;
    if (icmpSock) icmpSock.closed = true;
    for (const pr of probes) if (pr.sock) pr.sock.closed = true;
    if (exited) env.exit(0);
  };

  progress();
  return p;
}
