import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { i18nReady } from '../i18n';
import { App } from './App';
import './app.css';

// A page that starts in Chinese waits for its messages (their own chunk), so that it never shows English first.
void i18nReady.then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
