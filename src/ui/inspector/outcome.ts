// Words for what an edit did: the reason it was refused (shown beside the field) and what Linux
// did on the side (routes removed with an address, shown as a notice).

import i18n from '../../i18n';
import type { EditOutcome } from '../commands/applyEdit';
import type { RoutesOutcome } from '../commands/routes';
import { toast } from '../toast/toastStore';
import type { SyntaxError } from './syntax';

/** The reason an edit was not applied, or undefined when it was (or changed nothing). */
export function refusal(o: EditOutcome | RoutesOutcome): string | undefined {
  if (o.kind === 'rejected') return o.messages.join('\n');
  if (o.kind === 'invalid') return o.errors.map((e) => e.message).join('\n');
  return undefined;
}

/** Tells what else changed with an applied edit. */
export function reportSideEffects(o: EditOutcome | RoutesOutcome): void {
  if (o.kind !== 'applied' || !o.droppedRoutes.length) return;
  toast('info', i18n.t('edit.droppedRoutes', { count: o.droppedRoutes.length, routes: o.droppedRoutes.map((r) => `${r.node}: ${r.route}`).join('; ') }), {
    testId: 'dropped-routes',
  });
}

/** The reason, applied edits reported: what a Field's apply returns. */
export function applied(o: EditOutcome | RoutesOutcome): string | undefined {
  reportSideEffects(o);
  return refusal(o);
}

export const syntaxMessage = (e: SyntaxError): string => i18n.t(`syntax.${e.code}`, { text: e.text });
