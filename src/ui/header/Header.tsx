// The app bar: the name, the open topology, the run button and the language menu.

import { useTranslation } from 'react-i18next';
import { selectTopology, useAppStore } from '../../store';
import { LanguageSelect } from './LanguageSelect';
import { Logo } from './Logo';
import { RunButton } from './RunButton';
import './header.css';

export function Header({ onRun }: { onRun: () => void }) {
  const { t } = useTranslation();
  const name = useAppStore((s) => selectTopology(s)?.name);
  return (
    <header className="pw-header">
      <div className="pw-brand">
        <Logo />
        <span className="pw-brand__name">{t('app.name')}</span>
        <span className="pw-brand__tagline">{t('app.tagline')}</span>
      </div>
      {name !== undefined && (
        <div className="pw-header__topology" data-testid="header.topology">
          <span className="pw-header__label">{t('header.topology')}</span>
          <span className="pw-header__value">{name}</span>
        </div>
      )}
      <div className="pw-header__actions">
        <RunButton onRun={onRun} />
        <LanguageSelect />
      </div>
    </header>
  );
}
