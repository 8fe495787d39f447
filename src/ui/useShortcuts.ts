// The keyboard shortcuts of the editor (listed in the help panel, see HelpDialog.SHORTCUTS).
// They act on the canvas and the document, never while the user types in a field (there the
// browser's own undo, copy and paste apply) or while a dialog is open.

import { useReactFlow } from '@xyflow/react';
import { useEffect } from 'react';
import { useAppStore } from '../store';
import { simClient } from '../worker/client';
import { saveJson } from './commands/files';
import { FIT_VIEW_OPTIONS } from './canvas/Camera';
import { pickFile } from './header/FileInput';
import { useView } from './viewStore';
import { useTerminals } from './terminal/terminalStore';

/** Is the user typing somewhere (where keys belong to the field)? */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(target.type);
}

// Copy and paste come with their first use (they bring the engine's copy of devices).
const clipboard = () => import('./commands/clipboard');

export function useShortcuts(): void {
  const { fitView } = useReactFlow();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || document.querySelector('dialog[open]')) return;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      const store = useAppStore.getState();
      // Save and open work everywhere, also from a field.
      if (mod && !e.shiftKey && key === 's') {
        e.preventDefault();
        void saveJson(simClient());
        return;
      }
      if (mod && !e.shiftKey && key === 'o') {
        e.preventDefault();
        pickFile();
        return;
      }
      if (isTyping(e.target)) return;
      let handled = true;
      if (mod && key === 'z' && !e.shiftKey) store.undo();
      else if (mod && ((key === 'z' && e.shiftKey) || key === 'y')) store.redo();
      else if (mod && (key === 'c' || key === 'x')) {
        // Nothing selected: the browser's own copy or cut.
        handled = store.selectedNodes.length > 0;
        if (handled) void clipboard().then((c) => (key === 'c' ? c.copyAndSay() : c.cutSelection()));
      } else if (mod && key === 'v') void clipboard().then((c) => c.paste(simClient()));
      else if (mod && key === 'd') void clipboard().then((c) => c.duplicateSelection(simClient()));
      else if (mod && key === 'a') store.selectAll();
      else if (mod || e.altKey) handled = false;
      else if (e.key === 'Delete' || e.key === 'Backspace') store.deleteSelection();
      else if (e.key === 'Escape') store.clearSelection();
      else if (e.key === '?' || e.key === 'F1') useView.getState().setHelpOpen(true);
      else if (key === 'f') void fitView(FIT_VIEW_OPTIONS);
      else if (key === 'g') useView.getState().toggleSnap();
      else if (key === 't') {
        // The selected device's terminal, else the first device's.
        const node = store.selectedNodes[0] ?? (store.doc.status === 'ready' ? store.doc.topology.nodes[0]?.name : undefined);
        if (node) useTerminals.getState().openTerminal(node);
        else handled = false;
      }
      else handled = false;
      if (handled) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [fitView]);
}
