// The help panel: every keyboard shortcut, and how editing works (interface names, what deleting
// keeps, validation, copy and paste, history, autosave, export, the NAT gateway); the player's
// keys, predict mode and the slide export.

import { useTranslation } from 'react-i18next';
import { Dialog } from '../dialog/Dialog';
import { MAX_DEVICES } from '../../walk/fabricSpec';
import { MOD } from '../header/FileMenu';
import { useView } from '../viewStore';
import './help.css';

type ShortcutKey =
  | 'undo'
  | 'redo'
  | 'delete'
  | 'copy'
  | 'cut'
  | 'paste'
  | 'duplicate'
  | 'selectAll'
  | 'multiSelect'
  | 'deselect'
  | 'nextDevice'
  | 'select'
  | 'links'
  | 'move'
  | 'fit'
  | 'snap'
  | 'open'
  | 'save'
  | 'apply'
  | 'applyRoutes'
  | 'terminal'
  | 'help';

/** Every shortcut the app handles (see useShortcuts.ts, canvas/useDiagramKeys.ts, Field.tsx, RoutesSection.tsx, NatSection.tsx). */
export const SHORTCUTS: readonly { action: ShortcutKey; keys: (mod: string) => string[] }[] = [
  { action: 'undo', keys: (m) => [`${m}+Z`] },
  { action: 'redo', keys: (m) => [`${m}+Shift+Z`, `${m}+Y`] },
  { action: 'delete', keys: () => ['Delete', 'Backspace'] },
  { action: 'copy', keys: (m) => [`${m}+C`] },
  { action: 'cut', keys: (m) => [`${m}+X`] },
  { action: 'paste', keys: (m) => [`${m}+V`] },
  { action: 'duplicate', keys: (m) => [`${m}+D`] },
  { action: 'selectAll', keys: (m) => [`${m}+A`] },
  { action: 'multiSelect', keys: () => [] },
  { action: 'deselect', keys: () => ['Esc'] },
  { action: 'nextDevice', keys: () => ['←', '↑', '→', '↓'] },
  { action: 'select', keys: () => ['Enter', 'Space'] },
  { action: 'links', keys: () => ['L', 'Shift+L'] },
  { action: 'move', keys: () => [] },
  { action: 'fit', keys: () => ['F'] },
  { action: 'snap', keys: () => ['G'] },
  { action: 'open', keys: (m) => [`${m}+O`] },
  { action: 'save', keys: (m) => [`${m}+S`] },
  { action: 'apply', keys: () => ['Enter'] },
  { action: 'applyRoutes', keys: (m) => [`${m}+Enter`] },
  { action: 'terminal', keys: () => ['T'] },
  { action: 'help', keys: () => ['?', 'F1'] },
];

/** The player's keys (while a walk is shown), labelled by the player's own messages. */
const PLAYER_KEYS = [
  ['forward', '→'],
  ['back', '←'],
  ['play', 'Space'],
  ['first', 'Home'],
  ['last', 'End'],
] as const;

/** Predict mode's keys, while a question is open (see predict/PredictPanel.tsx). */
const PREDICT_KEYS = [
  ['pick', '1–9'],
  ['check', 'Enter'],
] as const;

const NOTES = ['name', 'keyboard', 'add', 'wire', 'unplug', 'validate', 'copy', 'history', 'autosave', 'export', 'nat', 'terminal', 'large', 'more', 'why'] as const;

export function HelpDialog() {
  const { t } = useTranslation();
  const open = useView((s) => s.helpOpen);
  const setOpen = useView((s) => s.setHelpOpen);
  return (
    <Dialog open={open} onClose={() => setOpen(false)} title={t('help.title')} testId="help" wide>
      <div className="pw-help">
        <section aria-labelledby="pw-help-keys">
          <h3 id="pw-help-keys">{t('help.shortcuts')}</h3>
          <table className="pw-help__keys" data-testid="help.shortcuts">
            <thead>
              <tr>
                <th scope="col">{t('help.action')}</th>
                <th scope="col">{t('help.keys')}</th>
              </tr>
            </thead>
            <tbody>
              {SHORTCUTS.map((s) => {
                const keys = s.keys(MOD);
                return (
                  <tr key={s.action}>
                    <td>{t(`help.${s.action}`)}</td>
                    <td>
                      {keys.length
                        ? keys.map((k, i) => (
                            <span key={k}>
                              {i > 0 ? ' / ' : null}
                              <kbd>{k}</kbd>
                            </span>
                          ))
                        : s.action === 'multiSelect'
                          ? t('help.multiSelectKeys')
                          : t('help.moveKeys')}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <h3 id="pw-help-player">{t('player.title')}</h3>
          <table className="pw-help__keys" data-testid="help.player" aria-labelledby="pw-help-player">
            <tbody>
              {PLAYER_KEYS.map(([action, key]) => (
                <tr key={action}>
                  <td>{t(`player.controls.${action}`).replace(/\s*[(（][^)）]*[)）]$/, '')}</td>
                  <td>
                    <kbd>{key}</kbd>
                  </td>
                </tr>
              ))}
              {PREDICT_KEYS.map(([action, key]) => (
                <tr key={action}>
                  <td>{t(`predict.help.${action}`)}</td>
                  <td>
                    <kbd>{key}</kbd>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <ul className="pw-help__notes pw-help__teaching" data-testid="help.teaching">
            <li data-testid="help.walk-layout">{t('help.walkLayout')}</li>
            <li data-testid="help.event-list">{t('help.eventList')}</li>
            <li>{t('predict.help.about')}</li>
            <li>{t('predict.help.slide')}</li>
          </ul>
        </section>
        <section aria-labelledby="pw-help-editing">
          <h3 id="pw-help-editing">{t('help.editing')}</h3>
          <ul className="pw-help__notes">
            {NOTES.map((n) => (
              <li key={n}>{t(`help.notes.${n}`)}</li>
            ))}
            <li data-testid="help.share">{t('lessons.help.share')}</li>
            <li data-testid="help.lessons">{t('lessons.help.lessons')}</li>
            <li data-testid="help.generator">{t('generator.help', { max: MAX_DEVICES })}</li>
          </ul>
        </section>
      </div>
    </Dialog>
  );
}
