// The app's links live in the URL fragment (never sent to a server):
//   #share=v1.…                 a shared network, walk and step (walk/share/codec.ts)
//   #lesson=same-subnet&step=5  a lesson, at step 5 (0 or none: its start)
//   #lesson=loop&walk=2&step=5  a lesson's second walk (a lesson may walk several networks in turn)
// Anything else in the fragment is not ours and is left alone.

/** What the fragment asks the app to open. */
export type LinkRequest = { kind: 'none' } | { kind: 'share'; text: string } | { kind: 'lesson'; id: string; step: number; walk: number };

const SHARE = '#share=';
const LESSON = /^#lesson=/;

export function readLink(hash: string): LinkRequest {
  // lz-string's URI alphabet has '+', which URLSearchParams would read as a space: taken as it is.
  if (hash.startsWith(SHARE)) return { kind: 'share', text: hash.slice(SHARE.length) };
  if (LESSON.test(hash)) {
    const params = new URLSearchParams(hash.slice(1));
    const count = (name: string) => {
      const n = Number(params.get(name) ?? 0);
      return Number.isInteger(n) && n > 0 ? n : 0;
    };
    return { kind: 'lesson', id: params.get('lesson') ?? '', step: count('step'), walk: Math.max(0, count('walk') - 1) };
  }
  return { kind: 'none' };
}

export const shareHash = (text: string): string => `${SHARE}${text}`;

/** `walk` counts from 0 (the lesson's first walk, left out of the link), the link's from 1. */
export const lessonHash = (id: string, step = 0, walk = 0): string => `#lesson=${encodeURIComponent(id)}${walk > 0 ? `&walk=${walk + 1}` : ''}${step > 0 ? `&step=${step}` : ''}`;

/** The page's address with another fragment (what Share copies). */
export function linkUrl(hash: string, location: Pick<Location, 'href'> = window.location): string {
  const url = new URL(location.href);
  url.hash = hash;
  // Only `?example=` could be left in the query, and the link's own network replaces it.
  url.searchParams.delete('example');
  return url.toString();
}

/** Puts a fragment in the address bar without a new history entry or a hashchange event. */
export function setHash(hash: string): void {
  if (typeof window === 'undefined') return;
  const url = new URL(window.location.href);
  url.hash = hash;
  window.history.replaceState(window.history.state, '', url);
}

/** Once the user's own edits are saved, a reload must bring them back, not the link. */
export function forgetLink(): void {
  if (typeof window !== 'undefined' && readLink(window.location.hash).kind !== 'none') setHash('');
}
