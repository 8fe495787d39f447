import { describe, expect, test } from 'vitest';
import type { Link, TopoNode } from '../../engine';
import { threeTier } from '../../engine/generate/fabric';
import { linkKey } from '../../engine/pure';
import { DIAGRAM } from './diagramLabels';
import { layoutLabels } from './labels';
import { changeSince, kept } from './relayout';
import { collisions, diagramOf, link } from './testLayout';

describe('after an edit, only what it touched is placed again', () => {
  const t = threeTier({ cores: 2, pods: 2, aggPerPod: 2, accessPerPod: 2, hostsPerAccess: 2 });
  const [devices, links] = diagramOf(t);
  const before = layoutLabels(devices, links, DIAGRAM);

  test('a device moved: labels near it placed again, clear of everything; the rest where they were', () => {
    const moved = devices.map((d) => (d.name === 'h1-1-1' ? { ...d, at: { x: d.at.x - 120, y: d.at.y + 40 } } : d));
    const after = layoutLabels(moved, links, DIAGRAM, (lines) => kept({ before, devices: new Set(['h1-1-1']), links: new Set() }, moved, links, lines, DIAGRAM));
    expect(collisions(after)).toEqual([]);
    // Far away (the other pod), nothing moved.
    for (const name of ['core2', 'agg2-2', 'acc2-2', 'h2-2-2']) expect(after.cards.get(name)).toEqual(before.cards.get(name));
    const far = links.find((l) => l.a.node === 'h2-2-2' || l.b.node === 'h2-2-2')!.id;
    expect(after.ends.get(far)).toBeDefined();
    expect(after.ends.get(far)).toEqual(before.ends.get(far));
    // The moved device's own link has its names placed for where the device is now.
    const [, host] = after.labelBoxes.get('h1-1-1:eth1--sw1-1:p2')!;
    const [, was] = before.labelBoxes.get('h1-1-1:eth1--sw1-1:p2')!;
    expect(host).not.toEqual(was);
  });

  test('a link added across the network: what it crosses is placed again', () => {
    const link2 = link('h1-1-1', 'eth9', 'h2-2-2', 'eth9');
    const after = layoutLabels(devices, [...links, link2], DIAGRAM, (lines) => kept({ before, devices: new Set(['h1-1-1', 'h2-2-2']), links: new Set([link2.id]) }, devices, [...links, link2], lines, DIAGRAM));
    const full = layoutLabels(devices, [...links, link2], DIAGRAM);
    // As clean as placing everything again.
    expect(collisions(after).length).toBeLessThanOrEqual(collisions(full).length);
    expect(after.ends.has(link2.id)).toBe(true);
  });

  test('a device deleted: its card and its links are gone from the layout', () => {
    const left = devices.filter((d) => d.name !== 'h1-1-1');
    const leftLinks = links.filter((l) => l.a.node !== 'h1-1-1' && l.b.node !== 'h1-1-1');
    const change = { before, devices: new Set(['h1-1-1']), links: new Set(['h1-1-1:eth1--sw1-1:p2']) };
    const after = layoutLabels(left, leftLinks, DIAGRAM, (lines) => kept(change, left, leftLinks, lines, DIAGRAM));
    expect(after.cards.has('h1-1-1')).toBe(false);
    expect(after.ends.has('h1-1-1:eth1--sw1-1:p2')).toBe(false);
    expect(collisions(after)).toEqual([]);
  });
});

describe('changeSince', () => {
  const t = threeTier({ cores: 2, pods: 2, aggPerPod: 2, accessPerPod: 2, hostsPerAccess: 2 });
  const layout = layoutLabels(...diagramOf(t), DIAGRAM);
  const before = { nodes: t.nodes, links: t.links.map(linkKey), layout };

  test('the devices that are new objects, added or removed; the links added or removed', () => {
    const moved = t.nodes.map((n) => (n.name === 'h1-1-1' ? { ...n, position: { x: 0, y: 0 } } : n)) as TopoNode[];
    const extra = { a: { node: 'h1-1-1', iface: 'eth9' }, b: { node: 'h2-2-2', iface: 'eth9' } } as Link;
    const c = changeSince(before, moved.slice(1), [...t.links.slice(1), extra].map(linkKey))!;
    expect([...c.devices].sort()).toEqual([t.nodes[0]!.name, 'h1-1-1'].sort());
    expect(c.links.size).toBe(2);
    expect(c.before).toBe(layout);
  });

  test('another network altogether: nothing is kept', () => {
    const other = t.nodes.map((n) => ({ ...n }));
    expect(changeSince(before, other, t.links.map(linkKey))).toBeUndefined();
  });
});
