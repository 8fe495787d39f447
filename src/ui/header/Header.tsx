// The app bar: the name, the File and Examples menus, undo and redo, the open topology, the run
// button, help and the language menu.

import { useTranslation } from 'react-i18next';
import { selectTopology, useAppStore } from '../../store';
import { LessonsMenu } from '../lessons/LessonsMenu';
import { ShareButton } from '../share/ShareButton';
import { useView } from '../viewStore';
import { ExamplesMenu, FileMenu } from './FileMenu';
import { LanguageSelect } from './LanguageSelect';
import { Logo } from './Logo';
import { RunButton } from './RunButton';
import { WalkButton } from './WalkButton';
import { UndoRedo } from './UndoRedo';
import './header.css';

export function Header({ onRun }: { onRun: () => void }) {
  const { t } = useTranslation();
  const name = useAppStore((s) => selectTopology(s)?.name);
  const edited = useAppStore((s) => s.edited);
  const setHelpOpen = useView((s) => s.setHelpOpen);
  return (
    <header className="pw-header">
      <div className="pw-brand">
        <Logo />
        <span className="pw-brand__name">{t('app.name')}</span>
        <span className="pw-brand__tagline">{t('app.tagline')}</span>
      </div>
      <nav className="pw-header__menus" aria-label={t('header.file')}>
        <FileMenu />
        <ExamplesMenu />
        <LessonsMenu />
        <UndoRedo />
      </nav>
      {name !== undefined && (
        <div className="pw-header__topology" data-testid="header.topology">
          <span className="pw-header__label">{t('header.topology')}</span>
          <span className="pw-header__value" title={name}>
            {name}
          </span>
          {edited ? (
            <span className="pw-header__edited" title={t('header.edited')}>
              <span aria-hidden="true">●</span>
              <span className="pw-sr-only">{t('header.edited')}</span>
            </span>
          ) : null}
        </div>
      )}
      <div className="pw-header__actions">
        <WalkButton />
        <RunButton onRun={onRun} />
        <ShareButton />
        <button type="button" className="pw-icon-button pw-icon-button--header" aria-label={t('header.help')} title={`${t('header.help')} (?)`} onClick={() => setHelpOpen(true)} data-testid="header.help">
          <svg width="18" height="18" viewBox="0 0 20 20" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.7" strokeLinecap="round">
            <circle cx="10" cy="10" r="8" />
            <path d="M7.6 7.6a2.5 2.5 0 1 1 3.4 2.3c-.6.3-1 .8-1 1.5v.4" />
            <circle cx="10" cy="14.6" r=".6" fill="currentColor" />
          </svg>
        </button>
        <LanguageSelect />
      </div>
    </header>
  );
}
