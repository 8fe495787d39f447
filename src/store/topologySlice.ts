// The topology being edited: the network document itself, or why it could not be opened.

import type { StateCreator } from 'zustand';
import type { Position, Problem, Topology } from '../engine';
import type { AppState } from './store';

export type DocumentState =
  | { status: 'loading' }
  | { status: 'ready'; topology: Topology }
  | { status: 'failed'; message: string; problems: Problem[] };

export interface TopologySlice {
  doc: DocumentState;
  /** Opens a topology: clears the selection and the last run, which belonged to the old one. */
  openTopology(topology: Topology): void;
  /** Records that a topology could not be opened. */
  openFailed(message: string, problems?: Problem[]): void;
  /** Moves a node on the canvas (its centre, in canvas coordinates). */
  moveNode(name: string, position: Position): void;
}

export const createTopologySlice: StateCreator<AppState, [], [], TopologySlice> = (set) => ({
  doc: { status: 'loading' },
  openTopology: (topology) =>
    set({ doc: { status: 'ready', topology }, selectedNodes: [], selectedLinks: [], lastRun: { status: 'idle' } }),
  openFailed: (message, problems = []) =>
    set({ doc: { status: 'failed', message, problems }, selectedNodes: [], selectedLinks: [], lastRun: { status: 'idle' } }),
  moveNode: (name, position) =>
    set((s) => {
      if (s.doc.status !== 'ready') return {};
      const t = s.doc.topology;
      const i = t.nodes.findIndex((n) => n.name === name);
      const node = t.nodes[i];
      if (!node || (node.position?.x === position.x && node.position?.y === position.y)) return {};
      const nodes = t.nodes.slice();
      nodes[i] = { ...node, position: { x: position.x, y: position.y } };
      return { doc: { status: 'ready', topology: { ...t, nodes } } };
    }),
});
