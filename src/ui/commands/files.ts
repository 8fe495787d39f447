// The File menu: New, Open… (packetwalk JSON or a containerlab file), Save as JSON, Export as
// containerlab YAML. A file that fails validation opens nothing: its problems are listed (file,
// line, iproute2's message) and the network on screen stays as it was.

import type { Problem } from '../../engine';
import { emptyTopology, maxFileBytes, textEncoding } from '../../engine/pure';
import i18n from '../../i18n';
import { selectTopology, useAppStore } from '../../store';
import type { SimClient } from '../../worker/protocol';
import { autoLayout } from '../layout/autoLayout';
import { toast, withProgress } from '../toast/toastStore';
import { bridgeSetup } from './clabImage';
import { clabLabName, downloadText, fileSafe, type SaveFile } from './download';
import { confirmReplace } from './replace';

export const problemText = (p: Problem): string => `${p.file}${p.line !== undefined ? `:${p.line}` : ''}: ${p.message}`;

/** Starts an empty network (a new history). */
export async function newTopology(): Promise<boolean> {
  if (!(await confirmReplace())) return false;
  useAppStore.getState().openTopology(emptyTopology());
  return true;
}

/** A file the user picked (or dropped): its name and a way to read it. */
export interface PickedFile {
  name: string;
  size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** A file's text: UTF-16 when it starts with a byte order mark, else UTF-8 (as the CLI reads it). */
async function fileText(file: PickedFile): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  return new TextDecoder(textEncoding(bytes)).decode(bytes);
}

/** Opens a file; returns true when it was opened. Files larger than their bound (maxFileBytes) are refused before they are read. */
export async function openFile(client: SimClient, file: PickedFile): Promise<boolean> {
  if (file.size > maxFileBytes(file.name)) {
    toast('error', i18n.t('files.openFailed', { file: file.name }), { details: [i18n.t('files.tooLarge', { mb: maxFileBytes(file.name) / 1024 / 1024 })], testId: 'open-error' });
    return false;
  }
  const parsed = await withProgress(i18n.t('files.opening', { file: file.name }), async () => {
    const text = await fileText(file);
    const r = await client.parseTopologyFile(text, file.name);
    return r.ok ? { ok: true as const, topology: await autoLayout(r.topology) } : r;
  }).catch((e: unknown) => ({ ok: false as const, problems: [{ file: file.name, message: e instanceof Error ? e.message : String(e) }] }));
  if (!parsed.ok) {
    toast('error', i18n.t('files.openFailed', { file: file.name }), { details: parsed.problems.map(problemText), testId: 'open-error' });
    return false;
  }
  if (!(await confirmReplace())) return false;
  useAppStore.getState().openTopology(parsed.topology);
  toast('success', i18n.t('files.opened', { file: file.name }), { testId: 'opened' });
  return true;
}

export async function saveJson(client: SimClient, save: SaveFile = downloadText): Promise<boolean> {
  const t = selectTopology(useAppStore.getState());
  if (!t) return false;
  const file = `${fileSafe(t.name)}.json`;
  const text = await withProgress(i18n.t('files.saving', { file }), () => client.exportJson(t));
  save(file, text, 'application/json');
  useAppStore.getState().markSaved();
  toast('success', i18n.t('files.saved', { file }), { testId: 'saved' });
  return true;
}

export async function exportClab(client: SimClient, save: SaveFile = downloadText): Promise<boolean> {
  const t = selectTopology(useAppStore.getState());
  if (!t) return false;
  const file = `${clabLabName(t.name)}.clab.yml`;
  const { text, warnings } = await withProgress(i18n.t('files.saving', { file }), () => client.exportClab({ ...t, name: clabLabName(t.name) }));
  save(file, text, 'application/yaml');
  useAppStore.getState().markSaved();
  const bridges = t.nodes.filter((n) => n.kind === 'bridge').map((n) => n.name);
  const details = [...warnings, ...(bridges.length ? [i18n.t('files.bridgesFirst'), ...bridgeSetup(bridges)] : [])];
  toast(details.length ? 'info' : 'success', i18n.t('files.exported', { file }), { details, testId: 'exported' });
  return true;
}
