// The app's one store, built from slices (zustand's slices pattern). It holds ids and source
// data only: the topology, what is selected, the last run. Everything else is derived by the
// selectors in selectors.ts.

import { create } from 'zustand';
import { createLastRunSlice, type LastRunSlice } from './lastRunSlice';
import { createSelectionSlice, type SelectionSlice } from './selectionSlice';
import { createTopologySlice, type TopologySlice } from './topologySlice';

export type AppState = TopologySlice & SelectionSlice & LastRunSlice;

export const useAppStore = create<AppState>()((...a) => ({
  ...createTopologySlice(...a),
  ...createSelectionSlice(...a),
  ...createLastRunSlice(...a),
}));

/** Puts the store back as it was when the app started (tests). */
export function resetAppStore(): void {
  useAppStore.setState(useAppStore.getInitialState(), true);
}
