// The network's name in the toolbar, and renaming it: a click (or Enter) turns the name into a
// field; Enter or leaving it applies a valid name as one undo step (autosaved like every edit),
// Escape puts the name back. The name titles the page, the slides and the files exported. Renaming
// keeps the walk shown (it changes no device, link or setting).

import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { selectTopology, useAppStore } from '../../store';
import { NETWORK_NAME_MAX, networkNameProblem, renameNetwork } from '../commands/renameNetwork';

export function NetworkName() {
  const { t } = useTranslation();
  const name = useAppStore((s) => selectTopology(s)?.name);
  const edited = useAppStore((s) => s.edited);
  const [draft, setDraft] = useState<string | null>(null);
  const errorId = useId();

  // The page's title names the network (the tab, the window, a screen share).
  useEffect(() => {
    document.title = name === undefined ? t('app.documentTitle') : t('app.titleWithNetwork', { name });
  }, [name, t]);

  if (name === undefined) return null;
  const problem = draft === null ? undefined : networkNameProblem(draft);
  const commit = () => {
    if (draft === null) return;
    if (!problem) {
      renameNetwork(draft);
      setDraft(null);
    }
  };

  return (
    <div className="pw-header__topology" data-testid="header.topology">
      <span className="pw-header__label">{t('header.topology')}</span>
      {draft === null ? (
        <button type="button" className="pw-header__value" title={t('header.renameHint', { name })} onClick={() => setDraft(name)} data-testid="header.rename">
          {name}
        </button>
      ) : (
        <>
          <input
            className="pw-header__input"
            value={draft}
            // The field opens where the name was clicked, for typing at once.
            autoFocus
            onFocus={(e) => e.currentTarget.select()}
            aria-label={t('header.rename')}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? errorId : undefined}
            maxLength={NETWORK_NAME_MAX * 2}
            size={Math.min(32, Math.max(8, [...draft].length + 1))}
            onChange={(e) => setDraft(e.target.value)}
            onBlur={() => (problem ? setDraft(null) : commit())}
            onKeyDown={(e) => {
              if (e.key === 'Enter') commit();
              else if (e.key === 'Escape') setDraft(null);
              else return;
              e.preventDefault();
              e.stopPropagation();
            }}
            data-testid="header.rename-input"
          />
          {problem ? (
            <span id={errorId} className="pw-header__problem" role="alert" data-testid="header.rename-error">
              {t(`header.nameProblem.${problem}`, { max: NETWORK_NAME_MAX })}
            </span>
          ) : null}
        </>
      )}
      {edited ? (
        <span className="pw-header__edited" title={t('header.edited')}>
          <span aria-hidden="true">●</span>
          <span className="pw-sr-only">{t('header.edited')}</span>
        </span>
      ) : null}
    </div>
  );
}
