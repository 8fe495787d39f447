// Where a walk's frames and outcomes are drawn at a step, among the diagram's labels (labels.ts):
// a frame's tag rests on its link, just past the interface name of the device it reached (or
// beside the middle of a link too short for it), clear of every label and of the step's other
// tags; a drop or a delivery badge goes above its device, or on a side where nothing is. Asked a
// few times per step (PacketLayer, slides), never per animation frame. Pure.

import type { Box, Point, Size } from './geometry';
import { CLEAR, centredBox, costAt, pointOnLink, reach, steps, type EndSpot, type LabelLayout } from './labels';

/**
 * Where a frame's tag (of this size) rests at a step: on its link, just past the interface name
 * at the end it reached (`to`), clear of every label and of the tags already placed at this step
 * (`taken`, which it joins); when the link has no such room, beside the middle of the link.
 * Returns the tag's centre.
 */
export function restSpot(layout: LabelLayout, link: string, to: 'a' | 'b', size: Size, taken: Box[]): Point | undefined {
  const line = layout.lines.get(link);
  const spots = layout.ends.get(link);
  const labels = layout.labelBoxes.get(link);
  if (!line || !spots || !labels) return undefined;
  const [mine, theirs] = to === 'a' ? [spots[0], spots[1]] : [spots[1], spots[0]];
  const [myLabel, theirLabel] = to === 'a' ? [labels[0], labels[1]] : [labels[1], labels[0]];
  const dir = line.u;
  const tagReach = reach(size, dir);
  const start = (mine.across === 0 ? mine.along + reach(myLabel, dir) : 0) + CLEAR + tagReach;
  const stop = line.len - (theirs.across === 0 ? theirs.along + reach(theirLabel, dir) : 0) - CLEAR - tagReach;
  const candidates: EndSpot[] = [];
  for (const along of steps(start, stop)) candidates.push({ along, across: 0 });
  // No room on the line: beside its middle, then a tag's length either way, then a tag further out.
  const off = reach(size, { x: -dir.y, y: dir.x }) + CLEAR + 1;
  for (const out of [off, 3 * off])
    for (const k of [0, 1, -1, 2, -2]) for (const across of [out, -out]) candidates.push({ along: line.len / 2 + k * (2 * tagReach + CLEAR), across });
  // The tag rides its link: its own line is no obstacle.
  let best: Box | undefined;
  let bestScore = Infinity;
  for (const [k, s] of candidates.entries()) {
    const box = centredBox(pointOnLink(line, to, s), size);
    const score = costAt(layout, box, { rides: link, extra: taken, enough: bestScore }) + k * 0.01;
    if (score < bestScore) [best, bestScore] = [box, score];
    if (score < 1) break;
  }
  taken.push(best!);
  return { x: best!.x + best!.width / 2, y: best!.y + best!.height / 2 };
}

/**
 * Where a drop or a delivery is marked on a device (a badge of this size): above its symbol,
 * else on another side its card does not take, clear of labels, lines and the step's tags.
 * Returns the badge's box.
 */
export function markerSpot(layout: LabelLayout, device: string, size: Size, taken: readonly Box[]): Box | undefined {
  const c = layout.centres.get(device);
  if (!c) return undefined;
  const m = layout.metrics;
  const card = layout.cards.get(device);
  const top = Math.max(m.symbol, ...m.extras.map((e) => -e.y));
  const right = Math.max(m.symbol, ...m.extras.map((e) => e.x + e.width));
  const candidates: Box[] = [
    { x: c.x - size.width / 2, y: c.y - top - m.gap - size.height, ...size },
    { x: c.x - size.width / 2, y: c.y + m.symbol + m.gap, ...size },
    { x: c.x + right + m.sideGap, y: c.y - size.height / 2, ...size },
    { x: c.x - m.symbol - m.sideGap - size.width, y: c.y - size.height / 2, ...size },
  ];
  // Above the card when the card is above, under it when it is under (the last resort).
  if (card) candidates.push({ ...candidates[0]!, y: Math.min(card.box.y, c.y - top) - m.gap - size.height }, { ...candidates[1]!, y: Math.max(card.box.y + card.box.height, c.y + m.symbol) + m.gap });
  let best = candidates[0]!;
  let bestScore = Infinity;
  for (const [k, box] of candidates.entries()) {
    const score = costAt(layout, box, { extra: taken, enough: bestScore - k }) + k;
    if (score < bestScore) [best, bestScore] = [box, score];
  }
  return best;
}
