// A question the app asks before it throws work away (replacing an edited network). One at a
// time; the ConfirmDialog component shows it and resolves the promise with the answer.

import { create } from 'zustand';

export interface ConfirmRequest {
  title: string;
  message: string;
  confirm: string;
  cancel: string;
}

interface ConfirmState {
  request: (ConfirmRequest & { resolve: (ok: boolean) => void }) | undefined;
  ask(request: ConfirmRequest): Promise<boolean>;
  answer(ok: boolean): void;
}

export const useConfirm = create<ConfirmState>()((set, get) => ({
  request: undefined,
  ask: (request) =>
    new Promise<boolean>((resolve) => {
      get().request?.resolve(false);
      set({ request: { ...request, resolve } });
    }),
  answer: (ok) => {
    const r = get().request;
    set({ request: undefined });
    r?.resolve(ok);
  },
}));
