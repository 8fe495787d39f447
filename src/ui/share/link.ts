// The app's links live in the URL fragment (never sent to a server):
//   #share=v1.…                 a shared network, walk and step (walk/share/codec.ts)
//   #lesson=same-subnet&step=5  a lesson, at step 5 (0 or none: its start)
// Anything else in the fragment is not ours and is left alone.

/** What the fragment asks the app to open. */
export type LinkRequest = { kind: 'none' } | { kind: 'share'; text: string } | { kind: 'lesson'; id: string; step: number };

const SHARE = '#share=';
const LESSON = /^#lesson=/;

export function readLink(hash: string): LinkRequest {
  // lz-string's URI alphabet has '+', which URLSearchParams would read as a space: taken as it is.
  if (hash.startsWith(SHARE)) return { kind: 'share', text: hash.slice(SHARE.length) };
  if (LESSON.test(hash)) {
    const params = new URLSearchParams(hash.slice(1));
    const step = Number(params.get('step') ?? 0);
    return { kind: 'lesson', id: params.get('lesson') ?? '', step: Number.isInteger(step) && step > 0 ? step : 0 };
  }
  return { kind: 'none' };
}

export const shareHash = (text: string): string => `${SHARE}${text}`;

export const lessonHash = (id: string, step = 0): string => `#lesson=${encodeURIComponent(id)}${step > 0 ? `&step=${step}` : ''}`;

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
