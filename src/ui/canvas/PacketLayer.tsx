// The frames of the current step on the diagram: each one a small tag that travels along the
// link it crosses, from its sender to the next device (a flood: one per port, fanning out), and
// rests on the link just past the interface name of the device it reached (labels.ts restSpot:
// clear of every label and of the step's other tags); a drop is marked on the device with its
// reason, a delivery with a tick, on a side of the device where nothing else is (markerSpot).
// The tags are drawn in React Flow's viewport (flow coordinates: pan and zoom move them with the
// diagram) and moved outside React: a Web Animation of each tag's CSS transform, so a frame of the
// animation re-renders nothing and runs in the browser's compositor. React renders this layer
// once per step. A tag is two boxes: the outer one (its own composited layer) only ever moves by
// a translation; the inner one centres and scales the label. Zoomed out, tags keep their size on
// screen (larger in the diagram), so their resting places are found again when the zoom changes.

import { useReactFlow, useStore, ViewportPortal } from '@xyflow/react';
import { useCallback, useLayoutEffect, useRef, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useAppStore } from '../../store';
import { selectScene, type Hop, type Scene } from '../player/selectors';
import { selectStepMs, usePlayerView } from '../player/playerView';
import { selectLink, selectParallel } from '../../store';
import { DIAGRAM, readyLayout, useLayoutDone } from './diagramLabels';
import { linkSegment, SYMBOL_CENTRE_Y, type Box, type Point, type Size } from './geometry';
import { markerSpot, restSpot } from './tags';
import { FONT, measureText } from './text';
import { frameTunnel } from '../../walk/tunnel';

export { TunnelLayer } from './TunnelLayer';

/** Tags set off this far from their sender's centre (its symbol's radius and a gap). */
const START = 44;

/** The time of a step that the frame spends travelling (the rest it sits at the next device). */
const TRAVEL = 0.8;

/** Starts and stops gently (a CSS easing: the animation runs in the compositor). */
const EASE = 'cubic-bezier(0.45, 0, 0.55, 1)';

/** A tag's size at scale 1 (player.css .pw-packet: 11 px, 800, 0.03 em apart, 7 px padding, 2 px border). */
const tagSize = (label: string): Size => ({ width: Math.ceil(measureText(label, `800 11px ${FONT}`) + label.length * 0.33) + 20, height: 24 });
/** A drop or delivery badge's size at scale 1 (.pw-marker: 12 px, 700, 3 px 8 px padding). */
/** A tag's words: the protocol, or for a tunnel's frame the tunnel with the packet inside it ("IPIP [ICMP]"). */
function hopLabel(h: Hop, t: TFunction): string {
  const inside = frameTunnel(h.frame);
  return inside ? `${t(`player.protocol.${inside.tunnel}`)} [${t(`player.protocol.${inside.inner}`)}]` : t(`player.protocol.${h.protocol}`);
}
const markerSize = (label: string): Size => ({ width: Math.ceil(measureText(label, `700 12px ${FONT}`)) + 18, height: 24 });
const scaled = (s: Size, k: number): Size => ({ width: s.width * k, height: s.height * k });

/** How much larger than on the diagram's scale tags are drawn at this zoom (they keep their size on screen). */
const tagScale = (zoom: number): number => Math.min(12, Math.max(1, 1 / zoom));

function markerText(m: NonNullable<Scene['marker']>, t: TFunction): string {
  return m.kind === 'dropped' ? `✗ ${t(`player.dropShort.${m.reason as 'no-route'}`)}` : m.kind === 'storm' ? `⚠ ${t('player.stormMarker')}` : `✓ ${t('player.outcome.delivered')}`;
}

export function PacketLayer() {
  const { t, i18n } = useTranslation();
  const scene = useAppStore(selectScene);
  const cursor = useAppStore((s) => (s.lastRun.status === 'done' ? s.lastRun.cursor : -1));
  const stepMs = usePlayerView(selectStepMs);
  const { getInternalNode, getZoom } = useReactFlow();
  // Tags keep their size on screen when the view is zoomed out (a 1 000-device fabric).
  const scale = useStore((s) => tagScale(s.transform[2]));
  const tags = useRef<(HTMLDivElement | null)[]>([]);
  const dropTag = useRef<HTMLDivElement | null>(null);
  const markerRef = useRef<HTMLDivElement | null>(null);
  const last = useRef(cursor);

  /** Puts every tag where it rests and the badge beside its device; returns each tag's travel. */
  const place = useCallback(() => {
    const state = useAppStore.getState();
    // A large network's labels may still be laid out in the background: until they are, tags rest
    // at their link's end and the badge beside the device (placed again when the layout is done).
    const layout = readyLayout(state, i18n.language);
    const k = tagScale(getZoom());
    const centre = (name: string): Point | undefined => {
      const n = getInternalNode(name);
      const w = n?.measured.width;
      if (!n || !w) return undefined;
      return { x: n.internals.positionAbsolute.x + w / 2, y: n.internals.positionAbsolute.y + SYMBOL_CENTRE_Y };
    };
    // A tag sets off along its link (shifted as the link is when two cables join the same
    // devices) and rests where restSpot finds room.
    const taken: Box[] = [];
    const travel = (from: string, to: string, label: string, linkId?: string) => {
      const a = centre(from);
      const b = centre(to);
      if (!a || !b) return undefined;
      const [p, q] = linkSegment(a, b, from, to, linkId ? selectParallel(linkId)(state) : '0/1', (len) => Math.min(START, len / 2 - 1));
      const toEnd = linkId && selectLink(linkId)(state)?.b.node === to ? 'b' : 'a';
      const rest = layout && linkId ? restSpot(layout, linkId, toEnd, scaled(tagSize(label), k), taken) : undefined;
      return { a: p, b: rest ?? q };
    };
    const paths = scene.hops.map((h) => travel(h.from, h.to, hopLabel(h, t), h.link));
    const m = scene.marker;
    const dropPath = m?.from ? travel(m.from, m.node, t(`player.protocol.${m.protocol ?? 'other'}`), m.link) : undefined;
    const at = (p: Point) => `translate(${p.x}px, ${p.y}px)`;
    // Every tag rests on its link (where stepping back or jumping shows it).
    paths.forEach((p, i) => {
      const el = tags.current[i];
      if (!el || !p) return;
      el.style.transform = at(p.b);
      el.style.visibility = 'visible';
    });
    if (dropTag.current && dropPath) {
      dropTag.current.style.transform = at(dropPath.b);
      dropTag.current.style.visibility = 'visible';
    }
    const size = m && scaled(markerSize(markerText(m, t)), k);
    const by = m && centre(m.node);
    const badge = m && size && (layout ? markerSpot(layout, m.node, size, taken) : by && { x: by.x + DIAGRAM.cut, y: by.y - size.height / 2 });
    if (markerRef.current && badge) markerRef.current.style.transform = `translate(${badge.x}px, ${badge.y}px) scale(var(--pw-tag-scale))`;
    return paths;
  }, [scene, getInternalNode, getZoom, i18n.language, t]);

  useLayoutEffect(() => {
    const forward = cursor === last.current + 1;
    last.current = cursor;
    const paths = place();
    if (!forward) return;
    // Stepping forward, each tag travels its link first: a Web Animation of a transform, which the
    // browser runs off the main thread (a requestAnimationFrame loop made Chromium re-layer the
    // whole page at every frame, about 12 ms on a 1 000-device network).
    const duration = stepMs * TRAVEL;
    const at = (p: Point) => `translate(${p.x}px, ${p.y}px)`;
    const animations = paths.flatMap((p, i) => {
      const el = tags.current[i];
      return el && p && typeof el.animate === 'function' ? [el.animate([{ transform: at(p.a) }, { transform: at(p.b) }], { duration, easing: EASE })] : [];
    });
    return () => animations.forEach((a) => a.cancel());
    // A new step, or the same step again (the zoom is read, not followed: see below).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [scene, cursor, stepMs]);

  // Zoomed out, tags grow on the diagram: their resting places are found again (a travel under
  // way keeps its course; the tag lands on the new place when it ends). So they are when their
  // words change size (the player's messages arrive after a walk opened by a link), and when a
  // large network's labels are laid out.
  const words = scene.marker ? markerText(scene.marker, t) : '';
  const laidOut = useLayoutDone();
  useLayoutEffect(() => {
    place();
    // Only the tags' size and the labels' layout, not the step, are this effect's.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [scale, words, laidOut]);

  if (!scene.step) return null;
  const m = scene.marker;
  return (
    <ViewportPortal>
      <div className="pw-packets" style={{ '--pw-tag-scale': scale } as CSSProperties}>
      {scene.hops.map((h, i) => (
        <div
          key={`${h.seq}`}
          ref={(el) => {
            tags.current[i] = el;
          }}
          className="pw-packet-at"
          data-testid="canvas.packet"
          data-link={h.link}
        >
          <div className={`pw-packet pw-packet--${h.protocol}`}>
            {hopLabel(h, t)}
          </div>
        </div>
      ))}
      {m?.from && (
        <div ref={dropTag} className="pw-packet-at" data-testid="canvas.packet" data-link={m.link}>
          <div className={`pw-packet pw-packet--${m.protocol ?? 'other'}${m.kind === 'dropped' ? ' is-dropped' : ''}`}>{t(`player.protocol.${m.protocol ?? 'other'}`)}</div>
        </div>
      )}
      {m && (
        <div ref={markerRef} className={`pw-marker pw-marker--${m.kind}`} data-testid={`canvas.marker.${m.kind}`}>
          {markerText(m, t)}
        </div>
      )}
      </div>
    </ViewportPortal>
  );
}
