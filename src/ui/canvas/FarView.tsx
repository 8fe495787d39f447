// The zoomed-out drawing of a large network (farView.ts): two <canvas> over React Flow's pane,
// under the moving frames, drawn again when the zoom, the network, the selection or the step
// changes (at most once a frame); a pan moves them (they reach half the pane beyond its edges) and
// draws them again only when it goes further. Clicks reach the pane: Canvas.tsx passes
// them to the handler this sets, which asks `hitFar` what is under them. Meanwhile it has the
// labels of the devices (drawn by the page zoomed in) laid out in the background.

import { useStoreApi, type SelectionRect } from '@xyflow/react';
import { useEffect, useRef, type MouseEvent as ReactMouseEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { selectLinks, selectNodes, selectParallel, useAppStore, type AppState } from '../../store';
import { selectScene, selectWalking } from '../player/selectors';
import { labelJob, stillPending } from './diagramLabels';
import { devicesIn, drawFar, hitFar, Sprites, type FarScene, type View } from './farView';
import { fallbackPosition } from './geometry';
import { marksOf } from './stepMarks';
import { linkKey } from '../../engine/pure';

let cache: { inputs: unknown[]; scene: FarScene } | undefined;

/** The drawing's scene from the store: the same object while nothing it shows changes. */
export function farSceneOf(s: AppState): FarScene {
  const nodes = selectNodes(s);
  const links = selectLinks(s);
  const scene = selectScene(s);
  const walking = selectWalking(s);
  const inputs = [nodes, links, scene, walking, s.selectedNodes, s.selectedLinks];
  if (cache && inputs.every((v, i) => v === cache!.inputs[i])) return cache.scene;
  const prev = cache?.scene;
  const same = (i: number) => cache !== undefined && inputs[i] === cache.inputs[i];
  const far: FarScene = {
    nodes: same(0) ? prev!.nodes : nodes.map((n, i) => ({ name: n.name, role: n.role, at: n.position ?? fallbackPosition(i) })),
    links: same(1)
      ? prev!.links
      : links.map((l) => {
          const id = linkKey(l);
          return { id, a: l.a.node, b: l.b.node, parallel: selectParallel(id)(s) };
        }),
    marks: marksOf(scene),
    walking,
    selectedNodes: same(4) ? prev!.selectedNodes : new Set(s.selectedNodes),
    selectedLinks: same(5) ? prev!.selectedLinks : new Set(s.selectedLinks),
  };
  cache = { inputs, scene: far };
  return far;
}

/** How long a slice of the background layout runs before the page has the main thread back (ms). */
const SLICE_MS = 12;

/**
 * Lays out the network in `s` in the background (diagramLabels.ts), in slices between which the
 * page runs: a large network's labels (a second or so at 2 000 devices on a slow machine) are
 * then ready when the view is zoomed in to read them or a walk opens on its devices, instead of
 * blocking the page then.
 */
export function prepareLabels(s: AppState, lang: string): void {
  const steps = labelJob(s, lang);
  const slice = () => {
    if (!steps || !stillPending(steps)) return; // finished when it was asked for, or another network to lay out
    const end = performance.now() + SLICE_MS;
    while (performance.now() < end) if (steps.next().done) return;
    setTimeout(slice, 0);
  };
  if (steps) setTimeout(slice, 0);
}

/** React Flow's viewport as a View. */
export const viewOf = (transform: [number, number, number]): View => ({ x: transform[0], y: transform[1], zoom: transform[2] });

export function FarView({ count, clickRef }: { count: number; clickRef: RefObject<((e: ReactMouseEvent) => void) | undefined> }) {
  const { t, i18n } = useTranslation();
  const baseRef = useRef<HTMLCanvasElement>(null);
  const marksRef = useRef<HTMLCanvasElement>(null);
  const flow = useStoreApi();

  // Meanwhile the labels the page draws zoomed in are laid out in the background (diagramLabels.ts).
  const lang = i18n.language;
  useEffect(() => {
    prepareLabels(useAppStore.getState(), lang);
    return useAppStore.subscribe((s) => prepareLabels(s, lang));
  }, [lang]);

  // A click on the pane (React Flow clears the selection right after: select once it has).
  useEffect(() => {
    clickRef.current = (e) => {
      const box = (e.currentTarget as Element).getBoundingClientRect();
      const hit = hitFar({ x: e.clientX - box.left, y: e.clientY - box.top }, viewOf(flow.getState().transform), farSceneOf(useAppStore.getState()));
      if (hit) queueMicrotask(() => useAppStore.getState().select('node' in hit ? [hit.node] : [], 'link' in hit ? [hit.link] : []));
    };
    return () => {
      clickRef.current = undefined;
    };
  }, [clickRef, flow]);

  useEffect(() => {
    const base = baseRef.current;
    const marks = marksRef.current;
    if (!base || !marks) return;
    let frame = 0;
    let size = { width: 0, height: 0 };
    /** What to draw again at the next frame: everything, the step's marks only, or nothing but where the drawing sits (a pan). */
    let dirty: 'all' | 'marks' | 'moved' | undefined;
    /** The view the canvases were last drawn for: a pan within their margin only moves them. */
    let drawn: View | undefined;
    const draw = () => {
      frame = 0;
      const dpr = window.devicePixelRatio || 1;
      const view = viewOf(flow.getState().transform);
      const scene = farSceneOf(useAppStore.getState());
      // The canvases reach half the pane beyond each of its edges (clipped by React Flow's pane).
      const m = { x: Math.round(size.width / 2), y: Math.round(size.height / 2) };
      const all = dirty === 'all' || !drawn || view.zoom !== drawn.zoom || Math.abs(view.x - drawn.x) > m.x || Math.abs(view.y - drawn.y) > m.y;
      if (all) drawn = view;
      const at = { x: drawn!.x + m.x, y: drawn!.y + m.y, zoom: drawn!.zoom };
      const shift = `translate(${view.x - drawn!.x}px, ${view.y - drawn!.y}px)`;
      for (const [canvas, part] of [[base, 'base'], [marks, 'marks']] as const) {
        if (all || (part === 'marks' && dirty === 'marks')) {
          const [w, h] = [size.width + 2 * m.x, size.height + 2 * m.y];
          if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
            canvas.width = Math.round(w * dpr);
            canvas.height = Math.round(h * dpr);
            Object.assign(canvas.style, { left: `${-m.x}px`, top: `${-m.y}px`, width: `${w}px`, height: `${h}px` });
          }
          drawFar(canvas, w, h, dpr, at, scene, part, sprites);
        }
        canvas.style.transform = shift;
      }
      dirty = undefined;
    };
    const order = ['moved', 'marks', 'all'] as const;
    const schedule = (what: 'all' | 'marks' | 'moved') => {
      dirty = dirty && order.indexOf(dirty) > order.indexOf(what) ? dirty : what;
      if (!frame) frame = requestAnimationFrame(draw);
    };
    const sprites = new Sprites(() => schedule('all'));
    // The pane's size (the canvases' own is the pane's and their margins).
    const pane = base.parentElement ?? base;
    const resize = new ResizeObserver(([entry]) => {
      if (!entry) return;
      size = { width: entry.contentRect.width, height: entry.contentRect.height };
      schedule('all');
    });
    resize.observe(pane);
    let scene = farSceneOf(useAppStore.getState());
    const offApp = useAppStore.subscribe((s) => {
      const next = farSceneOf(s);
      if (next === scene) return;
      // A step changes the marks only; anything else changes the picture under them.
      const onlyMarks = next.nodes === scene.nodes && next.links === scene.links && next.walking === scene.walking && next.selectedNodes === scene.selectedNodes && next.selectedLinks === scene.selectedLinks;
      scene = next;
      schedule(onlyMarks ? 'marks' : 'all');
    });
    let transform = flow.getState().transform;
    let boxed: SelectionRect | null = null;
    const offFlow = flow.subscribe((s) => {
      if (s.transform !== transform) {
        transform = s.transform;
        schedule('moved');
      }
      // A box drawn with Shift selects the devices drawn in it (React Flow knows only their hidden
      // boxes): once it ends, after React Flow has selected what it knows of.
      if (s.userSelectionRect) boxed = s.userSelectionRect;
      else if (boxed) {
        const box = boxed;
        boxed = null;
        const inside = devicesIn(box, viewOf(s.transform), farSceneOf(useAppStore.getState()));
        queueMicrotask(() => useAppStore.getState().select(inside));
      }
    });
    return () => {
      cancelAnimationFrame(frame);
      resize.disconnect();
      offApp();
      offFlow();
    };
  }, [flow]);

  return (
    <>
      <canvas ref={baseRef} className="pw-far" role="img" aria-label={t('canvas.drawn', { count })} data-testid="canvas.drawn" />
      <canvas ref={marksRef} className="pw-far" aria-hidden="true" />
      <div className="pw-far__hint">{t('canvas.drawnHint')}</div>
    </>
  );
}
