import { describe, expect, it } from 'vitest';
import { parseClab } from '../io/clab';
import { simulate } from '../sim/simulate';
import type { TraceEvent } from '../sim/trace';
import { decodeFrame, encodeFrame } from '../wire/frame';
import { bytesToHex, hexToBytes } from '../wire/hex';
import { bpduFrame } from '../wire/stp';
import type { MacAddr } from '../wire/addr';

/** Three bridges in a triangle, sw1 with the lowest MACs; STP options on every bridge. */
function triangle(opts: string, scenario: string): string {
  const sw = (n: number, ports: number) =>
    `    sw${n}:\n      kind: bridge\n      exec:\n${Array.from({ length: ports }, (_, i) => `        - ip link set dev p${i + 1} address 02:00:00:00:0${n}:0${i + 1}\n`).join('')}        - ip link set br0 type bridge stp_state 1 ${opts}\n`;
  return `name: t
topology:
  nodes:
${sw(1, 3)}${sw(2, 3)}${sw(3, 2)}    h1:
      kind: linux
      exec: ["ip addr add 10.0.0.1/24 dev eth1"]
    h2:
      kind: linux
      exec: ["ip addr add 10.0.0.2/24 dev eth1"]
  links:
    - endpoints: ["sw1:p1", "sw2:p1"]
    - endpoints: ["sw2:p2", "sw3:p1"]
    - endpoints: ["sw3:p2", "sw1:p2"]
    - endpoints: ["h1:eth1", "sw1:p3"]
    - endpoints: ["h2:eth1", "sw2:p3"]
scenario:
${scenario}`;
}

const portEvents = (events: TraceEvent[], node: string, port: string) =>
  events.filter((e): e is Extract<TraceEvent, { kind: 'stp.port' }> => e.kind === 'stp.port' && e.node === node && e.port === port && e.prev !== e.state).map((e) => [e.t / 1e6, e.state]);

describe('the spanning tree of a triangle of bridges', () => {
  const r = simulate(parseClab(triangle('forward_delay 400', '  - sleep: 9\n  - on: h1\n    run: ping -c 1 -W 1 10.0.0.2\n')));

  it('elects the lowest bridge id and blocks the port of the worse bridge on the far link', () => {
    const roots = r.events.filter((e) => e.kind === 'stp.root' && e.node === 'sw3').at(-1);
    expect(roots).toMatchObject({ node: 'sw3', root: '8000.2:0:0:0:1:1', rootPort: 'p2', cost: 2 });
    // All three start at 0 and claim the root in their first hellos at 2 s; what they relay then
    // waits for each port's hold timer (1 s after its last BPDU), so sw3 hears sw2's better
    // offer for their link at 3 s.
    expect(portEvents(r.events, 'sw3', 'p1')).toEqual([
      [0, 'blocking'],
      [0, 'listening'],
      [3.000005, 'blocking'],
    ]);
  });

  it('moves a designated port from listening to learning to forwarding, one forward delay each', () => {
    expect(portEvents(r.events, 'sw1', 'p1')).toEqual([
      [0, 'blocking'],
      [0, 'listening'],
      [4, 'learning'],
      [8, 'forwarding'],
    ]);
  });

  it('shortens the fdb ageing to twice the forward delay while the topology changes', () => {
    const tc = r.events.find((e) => e.kind === 'stp.topology-change' && e.node === 'sw1');
    expect(tc).toMatchObject({ on: true, ageingS: 8, t: 8_000_000 });
  });

  it('lets the ping cross the tree: nothing is forwarded through the blocked port', () => {
    expect(r.steps.at(-1)).toMatchObject({ exit: 0 });
    const blocked = r.events.filter((e) => e.kind === 'drop' && e.node === 'sw3' && e.reason === 'stp-port-state');
    expect(blocked.length).toBeGreaterThan(0);
    expect(r.events.some((e) => e.kind === 'frame.tx' && e.node === 'sw3' && e.iface === 'p1' && e.frame.payload.kind !== 'stp')).toBe(false);
  });
});

describe('a link failure', () => {
  const r = simulate(parseClab(triangle('forward_delay 400 max_age 600', '  - sleep: 9\n  - on: sw1\n    run: ip link set p1 down\n  - sleep: 16\n  - on: h1\n    run: ping -c 1 -W 1 10.0.0.2\n  - on: sw3\n    run: bridge link show\n')));

  it('disables both ends, and the blocked port takes over once what it heard ages out', () => {
    expect(portEvents(r.events, 'sw2', 'p1').at(-1)).toEqual([9, 'disabled']);
    const sw3p1 = portEvents(r.events, 'sw3', 'p1');
    expect(sw3p1.map(([, s]) => s).slice(-3)).toEqual(['listening', 'learning', 'forwarding']);
    // max age (6 s) after the last BPDU sw3 heard from sw2, then two forward delays.
    const listening = sw3p1.at(-3)![0] as number;
    expect(listening).toBeGreaterThan(9 + 4);
    expect(listening).toBeLessThan(9 + 6.1);
    expect(r.steps.find((s) => s.run === 'ping -c 1 -W 1 10.0.0.2')).toMatchObject({ exit: 0 });
    expect(r.steps.at(-1)!.stdout).toBe(
      '3: p1@p2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 master br0 state forwarding priority 32 cost 2 \n' + '4: p2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 master br0 state forwarding priority 32 cost 2 \n',
    );
  });
});

describe('BPDU bytes', () => {
  // sw1's hello in the stp-triangle golden, as Linux sent it.
  const LINUX = '0180c200000002000000010100264242030000000000800002000000010100000000800002000000010180010000140002000f00';

  it('a configuration BPDU is 802.3 + LLC 42 42 03 + 35 bytes, as Linux sends it', () => {
    const f = bpduFrame('02:00:00:00:01:01' as MacAddr, {
      flags: 0,
      rootPriority: 0x8000,
      rootMac: '02:00:00:00:01:01' as MacAddr,
      rootPathCost: 0,
      bridgePriority: 0x8000,
      bridgeMac: '02:00:00:00:01:01' as MacAddr,
      portId: 0x8001,
      messageAge: 0,
      maxAge: 20 * 256,
      helloTime: 2 * 256,
      forwardDelay: 15 * 256,
    });
    expect(bytesToHex(encodeFrame(f))).toBe(LINUX);
    expect(decodeFrame(hexToBytes(LINUX))).toEqual(f);
  });

  it('a topology change notification is 4 bytes after the LLC header', () => {
    const f = bpduFrame('02:00:00:00:02:01' as MacAddr, undefined);
    expect(bytesToHex(encodeFrame(f))).toBe('0180c2000000020000000201000742420300000080');
    expect(decodeFrame(encodeFrame(f))).toEqual(f);
  });
});

describe('a link cut while the walk runs (SimulateOptions.cuts)', () => {
  it('goes down at its time, as `ip link set` would, and the tree forms again around it', () => {
    const t = parseClab(triangle('forward_delay 400 max_age 600', '  - sleep: 25\n  - on: h1\n    run: ping -c 1 -W 1 10.0.0.2\n'));
    const r = simulate(t, { cuts: [{ atUs: 9_000_001, node: 'sw1', iface: 'p1' }] });
    expect(r.events.find((e) => e.kind === 'link.state')).toMatchObject({ t: 9_000_001, node: 'sw1', iface: 'p1', up: false });
    expect(portEvents(r.events, 'sw3', 'p1').at(-1)?.[1]).toBe('forwarding');
    expect(r.steps.at(-1)).toMatchObject({ exit: 0 });
    expect(() => simulate(t, { cuts: [{ atUs: 0, node: 'sw1', iface: 'p9' }] })).toThrow(/no such interface/);
  });
});
