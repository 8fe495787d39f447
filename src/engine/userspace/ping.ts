// iputils ping: a raw ICMP socket, one echo request per interval (DF set, its own IP
// identification counter, MSG_CONFIRM after a good reply), replies and ICMP errors read back,
// the lines it prints for them, the summary, and its exit status (1 when nothing came back, 2
// when it could not start).

import { ICMP, ICMP_UNREACH, IPPROTO, type IcmpMessage, type Ipv4Packet } from '../wire/types';
import { buildIcmpEcho } from '../wire/icmp';
import { buildIpv4 } from '../wire/ipv4';
import type { PingSocket } from '../devices/linux/icmp';
import { confirmNeigh, DEFAULT_TTL, ipLocalOut } from '../devices/linux/ip-output';
import { routeOutput } from '../devices/linux/route';
import { STRERROR } from '../linux-text';
import type { Command } from './commands';
import { EPOCH_S, US_PER_MS, US_PER_S } from '../sim/sim';
import type { Process, ProcessEnv } from './process';

const UNREACH_TEXT: Record<number, string> = {
  0: 'Destination Net Unreachable',
  1: 'Destination Host Unreachable',
  2: 'Destination Protocol Unreachable',
  3: 'Destination Port Unreachable',
  4: 'Frag needed and DF set',
  5: 'Source Route Failed',
  6: 'Destination Net Unknown',
  7: 'Destination Host Unknown',
  8: 'Source Host Isolated',
  9: 'Destination Net Prohibited',
  10: 'Destination Host Prohibited',
  11: 'Destination Net Unreachable for Type of Service',
  12: 'Destination Host Unreachable for Type of Service',
  13: 'Packet filtered',
  14: 'Precedence Violation',
  15: 'Precedence Cutoff',
};
const REDIRECT_TEXT: Record<number, string> = {
  0: 'Redirect Network',
  1: 'Redirect Host',
  2: 'Redirect Type of Service and Network',
  3: 'Redirect Type of Service and Host',
};

/** pr_icmph: the text ping prints for an ICMP error (`info`: the MTU a fragmentation-needed error reports). */
function icmpErrorText(type: number, code: number, info: number): string {
  if (type === ICMP.destUnreachable && code === ICMP_UNREACH.fragNeeded) return `Frag needed and DF set (mtu = ${info})`;
  if (type === ICMP.destUnreachable) return UNREACH_TEXT[code] ?? `Dest Unreachable, Bad Code: ${code}`;
  if (type === ICMP.timeExceeded) return code === 0 ? 'Time to live exceeded' : code === 1 ? 'Frag reassembly time exceeded' : `Time exceeded, Bad Code: ${code}`;
  if (type === ICMP.parameterProblem) return 'Parameter problem: pointer = 0';
  if (type === 4) return 'Source Quench';
  return `Bad ICMP type: ${type}`;
}

/** iputils prints RTTs with 3 significant decimals below 1 ms, fewer above. */
function fmtRtt(us: number): string {
  const ms = Math.floor(us / 1000);
  const frac = us % 1000;
  if (ms >= 100) return `${ms}`;
  if (ms >= 10) return `${ms}.${Math.floor(frac / 100)}`;
  if (ms >= 1) return `${ms}.${String(Math.floor(frac / 10)).padStart(2, '0')}`;
  return `${ms}.${String(frac).padStart(3, '0')}`;
}

const ms3 = (us: number) => `${Math.floor(us / 1000)}.${String(Math.round(us) % 1000).padStart(3, '0')}`;

/** ping's payload: a struct timeval (16 bytes, little-endian) then bytes 0x10, 0x11, … */
function pingData(now: number, size: number): string {
  let hex = '';
  const le = (n: number, bytes: number) => {
    let s = '';
    let v = BigInt(Math.floor(n));
    for (let i = 0; i < bytes; i++) {
      s += Number(v & 0xffn).toString(16).padStart(2, '0');
      v >>= 8n;
    }
    return s;
  };
  if (size >= 16) {
    hex += le(EPOCH_S + Math.floor(now / US_PER_S), 8) + le(now % US_PER_S, 8);
    for (let i = 16; i < size; i++) hex += (i & 0xff).toString(16).padStart(2, '0');
  } else {
    for (let i = 0; i < size; i++) hex += (i & 0xff).toString(16).padStart(2, '0');
  }
  return hex;
}

export function ping(cmd: Extract<Command, { kind: 'ping' }>, env: ProcessEnv): Process {
  const { sim, stack } = env;
  // SIGINT: the statistics so far, and the usual exit status.
  const p: Process = { stdout: '', stderr: '', kill: () => finish(true), interrupt: () => finish(false) };
  // The probe socket's connect(): EACCES for a broadcast route (or a prohibit one) without
  // SO_BROADCAST. With -b, ping warns, sets it and connects again.
  const probe = routeOutput(stack, cmd.dst, { purpose: 'output', ...(cmd.src ? { src: cmd.src } : {}) });
  const eacces = probe.kind === 'error' ? probe.error === 'EACCES' : probe.type === 'broadcast';
  if (eacces && cmd.broadcast) p.stderr = 'WARNING: pinging broadcast address\n';
  if (probe.kind === 'error' || (eacces && !cmd.broadcast)) {
    if (eacces && !cmd.broadcast) p.stderr = 'ping: Do you want to ping broadcast? Then -b. If not, check your local firewall rules\n';
    else p.stderr += `ping: connect: ${STRERROR[probe.kind === 'error' ? probe.error : 'EACCES']}\n`;
    sim.after(0, () => env.exit(2));
    return p;
  }
  const start = sim.now;
  const ident = 1 + sim.randomInt(0xfffe);
  // Echo requests carry DF and a per-socket IP identification counter (as captured on Linux).
  let ipId = sim.randomInt(0x10000);
  const sent = new Map<number, number>();
  const seen = new Set<number>();
  const rtts: number[] = [];
  // iputils sends the request after a good reply with MSG_CONFIRM (confirm_flag).
  let confirm = false;
  let ntransmitted = 0;
  let nreceived = 0;
  let nerrors = 0;
  let nrepeats = 0;
  let ended = false;
  p.stdout = `PING ${cmd.dst} (${cmd.dst}) ${cmd.size}(${cmd.size + 28}) bytes of data.\n`;
  const sock: PingSocket = {
    label: `ping ${cmd.dst}`,
    ident,
    closed: false,
    onIcmp: (icmp: IcmpMessage, ip: Ipv4Packet) => onIcmp(icmp, ip),
  };
  stack.pingSockets.push(sock);

  const intervalUs = Math.round(cmd.intervalS * US_PER_S);
  const send = () => {
    if (ended) return;
    const seq = ntransmitted + 1;
    const pkt = sim.newPacketId();
    // The echo's flow: the socket's own address (none unless -I), ICMP type 8 where the
    // destination port would be (fl4_icmp_type shares the ports' bytes).
    const rt = routeOutput(stack, cmd.dst, { pkt, src: probe.src, flow: { ...(cmd.src ? { src: cmd.src } : {}), proto: IPPROTO.icmp, dport: 8 << 8 } });
    ntransmitted++;
    if (rt.kind === 'error') {
      p.stdout += `ping: sendmsg: ${STRERROR[rt.error]}\n`;
      nerrors++;
    } else {
      sent.set(seq, sim.now);
      if (confirm && rt.type === 'unicast') confirmNeigh(stack, rt.dev, rt.nexthop);
      confirm = false;
      const ip = buildIpv4({
        srcIp: rt.src,
        dstIp: cmd.dst,
        protocol: IPPROTO.icmp,
        ttl: cmd.ttl ?? DEFAULT_TTL,
        identification: ipId++ & 0xffff,
        df: !cmd.noDf,
        payload: buildIcmpEcho({ type: 8, identifier: ident, sequence: seq & 0xffff, data: pingData(sim.now, cmd.size) }),
      });
      ipLocalOut(stack, { pkt, ip, pktType: 'host' }, rt, `ping ${cmd.dst}`);
    }
    if (cmd.count === undefined || ntransmitted < cmd.count) sim.after(intervalUs, send);
    else scheduleExit();
    checkDone();
  };

  const scheduleExit = () => {
    // After the last request: wait 2×max RTT (at least one interval) if anything came back,
    // else the -W linger time (10 s by default).
    const waitUs = nreceived > 0 ? Math.max(2 * rtts.reduce((a, b) => Math.max(a, b)), intervalUs) : (cmd.waitS ?? 10) * US_PER_S;
    sim.after(waitUs, () => finish(false));
  };

  if (cmd.deadlineS !== undefined) sim.after(cmd.deadlineS * US_PER_S, () => finish(false));

  const checkDone = () => {
    if (cmd.count !== undefined && nreceived + nerrors >= cmd.count) finish(false);
    else if (cmd.deadlineS !== undefined && nerrors > 0) finish(false);
  };

  const quotedEcho = (icmp: IcmpMessage) => {
    const q = icmp.quote;
    if (!q || q.protocol !== IPPROTO.icmp || q.payload.kind !== 'icmp') return undefined;
    if (q.payload.type !== ICMP.echoRequest || q.payload.identifier !== ident || q.dstIp !== cmd.dst) return undefined;
    return q.payload.sequence ?? 0;
  };

  const onIcmp = (icmp: IcmpMessage, ip: Ipv4Packet) => {
    if (ended) return;
    if (icmp.type === ICMP.echoReply) {
      if (icmp.identifier !== ident) return;
      if (ip.srcIp !== cmd.dst && !cmd.broadcast) return;
      const seq = icmp.sequence ?? 0;
      const t0 = sent.get(seq);
      if (t0 === undefined) return;
      const rtt = sim.now - t0;
      const dup = seen.has(seq);
      confirm = true;
      if (dup) nrepeats++;
      else {
        seen.add(seq);
        nreceived++;
        rtts.push(rtt);
      }
      if (!cmd.quiet) {
        const bytes = 8 + (icmp.data?.length ?? 0) / 2;
        // With -b ping counts itself a multicast ping, and marks no duplicate (DUP!) unless verbose.
        p.stdout += `${bytes} bytes from ${ip.srcIp}: icmp_seq=${seq} ttl=${ip.ttl} time=${fmtRtt(rtt)} ms${dup && !cmd.broadcast ? ' (DUP!)' : ''}\n`;
      }
      checkDone();
      return;
    }
    const seq = quotedEcho(icmp);
    if (seq === undefined) return;
    if (icmp.type === ICMP.redirect) {
      if (!cmd.quiet) p.stdout += `From ${ip.srcIp}: icmp_seq=${seq} ${REDIRECT_TEXT[icmp.code] ?? 'Redirect, Bad Code: ' + icmp.code}(New nexthop: ${icmp.gateway})\n`;
      return;
    }
    if (icmp.type === ICMP.destUnreachable || icmp.type === ICMP.timeExceeded || icmp.type === ICMP.parameterProblem || icmp.type === 4) {
      nerrors++;
      if (!cmd.quiet) p.stdout += `From ${ip.srcIp} icmp_seq=${seq} ${icmpErrorText(icmp.type, icmp.code, (icmp.rest ?? 0) & 0xffff)}\n`;
      checkDone();
    }
  };

  const finish = (killed: boolean) => {
    if (ended) return;
    ended = true;
    sock.closed = true;
    if (killed) return;
    const elapsedMs = Math.round((sim.now - start) / US_PER_MS);
    let line = `${ntransmitted} packets transmitted, ${nreceived} received`;
    if (nrepeats) line += `, +${nrepeats} duplicates`;
    if (nerrors) line += `, +${nerrors} errors`;
    if (ntransmitted) {
      const loss = ((ntransmitted - nreceived) * 100) / ntransmitted;
      line += `, ${formatG(loss)}% packet loss`;
    }
    line += `, time ${elapsedMs}ms`;
    p.stdout += `\n--- ${cmd.dst} ping statistics ---\n${line}\n`;
    if (nreceived > 0) {
      // Not Math.min(...rtts): a long ping would overflow the call stack with its arguments.
      const min = rtts.reduce((a, b) => Math.min(a, b));
      const max = rtts.reduce((a, b) => Math.max(a, b));
      const avg = rtts.reduce((a, b) => a + b, 0) / rtts.length;
      const mdev = Math.sqrt(rtts.reduce((a, b) => a + b * b, 0) / rtts.length - avg * avg);
      p.stdout += `rtt min/avg/max/mdev = ${ms3(min)}/${ms3(avg)}/${ms3(max)}/${ms3(mdev)} ms\n`;
    } else p.stdout += '\n';
    const failed = nreceived === 0 || (cmd.deadlineS !== undefined && cmd.count !== undefined && nreceived < cmd.count);
    env.exit(failed ? 1 : 0);
  };

  send();
  return p;
}

/** printf("%g"): up to 6 significant digits, no trailing zeros. */
function formatG(x: number): string {
  if (x === 0) return '0';
  return String(Number(x.toPrecision(6)));
}
