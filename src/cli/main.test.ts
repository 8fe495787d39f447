import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { escapeControls, main, run } from './main';
import { parseClab } from '../engine/io/clab';
import type { Topology } from '../engine/topology';

/** A topology with each bridge's ports renamed p1, p2, … in their order, in its links too. */
function perSwitchPorts(t: Topology): Topology {
  const names = new Map<string, string>();
  const nodes = t.nodes.map((n) => {
    if (n.kind !== 'bridge') return n;
    return { ...n, ifaces: n.ifaces.map((i, k) => (names.set(`${n.name}:${i.name}`, `p${k + 1}`), { ...i, name: `p${k + 1}` })) };
  });
  const end = (e: { node: string; iface: string }) => ({ ...e, iface: names.get(`${e.node}:${e.iface}`) ?? e.iface });
  return { ...t, nodes, links: t.links.map((l) => ({ ...l, a: end(l.a), b: end(l.b) })) };
}

const ORACLE = path.join(import.meta.dirname, '../engine/__oracle__');
const capture = (argv: string[]) => {
  let out = '';
  const code = main(argv, (s) => (out += s));
  return { code, out };
};

describe('packetwalk CLI', () => {
  it('prints a readable trace: frames like tcpdump, decisions after them, step output', () => {
    const { code, out } = capture(['trace', path.join(ORACLE, 'two-subnets-router.clab.yml')]);
    expect(code).toBe(0);
    expect(out).toContain('h1:eth1 > broadcast, ARP, Request who-has 10.0.1.1 tell 10.0.1.10, length 28');
    expect(out).toContain('r1:eth2 > h2:eth1, IP 10.0.1.10 > 10.0.2.10: ICMP echo request');
    expect(out).toMatch(/forward eth1 → eth2 via 10\.0\.2\.10, ttl 64 → 63/);
    expect(out).toContain('1 packets transmitted, 1 received, 0% packet loss');
  });

  it('prints the oracle format, which compares equal to the golden', () => {
    const { out } = capture(['trace', path.join(ORACLE, 'ttl-expired.clab.yml'), '--format', 'oracle']);
    const ours = JSON.parse(out);
    const golden = JSON.parse(fs.readFileSync(path.join(ORACLE, 'ttl-expired.trace.json'), 'utf8'));
    expect(ours.links).toEqual(golden.links);
  });

  it('runs commands given on the command line instead of the scenario', () => {
    const { out } = capture(['trace', path.join(ORACLE, 'two-subnets-router.clab.yml'), '--format', 'brief', '--run', 'h1: ip route get 10.0.2.10']);
    expect(out).toContain('10.0.2.10 via 10.0.1.1 dev eth1 src 10.0.1.10 uid 0');
    expect(out).not.toContain('ARP');
  });

  it('converts between formats', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-cli-'));
    const json = path.join(dir, 't.json');
    capture(['convert', path.join(ORACLE, 'router-chain.clab.yml'), '--to', 'json', '--out', json]);
    expect(capture(['check', json]).out).toContain('ok — 5 nodes, 4 links, 2 scenario steps');
    fs.rmSync(dir, { recursive: true });
  });

  it('reports a bad file with its line and exit status 2', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-cli-'));
    const f = path.join(dir, 'bad.clab.yml');
    fs.writeFileSync(f, 'name: b\ntopology:\n  nodes:\n    h1:\n      kind: linux\n      exec:\n        - ip addr add 10.0.0.1/24 dev eth1\n');
    const err: string[] = [];
    const orig = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((s: string) => (err.push(s), true)) as typeof process.stderr.write;
    try {
      expect(run(['check', f])).toBe(2);
    } finally {
      process.stderr.write = orig;
    }
    expect(err.join('')).toContain(`${f}:7: node h1: exec "ip addr add 10.0.0.1/24 dev eth1": Cannot find device "eth1"`);
    fs.rmSync(dir, { recursive: true });
  });

  it('writes the walk for Wireshark with --pcapng, and one link as classic pcap with --pcap', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-cli-'));
    const ng = path.join(dir, 'walk.pcapng');
    const one = path.join(dir, 'link.pcap');
    const { code, out } = capture(['trace', path.join(ORACLE, 'two-subnets-router.clab.yml'), '--format', 'brief', '--pcapng', ng, '--pcap', 'sw2:p1--r1:eth2', one]);
    expect(code).toBe(0);
    expect(out).toContain('# 16 frames on 4/4 links'); // the usual output too
    const b = fs.readFileSync(ng);
    expect(b.readUInt32LE(0)).toBe(0x0a0d0d0a);
    const text = b.toString('utf8');
    expect(text).toContain('packetwalk trace of two-subnets-router, seed 1');
    expect(text).toContain('r1:eth2--sw2:p1');
    // the packet comments are the sender's decisions in the trace's words
    expect(text).toContain('r1: route input 10.0.2.10: 10.0.2.0/24 dev eth2 proto kernel scope link src 10.0.2.1');
    expect(text).toContain('r1: forward eth1 → eth2 via 10.0.2.10, ttl 64 → 63');
    const p = fs.readFileSync(one);
    expect(p.readUInt32LE(0)).toBe(0xa1b2c3d4);
    fs.rmSync(dir, { recursive: true });
  });

  it('says why an export is refused and writes no file (exit status 2)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-cli-'));
    const ng = path.join(dir, 'walk.pcapng');
    const err: string[] = [];
    const orig = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };
    process.stderr.write = ((s: string) => (err.push(s), true)) as typeof process.stderr.write;
    process.stdout.write = (() => true) as typeof process.stdout.write;
    try {
      expect(run(['trace', path.join(ORACLE, 'ping-local.clab.yml'), '--pcapng', ng])).toBe(2);
      expect(run(['trace', path.join(ORACLE, 'two-subnets-router.clab.yml'), '--pcap', 'r9:eth1', ng])).toBe(2);
      expect(run(['check', path.join(ORACLE, 'two-subnets-router.clab.yml'), '--pcapng', ng])).toBe(2);
    } finally {
      process.stderr.write = orig.err;
      process.stdout.write = orig.out;
    }
    expect(err[0]).toBe(`packetwalk: --pcapng ${ng}: nothing to export: no frame went on a wire in this walk\n`);
    expect(err[1]).toContain(`packetwalk: --pcap r9:eth1 ${ng}: no link "r9:eth1" in topology "two-subnets-router" (links: h1:eth1--sw1:p1,`);
    expect(err[2]).toContain('--pcapng and --pcap go with trace');
    expect(fs.existsSync(ng)).toBe(false);
    fs.rmSync(dir, { recursive: true });
  });

  it('documents the exports in its usage', () => {
    const { out } = capture(['--help']);
    expect(out).toContain('--pcapng FILE');
    expect(out).toContain('--pcap LINK FILE');
  });
  it('generates a fabric as a containerlab file that traces, with a ping across it', () => {
    const { code, out } = capture(['generate', 'leaf-spine', '--spines', '2', '--leaves', '3', '--hosts', '2', '--single-path', '--ping']);
    expect(code).toBe(0);
    // The same network was recorded on Linux, src/engine/__oracle__/fabric-leaf-spine, when the
    // generator numbered bridge ports across the fabric (p1…p9); it numbers them per switch now
    // (p1…p3 on each), which the file keeps in its packetwalk-ports labels.
    const generated = parseClab(out.replace('name: leaf-spine-2-3-2', 'name: fabric-leaf-spine'), 'out.yml');
    const golden = parseClab(fs.readFileSync(path.join(ORACLE, 'fabric-leaf-spine.clab.yml'), 'utf8'), 'golden.yml');
    expect(generated.nodes.filter((n) => n.kind === 'bridge').map((b) => b.ifaces.map((i) => i.name).join(' '))).toEqual(['p1 p2 p3', 'p1 p2 p3', 'p1 p2 p3']);
    expect(perSwitchPorts(golden)).toEqual(generated);
    expect(() => capture(['generate', 'ring'])).toThrow(/leaf-spine or three-tier/);
  });

  it('generates an ECMP fabric by default, with N flows from the first host to the last one', () => {
    const { code, out } = capture(['generate', 'leaf-spine', '--spines', '4', '--leaves', '2', '--hosts', '1', '--flows', '3']);
    expect(code).toBe(0);
    expect(out).toContain('- ip route add 10.1.1.0/24 nexthop via 10.0.0.1 nexthop via 10.0.0.3 nexthop via 10.0.0.5 nexthop via 10.0.0.7\n');
    expect(out).toContain('- sysctl -w net.ipv4.fib_multipath_hash_policy=1\n');
    expect(out).toContain('- sysctl -w net.ipv4.fib_multipath_hash_seed=1\n');
    expect(out.match(/run: nc -z -p 4000[0-2] 10\.1\.1\.2 80/g)).toHaveLength(3);
    expect(() => capture(['generate', 'leaf-spine', '--ping', '--flows', '2'])).toThrow(/--ping or --flows/);
    expect(() => capture(['generate', 'leaf-spine', '--flows', '65'])).toThrow(/at most 64/);
  });
});

/** Runs the CLI as its binary does; what it printed on each stream and its exit status. */
function cli(argv: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const orig = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };
  process.stdout.write = ((s: string) => ((out += s), true)) as typeof process.stdout.write;
  process.stderr.write = ((s: string) => ((err += s), true)) as typeof process.stderr.write;
  try {
    return { code: run(argv), out, err };
  } finally {
    process.stdout.write = orig.out;
    process.stderr.write = orig.err;
  }
}

describe('the CLI never crashes: a message and a documented status for every bad input', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-cli-bad-'));
  const file = (name: string, text: string | Buffer) => {
    const f = path.join(dir, name);
    fs.writeFileSync(f, text);
    return f;
  };
  const good = path.join(ORACLE, 'two-subnets-router.clab.yml');
  const withScenario = (step: string) => fs.readFileSync(good, 'utf8').replace(/scenario:\n/, `scenario:\n${step}\n`);

  it.each([
    ['a YAML alias bomb', ['check', '@bomb.clab.yml'], /aliases expand too much/],
    ['a directory to read', ['trace', '@'], /is a directory, not a topology file/],
    ['a missing file', ['check', '@nope.clab.yml'], /cannot read .*nope.clab.yml: ENOENT: no such file or directory/],
    ['sleep: 1e303', ['trace', '@huge.clab.yml'], /sleep: 1e\+303 seconds is more than packetwalk runs \(at most 3600\)/],
    ['sleep: 1e16', ['trace', '@big.clab.yml'], /sleep: 10000000000000000 seconds is more than packetwalk runs/],
    ['brackets 100 000 deep', ['check', '@deep.clab.yml'], /deep.clab.yml:2: brackets nested more than 64 deep/],
    ['JSON arrays 100 000 deep', ['check', '@deep.json'], /./],
    ['two YAML documents', ['check', '@two.clab.yml'], /two.clab.yml:3: a second YAML document starts here/],
    ['--max-events beyond the bound', ['trace', 'GOOD', '--max-events', '1e9'], /--max-events expects a whole number from 0 to 1000000/],
  ])('%s', (_, argv, message) => {
    file('bomb.clab.yml', `a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n`);
    file('huge.clab.yml', withScenario('  - sleep: 1e303'));
    file('big.clab.yml', withScenario('  - sleep: 1e16'));
    file('deep.clab.yml', `name: d\ntopology: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`);
    file('deep.json', `${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    file('two.clab.yml', 'name: a\ntopology: {nodes: {}}\n---\nname: b\n');
    // @NAME: a file of the temporary directory (@ alone: the directory).
    const r = cli(argv.map((a) => (a === 'GOOD' ? good : a.startsWith('@') ? path.join(dir, a.slice(1)) : a)));
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
  });

  it('stops reading /dev/zero at the size limit', () => {
    const r = cli(['check', '/dev/zero']);
    expect(r).toMatchObject({ code: 2, err: 'packetwalk: /dev/zero is larger than 8 MiB, more than a topology file packetwalk reads\n' });
  });

  it('refuses an output that is a directory before printing or writing anything', () => {
    for (const argv of [['trace', good, '--out', dir], ['trace', good, '--pcapng', dir], ['trace', good, '--pcap', 'r1:eth2', dir], ['convert', good, '--to', 'json', '--out', dir], ['trace', good, '--out', path.join(dir, 'no/such/dir/t.txt')]]) {
      const r = cli(argv);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toMatch(/is a directory|no directory/);
    }
  });

  it('refuses a fabric beyond the app\'s size at once, before building anything', () => {
    const started = performance.now();
    const r = cli(['generate', 'leaf-spine', '--spines', '1000000000']);
    expect(r.err).toContain('packetwalk: generate: this leaf-spine fabric has 1000000024 devices; packetwalk generates at most 10000 (as the app does)');
    expect(r.code).toBe(2);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(cli(['generate', 'three-tier', '--cores', '40', '--pods', '4', '--agg', '8', '--access', '8', '--hosts', '1']).err).toContain('static routes; packetwalk generates at most 20000');
  });

  it('reads UTF-16 files as the app does, and YAML merge keys as containerlab does', () => {
    const text = fs.readFileSync(good, 'utf8');
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    expect(cli(['check', file('le.clab.yml', le)])).toMatchObject({ code: 0, out: expect.stringContaining('ok — 5 nodes, 4 links') });
    const merged = 'name: m\ndefaults: &linux {kind: linux}\ntopology:\n  nodes:\n    h1: {<<: *linux, exec: ["ip addr add 10.0.0.1/24 dev eth1"]}\n    h2:\n      <<: *linux\n  links:\n    - endpoints: ["h1:eth1", "h2:eth1"]\n';
    expect(cli(['check', file('merge.clab.yml', merged)])).toMatchObject({ code: 0, out: expect.stringContaining('ok — 2 nodes, 1 links') });
  });

  it('escapes control characters from a file in its messages', () => {
    const r = cli(['check', file('esc.clab.yml', 'name: x\ntopology:\n  nodes:\n    "\\e[31mred\\u009b2J": {kind: linux}\n')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('node name "\\x1b[31mred\\x9b2J" must be');
    expect(r.err).not.toContain('\x1b');
    expect(r.err).not.toContain('\x9b');
    expect(escapeControls('a\tb\nc\rd\u202ee\x7f')).toBe('a\tb\nc\\x0dd\\u202ee\\x7f');
  });
});

