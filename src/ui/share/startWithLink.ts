// At startup a link in the URL fragment (link.ts) comes first: a shared network with its walk
// and step, or a lesson. One that cannot be opened is reported and the app starts as it would
// without it. A link pasted into the address bar of an open page (hashchange) opens too. What
// opens a link (openLink.ts, with the walk's PDU, the lessons and the layout) is loaded only when
// there is one: most pages start without.

import { addEnglish } from '../../i18n';
import type { SimClient } from '../../worker/protocol';
import { readLink, setHash, type LinkRequest } from './link';

const openLink = async (client: SimClient, link: LinkRequest, options: { startup?: boolean } = {}): Promise<boolean> =>
  (await Promise.all([import('./openLink'), addEnglish('lessons')]))[0].openLink(client, link, options);

let listening = false;

/**
 * At startup: opens the link in the URL, else (or when it cannot be opened) runs `otherwise`
 * (the usual startup). From then on, opens links pasted into the address bar.
 */
export async function startWithLink(client: SimClient, otherwise: () => Promise<unknown>): Promise<void> {
  if (!listening && typeof window !== 'undefined') {
    listening = true;
    window.addEventListener('hashchange', () => {
      const link = readLink(window.location.hash);
      if (link.kind !== 'none') void openLink(client, link).then((opened) => opened || setHash(''));
    });
  }
  const link = readLink(window.location.hash);
  if (link.kind !== 'none') {
    if (await openLink(client, link, { startup: true })) return;
    // A reload should not repeat the error: the broken link leaves the address bar.
    setHash('');
  }
  await otherwise();
}
