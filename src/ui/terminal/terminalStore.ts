// Which devices have a terminal open (tabs, in the order they were opened), the one shown, and
// the device menu opened on the diagram (right click). View state only: never in the document,
// the undo history or the autosave. Opening the first terminal loads the terminal itself
// (xterm.js, app/LazyParts.tsx).

import { create } from 'zustand';

interface TerminalState {
  tabs: string[];
  active: string | undefined;
  /** the panel is shown (closing it keeps the sessions; the × of a tab ends one) */
  shown: boolean;
  /** a device's context menu on the diagram, at a point of the window */
  menu: { node: string; x: number; y: number } | undefined;
  openTerminal(node: string): void;
  closeTab(node: string): void;
  setActive(node: string): void;
  hide(): void;
  /** a device was renamed (`hostname NAME` or the inspector): its tab follows */
  renamed(from: string, to: string): void;
  openMenu(node: string, x: number, y: number): void;
  closeMenu(): void;
}

export const useTerminals = create<TerminalState>()((set) => ({
  tabs: [],
  active: undefined,
  shown: false,
  menu: undefined,
  openTerminal: (node) => set((s) => ({ tabs: s.tabs.includes(node) ? s.tabs : [...s.tabs, node], active: node, shown: true, menu: undefined })),
  closeTab: (node) =>
    set((s) => {
      const tabs = s.tabs.filter((t) => t !== node);
      const at = s.tabs.indexOf(node);
      return { tabs, active: s.active === node ? tabs[Math.min(at, tabs.length - 1)] : s.active, shown: s.shown && tabs.length > 0 };
    }),
  setActive: (node) => set({ active: node, shown: true }),
  hide: () => set({ shown: false }),
  renamed: (from, to) => set((s) => ({ tabs: s.tabs.map((t) => (t === from ? to : t)), active: s.active === from ? to : s.active })),
  openMenu: (node, x, y) => set({ menu: { node, x, y } }),
  closeMenu: () => set({ menu: undefined }),
}));
