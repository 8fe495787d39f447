// The network document being edited (or why it could not be opened) and the edits on it. Every
// edit is one undo step (zundo's temporal middleware records `doc` only, see store.ts), clears the
// last run (it belonged to the network as it was) and drops selected ids that no longer exist.
// Opening a document (a file, an example, New) starts a new history, as in draw.io or Packet
// Tracer: Ctrl+Z never reaches back into another file.

import type { TemporalState } from 'zundo';
import type { StateCreator, StoreApi } from 'zustand';
import type { Position, Problem, Role, Topology } from '../engine';
import { addDevice, connect, deleteLinks, deleteNodes, linkKey, moveNodes, renameNode, setIpForward, type ConnectResult } from '../engine/pure';
import { clearedRun } from './lastRunSlice';
import type { AppState, StoreMutators } from './store';

export type DocumentState =
  | { status: 'loading' }
  | { status: 'ready'; topology: Topology }
  | { status: 'failed'; message: string; problems: Problem[] };

export interface OpenOptions {
  /** Should autosave keep this document? false for an example named by the URL, until it is edited. */
  persist?: boolean;
  /** Was it changed since it was last written to a file? (true when restored from an edited autosave) */
  edited?: boolean;
}

export interface EditOptions {
  /** replaces the selection afterwards (else ids that no longer exist are dropped from it) */
  select?: { nodes?: string[]; links?: string[] };
  /**
   * Keep the last run: only for edits that change no device, link or setting (moving devices
   * on the canvas), so that dragging a device does not close the output being read.
   */
  keepRun?: boolean;
}

export interface TopologySlice {
  doc: DocumentState;
  /** autosave writes the document (see OpenOptions.persist); every edit turns it on */
  persist: boolean;
  /** changed since it was opened or saved to a file: replacing it asks first */
  edited: boolean;
  /** counts the documents opened (the canvas starts afresh, fitted to the new network) */
  docSerial: number;
  /** Opens a topology: a new history; clears the selection and the last run. */
  openTopology(topology: Topology, options?: OpenOptions): void;
  /** Records that a topology could not be opened (at startup: nothing else to show). */
  openFailed(message: string, problems?: Problem[]): void;
  /**
   * Applies one edit (one undo step). Returns false, and changes nothing, when there is no open
   * topology or the edit changed nothing. `select` replaces the selection afterwards.
   */
  edit(fn: (t: Topology) => Topology, options?: EditOptions): boolean;
  /** The document was written to a file. */
  markSaved(): void;
  undo(): void;
  redo(): void;
  /** Adds a device of a role at a canvas position (its centre) and selects it; returns its name. */
  addDevice(role: Role, position: Position): string | undefined;
  /** Links two devices (see connect); the first one is selected afterwards. */
  connect(a: string, b: string): ConnectResult | undefined;
  /** Deletes the selected devices (with their links) and the selected links. */
  deleteSelection(): void;
  /** Moves devices (one undo step for all of them: a drag of a multi-selection). */
  moveNodes(positions: Record<string, Position>): void;
  moveNode(name: string, position: Position): void;
  /** Renames a device (the caller has checked the new name). */
  renameNode(from: string, to: string): void;
  setIpForward(node: string, on: boolean): void;
}

/** Selected ids that still exist in the topology. */
function pruneSelection(s: AppState, t: Topology): Pick<AppState, 'selectedNodes' | 'selectedLinks'> {
  const names = new Set(t.nodes.map((n) => n.name));
  const ids = new Set(t.links.map(linkKey));
  const nodes = s.selectedNodes.filter((n) => names.has(n));
  const links = s.selectedLinks.filter((l) => ids.has(l));
  return {
    selectedNodes: nodes.length === s.selectedNodes.length ? s.selectedNodes : nodes,
    selectedLinks: links.length === s.selectedLinks.length ? s.selectedLinks : links,
  };
}

export const createTopologySlice: StateCreator<AppState, StoreMutators, [], TopologySlice> = (set, get, api) => {
  // zundo types the history store as `unknown` inside the state creator; it is this.
  const history = () => (api as unknown as { temporal: StoreApi<TemporalState<Partial<AppState>>> }).temporal.getState();
  /** After undo or redo: the document changed under the selection and the last run. */
  const afterTimeTravel = () => {
    const s = get();
    if (s.doc.status !== 'ready') return;
    set({ ...pruneSelection(s, s.doc.topology), lastRun: clearedRun(s.lastRun), persist: true, edited: true });
  };

  const slice: TopologySlice = {
    doc: { status: 'loading' },
    persist: false,
    edited: false,
    docSerial: 0,
    openTopology: (topology, options = {}) => {
      set({
        docSerial: get().docSerial + 1,
        doc: { status: 'ready', topology },
        persist: options.persist ?? true,
        edited: options.edited ?? false,
        selectedNodes: [],
        selectedLinks: [],
        lastRun: { status: 'idle' },
      });
      history().clear();
    },
    openFailed: (message, problems = []) => {
      set({ doc: { status: 'failed', message, problems }, persist: false, selectedNodes: [], selectedLinks: [], lastRun: { status: 'idle' } });
      history().clear();
    },
    edit: (fn, { select, keepRun = false } = {}) => {
      const s = get();
      if (s.doc.status !== 'ready') return false;
      const topology = fn(s.doc.topology);
      if (topology === s.doc.topology) return false;
      const pruned = pruneSelection(s, topology);
      set({
        doc: { status: 'ready', topology },
        persist: true,
        edited: true,
        ...(keepRun ? {} : { lastRun: clearedRun(s.lastRun) }),
        selectedNodes: select?.nodes ?? pruned.selectedNodes,
        selectedLinks: select?.links ?? pruned.selectedLinks,
      });
      return true;
    },
    markSaved: () => set({ edited: false }),
    undo: () => {
      if (!history().pastStates.length) return;
      history().undo();
      afterTimeTravel();
    },
    redo: () => {
      if (!history().futureStates.length) return;
      history().redo();
      afterTimeTravel();
    },
    addDevice: (role, position) => {
      let name: string | undefined;
      get().edit(
        (t) => {
          const r = addDevice(t, role, position);
          name = r.name;
          return r.topology;
        },
        { select: { nodes: [], links: [] } },
      );
      if (name) set({ selectedNodes: [name], selectedLinks: [] });
      return name;
    },
    connect: (a, b) => {
      const s = get();
      if (s.doc.status !== 'ready') return undefined;
      const r = connect(s.doc.topology, a, b);
      // The device the link was drawn from stays selected: its new interface is what is configured next.
      if (r.kind === 'ok') get().edit(() => r.topology, { select: { nodes: [a], links: [] } });
      return r;
    },
    deleteSelection: () => {
      const { selectedNodes, selectedLinks } = get();
      if (!selectedNodes.length && !selectedLinks.length) return;
      get().edit((t) => deleteNodes(deleteLinks(t, selectedLinks), selectedNodes), { select: { nodes: [], links: [] } });
    },
    moveNodes: (positions) => void get().edit((t) => moveNodes(t, positions), { keepRun: true }),
    moveNode: (name, position) => void get().edit((t) => moveNodes(t, { [name]: position }), { keepRun: true }),
    renameNode: (from, to) => {
      const s = get();
      get().edit((t) => renameNode(t, from, to), { select: { nodes: s.selectedNodes.map((n) => (n === from ? to : n)), links: [] } });
    },
    setIpForward: (node, on) => void get().edit((t) => setIpForward(t, node, on)),
  };
  return slice;
};
