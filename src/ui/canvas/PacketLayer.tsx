// The frames of the current step on the diagram: each one a small tag that travels along the
// link it crosses, from its sender to the next device (a flood: one per port, fanning out), and
// rests at the end; a drop is marked on the device with its reason, a delivery with a tick.
// The tags are drawn in React Flow's viewport (flow coordinates: pan and zoom move them with the
// diagram) and moved outside React: a Web Animation of each tag's CSS transform, so a frame of the
// animation re-renders nothing and runs in the browser's compositor. React renders this layer
// once per step. A tag is two boxes: the outer one (its own composited layer) only ever moves by
// a translation; the inner one centres and scales the label.

import { useReactFlow, useStore, ViewportPortal } from '@xyflow/react';
import { useLayoutEffect, useRef, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store';
import { selectScene } from '../player/selectors';
import { STEP_MS, usePlayerView } from '../player/playerView';
import { selectParallel } from '../../store';
import { linkSegment, SYMBOL_CENTRE_Y, type Point } from './geometry';

/** Tags stop this far from a symbol's centre (its radius and a gap). */
const STOP = 44;

/** The time of a step that the frame spends travelling (the rest it sits at the next device). */
const TRAVEL = 0.8;

/** Starts and stops gently (a CSS easing: the animation runs in the compositor). */
const EASE = 'cubic-bezier(0.45, 0, 0.55, 1)';

export function PacketLayer() {
  const { t } = useTranslation();
  const scene = useAppStore(selectScene);
  const cursor = useAppStore((s) => (s.lastRun.status === 'done' ? s.lastRun.cursor : -1));
  const speed = usePlayerView((s) => s.speed);
  const { getInternalNode } = useReactFlow();
  // Tags keep their size on screen when the view is zoomed out (a 1 000-device fabric).
  const zoom = useStore((s) => s.transform[2]);
  const tags = useRef<(HTMLDivElement | null)[]>([]);
  const dropTag = useRef<HTMLDivElement | null>(null);
  const markerRef = useRef<HTMLDivElement | null>(null);
  const last = useRef(cursor);

  useLayoutEffect(() => {
    const forward = cursor === last.current + 1;
    last.current = cursor;
    const centre = (name: string): Point | undefined => {
      const n = getInternalNode(name);
      const w = n?.measured.width;
      if (!n || !w) return undefined;
      return { x: n.internals.positionAbsolute.x + w / 2, y: n.internals.positionAbsolute.y + SYMBOL_CENTRE_Y };
    };
    // A tag runs along its link: shifted as the link is when two cables join the same devices.
    const state = useAppStore.getState();
    const segment = (from: string, to: string, linkId?: string) => {
      const a = centre(from);
      const b = centre(to);
      if (!a || !b) return undefined;
      const [p, q] = linkSegment(a, b, from, to, linkId ? selectParallel(linkId)(state) : '0/1', (len) => Math.min(STOP, len / 2 - 1));
      return { a: p, b: q };
    };
    const paths = scene.hops.map((h) => segment(h.from, h.to, h.link));
    const m = scene.marker;
    const dropPath = m?.from ? segment(m.from, m.node, m.link) : undefined;
    const nodeAt = m ? centre(m.node) : undefined;
    if (markerRef.current && nodeAt) markerRef.current.style.transform = `translate(${nodeAt.x}px, ${nodeAt.y - 34}px) translate(-50%, -100%) scale(var(--pw-tag-scale))`;
    const at = (p: Point) => `translate(${p.x}px, ${p.y}px)`;
    // Every tag rests at the end of its link (where stepping back or jumping shows it).
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
    if (!forward) return;
    // Stepping forward, each tag travels its link first: a Web Animation of a transform, which the
    // browser runs off the main thread (a requestAnimationFrame loop made Chromium re-layer the
    // whole page at every frame, about 12 ms on a 1 000-device network).
    const duration = (STEP_MS / speed) * TRAVEL;
    const animations = paths.flatMap((p, i) => {
      const el = tags.current[i];
      return el && p && typeof el.animate === 'function' ? [el.animate([{ transform: at(p.a) }, { transform: at(p.b) }], { duration, easing: EASE })] : [];
    });
    return () => animations.forEach((a) => a.cancel());
  }, [scene, cursor, speed, getInternalNode]);

  if (!scene.step) return null;
  const m = scene.marker;
  return (
    <ViewportPortal>
      <div className="pw-packets" style={{ '--pw-tag-scale': Math.min(12, Math.max(1, 1 / zoom)) } as CSSProperties}>
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
          <div className={`pw-packet pw-packet--${h.protocol}`}>{t(`player.protocol.${h.protocol}`)}</div>
        </div>
      ))}
      {m?.from && (
        <div ref={dropTag} className="pw-packet-at" data-testid="canvas.packet">
          <div className={`pw-packet pw-packet--${m.protocol ?? 'other'}${m.kind === 'dropped' ? ' is-dropped' : ''}`}>{t(`player.protocol.${m.protocol ?? 'other'}`)}</div>
        </div>
      )}
      {m && (
        <div ref={markerRef} className={`pw-marker pw-marker--${m.kind}`} data-testid={`canvas.marker.${m.kind}`}>
          {m.kind === 'dropped' ? `✗ ${t(`player.dropShort.${m.reason as 'no-route'}`)}` : m.kind === 'storm' ? `⚠ ${t('player.stormMarker')}` : `✓ ${t('player.outcome.delivered')}`}
        </div>
      )}
      </div>
    </ViewportPortal>
  );
}
