import { describe, expect, it } from 'vitest';
import { parseClab } from '../../engine/io/clab';
import { readFileSync } from 'node:fs';
import { findExample } from '../../examples';
import { portMarks, vlanColour } from './vlanMarks';

const open = (name: string) => parseClab(findExample(name)?.text ?? readFileSync(`src/engine/__oracle__/${name}.clab.yml`, 'utf8'));

describe('VLAN marks of link ends', () => {
  it('are the access VLAN of an access port and the VLANs of a trunk, once per network', () => {
    const t = open('vlan-trunk');
    const marks = portMarks(t.nodes);
    expect(marks.get('sw1:p1')).toMatchObject({ kind: 'access', text: '10', vids: '10', colour: vlanColour(10) });
    expect(marks.get('sw2:p2')).toMatchObject({ kind: 'access', text: '20' });
    expect(marks.get('sw1:p3')).toEqual({ kind: 'trunk', text: 'T', vids: '10, 20', native: undefined });
    expect(marks.get('a10:eth1')).toBeUndefined();
    expect(portMarks(t.nodes)).toBe(marks);
    expect(marks.size).toBe(6);
    // a network with one device moved: the other devices' marks are the same objects (no link end re-renders)
    const moved = t.nodes.map((n) => (n.name === 'a10' ? { ...n, position: { x: 1, y: 1 } } : n));
    expect(portMarks(moved).get('sw1:p3')).toBe(marks.get('sw1:p3'));
  });

  it('cover an L3 switch\'s bridge ports, and nothing where VLANs are not filtered', () => {
    expect([...portMarks(open('l3-switch').nodes)].map(([k, m]) => `${k} ${m.text}`)).toEqual(['l3sw:p1 10', 'l3sw:p2 20']);
    expect(portMarks(open('lan-two-hosts').nodes).size).toBe(0);
  });

  it('colour neighbouring VLANs apart', () => {
    expect(vlanColour(10)).not.toBe(vlanColour(11));
    expect(vlanColour(10)).toMatch(/^hsl\(\d+ 65% 40%\)$/);
  });
});
