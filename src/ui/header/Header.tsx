// The app bar: the name, the File, Examples and Lessons menus, undo and redo, the open network's
// name (click to rename), "Walk a packet", the run button, Share, help and the language menu.
// What does not fit the window moves into the bar's "⋯" menu, least needed first: the tagline,
// the app's name, the language, help, Share, Lessons, Examples, undo and redo, File.

import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { LessonsMenu } from '../lessons/LessonsMenu';
import { ShareButton } from '../share/ShareButton';
import { OverflowBar, type BarItem } from '../toolbar/OverflowBar';
import { useView } from '../viewStore';
import { ExamplesMenu, FileMenu } from './FileMenu';
import { LanguageSelect } from './LanguageSelect';
import { Logo } from './Logo';
import { NetworkName } from './NetworkName';
import { RunButton } from './RunButton';
import { WalkButton } from './WalkButton';
import { UndoRedo } from './UndoRedo';
import './header.css';

/** The width the network's name is counted at: longer names are cut (the tooltip has them whole). */
const NAME_WIDTH = 230;

function HelpButton() {
  const { t } = useTranslation();
  const setHelpOpen = useView((s) => s.setHelpOpen);
  return (
    <button type="button" className="pw-icon-button pw-icon-button--header" aria-label={t('header.help')} title={`${t('header.help')} (?)`} onClick={() => setHelpOpen(true)} data-testid="header.help">
      <svg width="18" height="18" viewBox="0 0 20 20" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.7" strokeLinecap="round">
        <circle cx="10" cy="10" r="8" />
        <path d="M7.6 7.6a2.5 2.5 0 1 1 3.4 2.3c-.6.3-1 .8-1 1.5v.4" />
        <circle cx="10" cy="14.6" r=".6" fill="currentColor" />
      </svg>
      <span className="pw-bar-label">{t('header.help')}</span>
    </button>
  );
}

export function Header({ onRun }: { onRun: () => void }) {
  const { t } = useTranslation();
  const items = useMemo<BarItem[]>(
    () => [
      { id: 'logo', node: <Logo /> },
      { id: 'name', priority: 1, node: <span className="pw-brand__name">{t('app.name')}</span>, menu: null },
      { id: 'tagline', priority: 0, node: <span className="pw-brand__tagline">{t('app.tagline')}</span>, menu: null },
      { id: 'file', priority: 9, node: <FileMenu /> },
      { id: 'examples', priority: 6, node: <ExamplesMenu /> },
      { id: 'lessons', priority: 5, node: <LessonsMenu /> },
      { id: 'undo', priority: 8, node: <UndoRedo /> },
      { id: 'topology', node: <NetworkName />, width: NAME_WIDTH, className: 'pw-bar__item--name' },
      { id: 'walk', node: <WalkButton />, push: true },
      { id: 'run', node: <RunButton onRun={onRun} /> },
      { id: 'share', priority: 4, node: <ShareButton /> },
      { id: 'help', priority: 3, node: <HelpButton /> },
      { id: 'language', priority: 2, node: <LanguageSelect /> },
    ],
    [t, onRun],
  );
  return (
    <header className="pw-header">
      <OverflowBar items={items} testId="header" label={t('header.toolbar')} className="pw-header__bar" />
    </header>
  );
}
