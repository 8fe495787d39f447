// View preferences and panels that are not part of the document: whether the help is open, snap
// to grid (remembered in this browser). Kept out of the app store so that they never enter the
// undo history or the autosave.

import { create } from 'zustand';

export const SNAP_STORAGE_KEY = 'packetwalk.snapToGrid';
/** The canvas grid, in canvas pixels (the dots of the background). */
export const GRID = 20;

function storedSnap(): boolean {
  try {
    return typeof localStorage === 'undefined' || localStorage.getItem(SNAP_STORAGE_KEY) !== 'false';
  } catch {
    return true;
  }
}

interface ViewState {
  helpOpen: boolean;
  snapToGrid: boolean;
  setHelpOpen(open: boolean): void;
  toggleSnap(): void;
}

export const useView = create<ViewState>()((set, get) => ({
  helpOpen: false,
  snapToGrid: storedSnap(),
  setHelpOpen: (helpOpen) => set({ helpOpen }),
  toggleSnap: () => {
    const snapToGrid = !get().snapToGrid;
    set({ snapToGrid });
    try {
      localStorage.setItem(SNAP_STORAGE_KEY, String(snapToGrid));
    } catch {
      // not remembered: it still applies to this page
    }
  },
}));

/** A position on the grid, when snapping is on. */
export const snapped = (p: { x: number; y: number }, on: boolean) => (on ? { x: Math.round(p.x / GRID) * GRID, y: Math.round(p.y / GRID) * GRID } : p);
