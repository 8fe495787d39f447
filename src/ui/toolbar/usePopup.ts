// A popup (a menu's list, the "⋯" panel) that is open: the first of its controls takes the focus,
// and a press anywhere outside it and its button closes it.

import { useEffect, type RefObject } from 'react';

export function usePopup(open: boolean, popup: RefObject<HTMLElement | null>, button: RefObject<HTMLElement | null>, first: () => HTMLElement | null | undefined, close: () => void): void {
  useEffect(() => {
    if (!open) return;
    first()?.focus();
    const onDown = (e: PointerEvent) => {
      if (!popup.current?.contains(e.target as Node) && !button.current?.contains(e.target as Node)) close();
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, [open]);
}
