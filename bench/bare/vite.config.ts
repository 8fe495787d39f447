// The bare React Flow page of `npm run bench:ui`, built on its own (its own bundle, its own size).
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/bare/',
  plugins: [react()],
  build: { outDir: fileURLToPath(new URL('../../node_modules/.bench/bare', import.meta.url)), emptyOutDir: true, manifest: true },
  logLevel: 'warn',
});
