// Keeps the whole network in view when the canvas changes size (the window, or the output panel
// opening below it), until the user pans or zooms: from then on the view is theirs. The fit-view
// button hands it back. The first size is not a change: ReactFlow's own `fitView` fits the
// network it opens with, and an empty canvas must not be fitted (React Flow would queue the fit
// and apply it to the first device added, moving it away from where it was dropped).

import { useReactFlow, useStore } from '@xyflow/react';
import { useEffect, useRef, type RefObject } from 'react';

export const FIT_VIEW_OPTIONS = { padding: 0.12, maxZoom: 1.2 } as const;

export function FitOnResize({ userMoved }: { userMoved: RefObject<boolean> }) {
  const { fitView, getNodes } = useReactFlow();
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  const last = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (width <= 0 || height <= 0) return;
    const size = `${width}x${height}`;
    const first = last.current === undefined;
    last.current = size;
    if (!first && !userMoved.current && getNodes().length > 0) void fitView(FIT_VIEW_OPTIONS);
  }, [width, height, fitView, getNodes, userMoved]);
  return null;
}
