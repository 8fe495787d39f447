// Names a user gives (a node, an example in the URL) are looked up in Maps or checked, never used
// as keys of plain objects: "constructor" and "toString" are ordinary names, "__proto__" is
// refused with a reason, and neither shows a raw JavaScript error.

import { describe, expect, test } from 'vitest';
import { simApi } from './sim-api';

const NAMES = ['constructor', 'toString', 'hasOwnProperty', 'valueOf'];

const clab = (names: string[]) => `name: odd-names
topology:
  nodes:
    ${names[0]}: {kind: linux, exec: ["ip addr add 10.0.0.1/24 dev eth1"]}
    ${names[1]}: {kind: linux, exec: ["ip addr add 10.0.0.2/24 dev eth1"]}
    ${names[2]}: {kind: bridge}
    ${names[3]}: {kind: linux, exec: ["ip addr add 10.0.0.3/24 dev eth1"]}
  links:
    - endpoints: ["${names[0]}:eth1", "${names[2]}:p1"]
    - endpoints: ["${names[1]}:eth1", "${names[2]}:p2"]
    - endpoints: ["${names[3]}:eth1", "${names[2]}:p3"]
scenario:
  - on: ${names[0]}
    run: ping -c 1 10.0.0.2
`;

describe('names from users', () => {
  test.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])('?example=%s is "no example named …", not a JavaScript error', (name) => {
    expect(() => simApi.loadExample(name)).toThrow(`no example named "${name}"`);
  });

  test('nodes named constructor, toString, hasOwnProperty and valueOf open, walk, and convert both ways', () => {
    const r = simApi.parseTopologyFile(clab(NAMES), 'odd.clab.yml');
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.topology.nodes.map((n) => n.name)).toEqual(NAMES);
    const walk = simApi.walk(r.topology);
    expect(walk.result.steps[0]).toMatchObject({ on: 'constructor', exit: 0 });
    expect(Object.keys(walk.result.final)).toEqual(NAMES);
    expect(Object.getOwnPropertyDescriptor(walk.result.final, 'hasOwnProperty')?.value).toMatchObject({ kind: 'bridge' });
    expect(Object.keys(walk.routes)).toEqual(NAMES);
    const json = simApi.parseTopologyFile(simApi.exportJson(r.topology), 'odd.json');
    expect(json.ok && json.topology).toEqual(r.topology);
    const back = simApi.parseTopologyFile(simApi.exportClab(r.topology).text, 'odd.clab.yml');
    expect(back.ok && back.topology.nodes.map((n) => n.name)).toEqual(NAMES);
  });

  test('a node named __proto__ is refused with its reason, in YAML and in JSON (not silently dropped)', () => {
    const names = ['__proto__', 'b', 'sw', 'c'];
    const r = simApi.parseTopologyFile(clab(names), 'odd.clab.yml');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems[0]).toMatchObject({ line: 4, message: expect.stringContaining('node name "__proto__" is reserved') });
    const ok = simApi.parseTopologyFile(clab(NAMES), 'odd.clab.yml');
    const json = simApi.exportJson(ok.ok ? ok.topology : (undefined as never)).replaceAll('"constructor"', '"__proto__"');
    const j = simApi.parseTopologyFile(json, 'odd.json');
    expect(!j.ok && j.problems.map((p) => p.message)).toContainEqual(expect.stringContaining('node name "__proto__" is reserved'));
  });
});
