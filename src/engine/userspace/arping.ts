// arping (Debian's `arping` package: Thomas Habets' arping 2.23, which the oracle's machine runs):
// `arping -c N [-I DEV] ADDR` sends N ARP requests, one a second, each broadcast, from a packet
// socket (so the kernel's neighbour table is not asked nor changed by the request; the reply is
// the kernel's to judge as any unsolicited reply), and prints each reply it sees with its time,
// `Timeout` for a second without one, and its statistics; exit 1 when nothing answered. A packet
// socket sees frames before the protocol handlers (ptype_all): modelled as a passing rx_handler
// on the interface while arping runs.

import { BROADCAST_MAC, ZERO_MAC, type Ipv4Addr } from '../wire/addr';
import { ARPOP, ETHERTYPE, type EthernetFrame } from '../wire/types';
import { buildArp } from '../wire/arp';
import { devQueueXmit, type RxHandler } from '../devices/linux/netdev';
import { routeOutput, selectAddr } from '../devices/linux/route';
import { US_PER_S } from '../sim/sim';
import type { Command } from './commands';
import type { Process, ProcessEnv } from './process';

/** arping's time: microseconds below 1 ms ("11.788 usec"), else milliseconds ("1.234 msec"). */
const fmtTime = (us: number): string => (us < 1000 ? `${us.toFixed(3)} usec` : `${(us / 1000).toFixed(3)} msec`);
const ms3 = (us: number) => (us / 1000).toFixed(3);

export function arping(cmd: Extract<Command, { kind: 'arping' }>, env: ProcessEnv): Process {
  const { sim, stack } = env;
  // Killed, it stops where it is; Ctrl+C (SIGINT) prints the statistics, as arping does.
  const p: Process = { stdout: '', stderr: '', kill: () => finish(false), interrupt: () => finish() };
  const rt = routeOutput(stack, cmd.dst, { purpose: 'output' });
  const devName = cmd.dev ?? (rt.kind === 'ok' ? rt.dev : [...stack.devs.keys()].find((d) => d !== 'lo'));
  const dev = devName !== undefined ? stack.devs.get(devName) : undefined;
  if (!dev || dev.name === 'lo') {
    p.stderr = `arping: libnet_init(LIBNET_LINK, ${devName ?? ''}): libnet_check_iface() ioctl: No such device\n`;
    sim.after(0, () => env.exit(1));
    return p;
  }
  const src: Ipv4Addr = rt.kind === 'ok' && rt.dev === dev.name ? rt.src : selectAddr(stack, dev.name, cmd.dst, 'link');
  p.stdout = `ARPING ${cmd.dst}\n`;
  let index = 0;
  let sentAt = 0;
  let transmitted = 0;
  let received = 0;
  let answered = false;
  let ended = false;
  const rtts: number[] = [];

  const tap: RxHandler = (_dev, frame: EthernetFrame) => {
    const a = frame.payload;
    if (!ended && a.kind === 'arp' && a.op === ARPOP.reply && a.senderIp === cmd.dst && frame.dstMac === dev.mac) {
      const us = sim.now - sentAt;
      rtts.push(us);
      received++;
      answered = true;
      p.stdout += `42 bytes from ${a.senderMac} (${a.senderIp}): index=${index - 1} time=${fmtTime(us)}\n`;
    }
    return 'pass';
  };
  const previous = dev.rxHandler;
  dev.rxHandler = tap;

  const send = () => {
    if (ended) return;
    if (transmitted > 0 && !answered) p.stdout += 'Timeout\n';
    if (cmd.count !== undefined && transmitted >= cmd.count) return finish();
    answered = false;
    const pkt = sim.newPacketId();
    const frame: EthernetFrame = {
      dstMac: BROADCAST_MAC,
      srcMac: dev.mac,
      ethertype: ETHERTYPE.arp,
      payload: buildArp({ op: ARPOP.request, senderMac: dev.mac, senderIp: src, targetMac: ZERO_MAC, targetIp: cmd.dst }),
    };
    sentAt = sim.now;
    transmitted++;
    index++;
    devQueueXmit(dev, frame, pkt);
    sim.after(US_PER_S, send);
  };

  const finish = (exited = true) => {
    if (ended) return;
    ended = true;
    dev.rxHandler = previous;
    if (!exited) return;
    const unanswered = transmitted ? Math.round(((transmitted - received) * 100) / transmitted) : 0;
    p.stdout += `\n--- ${cmd.dst} statistics ---\n${transmitted} packets transmitted, ${received} packets received, ${String(unanswered).padStart(3)}% unanswered (0 extra)\n`;
    if (rtts.length) {
      const min = Math.min(...rtts);
      const max = Math.max(...rtts);
      const avg = rtts.reduce((a, b) => a + b, 0) / rtts.length;
      const sd = Math.sqrt(rtts.reduce((a, b) => a + (b - avg) ** 2, 0) / rtts.length);
      p.stdout += `rtt min/avg/max/std-dev = ${ms3(min)}/${ms3(avg)}/${ms3(max)}/${ms3(sd)} ms\n`;
    } else p.stdout += '\n';
    env.exit(received > 0 ? 0 : 1);
  };

  send();
  return p;
}
