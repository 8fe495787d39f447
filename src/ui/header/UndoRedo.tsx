// Undo and redo buttons; usable when zundo's history has a step that way (else they say so).

import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { useAppStore } from '../../store';
import { ReasonButton } from '../toolbar/ReasonButton';
import { MOD } from './FileMenu';

export function UndoRedo() {
  const { t } = useTranslation();
  const canUndo = useStore(useAppStore.temporal, (s) => s.pastStates.length > 0);
  const canRedo = useStore(useAppStore.temporal, (s) => s.futureStates.length > 0);
  const undo = useAppStore((s) => s.undo);
  const redo = useAppStore((s) => s.redo);
  return (
    <div className="pw-undo" role="group" aria-label={`${t('header.undo')} / ${t('header.redo')}`}>
      <ReasonButton
        type="button"
        className="pw-icon-button pw-icon-button--header"
        aria-label={t('header.undo')}
        title={`${t('header.undo')} (${MOD}+Z)`}
        reason={canUndo ? undefined : t('header.why.nothingToUndo')}
        onClick={undo}
        data-testid="header.undo"
      >
        <svg width="18" height="18" viewBox="0 0 20 20" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round">
          <path d="M7 5 3 9l4 4" />
          <path d="M3 9h9a5 5 0 0 1 0 10h-2" />
        </svg>
        <span className="pw-bar-label">{t('header.undo')}</span>
      </ReasonButton>
      <ReasonButton
        type="button"
        className="pw-icon-button pw-icon-button--header"
        aria-label={t('header.redo')}
        title={`${t('header.redo')} (${MOD}+Shift+Z, ${MOD}+Y)`}
        reason={canRedo ? undefined : t('header.why.nothingToRedo')}
        onClick={redo}
        data-testid="header.redo"
      >
        <svg width="18" height="18" viewBox="0 0 20 20" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round">
          <path d="m13 5 4 4-4 4" />
          <path d="M17 9H8a5 5 0 0 0 0 10h2" />
        </svg>
        <span className="pw-bar-label">{t('header.redo')}</span>
      </ReasonButton>
    </div>
  );
}
