// How the player is being looked at, not what it shows: playing or paused (or playing fast up to
// a step: "+30 s"), the speed, the
// protocol filter of the event list, which tab and frame the detail shows, the field selected in
// the header view, whether the hex view is open, the PDU form. View state: kept out of the app
// store (no undo, no autosave).

import { create } from 'zustand';
import { useAppStore } from '../../store';
import type { Protocol } from '../../walk/steps';

export const SPEEDS = [0.5, 1, 2, 4, 8] as const;
export type Speed = (typeof SPEEDS)[number];

/** How long one step takes at 1×, in ms (the frame's trip along its link). */
export const STEP_MS = 900;

/** How many times faster "+30 s" plays its steps than playing does. */
export const FAST = 15;

export type SideTab = 'headers' | 'tables' | 'output';

interface PlayerViewState {
  playing: boolean;
  /** while playing: the step where playing stops, played FAST ("+30 s"); undefined: play on to the end, at the speed */
  until?: number;
  speed: Speed;
  /** protocols shown in the event list (steps without a frame are always shown) */
  protocols: Record<Protocol, boolean>;
  side: SideTab;
  /** index into the current step's frames (see stepFrames), or -1: the default one */
  frame: number;
  /** the header field selected (its path) */
  field?: string;
  hex: boolean;
  pduOpen: boolean;
  /** the view follows the current step's devices (undefined: autoFollow decides) */
  follow?: boolean;
  /** Follow's default: on when the walk's devices cannot all be shown large enough to read (canvas/Camera) */
  autoFollow: boolean;
  setFollow(on: boolean): void;
  setAutoFollow(on: boolean): void;
  /** plays or pauses (at the speed, to the end) */
  setPlaying(on: boolean): void;
  /** plays fast up to step `target`, then pauses */
  playUntil(target: number): void;
  setSpeed(speed: Speed): void;
  toggleProtocol(p: Protocol): void;
  setSide(tab: SideTab): void;
  setFrame(i: number): void;
  setField(path: string | undefined): void;
  setHex(on: boolean): void;
  setPduOpen(open: boolean): void;
}

export const usePlayerView = create<PlayerViewState>()((set) => ({
  playing: false,
  speed: 1,
  protocols: { arp: true, stp: true, icmp: true, udp: true, tcp: true, other: true },
  side: 'headers',
  frame: -1,
  hex: false,
  pduOpen: false,
  autoFollow: false,
  setPlaying: (playing) => set({ playing, until: undefined }),
  playUntil: (until) => set({ playing: true, until }),
  setSpeed: (speed) => set({ speed }),
  toggleProtocol: (p) => set((s) => ({ protocols: { ...s.protocols, [p]: !s.protocols[p] } })),
  setSide: (side) => set({ side }),
  setFrame: (frame) => set({ frame }),
  setField: (field) => set(field === undefined ? { field: undefined } : { field }),
  setHex: (hex) => set({ hex }),
  setPduOpen: (pduOpen) => set({ pduOpen }),
  setFollow: (follow) => set({ follow }),
  setAutoFollow: (autoFollow) => set({ autoFollow }),
}));

/** How long a step takes now, in ms: its frame's trip, and playing's pace. */
export const selectStepMs = (s: Pick<PlayerViewState, 'speed' | 'until'>): number => STEP_MS / s.speed / (s.until === undefined ? 1 : FAST);

/** Is the view following the steps? (the user's choice, else the walk's default) */
export const selectFollow = (s: PlayerViewState): boolean => s.follow ?? s.autoFollow;

/** Jumps to a step (a row of the event list, a lesson's key step, a link's step): pauses, shows the step's default frame. */
export function jumpTo(index: number): void {
  usePlayerView.getState().setPlaying(false);
  usePlayerView.getState().setFrame(-1);
  useAppStore.getState().setCursor(index);
}
