// A large network zoomed out too far to read (more than LARGE devices, below FAR_ZOOM) is drawn
// on one <canvas>: the symbols, the links, the step's marks and the selection. Meanwhile React
// Flow keeps each device hidden (placed and sized for the moving frames and the fitted view;
// Canvas.tsx) and has no link: the page draws them again when the view is zoomed in. In Chromium every change on a page with a thousand drawn devices (a step of a walk) made it
// re-layer and repaint the whole diagram: about 20–30 ms a step, a dropped frame or two. One
// canvas is one picture to the browser; and mounting 2 000 devices' cards blocked the page for
// seconds.
//
// This module is the drawing and the hit test, without React; FarView.tsx keeps it up to date.

import type { Role } from '../../engine';
import type { Mark } from './stepMarks';
import { linkSegment, type Point } from './geometry';
import { DIMMED, iconDataUrl, ROLE_COLOURS, tint } from './icons';

export interface FarNode {
  name: string;
  role: Role;
  /** the centre of its symbol, in flow coordinates */
  at: Point;
}

export interface FarLink {
  id: string;
  a: string;
  b: string;
  /** `index/count` of the links between the same two devices */
  parallel: string;
}

export interface FarScene {
  nodes: readonly FarNode[];
  links: readonly FarLink[];
  /** the step's marks (`n:NAME`, `l:ID`; stepMarks.ts) */
  marks: ReadonlyMap<string, Mark>;
  /** a walk is shown: what the step does not mark is dimmed */
  walking: boolean;
  selectedNodes: ReadonlySet<string>;
  selectedLinks: ReadonlySet<string>;
}

/** React Flow's viewport: screen = flow × zoom + (x, y). */
export interface View {
  x: number;
  y: number;
  zoom: number;
}

/** The symbol's box (canvas.css .pw-node__symbol: 56 px with its border), its icon, links' gap. */
const SYMBOL = 56;
const ICON = 40;
const LINK_GAP = 31;
const ACCENT = '#2563eb';

type Look = 'normal' | 'dim' | 'at' | 'selected';

/**
 * The drawing is two pictures: the network as the walk leaves it (everything dimmed during a
 * walk), drawn again when the view, the network or the selection changes; and over it the step's
 * marked devices and links, drawn again at every step (a few of them).
 */
export type Part = 'base' | 'marks';

/** How a device looks in a part (undefined: not in it), as on the DOM diagram (canvas.css, player.css). */
export function lookOf(n: FarNode, s: FarScene, part: Part): Look | undefined {
  const mark = s.marks.get(`n:${n.name}`);
  const selected = s.selectedNodes.has(n.name);
  if (part === 'marks') return mark === 'at' ? 'at' : mark ? (selected ? 'selected' : 'normal') : undefined;
  return selected ? 'selected' : s.walking ? 'dim' : 'normal';
}

const radiusOf = (role: Role) => (role === 'router' || role === 'nat' ? SYMBOL / 2 : role === 'switch' || role === 'l3switch' ? 12 : 14);

/** Each role's symbol in each look, drawn once at `px` pixels (the icon image loaded). */
export class Sprites {
  private readonly images = new Map<string, HTMLImageElement>();
  private readonly sprites = new Map<string, HTMLCanvasElement>();
  private px = 0;

  constructor(private readonly onLoad: () => void) {}

  private image(role: Role, dim: boolean): HTMLImageElement {
    const key = `${role}|${dim}`;
    let img = this.images.get(key);
    if (!img) {
      img = new Image();
      img.onload = () => {
        this.sprites.clear();
        this.onLoad();
      };
      img.src = dim ? iconDataUrl(role, DIMMED.colour, DIMMED.fill) : iconDataUrl(role, ROLE_COLOURS[role], tint(ROLE_COLOURS[role], 0.12));
      this.images.set(key, img);
    }
    return img;
  }

  /** The sprite of a symbol: SYMBOL flow units drawn into `px` pixels (with room for a halo). */
  get(role: Role, look: Look, px: number): HTMLCanvasElement | undefined {
    if (px !== this.px) {
      this.sprites.clear();
      this.px = px;
    }
    const key = `${role}|${look}`;
    const hit = this.sprites.get(key);
    if (hit) return hit;
    const img = this.image(role, look === 'dim');
    if (!img.complete || img.naturalWidth === 0) return undefined;
    const c = document.createElement('canvas');
    c.width = c.height = Math.ceil(px * 2);
    const g = c.getContext('2d');
    if (!g) return undefined;
    const k = px / SYMBOL;
    g.translate(c.width / 2, c.height / 2);
    g.scale(k, k);
    const half = SYMBOL / 2;
    const box = (grow: number) => {
      g.beginPath();
      g.roundRect(-half - grow, -half - grow, SYMBOL + 2 * grow, SYMBOL + 2 * grow, radiusOf(role) + grow);
    };
    if (look === 'at' || look === 'selected') {
      // The halo of the DOM diagram (5 px, 4 px), at least 3 pixels wide however small the symbol.
      box(Math.max(look === 'at' ? 5 : 4, 3 / k));
      g.fillStyle = look === 'at' ? 'rgba(37, 99, 235, 0.25)' : 'rgba(37, 99, 235, 0.35)';
      g.fill();
    }
    box(0);
    g.fillStyle = '#ffffff';
    g.fill();
    g.lineWidth = 2;
    g.strokeStyle = look === 'at' || look === 'selected' ? ACCENT : look === 'dim' ? tint(DIMMED.colour, 0.55) : tint(ROLE_COLOURS[role], 0.55);
    g.stroke();
    g.drawImage(img, -ICON / 2, -ICON / 2, ICON, ICON);
    this.sprites.set(key, c);
    return c;
  }
}

/** The link's ends: centre to centre, cut at each symbol, shifted when two cables join the same devices. */
export const linkEnds = (ca: Point, cb: Point, l: FarLink): [Point, Point] => linkSegment(ca, cb, l.a, l.b, l.parallel, (len) => Math.min(LINK_GAP, len / 2));

type LinkLook = 'normal' | 'dim' | 'involved' | 'selected';

export function linkLookOf(l: FarLink, s: FarScene, part: Part): LinkLook | undefined {
  const selected = s.selectedLinks.has(l.id);
  if (part === 'marks') return s.marks.has(`l:${l.id}`) ? (selected ? 'selected' : 'involved') : undefined;
  return selected ? 'selected' : s.walking ? 'dim' : 'normal';
}

const LINK_STYLE: Record<LinkLook, { colour: string; width: number }> = {
  normal: { colour: '#64748b', width: 2 },
  dim: { colour: '#dde3ea', width: 3 },
  involved: { colour: ACCENT, width: 3 },
  selected: { colour: ACCENT, width: 3 },
};

/** The colour of a symbol drawn too small for its icon (a few pixels). */
const dotColour = (role: Role, look: Look) => (look === 'dim' ? DIMMED.colour : look === 'normal' ? ROLE_COLOURS[role] : ACCENT);

const nodeIndex = new WeakMap<readonly FarNode[], Map<string, FarNode>>();
const linkIndex = new WeakMap<readonly FarLink[], Map<string, FarLink>>();

/** A scene's devices by name, made once per list of devices. */
function nodesByName(nodes: readonly FarNode[]): Map<string, FarNode> {
  let m = nodeIndex.get(nodes);
  if (!m) nodeIndex.set(nodes, (m = new Map(nodes.map((n) => [n.name, n]))));
  return m;
}

/** The devices and links the step marks. */
function marked(s: FarScene, byName: Map<string, FarNode>): [FarNode[], FarLink[]] {
  let byId = linkIndex.get(s.links);
  if (!byId) linkIndex.set(s.links, (byId = new Map(s.links.map((l) => [l.id, l]))));
  const nodes: FarNode[] = [];
  const links: FarLink[] = [];
  for (const key of s.marks.keys()) {
    const name = key.slice(2);
    const n = key.startsWith('n:') ? byName.get(name) : undefined;
    const l = key.startsWith('l:') ? byId.get(name) : undefined;
    if (n) nodes.push(n);
    if (l) links.push(l);
  }
  return [nodes, links];
}

/** Draws a part of the scene on `canvas` (its CSS size `width`×`height`, device pixels `dpr`) as seen through `view`. */
export function drawFar(canvas: HTMLCanvasElement, width: number, height: number, dpr: number, view: View, s: FarScene, part: Part, sprites: Sprites): void {
  const g = canvas.getContext('2d');
  if (!g) return;
  g.setTransform(dpr, 0, 0, dpr, 0, 0);
  g.clearRect(0, 0, width, height);
  const screen = (p: Point): Point => ({ x: p.x * view.zoom + view.x, y: p.y * view.zoom + view.y });
  const byName = nodesByName(s.nodes);
  const at = { get: (name: string) => byName.get(name)?.at };
  // The marks are a few devices and links of thousands: only those are looked at.
  const [nodes, links] = part === 'marks' ? marked(s, byName) : [s.nodes, s.links];
  // Links, one path per look, the highlighted ones last (on top).
  const byLook = new Map<LinkLook, FarLink[]>();
  for (const l of links) {
    const look = linkLookOf(l, s, part);
    if (!look) continue;
    let links = byLook.get(look);
    if (!links) byLook.set(look, (links = []));
    links.push(l);
  }
  g.lineCap = 'round';
  for (const look of ['dim', 'normal', 'involved', 'selected'] as const) {
    const links = byLook.get(look);
    if (!links) continue;
    g.beginPath();
    for (const l of links) {
      const ca = at.get(l.a);
      const cb = at.get(l.b);
      if (!ca || !cb) continue;
      const [p, q] = linkEnds(ca, cb, l).map(screen) as [Point, Point];
      g.moveTo(p.x, p.y);
      g.lineTo(q.x, q.y);
    }
    g.strokeStyle = LINK_STYLE[look].colour;
    g.lineWidth = Math.max(1, LINK_STYLE[look].width * view.zoom);
    g.stroke();
  }
  // Devices, as sprites, or as dots when a symbol would be a few pixels wide.
  const px = Math.max(2, Math.round(SYMBOL * view.zoom * dpr));
  const size = (px * 2) / dpr;
  const dot = Math.max(2, SYMBOL * view.zoom);
  for (const n of nodes) {
    const look = lookOf(n, s, part);
    if (!look) continue;
    const p = screen(n.at);
    if (p.x < -size || p.y < -size || p.x > width + size || p.y > height + size) continue;
    if (px <= 8) {
      g.fillStyle = dotColour(n.role, look);
      g.fillRect(p.x - dot / 2, p.y - dot / 2, dot, dot);
      continue;
    }
    const sprite = sprites.get(n.role, look, px);
    if (sprite) g.drawImage(sprite, p.x - size / 2, p.y - size / 2, size, size);
  }
}

/** The devices whose symbol's centre a box on the pane (screen pixels from its corner) holds. */
export function devicesIn(box: { x: number; y: number; width: number; height: number }, view: View, scene: FarScene): string[] {
  const [x0, y0] = [(box.x - view.x) / view.zoom, (box.y - view.y) / view.zoom];
  const [x1, y1] = [x0 + box.width / view.zoom, y0 + box.height / view.zoom];
  return scene.nodes.filter(({ at }) => at.x >= x0 && at.x <= x1 && at.y >= y0 && at.y <= y1).map((n) => n.name);
}

/** The device or link under a point of the screen (CSS pixels in the canvas), as on the DOM diagram. */
export function hitFar(point: Point, view: View, s: FarScene): { node: string } | { link: string } | undefined {
  const p = { x: (point.x - view.x) / view.zoom, y: (point.y - view.y) / view.zoom };
  // A symbol, or a few pixels round it when it is drawn smaller than a finger.
  const reach = Math.max(SYMBOL / 2, 6 / view.zoom);
  let best: { name: string; d: number } | undefined;
  for (const n of s.nodes) {
    const d = Math.max(Math.abs(n.at.x - p.x), Math.abs(n.at.y - p.y));
    if (d <= reach && (!best || d < best.d)) best = { name: n.name, d };
  }
  if (best) return { node: best.name };
  const at = new Map(s.nodes.map((n) => [n.name, n.at]));
  const near = 6 / view.zoom;
  for (const l of s.links) {
    const ca = at.get(l.a);
    const cb = at.get(l.b);
    if (!ca || !cb) continue;
    const [a, b] = linkEnds(ca, cb, l);
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const t = Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / (dx * dx + dy * dy || 1)));
    if (Math.hypot(a.x + t * dx - p.x, a.y + t * dy - p.y) <= near) return { link: l.id };
  }
  return undefined;
}
