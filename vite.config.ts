import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * The built page's Content-Security-Policy, as a meta tag (the static server sends no header):
 * scripts, workers, styles and fetches from the app's own origin only (and the terminal's inline
 * <style> elements), no inline script, no eval
 * (the worker turns off zod's `new Function` probe, sim.worker.ts), images also from data: and
 * blob: URLs (a slide is drawn from an SVG in a blob), no plugins, no <base>, no form posts.
 * The dev server gets none: React's refresh preamble is an inline script there, and Vite injects
 * the styles as <style> elements.
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  "connect-src 'self'",
  "style-src 'self'",
  // xterm.js (the terminals' chunk) styles its screen with <style> elements it writes at run time,
  // with no nonce to give: those alone may be inline. Style attributes stay refused.
  "style-src-elem 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'packetwalk-csp',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      // First in <head>: a policy applies to what comes after it.
      handler: (html) => html.replace(/<head>/, `<head>\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`),
    },
  };
}

export default defineConfig({
  plugins: [react(), contentSecurityPolicy()],
  // The simulation worker imports the engine as ES modules (src/worker/client.ts).
  worker: { format: 'es' },
  // Source maps are written beside the bundles but not referenced from them (as the bare page of
  // bench:ui ships none): what a browser loads is the code.
  build: { sourcemap: 'hidden' },
});
