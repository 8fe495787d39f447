// The bounds and the name checks every reader shares (limits.ts, validate.ts, netdev.ts), seen
// through the readers: each refusal names its reason and, in YAML, its line.

import { describe, expect, it } from 'vitest';
import { parseClab, toClab } from './clab';
import { parseTopologyJson, toTopologyJson } from './json';
import { TopologyError, type Problem } from './problems';
import { MAX_NODES, MAX_SCENARIO_STEPS, textEncoding } from './limits';
import { devNameProblem } from '../devices/linux/netdev';

const lab = (iface: string, extra = '') => `name: t
topology:
  nodes:
    h1: {kind: linux${extra}}
    h2: {kind: linux}
  links:
    - endpoints: ["h1:${iface}", "h2:eth1"]
`;

function problems(read: () => unknown): Problem[] {
  try {
    read();
  } catch (e) {
    if (e instanceof TopologyError) return e.problems;
    throw e;
  }
  throw new Error('expected a TopologyError');
}

describe('interface names, as Linux checks them (dev_valid_name)', () => {
  it.each([
    ['', 'it is empty'],
    ['.', 'Linux refuses "." and ".."'],
    ['..', 'Linux refuses "." and ".."'],
    ['a/b', 'Linux refuses "/", ":" and white space in it'],
    ['a:b', 'Linux refuses "/", ":" and white space in it'],
    ['a b', 'Linux refuses "/", ":" and white space in it'],
    ['a\tb', 'Linux refuses "/", ":" and white space in it'],
    ['abcdefghijklmnop', 'it is longer than 15 bytes'],
    ['éééééééé', 'it is longer than 15 bytes'],
  ])('%j: %s', (name, reason) => {
    expect(devNameProblem(name)).toBe(reason);
  });

  it('takes what Linux takes, 15 bytes included', () => {
    for (const name of ['eth1', 'a.b', '...', 'abcdefghijklmno', 'éééééé', 'br-lan_0']) expect(devNameProblem(name)).toBeUndefined();
  });

  it('refuses "." and ".." in a containerlab file with the reason and the line', () => {
    expect(problems(() => parseClab(lab('..'), 'lab.clab.yml'))).toEqual([{ file: 'lab.clab.yml', line: 7, message: 'link 1: h1: interface name ".." is not allowed: Linux refuses "." and ".."' }]);
    // Linux takes "é" but packetwalk's names stay in letters, digits, "_", "." and "-".
    expect(problems(() => parseClab(lab('é'), 'lab.clab.yml'))[0]!.message).toContain('use letters, digits, "_", "." and "-"');
  });
});

describe('bounds', () => {
  const t = parseClab(lab('eth1'), 'lab.clab.yml');

  it('positions beyond ±1 000 000 are refused in JSON and in containerlab labels (1e308 drew NaN)', () => {
    const far = { ...t, nodes: t.nodes.map((n, i) => ({ ...n, position: { x: i ? 0 : 1e308, y: 0 } })) };
    expect(problems(() => parseTopologyJson(toTopologyJson(far), 'far.json'))[0]!.message).toMatch(/^topology\.nodes\.0\.position\.x: Too big/);
    const yaml = toClab({ ...t, nodes: t.nodes.map((n, i) => ({ ...n, position: { x: i ? 0 : 2e6, y: 0 } })) }).text;
    expect(problems(() => parseClab(yaml, 'far.clab.yml'))).toEqual([{ file: 'far.clab.yml', line: 6, message: 'h1: position (2000000, 0) is outside the diagram (each coordinate from -1000000 to 1000000)' }]);
  });

  it(`more than ${MAX_SCENARIO_STEPS} scenario steps, or ${MAX_NODES} devices, are refused before anything else is checked`, () => {
    const steps = Array.from({ length: MAX_SCENARIO_STEPS + 1 }, () => '  - sleep: 1').join('\n');
    expect(problems(() => parseClab(`${lab('eth1')}scenario:\n${steps}\n`, 'lab.clab.yml'))[0]!.message).toBe(`scenario: packetwalk runs at most ${MAX_SCENARIO_STEPS} scenario steps`);
    const nodes = Array.from({ length: MAX_NODES + 1 }, (_, i) => `    n${i}: {kind: bridge}`).join('\n');
    expect(problems(() => parseClab(`name: big\ntopology:\n  nodes:\n${nodes}\n`, 'big.clab.yml'))[0]!.message).toBe(`topology.nodes: packetwalk opens at most ${MAX_NODES} nodes`);
  });

  it('a timeout beyond an hour is refused with its step', () => {
    const long = `${lab('eth1')}scenario:\n  - on: h1\n    run: ip neigh show\n    timeout: 3601\n`;
    expect(problems(() => parseClab(long, 'lab.clab.yml'))).toEqual([{ file: 'lab.clab.yml', line: 9, message: 'scenario step 1: timeout: 3601 seconds is more than packetwalk runs (at most 3600)' }]);
  });

  it('decodes by the byte order mark, as a browser does', () => {
    expect(textEncoding(Uint8Array.from([0xff, 0xfe, 0x61, 0]))).toBe('utf-16le');
    expect(textEncoding(Uint8Array.from([0xfe, 0xff, 0, 0x61]))).toBe('utf-16be');
    expect(textEncoding(Uint8Array.from([0xef, 0xbb, 0xbf, 0x61]))).toBe('utf-8');
    expect(textEncoding(Uint8Array.from([0x61]))).toBe('utf-8');
  });
});
