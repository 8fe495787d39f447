// Where the player sits: under the diagram (stacked) or beside it (side by side, on wide windows),
// and how much of the window it takes in each arrangement (a fraction, so that it scales with the
// window). Remembered in this browser and read back through a schema: a stored value that is not
// one is ignored. View state: no undo, no autosave.

import * as z from 'zod/mini';
import { create } from 'zustand';

export const PLAYER_LAYOUT_KEY = 'packetwalk.playerLayout';

/**
 * The player's share of the window it starts with: 55 % under the diagram (at 1366×768 the longest
 * explanation of the example fits whole, and the diagram keeps 320 px), 45 % beside it.
 */
export const DEFAULT_SHARE = { stacked: 0.55, side: 0.45 } as const;

/** Bounds of a share, and the smallest player and diagram in pixels (see splitBasis). */
export const SHARE_MIN = 0.2;
export const SHARE_MAX = 0.8;
export const PLAYER_MIN_PX = 240;
export const DIAGRAM_MIN_PX = 180;

/** Side by side only on windows at least this wide (else the player is stacked whatever is stored). */
export const SIDE_MIN_WIDTH = 1200;

export type Orientation = 'stacked' | 'side';

const Share = z.number().check(z.gte(SHARE_MIN), z.lte(SHARE_MAX));
const Stored = z.object({ orientation: z.enum(['stacked', 'side']), stacked: Share, side: Share });
type Stored = z.infer<typeof Stored>;

/** The layout stored (its text), or the default one when there is none or it is not a layout. */
export function parseLayout(raw: string | null): Stored {
  const fallback: Stored = { orientation: 'stacked', ...DEFAULT_SHARE };
  if (raw === null) return fallback;
  try {
    const parsed = Stored.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : fallback;
  } catch {
    return fallback;
  }
}

function read(): Stored {
  try {
    return parseLayout(typeof localStorage === 'undefined' ? null : localStorage.getItem(PLAYER_LAYOUT_KEY));
  } catch {
    return parseLayout(null); // storage disabled
  }
}

function write(s: Stored): void {
  try {
    localStorage.setItem(PLAYER_LAYOUT_KEY, JSON.stringify(s));
  } catch {
    // not remembered: it still applies to this page
  }
}

interface PlayerLayout extends Stored {
  setOrientation(o: Orientation): void;
  /** Sets the share of the current arrangement (clamped to SHARE_MIN…SHARE_MAX). */
  setShare(share: number): void;
}

const clampShare = (x: number) => Math.min(SHARE_MAX, Math.max(SHARE_MIN, x));

export const usePlayerLayout = create<PlayerLayout>()((set, get) => {
  const save = (patch: Partial<Stored>) => {
    set(patch);
    const { orientation, stacked, side } = get();
    write({ orientation, stacked, side });
  };
  return {
    ...read(),
    setOrientation: (orientation) => save({ orientation }),
    setShare: (share) => save({ [get().orientation]: clampShare(share) }),
  };
});

/** The player's flex basis: its share of the stage, but never smaller than PLAYER_MIN_PX nor leaving the diagram less than DIAGRAM_MIN_PX. */
export const splitBasis = (share: number): string => `clamp(${PLAYER_MIN_PX}px, ${(share * 100).toFixed(2)}%, calc(100% - ${DIAGRAM_MIN_PX}px))`;
