// What the user has selected on the canvas, as ids: node names and link ids (see linkId).

import type { StateCreator } from 'zustand';
import type { AppState } from './store';

export interface SelectionSlice {
  selectedNodes: string[];
  selectedLinks: string[];
  setNodeSelected(name: string, selected: boolean): void;
  setLinkSelected(id: string, selected: boolean): void;
  clearSelection(): void;
}

const toggled = (ids: string[], id: string, on: boolean): string[] =>
  on ? (ids.includes(id) ? ids : [...ids, id]) : ids.includes(id) ? ids.filter((x) => x !== id) : ids;

export const createSelectionSlice: StateCreator<AppState, [], [], SelectionSlice> = (set) => ({
  selectedNodes: [],
  selectedLinks: [],
  setNodeSelected: (name, on) => set((s) => ({ selectedNodes: toggled(s.selectedNodes, name, on) })),
  setLinkSelected: (id, on) => set((s) => ({ selectedLinks: toggled(s.selectedLinks, id, on) })),
  clearSelection: () => set({ selectedNodes: [], selectedLinks: [] }),
});
