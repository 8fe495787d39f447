import { describe, expect, it } from 'vitest';
import type { TcpFlags } from '../wire/types';
import { CT_TIMEOUT, Conntrack, ctTimeout, tcpConntrack, type CtDir, type TcpCtState } from './conntrack';
import type { Ipv4Addr } from '../wire/addr';

const flags = (...on: (keyof TcpFlags)[]): TcpFlags => {
  const f: TcpFlags = { cwr: false, ece: false, urg: false, ack: false, psh: false, rst: false, syn: false, fin: false };
  for (const k of on) f[k] = true;
  return f;
};

describe('TCP conntrack states', () => {
  it('follows a connection from SYN to TIME_WAIT as the kernel table says', () => {
    const segments: [CtDir, TcpFlags, TcpCtState][] = [
      ['original', flags('syn'), 'SYN_SENT'],
      ['reply', flags('syn', 'ack'), 'SYN_RECV'],
      ['original', flags('ack'), 'ESTABLISHED'],
      ['original', flags('psh', 'ack'), 'ESTABLISHED'],
      ['original', flags('fin', 'ack'), 'FIN_WAIT'],
      ['reply', flags('ack'), 'CLOSE_WAIT'],
      ['reply', flags('fin', 'ack'), 'LAST_ACK'],
      ['original', flags('ack'), 'TIME_WAIT'],
    ];
    let state: TcpCtState = 'NONE';
    for (const [dir, f, expected] of segments) {
      state = tcpConntrack(state, dir, f);
      expect(state).toBe(expected);
    }
  });

  it.each([
    ['a SYN-ACK in the original direction is invalid', 'SYN_SENT', 'original', flags('syn', 'ack'), 'SYN_SENT'],
    ['a SYN on an established connection is ignored', 'ESTABLISHED', 'original', flags('syn'), 'ESTABLISHED'],
    ['a RST closes', 'ESTABLISHED', 'reply', flags('rst', 'ack'), 'CLOSE'],
    ['a reply SYN to a SYN is a simultaneous open', 'SYN_SENT', 'reply', flags('syn'), 'SYN_SENT2'],
  ] as const)('%s', (_why, from, dir, f, to) => {
    expect(tcpConntrack(from, dir, f)).toBe(to);
  });

  it("gives each state the kernel's timeout, and UDP its longer one once replied", () => {
    const ct = new Conntrack(() => 0);
    const t = { src: '192.0.2.1' as Ipv4Addr, dst: '198.51.100.1' as Ipv4Addr, sport: 40000, dport: 80 };
    const tcp = ct.create('tcp', t);
    expect(tcp.expires).toBe(CT_TIMEOUT.tcp.NONE);
    tcp.tcp!.state = 'ESTABLISHED';
    expect(ctTimeout(tcp)).toBe(432_000 * 1_000_000);
    const udp = ct.create('udp', t);
    expect(ctTimeout(udp)).toBe(30 * 1_000_000);
    udp.seenReply = true;
    expect(ctTimeout(udp)).toBe(120 * 1_000_000);
  });
});
