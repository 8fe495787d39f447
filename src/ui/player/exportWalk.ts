// The walk for Wireshark: every frame as pcapng through the worker, each frame.tx commented with
// its step's explanation in the active language; or one link's frames as classic pcap. An empty
// walk (no frame on a wire) gives a message, not a file.

import i18n from '../../i18n';
import type { Topology } from '../../engine';
import { selectTopology, useAppStore, type DoneRun } from '../../store';
import type { SimClient } from '../../worker/protocol';
import { downloadBytes, fileSafe } from '../commands/download';
import { toast } from '../toast/toastStore';
import { explainStep, walkContext, type Translate } from './explain';

/** Comments per frame.tx seq: the explanation of the step that sent the frame, one sentence a line. */
export function walkComments(walk: DoneRun, topology: Topology, t: Translate): Record<number, string[]> {
  const ctx = walkContext(walk, topology);
  const out: Record<number, string[]> = {};
  for (const step of walk.steps) {
    if (step.tx.length === 0) continue;
    const lines = [`${t('player.controls.position', { step: step.index + 1, count: walk.steps.length })}${step.node ? ` · ${step.node}` : ''}`, ...explainStep(ctx, step, t)];
    for (const tx of step.tx) out[tx.seq] = lines;
  }
  return out;
}

/** A name made safe for a file name (letters, digits, dot, dash, underscore). */

/** Downloads TOPOLOGY-walk.pcapng; false (with a message) when there is nothing to export. */
export async function exportPcapng(client: SimClient): Promise<boolean> {
  const s = useAppStore.getState();
  const topology = selectTopology(s);
  if (!topology || s.lastRun.status !== 'done') {
    toast('info', i18n.t('player.export.noWalk'), { testId: 'export-empty' });
    return false;
  }
  const walk = s.lastRun;
  if (!walk.result.events.some((e) => e.kind === 'frame.tx' && e.link)) {
    toast('info', i18n.t('player.export.empty'), { testId: 'export-empty' });
    return false;
  }
  const comments = walkComments(walk, topology, i18n.t.bind(i18n) as unknown as Translate);
  const r = await client.exportPcapng(topology, { events: walk.result.events }, comments);
  if (!r.ok) {
    toast(r.code === 'empty-walk' ? 'info' : 'error', r.code === 'empty-walk' ? i18n.t('player.export.empty') : i18n.t('player.export.failed', { message: r.message }), { testId: 'export-empty' });
    return false;
  }
  const file = `${fileSafe(topology.name)}-walk.pcapng`;
  downloadBytes(file, r.bytes, 'application/vnd.tcpdump.pcap');
  toast('success', i18n.t('player.export.done', { file }));
  return true;
}

/** Downloads one link's frames as TOPOLOGY-LINK.pcap. */
export async function exportLinkPcap(client: SimClient, link: string): Promise<boolean> {
  const s = useAppStore.getState();
  const topology = selectTopology(s);
  if (!topology || s.lastRun.status !== 'done') {
    toast('info', i18n.t('player.export.noWalk'), { testId: 'export-empty' });
    return false;
  }
  const r = await client.exportPcap(topology, { events: s.lastRun.result.events }, link);
  if (!r.ok) {
    toast('info', r.code === 'no-frames-on-link' ? i18n.t('player.export.emptyLink') : i18n.t('player.export.failed', { message: r.message }), { testId: 'export-empty' });
    return false;
  }
  const file = `${fileSafe(topology.name)}-${fileSafe(link)}.pcap`;
  downloadBytes(file, r.bytes, 'application/vnd.tcpdump.pcap');
  toast('success', i18n.t('player.export.done', { file }));
  return true;
}
