import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  // The simulation worker imports the engine as ES modules (src/worker/client.ts).
  worker: { format: 'es' },
  // Source maps are written beside the bundles but not referenced from them (as the bare page of
  // bench:ui ships none): what a browser loads is the code.
  build: { sourcemap: 'hidden' },
});
