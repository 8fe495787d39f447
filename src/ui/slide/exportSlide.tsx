// Downloads the current step as a slide, TOPOLOGY-step-N.png or .svg (see slide.ts). This module is
// loaded on demand by the player's Slide menu, so the main bundle carries none of it. In the
// browser: text is measured on a canvas in the slide's own fonts (canvas/text.ts), the devices' symbols are the
// canvas's own (icons.ts), and the PNG is the SVG drawn on a canvas.

import i18n from '../../i18n';
import type { Role } from '../../engine';
import { selectTopology, useAppStore } from '../../store';
import { iconMarkup, ROLE_COLOURS, ROLES, tint } from '../canvas/icons';
import { downloadBytes, downloadText } from '../commands/download';
import type { Translate } from '../player/explain';
import { fileSafe } from '../commands/download';
import { usePlayerView } from '../player/playerView';
import { toast } from '../toast/toastStore';
import { measureText } from '../canvas/text';
import { buildSlide, stepSlide } from './slide';

export type SlideFormat = 'png' | 'svg';

/** Each role's symbol as SVG markup, with the theme's colours written in (slides have no CSS). */
const icons = (): Record<Role, string> =>
  Object.fromEntries(ROLES.map((role) => [role, iconMarkup(role, ROLE_COLOURS[role], tint(ROLE_COLOURS[role], 0.12))])) as Record<Role, string>;

async function toPng(svg: string, width: number, height: number): Promise<Uint8Array> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image(width, height);
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas');
    ctx.drawImage(img, 0, 0, width, height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new Error('the canvas gave no PNG');
    return new Uint8Array(await blob.arrayBuffer());
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** The slide of the step shown, as SVG text, with the file name it is saved under (without extension). */
export function currentSlide(): { svg: string; width: number; height: number; name: string } | undefined {
  const s = useAppStore.getState();
  const topology = selectTopology(s);
  const run = s.lastRun;
  if (!topology || run.status !== 'done') return undefined;
  const t = i18n.t.bind(i18n) as unknown as Translate;
  const content = stepSlide(
    {
      walk: run,
      topology,
      cursor: run.cursor,
      frame: usePlayerView.getState().frame,
      walkTitle: run.source.kind === 'pdu' ? `${t('player.title')}: ${run.source.label}` : t('player.title'),
      lang: i18n.language,
    },
    t,
  );
  const slide = buildSlide(content, { measure: measureText, icons: icons() });
  return { ...slide, name: `${fileSafe(topology.name)}-step-${run.cursor + 1}` };
}

/** Downloads the step shown as a PNG or SVG slide; false (with a message) when it cannot. */
export async function exportSlide(format: SlideFormat): Promise<boolean> {
  try {
    const slide = currentSlide();
    if (!slide) {
      toast('info', i18n.t('player.export.noWalk'), { testId: 'slide-failed' });
      return false;
    }
    const file = `${slide.name}.${format}`;
    if (format === 'svg') downloadText(file, slide.svg, 'image/svg+xml');
    else downloadBytes(file, await toPng(slide.svg, slide.width, slide.height), 'image/png');
    toast('success', i18n.t('predict.slide.done', { file }));
    return true;
  } catch (e) {
    toast('error', i18n.t('predict.slide.failed', { message: e instanceof Error ? e.message : String(e) }), { testId: 'slide-failed' });
    return false;
  }
}
