// `ip -s link` and `ip -s addr`: an interface's counters, as iproute2 6.x prints them
// (ip/ipaddress.c, print_stats64 and size_columns), counted from the walk. A veth counts every
// frame it hands to its peer (TX) and every frame its peer hands it (RX), in bytes of the
// Ethernet frame without FCS or padding; a frame sent on a veth whose peer is gone (no link) is
// a TX drop. The other counters (errors, missed, multicast: a veth does not count it, carrier,
// collisions) stay 0, as on a veth. The loopback device's counters are not counted (0).

import type { TraceEvent } from '../sim/trace';
import { encodeFrame } from '../wire/codec';

export interface IfStats {
  rxBytes: number;
  rxPackets: number;
  txBytes: number;
  txPackets: number;
  txDropped: number;
}

const zero = (): IfStats => ({ rxBytes: 0, rxPackets: 0, txBytes: 0, txPackets: 0, txDropped: 0 });

/** Each interface's counters on `node` after the walk's events up to `upTo` (a seq; inclusive). */
export function linkStats(events: readonly TraceEvent[], node: string, upTo: number): Record<string, IfStats> {
  const out: Record<string, IfStats> = {};
  for (const e of events) {
    if (e.seq > upTo) break;
    if ((e.kind !== 'frame.tx' && e.kind !== 'frame.rx') || e.node !== node) continue;
    const s = (out[e.iface] ??= zero());
    const bytes = encodeFrame(e.frame).length;
    if (e.kind === 'frame.rx') {
      s.rxPackets++;
      s.rxBytes += bytes;
    } else if (e.link === null) s.txDropped++;
    else {
      s.txPackets++;
      s.txBytes += bytes;
    }
  }
  return out;
}

/** size_columns: a column is as wide as its header or its widest number (iproute2's loop, kept). */
function widen(cols: number[], values: number[]): void {
  values.forEach((v, i) => {
    let len = 1;
    for (let p = 10; p < v; p *= 10) len++;
    if (len > cols[i]!) cols[i] = len;
  });
}

const num = (width: number, v: number) => `${String(v).padStart(width)} `;

/**
 * The statistics block (`level` 1: `-s`, 2: `-s -s`, which adds the error lines), each line
 * indented by four spaces and ended with a newline. `carrierChanges` is the device's
 * IFLA_CARRIER_CHANGES (a veth brought up with its peer: 2; without: 1; lo: 0).
 */
export function formatStats(s: IfStats = zero(), carrierChanges: number, level: number): string {
  const cols = ['*X errors:'.length, 'packets'.length, 'errors'.length, 'dropped'.length, 'heartbt'.length, 'overrun'.length, 'compressed'.length];
  widen(cols, [s.rxBytes, s.rxPackets, 0, 0, 0, 0, 0]);
  widen(cols, [s.txBytes, s.txPackets, 0, s.txDropped, 0, 0, 0]);
  if (level > 1) widen(cols, [0, 0, 0, 0, 0, carrierChanges, 0]);
  const [c0, c1, c2, c3, c4, c5, c6] = cols as [number, number, number, number, number, number, number];
  const head = (dir: string, h: string[]) =>
    `    ${dir}: ${'bytes'.padStart(c0 - 4)} ${h[0]!.padStart(c1)} ${h[1]!.padStart(c2)} ${h[2]!.padStart(c3)} ${h[3]!.padStart(c4)} ${h[4]!.padStart(c5)} ${''.padStart(c6)}\n`;
  const row = (v: number[]) => `    ${num(c0, v[0]!)}${num(c1, v[1]!)}${num(c2, v[2]!)}${num(c3, v[3]!)}${num(c4, v[4]!)}${num(c5, v[5]!)}\n`;
  const errHead = (dir: string, h: string[]) => `    ${dir} errors:${''.padStart(c0 - 10)} ${h.map((x, i) => x.padStart(cols[i + 1]!)).join(' ')}\n`;
  const errRow = (v: number[]) => `${''.padStart(c0 + 5)}${v.map((x, i) => num(cols[i + 1]!, x)).join('')}\n`;
  let out = head('RX', ['packets', 'errors', 'dropped', 'missed', 'mcast']) + row([s.rxBytes, s.rxPackets, 0, 0, 0, 0]);
  if (level > 1) out += errHead('RX', ['length', 'crc', 'frame', 'fifo', 'overrun']) + errRow([0, 0, 0, 0, 0]);
  out += head('TX', ['packets', 'errors', 'dropped', 'carrier', 'collsns']) + row([s.txBytes, s.txPackets, 0, s.txDropped, 0, 0]);
  if (level > 1) out += errHead('TX', ['aborted', 'fifo', 'window', 'heartbt', 'transns']) + errRow([0, 0, 0, 0, carrierChanges]);
  return out;
}
