// Keeps the whole network in view when the canvas changes size (the window, or the output panel
// opening below it), until the user pans or zooms: from then on the view is theirs. The fit-view
// button hands it back.

import { useReactFlow, useStore } from '@xyflow/react';
import { useEffect, type RefObject } from 'react';

export const FIT_VIEW_OPTIONS = { padding: 0.12, maxZoom: 1.2 } as const;

export function FitOnResize({ userMoved }: { userMoved: RefObject<boolean> }) {
  const { fitView } = useReactFlow();
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  useEffect(() => {
    if (width > 0 && height > 0 && !userMoved.current) void fitView(FIT_VIEW_OPTIONS);
  }, [width, height, fitView, userMoved]);
  return null;
}
