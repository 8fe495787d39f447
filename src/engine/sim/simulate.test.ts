import { describe, expect, it } from 'vitest';
import { parseClab } from '../io/clab';
import { linkCaptures } from './captures';
import { simulate } from './simulate';
import { Sim, SimulationStopped } from './sim';

const looped = parseClab(
  `name: loop
topology:
  nodes:
    h1: {kind: linux, exec: ["ip addr add 10.0.0.1/24 dev eth1"]}
    h2: {kind: linux, exec: ["ip addr add 10.0.0.2/24 dev eth1"]}
    sw1: {kind: bridge}
    sw2: {kind: bridge}
  links:
    - endpoints: ["h1:eth1", "sw1:p1"]
    - endpoints: ["sw1:p2", "sw2:p1"]
    - endpoints: ["sw1:p3", "sw2:p2"]
    - endpoints: ["h2:eth1", "sw2:p3"]
scenario:
  - on: h1
    run: ping -c 1 -W 1 10.0.0.2
`,
  'loop.clab.yml',
);

describe('bounded runs', () => {
  it('stops a broadcast storm between looped switches and says where it circulates', () => {
    const r = simulate(looped, { maxEvents: 5_000 });
    expect(r.events.length).toBe(5_000);
    expect(r.stopped).toMatchObject({ kind: 'event-limit', limit: 5_000, storm: { devices: ['sw1', 'sw2'] } });
    expect(r.stopped?.storm?.sample.dstMac).toBe('ff:ff:ff:ff:ff:ff');
    // The step never finished: it has no exit status.
    expect(r.steps[0]).toMatchObject({ on: 'h1', exit: null });
  });

  it('also bounds timers that keep firing without recording anything', () => {
    const sim = new Sim(1, 100);
    const tick = () => sim.after(1, tick);
    tick();
    expect(() => sim.run()).toThrow(SimulationStopped);
    expect(sim.now).toBe(100 * Sim.TIMERS_PER_EVENT + 1);
  });

  it('uses the default bound (tens of thousands of events) when none is given, and still finds the storm', () => {
    const r = simulate(looped);
    expect(r.stopped?.limit).toBe(50_000);
    expect(r.events.length).toBe(50_000);
    // By then h2 answers every copy of the looping request (each answer a new frame): the loop is still found.
    expect(r.stopped?.storm?.devices).toEqual(['sw1', 'sw2']);
    expect(r.stopped?.storm?.sample.dstMac).toBe('ff:ff:ff:ff:ff:ff');
  });

  it('calls 2 000 parallel links between two switches a storm too (each arrival floods 2 000 copies)', () => {
    const N = 2000;
    const links = Array.from({ length: N }, (_, i) => `    - endpoints: ["sw1:p${i + 2}", "sw2:p${i + 1}"]`).join('\n');
    const t = parseClab(
      `name: parallel\ntopology:\n  nodes:\n    h1: {kind: linux, exec: ["ip addr add 10.0.0.1/24 dev eth1"]}\n    sw1: {kind: bridge}\n    sw2: {kind: bridge}\n  links:\n    - endpoints: ["h1:eth1", "sw1:p1"]\n${links}\nscenario:\n  - on: h1\n    run: ping -c 1 -W 1 10.0.0.2\n`,
      'parallel.clab.yml',
    );
    const r = simulate(t);
    expect(r.stopped).toMatchObject({ kind: 'event-limit', storm: { devices: ['sw1', 'sw2'] } });
  });

  it('refuses times beyond its bound instead of losing microseconds (sleep 1e16) or reaching Infinity (1e303)', () => {
    const withSleep = (seconds: number) => ({ ...looped, scenario: [{ kind: 'sleep' as const, seconds }, ...looped.scenario] });
    expect(() => simulate(withSleep(1e303))).toThrow(/sleep: 1e\+303 seconds is more than packetwalk runs \(at most 3600\)/);
    expect(() => simulate(withSleep(1e16))).toThrow(/at most 3600/);
    expect(() => simulate(looped, { scenario: [{ kind: 'run', on: 'h1', run: 'sleep 99999999999999999' }] })).toThrow(/sleep: invalid time interval "99999999999999999": at most 3600 seconds/);
    expect(() => simulate(looped, { scenario: [{ kind: 'run', on: 'h1', run: 'ping -W 4000 10.0.0.2' }] })).toThrow(/at most 3600 seconds/);
    expect(simulate(withSleep(3600), { maxEvents: 200 }).steps[0]).toMatchObject({ kind: 'sleep', end: 3600 * 1e6 });
  });

  it('does not call a packet that routers send through the same switch again and again a storm', () => {
    // router-chain with every link through one bridge: each echo request reaches sw four times.
    const oneSwitch = parseClab(
      `name: one-switch-chain
topology:
  nodes:
    h1: {kind: linux, exec: ["ip addr add 10.0.1.10/24 dev eth1", "ip route add default via 10.0.1.1"]}
    r1: {kind: linux, exec: ["ip addr add 10.0.1.1/24 dev eth1", "ip addr add 10.0.12.1/24 dev eth2", "ip route add 10.0.2.0/24 via 10.0.12.2", "sysctl -w net.ipv4.ip_forward=1"]}
    r2: {kind: linux, exec: ["ip addr add 10.0.12.2/24 dev eth1", "ip addr add 10.0.23.2/24 dev eth2", "ip route add 10.0.1.0/24 via 10.0.12.1", "ip route add 10.0.2.0/24 via 10.0.23.3", "sysctl -w net.ipv4.ip_forward=1"]}
    r3: {kind: linux, exec: ["ip addr add 10.0.23.3/24 dev eth1", "ip addr add 10.0.2.1/24 dev eth2", "ip route add 10.0.1.0/24 via 10.0.23.2", "sysctl -w net.ipv4.ip_forward=1"]}
    h2: {kind: linux, exec: ["ip addr add 10.0.2.10/24 dev eth1", "ip route add default via 10.0.2.1"]}
    sw: {kind: bridge}
  links:
    - endpoints: ["h1:eth1", "sw:p1"]
    - endpoints: ["r1:eth1", "sw:p2"]
    - endpoints: ["r1:eth2", "sw:p3"]
    - endpoints: ["r2:eth1", "sw:p4"]
    - endpoints: ["r2:eth2", "sw:p5"]
    - endpoints: ["r3:eth1", "sw:p6"]
    - endpoints: ["r3:eth2", "sw:p7"]
    - endpoints: ["h2:eth1", "sw:p8"]
scenario:
  - on: h1
    run: ping -c 20 -i 0.2 -W 1 10.0.2.10
`,
      'one-switch-chain.clab.yml',
    );
    const full = simulate(oneSwitch);
    expect(full.steps[0]).toMatchObject({ exit: 0 });
    const echo = full.events.find((e) => e.kind === 'frame.tx' && e.node === 'h1' && e.frame.payload.kind === 'ipv4')!;
    expect(full.events.filter((e) => e.kind === 'frame.rx' && e.node === 'sw' && 'pkt' in e && echo.kind === 'frame.tx' && e.pkt === echo.pkt)).toHaveLength(4);
    const cut = simulate(oneSwitch, { maxEvents: Math.floor(full.events.length * 0.8) });
    expect(cut.stopped).toEqual({ kind: 'event-limit', limit: Math.floor(full.events.length * 0.8) });
  });
});

describe('scenario steps', () => {
  const pair = (scenario: string) =>
    parseClab(
      `name: pair
topology:
  nodes:
    h1: {kind: linux, exec: ["ip addr add 10.0.0.1/24 dev eth1"]}
    h2: {kind: linux, exec: ["ip addr add 10.0.0.2/24 dev eth1"]}
  links:
    - endpoints: ["h1:eth1", "h2:eth1"]
scenario:
${scenario}`,
      'pair.clab.yml',
    );

  it('kills a step after its timeout, as the recorder does (exit 137)', () => {
    const r = simulate(pair('  - on: h1\n    run: ping 10.0.0.2\n    timeout: 2.5\n'));
    expect(r.steps[0]).toMatchObject({ exit: 137, timedOut: true });
    const requests = linkCaptures(r).links['h1:eth1--h2:eth1']!.filter((f) => f.payload.kind === 'ipv4' && f.payload.payload.kind === 'icmp' && f.payload.payload.type === 8);
    expect(requests).toHaveLength(3);
    expect(r.steps[0]!.stdout).not.toContain('statistics');
  });

  it('keeps a background listener running for later steps and collects its output', () => {
    const r = simulate(pair('  - on: h2\n    run: echo pong | nc -u -l -p 5000\n    background: true\n  - on: h1\n    run: echo hello | nc -u -w1 -p 4000 10.0.0.2 5000\n'));
    expect(r.steps[0]).toMatchObject({ background: true, stdout: 'hello\n' });
    expect(r.steps[1]).toMatchObject({ exit: 0, stdout: 'pong\n' });
  });

  it('demultiplexes by port: a datagram for another port gets port unreachable', () => {
    const r = simulate(pair('  - on: h2\n    run: nc -u -l -p 5000\n    background: true\n  - on: h1\n    run: echo x | nc -u -w1 -p 4000 10.0.0.2 5001\n'));
    expect(r.events.some((e) => e.kind === 'icmp.send' && e.reason === 'port-unreachable')).toBe(true);
    expect(r.steps[0]!.stdout).toBe('');
  });

  it('demultiplexes TCP and UDP separately: the same port number on both does not collide', () => {
    const r = simulate(
      pair(
        '  - {on: h2, run: "nc -u -l -p 5000", background: true}\n' +
          '  - {on: h2, run: "nc -l -p 5000", background: true}\n' +
          '  - {on: h1, run: "echo by-udp | nc -u -w1 -p 4000 10.0.0.2 5000"}\n' +
          '  - {on: h1, run: "echo by-tcp | nc -N -p 4001 10.0.0.2 5000"}\n',
      ),
    );
    expect(r.steps[0]).toMatchObject({ background: true, stdout: 'by-udp\n' });
    expect(r.steps[1]).toMatchObject({ background: true, stdout: 'by-tcp\n' });
    expect(r.steps.slice(2).map((s) => s.exit)).toEqual([0, 0]);
  });

  it('refuses a TCP connection to a closed port with a RST, and nc exits 1', () => {
    const r = simulate(pair('  - {on: h1, run: "echo x | nc -w1 -p 4000 10.0.0.2 9"}\n'));
    const tcp = linkCaptures(r).links['h1:eth1--h2:eth1']!.flatMap((f) => (f.payload.kind === 'ipv4' && f.payload.payload.kind === 'tcp' ? [f.payload.payload] : []));
    expect(tcp.map((t) => Object.entries(t.flags).filter(([, v]) => v).map(([k]) => k).join(','))).toEqual(['syn', 'ack,rst']);
    expect(tcp[1]).toMatchObject({ seq: 0, ack: (tcp[0]!.seq + 1) % 2 ** 32, window: 0 });
    expect(r.steps[0]).toMatchObject({ exit: 1, stdout: '' });
  });

  it('reports a sender without a route with nothing on the wire', () => {
    const r = simulate(pair('  - on: h1\n    run: ping -c 1 192.0.2.1\n'));
    expect(r.steps[0]).toMatchObject({ exit: 2, stderr: 'ping: connect: Network is unreachable\n' });
    expect(Object.values(linkCaptures(r).links).flat()).toEqual([]);
  });

  it('shows tables from a step: ip neigh and ip route', () => {
    const r = simulate(pair('  - on: h1\n    run: ping -c 1 10.0.0.2\n  - on: h1\n    run: ip neigh\n  - on: h2\n    run: ip route show table all\n'));
    expect(r.steps[1]!.stdout).toMatch(/^10\.0\.0\.2 dev eth1 lladdr 02:00:00:00:00:02 REACHABLE \n$/);
    expect(r.steps[2]!.stdout).toContain('local 10.0.0.2 dev eth1 table local proto kernel scope host src 10.0.0.2 \n');
  });

  it('is deterministic for a seed, and the seed only changes what Linux randomises', () => {
    const t = pair('  - on: h1\n    run: ping -c 2 10.0.0.2\n');
    const a = simulate(t, { seed: 1 });
    const b = simulate(t, { seed: 2 });
    expect(JSON.stringify(simulate(t, { seed: 1 }))).toBe(JSON.stringify(a));
    const strip = (r: typeof a) => r.events.map((e) => e.kind);
    expect(strip(a)).toEqual(strip(b));
  });
});
