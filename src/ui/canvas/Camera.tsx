// Where the diagram's view goes by itself. In the editor: the whole network stays in view when the
// canvas changes size, until the user pans or zooms (from then on the view is theirs; the fit-view
// button hands it back). When a walk opens: the devices it involves, at a zoom where their names
// can be read; when they cannot all be shown that large, the first step's devices, and Follow
// turns on. At each step: with Follow, the view moves to the step's devices; without it, only
// when one of them is out of view, so a step's frames are never off-screen (unless the user is
// dragging the view at that moment). The first size is
// not a change: ReactFlow's own `fitView` fits the network it opens with, and an empty canvas is
// never fitted (React Flow would apply it to the first device added, moving it from where it was
// dropped).

import { useReactFlow, useStore, useStoreApi, type InternalNode } from '@xyflow/react';
import { useEffect, useRef, type RefObject } from 'react';
import { useAppStore } from '../../store';
import { selectFollow, selectStepMs, usePlayerView } from '../player/playerView';
import { selectScene } from '../player/selectors';
import type { PlayerStep } from '../../walk/steps';

/** The whole network, with the devices of a large one hidden under the drawing (Canvas.tsx, FAR_HIDDEN). */
export const FIT_VIEW_OPTIONS = { padding: 0.12, maxZoom: 1.2, includeHiddenNodes: true } as const;

/**
 * The smallest zoom the walk's view fits to: device names (15 px) stay 11 px or larger. Below it,
 * following a packet zooms in to it.
 */
export const READABLE_ZOOM = 11 / 15;

/**
 * A walk's devices are fitted closer to the edges than a whole network (every pixel counts for
 * the names), but clear of the zoom buttons at the diagram's left edge.
 */
const WALK_INSET = { top: 16, right: 24, bottom: 16, left: 64 } as const;
const WALK_FIT = {
  padding: { top: `${WALK_INSET.top}px`, right: `${WALK_INSET.right}px`, bottom: `${WALK_INSET.bottom}px`, left: `${WALK_INSET.left}px` },
  maxZoom: 1.2,
} as const;

/** Room kept around devices brought into view, in screen pixels. */
const MARGIN = 8;

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** The devices a walk involves: every device a step happens at or comes from. */
export function walkDevices(steps: readonly PlayerStep[]): string[] {
  const out = new Set<string>();
  for (const s of steps) {
    if (s.node) out.add(s.node);
    if (s.from) out.add(s.from);
  }
  return [...out];
}

/** The zoom at which a box fills a view of this size with this padding (a fraction of the view, as React Flow's). */
export const zoomToFit = (b: Box, width: number, height: number, padding: number = FIT_VIEW_OPTIONS.padding): number =>
  Math.min((width * (1 - 2 * padding)) / Math.max(1, b.x1 - b.x0), (height * (1 - 2 * padding)) / Math.max(1, b.y1 - b.y0));

function boxOf(nodes: readonly (InternalNode | undefined)[]): Box | undefined {
  let box: Box | undefined;
  for (const n of nodes) {
    const w = n?.measured.width;
    const h = n?.measured.height;
    if (!n || !w || !h) continue;
    const { x, y } = n.internals.positionAbsolute;
    box = box ? { x0: Math.min(box.x0, x), y0: Math.min(box.y0, y), x1: Math.max(box.x1, x + w), y1: Math.max(box.y1, y + h) } : { x0: x, y0: y, x1: x + w, y1: y + h };
  }
  return box;
}

export function Camera({ userMoved, resetMoved }: { userMoved: RefObject<boolean>; resetMoved: () => void }) {
  const { fitView, getInternalNode, getNodes, getViewport, setCenter } = useReactFlow();
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  const walk = useAppStore((s) => (s.lastRun.status === 'done' && s.lastRun.steps.length > 0 ? s.lastRun : undefined));
  const result = walk?.result;
  const scene = useAppStore(selectScene);
  const follow = usePlayerView(selectFollow);
  const stepMs = usePlayerView(selectStepMs);
  const last = useRef<{ size?: string; result?: unknown }>({});

  // Fitting: the whole network in the editor, the walk's devices when a walk opens, and again
  // (unless the user moved the view) when the canvas changes size.
  useEffect(() => {
    if (width <= 0 || height <= 0) return;
    const size = `${width}x${height}`;
    const first = last.current.size === undefined;
    const opened = result !== undefined && result !== last.current.result;
    const resized = !first && size !== last.current.size;
    last.current = { size, result };
    if (opened) resetMoved();
    if ((!opened && !resized) || userMoved.current || getNodes().length === 0) return;
    if (!walk) {
      void fitView(FIT_VIEW_OPTIONS);
      return;
    }
    const ids = walkDevices(walk.steps);
    const box = boxOf(ids.map((id) => getInternalNode(id)));
    const readable = box !== undefined && zoomToFit(box, width - WALK_INSET.left - WALK_INSET.right, height - WALK_INSET.top - WALK_INSET.bottom, 0) >= READABLE_ZOOM;
    // Too many to read at once: the devices of the step shown (at the start, the first frame's sender and receiver), followed from there.
    const shown = readable ? ids : walk.cursor < 0 ? walkDevices(walk.steps.slice(0, 2)) : [...selectScene(useAppStore.getState()).nodes];
    void fitView({ ...WALK_FIT, nodes: shown.map((id) => ({ id })), ...(readable ? {} : { minZoom: READABLE_ZOOM }) });
    usePlayerView.getState().setAutoFollow(!readable);
    // The walk and the size are what this fits to; the rest is read when they change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [width, height, result]);

  // At each step: follow the step's devices, or bring them back into view when one is outside it.
  // A pan moves one composited layer; a zoom repaints every device of a large network, so the view
  // zooms only when it is too small to read (and only when following). A walk's first scene is the
  // fitting effect's.
  const stepOf = useRef<unknown>(undefined);
  const flow = useStoreApi();
  useEffect(() => {
    const opened = stepOf.current !== result;
    stepOf.current = result;
    // Never against the user: not while they drag the view.
    if (opened || scene.nodes.size === 0 || width <= 0 || flow.getState().paneDragging) return;
    const box = boxOf([...scene.nodes].map((id) => getInternalNode(id)));
    if (!box) return;
    const { x, y, zoom } = getViewport();
    const view = { x0: (MARGIN - x) / zoom, y0: (MARGIN - y) / zoom, x1: (width - MARGIN - x) / zoom, y1: (height - MARGIN - y) / zoom };
    const inView = box.x0 >= view.x0 && box.x1 <= view.x1 && box.y0 >= view.y0 && box.y1 <= view.y1;
    if (!follow && inView) return;
    // Following zooms in to readable; a step larger than the view zooms out to hold it, not below readable.
    let to = follow && zoom < READABLE_ZOOM ? READABLE_ZOOM : zoom;
    const holds = zoomToFit(box, width - 2 * MARGIN, height - 2 * MARGIN, 0);
    if (holds < to) to = Math.max(holds, Math.min(to, READABLE_ZOOM));
    void setCenter((box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2, { zoom: to, duration: Math.min(300, stepMs * 0.3) });
    // The step is what moves the view; a change of size is the fitting effect's.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [scene, follow]);

  return null;
}
