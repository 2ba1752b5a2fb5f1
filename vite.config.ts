import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is built to static files: loaded from disk by Electron, served by the loopback bridge otherwise.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: { outDir: '../dist/renderer', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 4000 },
});
