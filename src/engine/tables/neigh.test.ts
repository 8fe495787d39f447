import { describe, expect, it } from 'vitest';
import type { Ipv4Addr, MacAddr } from '../wire/addr';
import { Sim } from '../sim/sim';
import { DEFAULT_NEIGH_PARAMS, NeighTable, type NeighEntry } from './neigh';

const ip = (s: string) => s as Ipv4Addr;
const MAC_A = '02:00:00:00:00:0a' as MacAddr;
const MAC_B = '02:00:00:00:00:0b' as MacAddr;
const S = 1_000_000;

interface Skb {
  pkt: number;
}

function setup(reachableUs = 30 * S) {
  const sim = new Sim(1, 10_000);
  const log: string[] = [];
  const table = new NeighTable<Skb>(sim, 'h1', {
    solicit: (n: NeighEntry<Skb>, last, unicast, probe) => log.push(`${sim.now / S}s solicit ${n.ip} ${unicast ? `unicast ${n.mac}` : 'broadcast'} probe ${probe}${last ? ` for #${last.pkt}` : ''}`),
    transmit: (n, skb) => log.push(`${sim.now / S}s send #${skb.pkt} to ${n.mac}`),
    errorReport: (n, skb) => log.push(`${sim.now / S}s error #${skb.pkt} (${n.state})`),
    queueOverflow: (_n, skb) => log.push(`${sim.now / S}s overflow #${skb.pkt}`),
    reachableTime: () => reachableUs,
    params: () => DEFAULT_NEIGH_PARAMS,
  });
  return { sim, log, table };
}

describe('neighbour state machine', () => {
  it('resolves: holds the packet, broadcasts, sends it on the reply (NONE → INCOMPLETE → REACHABLE)', () => {
    const { sim, log, table } = setup();
    const n = table.lookupOrCreate('eth1', ip('10.0.1.1'));
    expect(table.output(n, { pkt: 1 })).toBe('held');
    expect(n.state).toBe('INCOMPLETE');
    sim.after(20, () => table.update(n, MAC_A, 'REACHABLE', false, 'arp-reply'));
    sim.run(S / 2);
    expect(n.state).toBe('REACHABLE');
    expect(log).toEqual(['0s solicit 10.0.1.1 broadcast probe 3 for #1', '0.00002s send #1 to 02:00:00:00:00:0a']);
  });

  it('fails after three broadcasts one second apart, reporting every held packet', () => {
    const { sim, log, table } = setup();
    const n = table.lookupOrCreate('eth1', ip('10.0.1.99'));
    table.output(n, { pkt: 1 });
    sim.after(S / 2, () => table.output(n, { pkt: 2 }));
    sim.run(10 * S);
    expect(n.state).toBe('FAILED');
    expect(log).toEqual([
      '0s solicit 10.0.1.99 broadcast probe 3 for #1',
      '1s solicit 10.0.1.99 broadcast probe 4 for #2',
      '2s solicit 10.0.1.99 broadcast probe 5 for #2',
      '3s error #1 (FAILED)',
      '3s error #2 (FAILED)',
    ]);
  });

  it('a request from the neighbour makes a STALE entry; using it turns DELAY, then PROBE with unicast probes', () => {
    const { sim, log, table } = setup();
    const n = table.eventNs('eth1', ip('10.0.1.10'), MAC_A);
    expect(n.state).toBe('STALE');
    table.output(n, { pkt: 1 });
    expect(n.state).toBe('DELAY');
    sim.run(5 * S + 1);
    expect(n.state).toBe('PROBE');
    sim.run(20 * S);
    expect(n.state).toBe('FAILED');
    expect(log).toEqual([
      '0s send #1 to 02:00:00:00:00:0a',
      '5s solicit 10.0.1.10 unicast 02:00:00:00:00:0a probe 0',
      '6s solicit 10.0.1.10 unicast 02:00:00:00:00:0a probe 1',
      '7s solicit 10.0.1.10 unicast 02:00:00:00:00:0a probe 2',
    ]);
  });

  it('a reply during PROBE makes the entry REACHABLE again', () => {
    const { sim, table } = setup();
    const n = table.eventNs('eth1', ip('10.0.1.10'), MAC_A);
    table.output(n, { pkt: 1 });
    sim.run(5.5 * S);
    table.update(n, MAC_A, 'REACHABLE', false, 'arp-reply');
    sim.run(9 * S);
    expect(n.state).toBe('REACHABLE');
  });

  it('REACHABLE expires to STALE when unused, DELAY when used recently', () => {
    const a = setup(20 * S);
    const n = a.table.lookupOrCreate('eth1', ip('10.0.1.1'));
    a.table.output(n, { pkt: 1 });
    a.table.update(n, MAC_A, 'REACHABLE', false, 'arp-reply');
    a.sim.run(25 * S);
    expect(n.state).toBe('STALE');

    const b = setup(20 * S);
    const m = b.table.lookupOrCreate('eth1', ip('10.0.1.1'));
    b.table.output(m, { pkt: 1 });
    b.table.update(m, MAC_A, 'REACHABLE', false, 'arp-reply');
    b.sim.after(18 * S, () => b.table.output(m, { pkt: 2 }));
    b.sim.run(21 * S);
    expect(m.state).toBe('DELAY');
  });

  it('a STALE update with the same address keeps a REACHABLE entry REACHABLE', () => {
    const { table } = setup();
    const n = table.lookupOrCreate('eth1', ip('10.0.1.1'));
    table.output(n, { pkt: 1 });
    table.update(n, MAC_A, 'REACHABLE', false, 'arp-reply');
    table.eventNs('eth1', ip('10.0.1.1'), MAC_A);
    expect(n.state).toBe('REACHABLE');
  });

  it('a different address replaces a valid one only with override', () => {
    const { table } = setup();
    const n = table.eventNs('eth1', ip('10.0.1.1'), MAC_A);
    table.update(n, MAC_B, 'STALE', false, 'arp-seen');
    expect(n.mac).toBe(MAC_A);
    table.update(n, MAC_B, 'STALE', true, 'arp-seen');
    expect(n.mac).toBe(MAC_B);
  });

  it('a REACHABLE entry ignores a reply with another address without override: same address, same state', () => {
    const { table, log } = setup();
    const n = table.lookupOrCreate('eth1', ip('10.0.1.1'));
    table.output(n, { pkt: 1 });
    table.update(n, MAC_A, 'REACHABLE', false, 'arp-reply');
    table.update(n, MAC_B, 'REACHABLE', false, 'arp-reply');
    expect([n.mac, n.state]).toEqual([MAC_A, 'REACHABLE']);
    expect(log).toEqual(['0s solicit 10.0.1.1 broadcast probe 3 for #1', '0s send #1 to 02:00:00:00:00:0a']);
  });

  it('an update that changes the state moves the locktime window (updated), one that changes nothing does not', () => {
    const { sim, table } = setup();
    const n = table.eventNs('eth1', ip('10.0.1.1'), MAC_A);
    sim.at(2 * S, () => table.update(n, MAC_A, 'REACHABLE', false, 'arp-reply'));
    sim.at(3 * S, () => table.update(n, MAC_A, 'REACHABLE', false, 'arp-reply'));
    sim.run(4 * S);
    expect(n.updated).toBe(2 * S);
  });

  it('drops the oldest held packet when the queue is full', () => {
    const { log, table } = setup();
    const n = table.lookupOrCreate('eth1', ip('10.0.1.1'));
    for (let i = 1; i <= DEFAULT_NEIGH_PARAMS.queueLen + 2; i++) table.output(n, { pkt: i });
    expect(n.queue.length).toBe(DEFAULT_NEIGH_PARAMS.queueLen);
    expect(log.filter((l) => l.includes('overflow'))).toEqual(['0s overflow #1', '0s overflow #2']);
  });

  it('records every change in the trace with its cause', () => {
    const { sim, table } = setup();
    const n = table.lookupOrCreate('eth1', ip('10.0.1.1'));
    table.output(n, { pkt: 1 });
    table.update(n, MAC_A, 'REACHABLE', false, 'arp-reply');
    expect(sim.events.filter((e) => e.kind === 'neigh.update').map((e) => e.kind === 'neigh.update' && `${e.from}→${e.to} ${e.cause}`)).toEqual([
      'NONE→INCOMPLETE resolve',
      'INCOMPLETE→REACHABLE arp-reply',
    ]);
  });
});
