// The app: a header, the network diagram and, after a run, the scenario's output. It opens the
// example named by `?example=NAME`, or the default one.

import { useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store';
import { Canvas } from '../ui/canvas/Canvas';
import { openExample } from '../ui/commands/openExample';
import { runScenario } from '../ui/commands/runScenario';
import { Header } from '../ui/header/Header';
import { RunPanel } from '../ui/run/RunPanel';
import { simClient } from '../worker/client';
import { DEFAULT_EXAMPLE } from '../worker/protocol';

function exampleFromUrl(): string {
  return new URLSearchParams(window.location.search).get('example') ?? DEFAULT_EXAMPLE;
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
      </div>
    );
  }
  return null;
}

export function App() {
  useEffect(() => {
    void openExample(simClient(), exampleFromUrl());
  }, []);
  const onRun = useCallback(() => void runScenario(simClient()), []);
  const ready = useAppStore((s) => s.doc.status === 'ready');

  return (
    <div className="pw-app">
      <Header onRun={onRun} />
      <main className="pw-main">
        {ready ? <Canvas /> : <DocumentStatus />}
      </main>
      <RunPanel />
    </div>
  );
}
