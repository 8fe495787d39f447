import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  // The simulation worker imports the engine as ES modules (src/worker/client.ts).
  worker: { format: 'es' },
  build: { sourcemap: true },
});
