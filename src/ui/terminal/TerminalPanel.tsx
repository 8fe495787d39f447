// The devices' terminals: a panel docked at the bottom of the diagram's area (the diagram above
// it gets smaller) with a tab per device (opened
// from the inspector, the device's menu on the diagram or the T key), each an xterm.js terminal
// running that device's shell (session.ts). Loaded with xterm.js the first time a terminal opens;
// a tab keeps its screen, history and running command while another is shown or the panel is hidden.

import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { simClient } from '../../worker/client';
import { TerminalSession } from './session';
import { useTerminals } from './terminalStore';
import './terminal.css';

const THEME = { background: '#14181f', foreground: '#e6e9ef', cursor: '#8fd3ff', selectionBackground: '#3b5170' };

function TerminalView({ node, active }: { node: string; active: boolean }) {
  const box = useRef<HTMLDivElement>(null);
  const term = useRef<Terminal | null>(null);
  const fit = useRef<FitAddon | null>(null);
  // The session is made once per tab: a rename (hostname) changes the tab's name, not its session.
  const first = useRef(node);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const t = new Terminal({ fontFamily: 'ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace', fontSize: 13, cursorBlink: true, scrollback: 5000, theme: THEME, convertEol: false });
    const f = new FitAddon();
    t.loadAddon(f);
    t.open(el);
    // Copy: Ctrl+C with a selection copies it (without one it interrupts, as in a terminal);
    // Ctrl+Shift+C copies; Ctrl+V and Ctrl+Shift+V paste through the browser's paste event.
    t.attachCustomKeyEventHandler((e) => {
      if (e.type !== 'keydown') return true;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      if (mod && key === 'c' && (e.shiftKey || t.hasSelection())) {
        void navigator.clipboard?.writeText(t.getSelection()).catch(() => {});
        t.clearSelection();
        return false;
      }
      if (mod && key === 'v') return false;
      return true;
    });
    const session = new TerminalSession(t, first.current, simClient());
    term.current = t;
    fit.current = f;
    const ro = new ResizeObserver(() => {
      if (el.offsetParent !== null) f.fit();
    });
    ro.observe(el);
    return () => {
      ro.disconnect();
      session.dispose();
      t.dispose();
    };
  }, []);
  useEffect(() => {
    if (!active) return;
    fit.current?.fit();
    term.current?.focus();
  }, [active]);
  return <div ref={box} className="pw-terminal__screen" hidden={!active} data-testid={`terminal.screen.${node}`} />;
}

export function TerminalPanel() {
  const { t } = useTranslation();
  const tabs = useTerminals((s) => s.tabs);
  const active = useTerminals((s) => s.active);
  const shown = useTerminals((s) => s.shown);
  const { setActive, closeTab, hide } = useTerminals.getState();
  useEffect(() => {
    if (!shown) return;
    const onKey = (e: KeyboardEvent) => {
      // Escape hides the panel unless a command in it reads the key (it never does: Escape is not sent).
      if (e.key === 'Escape' && e.target instanceof HTMLElement && e.target.closest('.pw-terminal')) hide();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [shown, hide]);
  if (!tabs.length) return null;
  return (
    <section className="pw-terminal" hidden={!shown} aria-label={t('shell.title')} data-testid="terminal">
      <div className="pw-terminal__bar" role="tablist" aria-label={t('shell.title')}>
        {tabs.map((node) => (
          <div key={node} className={`pw-terminal__tab${node === active ? ' is-active' : ''}`}>
            <button type="button" role="tab" aria-selected={node === active} onClick={() => setActive(node)} data-testid={`terminal.tab.${node}`}>
              {`root@${node}`}
            </button>
            <button type="button" className="pw-terminal__close" aria-label={t('shell.closeTab', { node })} title={t('shell.closeTab', { node })} onClick={() => closeTab(node)}>
              ×
            </button>
          </div>
        ))}
        <span className="pw-terminal__spacer" />
        <button type="button" className="pw-terminal__hide" onClick={hide} title={t('shell.hide')} aria-label={t('shell.hide')} data-testid="terminal.hide">
          ▾
        </button>
      </div>
      {tabs.map((node) => (
        <TerminalView key={node} node={node} active={node === active && shown} />
      ))}
    </section>
  );
}
