// The dialog's state: whether it is open, the design chosen and what was typed in each field
// (kept while it is closed, so reopening it shows the last size). View state: no undo, no
// autosave. Small and free of the dialog itself, which is loaded when first opened.

import { create } from 'zustand';
import { DEFAULTS, type Design } from '../../walk/fabricSize';

const asText = (values: Record<string, number>) => Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v)]));

interface GeneratorState {
  open: boolean;
  design: Design;
  values: Record<Design, Record<string, string>>;
  /** one next hop per prefix instead of ECMP */
  singlePath: boolean;
  /** the scenario: a ping, or flows (as many as typed in `flows`) */
  scenario: 'ping' | 'flows';
  flows: string;
  setOpen(open: boolean): void;
  setDesign(design: Design): void;
  setValue(field: string, text: string): void;
  setRun(run: Partial<Pick<GeneratorState, 'singlePath' | 'scenario' | 'flows'>>): void;
}

export const useGenerator = create<GeneratorState>()((set) => ({
  open: false,
  design: 'three-tier',
  values: { 'leaf-spine': asText(DEFAULTS['leaf-spine']), 'three-tier': asText(DEFAULTS['three-tier']) },
  setOpen: (open) => set({ open }),
  setDesign: (design) => set({ design }),
  singlePath: false,
  scenario: 'ping',
  flows: '8',
  setValue: (field, text) => set((s) => ({ values: { ...s.values, [s.design]: { ...s.values[s.design], [field]: text } } })),
  setRun: (run) => set(run),
}));
