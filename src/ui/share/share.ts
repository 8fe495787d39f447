// Share: a link to the network on screen, the walk shown and its step, copied to the clipboard.
// A lesson's own walk on its unedited network is shared as the short lesson link
// (`#lesson=ID&step=N`); anything else (a lesson's walk with a link cut in it too) as
// `#share=v1.…` (walk/share/codec.ts), made by the worker, with the links cut during the walk. The
// link is also shown in the message when the clipboard refuses it, to be copied by hand.

import i18n from '../../i18n';
import { selectTopology, useAppStore } from '../../store';
import type { SimClient } from '../../worker/protocol';
import { useLessonStore } from '../lessons/lessonStore';
import { toast } from '../toast/toastStore';
import { MAX_LINK_CHARS, SHARE_PREFIX, SHARE_VERSION, type SharedWalk } from '../../walk/share/limits';
import { lessonHash, linkUrl, shareHash } from './link';

export interface ShareOptions {
  clipboard?: Pick<Clipboard, 'writeText'>;
  location?: Pick<Location, 'href'>;
}

/** Copies the link; returns it (undefined when there is nothing to share or it is too large). */
export async function share(client: SimClient, options: ShareOptions = {}): Promise<string | undefined> {
  const s = useAppStore.getState();
  const topology = selectTopology(s);
  if (!topology) return undefined;
  const walk = s.lastRun.status === 'done' ? s.lastRun : undefined;
  const step = walk ? walk.cursor + 1 : 0;
  const lesson = useLessonStore.getState().active;
  let hash: string;
  let message: string;
  const cuts = walk?.source.cuts?.length ? { cuts: walk.source.cuts } : {};
  if (lesson && lesson.topology === topology && walk?.source.kind === 'scenario' && !walk.source.cuts?.length) {
    hash = lessonHash(lesson.lesson.id, step, lesson.walk);
    message = i18n.t('lessons.share.copiedLesson', { title: i18n.t(`lessons.titles.${lesson.lesson.id}`), step });
  } else {
    const shared: SharedWalk | undefined = walk?.source.kind === 'scenario' ? { kind: 'scenario', ...cuts } : walk?.source.pdu ? { kind: 'pdu', pdu: walk.source.pdu, ...cuts } : undefined;
    const text = await client.makeShareLink({ app: 'packetwalk', v: SHARE_VERSION, topology, ...(shared ? { walk: shared, step } : {}) });
    const chars = text.length - SHARE_PREFIX.length;
    if (chars > MAX_LINK_CHARS) {
      toast('error', i18n.t('lessons.share.tooLarge', { chars: chars.toLocaleString(i18n.language), max: MAX_LINK_CHARS.toLocaleString(i18n.language) }), { testId: 'share-too-large' });
      return undefined;
    }
    hash = shareHash(text);
    message = !shared ? i18n.t('lessons.share.copiedNetwork') : step > 0 ? i18n.t('lessons.share.copied', { step }) : i18n.t('lessons.share.copiedStart');
  }
  const url = linkUrl(hash, options.location);
  try {
    const clipboard = options.clipboard ?? navigator.clipboard;
    await clipboard.writeText(url);
    toast('success', message, { testId: 'share-copied' });
  } catch {
    toast('info', i18n.t('lessons.share.copyFailed'), { details: [url], testId: 'share-copy-failed' });
  }
  return url;
}
