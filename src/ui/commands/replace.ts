// Before the network on screen is replaced (New, Open…, an example): if it was changed since it
// was opened or saved, ask. Opening starts a new history, so undo could not bring it back.

import i18n from '../../i18n';
import { useAppStore } from '../../store';
import { useConfirm } from '../dialog/confirmStore';

export async function confirmReplace(): Promise<boolean> {
  const s = useAppStore.getState();
  if (s.doc.status !== 'ready' || !s.edited || s.doc.topology.nodes.length === 0) return true;
  return useConfirm.getState().ask({
    title: i18n.t('files.replaceTitle'),
    message: i18n.t('files.replaceMessage', { name: s.doc.topology.name }),
    confirm: i18n.t('files.replaceConfirm'),
    cancel: i18n.t('dialog.cancel'),
  });
}
