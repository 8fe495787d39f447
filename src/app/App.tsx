// The app: a header with the menus, the device palette, the network diagram and the inspector;
// after a walk, the packet walk player (with the scenario's output), under the diagram or beside it. At startup it opens the link
// in the URL's fragment (a shared walk or a lesson, see share/openLink), else the example named by
// `?example=NAME`, else the network autosaved in this browser, else the default example (see
// commands/startup).

import { ReactFlowProvider } from '@xyflow/react';
import { useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store';
import { Canvas } from '../ui/canvas/Canvas';
import { runScenario } from '../ui/commands/runScenario';
import { startup } from '../ui/commands/startup';
import { ConfirmDialog } from '../ui/dialog/ConfirmDialog';
import { FileInput } from '../ui/header/FileInput';
import { Header } from '../ui/header/Header';
import { Inspector } from '../ui/inspector/Inspector';
import { Palette } from '../ui/palette/Palette';
import { forgetLink } from '../ui/share/link';
import { startWithLink } from '../ui/share/startWithLink';
import { toast } from '../ui/toast/toastStore';
import { Toasts } from '../ui/toast/Toasts';
import { useShortcuts } from '../ui/useShortcuts';
import { simClient } from '../worker/client';
import { browserStorage, startAutosave } from '../store/autosave';
import { LazyDialogs, LazyPlayerPanel, LazyTerminals } from './LazyParts';

const EXAMPLE_PARAM = 'example';

/** React's StrictMode runs effects twice in development; the app starts once. */
let started = false;

function exampleFromUrl(): string | null {
  return new URLSearchParams(window.location.search).get(EXAMPLE_PARAM);
}

/** Once the user's own edits are saved, a reload must bring them back, not the URL's example. */
function forgetUrlExample(): void {
  const url = new URL(window.location.href);
  if (!url.searchParams.has(EXAMPLE_PARAM)) return;
  url.searchParams.delete(EXAMPLE_PARAM);
  window.history.replaceState(window.history.state, '', url);
}

function DocumentStatus() {
  const { t } = useTranslation();
  const doc = useAppStore((s) => s.doc);
  if (doc.status === 'loading') {
    return (
      <div className="pw-status" role="status">
        <span className="pw-spinner pw-spinner--dark" aria-hidden="true" /> {t('app.loading')}
      </div>
    );
  }
  if (doc.status === 'failed') {
    return (
      <div className="pw-status pw-status--error" role="alert" data-testid="app.load-error">
        <strong>{t('app.loadFailed')}</strong>
        <pre>
          {[doc.message, ...doc.problems.map((p) => `${p.file}${p.line !== undefined ? `:${p.line}` : ''}: ${p.message}`)]
            .filter(Boolean)
            .join('\n')}
        </pre>
        <p className="pw-muted">{t('app.loadFailedHint')}</p>
      </div>
    );
  }
  return null;
}

function Workspace() {
  useShortcuts();
  const ready = useAppStore((s) => s.doc.status === 'ready');
  const docSerial = useAppStore((s) => s.docSerial);
  // While a walk is shown the diagram needs the width: the inspector appears when a device is selected.
  const inspector = useAppStore((s) => s.lastRun.status !== 'done' || s.selectedNodes.length + s.selectedLinks.length > 0);
  return (
    <div className="pw-workspace">
      <Palette />
      <main className="pw-main">
        {ready ? <Canvas key={docSerial} /> : <DocumentStatus />}
        <LazyTerminals />
      </main>
      {inspector ? <Inspector /> : null}
    </div>
  );
}

export function App() {
  const { t } = useTranslation();
  useEffect(() => {
    const storage = browserStorage();
    let warned = false;
    const stop = storage
      ? startAutosave(useAppStore, storage, {
          events: window,
          onWrite: (ok) => {
            if (ok) {
              forgetUrlExample();
              forgetLink();
            } else if (!warned) {
              warned = true;
              toast('error', t('autosave.writeFailed'), { testId: 'autosave-failed' });
            }
          },
        })
      : undefined;
    if (!started) {
      started = true;
      void startWithLink(simClient(), () => startup(simClient(), exampleFromUrl(), storage));
    }
    // A simulator that dies is replaced by the client; the user hears of it, the network stays.
    const unsubscribe = simClient().onCrash((e) => {
      if (!e.cancelled) toast('error', t('run.crashed', { message: e.message }), { testId: 'worker-crashed' });
    });
    return () => {
      stop?.();
      unsubscribe();
    };
    // Startup runs once; `t` only words a later warning.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const onRun = useCallback(() => void runScenario(simClient()), []);

  return (
    <ReactFlowProvider>
      <div className="pw-app">
        <Header onRun={onRun} />
        {/* The diagram and, during a walk, the player: stacked or side by side (app.css). */}
        <div className="pw-stage">
          <Workspace />
          <LazyPlayerPanel />
        </div>
      </div>
      <Toasts />
      <ConfirmDialog />
      <LazyDialogs />
      <FileInput />
    </ReactFlowProvider>
  );
}
