// Messages that appear for a moment in a corner: what an action did (a file saved, routes the
// kernel removed), what went wrong (a file that could not be opened, with each problem), and
// long operations in progress. View state: not part of the document, not in the app store.

import { create } from 'zustand';

export type ToastKind = 'info' | 'success' | 'error' | 'progress';

export interface Toast {
  id: number;
  kind: ToastKind;
  /** already translated */
  message: string;
  /** one line each, shown under the message (problems of a file, warnings of an export) */
  details?: string[];
  /** a test id suffix: toast.<testId> */
  testId?: string;
}

interface ToastState {
  toasts: Toast[];
  push(toast: Omit<Toast, 'id'>): number;
  dismiss(id: number): void;
  clear(): void;
}

let nextId = 1;

/** How long a message stays (a notice longer than a success); errors and progress stay until dismissed or done. */
export const TOAST_MS = { success: 4000, info: 9000 } as const;

export const useToasts = create<ToastState>()((set) => ({
  toasts: [],
  push: (toast) => {
    const id = nextId++;
    set((s) => ({ toasts: [...s.toasts.slice(-2), { ...toast, id }] }));
    if ((toast.kind === 'info' || toast.kind === 'success') && typeof window !== 'undefined') {
      window.setTimeout(() => useToasts.getState().dismiss(id), TOAST_MS[toast.kind]);
    }
    return id;
  },
  dismiss: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
  clear: () => set({ toasts: [] }),
}));

export const toast = (kind: ToastKind, message: string, extra: Pick<Toast, 'details' | 'testId'> = {}): number =>
  useToasts.getState().push({ kind, message, ...extra });

/** Shows a progress message while `work` runs. */
export async function withProgress<T>(message: string, work: () => Promise<T>): Promise<T> {
  const id = toast('progress', message, { testId: 'progress' });
  try {
    return await work();
  } finally {
    useToasts.getState().dismiss(id);
  }
}
