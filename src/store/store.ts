// The app's one store, built from slices (zustand's slices pattern). It holds ids and source
// data only: the topology, what is selected, the last run. Everything else is derived by the
// selectors in selectors.ts. zundo's `temporal` keeps the history of the document alone (not the
// selection, not the last run): undo and redo move between versions of the network.

import { temporal } from 'zundo';
import { create } from 'zustand';
import { createLastRunSlice, type LastRunSlice } from './lastRunSlice';
import { createSelectionSlice, type SelectionSlice } from './selectionSlice';
import { createTopologySlice, type TopologySlice } from './topologySlice';

export type AppState = TopologySlice & SelectionSlice & LastRunSlice;

/** The middlewares the slices are created under (for their StateCreator type). */
export type StoreMutators = [['temporal', unknown]];

/** How many edits undo can go back. */
export const HISTORY_LIMIT = 200;

export const useAppStore = create<AppState>()(
  temporal(
    (...a) => ({
      ...createTopologySlice(...a),
      ...createSelectionSlice(...a),
      ...createLastRunSlice(...a),
    }),
    {
      partialize: (s): Partial<AppState> => ({ doc: s.doc }),
      // A new step only when the document itself changed (selection and runs are not history).
      equality: (past, now) => past.doc === now.doc,
      limit: HISTORY_LIMIT,
    },
  ),
);

/** Puts the store back as it was when the app started (tests). */
export function resetAppStore(): void {
  useAppStore.setState(useAppStore.getInitialState(), true);
  useAppStore.temporal.getState().clear();
}
