import { describe, expect, it } from 'vitest';
import { parseClab } from '../../engine/io/clab';
import { findExample } from '../../examples';
import { portMarks, vlanColour } from './vlanMarks';

const open = (name: string) => parseClab(findExample(name)!.text);

describe('VLAN marks of link ends', () => {
  it('are the access VLAN of an access port and the VLANs of a trunk, once per network', () => {
    const t = open('vlan-trunk');
    const marks = portMarks(t.nodes);
    expect(marks.get('sw1:p1')).toEqual({ kind: 'access', vid: 10 });
    expect(marks.get('sw2:p2')).toEqual({ kind: 'access', vid: 20 });
    expect(marks.get('sw1:p3')).toEqual({ kind: 'trunk', vids: [10, 20] });
    expect(marks.get('a10:eth1')).toBeUndefined();
    expect(portMarks(t.nodes)).toBe(marks);
    expect(marks.size).toBe(6);
  });

  it('cover an L3 switch\'s bridge ports, and nothing where VLANs are not filtered', () => {
    expect([...portMarks(open('l3-switch').nodes)]).toEqual([
      ['l3sw:p1', { kind: 'access', vid: 10 }],
      ['l3sw:p2', { kind: 'access', vid: 20 }],
    ]);
    expect(portMarks(open('lan-two-hosts').nodes).size).toBe(0);
  });

  it('colour neighbouring VLANs apart', () => {
    expect(vlanColour(10)).not.toBe(vlanColour(11));
    expect(vlanColour(10)).toMatch(/^hsl\(\d+ 65% 40%\)$/);
  });
});
