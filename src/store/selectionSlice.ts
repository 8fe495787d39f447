// What the user has selected on the canvas, as ids: node names and link ids (see linkKey).

import type { StateCreator } from 'zustand';
import type { AppState, StoreMutators } from './store';
import { linkKey } from '../engine/pure';

export interface SelectionSlice {
  selectedNodes: string[];
  selectedLinks: string[];
  setNodeSelected(name: string, selected: boolean): void;
  setLinkSelected(id: string, selected: boolean): void;
  /** Replaces the selection. */
  select(nodes: string[], links?: string[]): void;
  /** Every device and link of the open topology. */
  selectAll(): void;
  clearSelection(): void;
}

const toggled = (ids: string[], id: string, on: boolean): string[] =>
  on ? (ids.includes(id) ? ids : [...ids, id]) : ids.includes(id) ? ids.filter((x) => x !== id) : ids;

export const createSelectionSlice: StateCreator<AppState, StoreMutators, [], SelectionSlice> = (set, get) => ({
  selectedNodes: [],
  selectedLinks: [],
  setNodeSelected: (name, on) => set((s) => ({ selectedNodes: toggled(s.selectedNodes, name, on) })),
  setLinkSelected: (id, on) => set((s) => ({ selectedLinks: toggled(s.selectedLinks, id, on) })),
  select: (nodes, links = []) => set({ selectedNodes: nodes, selectedLinks: links }),
  selectAll: () => {
    const { doc } = get();
    if (doc.status !== 'ready') return;
    set({ selectedNodes: doc.topology.nodes.map((n) => n.name), selectedLinks: doc.topology.links.map(linkKey) });
  },
  clearSelection: () => set({ selectedNodes: [], selectedLinks: [] }),
});
