// After an edit, what of the diagram's previous label layout stays as it was (labels.ts places
// the rest around it): what changed between two networks (devices that are new objects, links
// added or removed), and the cards and names the change did not touch. Loaded with the first
// layout, so that the app's first load does not carry it (the first layout places everything).

import type { TopoNode } from '../../engine';
import type { Box } from './geometry';
import { centredBox, cost, Grid, type EndSpot, type Kept, type LabelLayout, type LayoutDevice, type LayoutLink, type Line, type Metrics, type Placement } from './labels';

/**
 * What changed since a layout: the devices added, removed or changed (moved, renamed, given an
 * address: a new object), and the links added or removed.
 */
export interface Change {
  before: LabelLayout;
  devices: ReadonlySet<string>;
  links: ReadonlySet<string>;
}

/**
 * The previous layout's cards and names that a change leaves where they were: those of devices
 * and links it did not touch, clear of everything it moved, added or took away (old and new
 * places, with the room a re-placed card may take). The rest is placed again.
 */
export function kept(change: Change, devices: readonly LayoutDevice[], links: readonly LayoutLink[], lines: ReadonlyMap<string, Line>, m: Metrics): Kept {
  const { before } = change;
  const dirty = new Grid();
  const area = (box: Box) => dirty.add({ kind: 'box', box, owner: '', what: 'card', mark: 0 });
  const line = (l: Line | undefined) => l && dirty.add({ kind: 'line', p: l.p, q: l.q, owner: '', mark: 0 });
  for (const d of devices) {
    if (!change.devices.has(d.name)) continue;
    // Anywhere its card may go now.
    const r = { x: m.symbol + m.sideGap + d.card.width, y: m.symbol + m.gap + d.card.height + 48 };
    area({ x: d.at.x - r.x, y: d.at.y - r.y, width: 2 * r.x, height: 2 * r.y });
  }
  for (const name of change.devices) {
    const c = before.centres.get(name);
    if (c) area(centredBox(c, { width: 4 * m.symbol, height: 4 * m.symbol }));
    const card = before.cards.get(name);
    if (card) area(card.box);
  }
  const touched = (l: LayoutLink) => change.links.has(l.id) || change.devices.has(l.a.node) || change.devices.has(l.b.node);
  for (const l of links) if (touched(l)) line(lines.get(l.id));
  for (const [id, l] of before.lines) {
    const [a, b] = before.linkNodes.get(id) ?? ['', ''];
    if (!change.links.has(id) && !change.devices.has(a) && !change.devices.has(b)) continue;
    line(l);
    for (const box of before.labelBoxes.get(id) ?? []) area(box);
  }
  const clear = (box: Box) => cost(dirty, box, () => false, [], 1) === 0;
  const cards = new Map<string, Placement & { box: Box }>();
  for (const d of devices) {
    const c = before.cards.get(d.name);
    if (c && !change.devices.has(d.name) && clear(c.box)) cards.set(d.name, c);
  }
  const names = new Map<string, { ends: readonly [EndSpot, EndSpot]; boxes: readonly [Box, Box] }>();
  for (const l of links) {
    const ends = before.ends.get(l.id);
    const boxes = before.labelBoxes.get(l.id);
    if (ends && boxes && !touched(l) && boxes.every(clear)) names.set(l.id, { ends, boxes });
  }
  return { cards, names };
}

/**
 * What changed from the network `before` was laid out for (its nodes, its links' ids) to this one;
 * none when it is another network.
 */
export function changeSince(before: { nodes: readonly TopoNode[]; links: readonly string[]; layout: LabelLayout }, nodes: readonly TopoNode[], links: readonly string[]): Change | undefined {
  const was = new Map(before.nodes.map((n) => [n.name, n]));
  const devices = new Set<string>();
  for (const n of nodes) {
    if (was.get(n.name) !== n) devices.add(n.name);
    was.delete(n.name);
  }
  for (const name of was.keys()) devices.add(name);
  // A new network (another file, an example): nothing to keep.
  if (devices.size > nodes.length / 2) return undefined;
  const ids = new Set(links);
  const wasIds = new Set(before.links);
  const changed = new Set([...ids].filter((id) => !wasIds.has(id)));
  for (const id of wasIds) if (!ids.has(id)) changed.add(id);
  return { before: before.layout, devices, links: changed };
}
