// A device's menu on the diagram (right click, or the context-menu key on a focused device):
// open its terminal, select it, delete it. Loaded the first time it opens.

import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store';
import { useTerminals } from './terminalStore';
import './deviceMenu.css';

export function DeviceMenu() {
  const { t } = useTranslation();
  const menu = useTerminals((s) => s.menu);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!menu) return;
    ref.current?.querySelector('button')?.focus();
    const close = (e: Event) => {
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !ref.current?.contains(e.target as Node)) useTerminals.getState().closeMenu();
    };
    window.addEventListener('pointerdown', close, true);
    window.addEventListener('keydown', close, true);
    return () => {
      window.removeEventListener('pointerdown', close, true);
      window.removeEventListener('keydown', close, true);
    };
  }, [menu]);
  if (!menu) return null;
  const x = Math.min(menu.x, window.innerWidth - 200);
  const y = Math.min(menu.y, window.innerHeight - 120);
  const act = (fn: () => void) => () => {
    useTerminals.getState().closeMenu();
    fn();
  };
  return (
    <div ref={ref} className="pw-device-menu" role="menu" aria-label={menu.node} style={{ left: x, top: y }} data-testid="device-menu">
      <button type="button" role="menuitem" onClick={act(() => useTerminals.getState().openTerminal(menu.node))} data-testid="device-menu.terminal">
        {t('terminal.open')}
      </button>
      <button type="button" role="menuitem" onClick={act(() => useAppStore.getState().select([menu.node]))}>
        {t('terminal.select')}
      </button>
      <button
        type="button"
        role="menuitem"
        onClick={act(() => {
          useAppStore.getState().select([menu.node]);
          useAppStore.getState().deleteSelection();
        })}
      >
        {t('inspector.delete')}
      </button>
    </div>
  );
}
