import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// Three bundles: main (Node + Electron, plus the engine process's entry), preload (sandboxed, so CommonJS), renderer (browser).
// Native and heavy runtime dependencies stay external to main; the renderer bundles everything.
export default defineConfig({
  main: {
    build: {
      externalizeDeps: true,
      rollupOptions: {
        input: {
          index: resolve(import.meta.dirname, 'electron/main/index.ts'),
          // The speech engine's process (utilityProcess), built beside main.
          'engine-main': resolve(import.meta.dirname, 'electron/engine/process/engine-main.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'src'),
    plugins: [react()],
    build: {
      // Smaller bundle, faster window start; source stays readable in `npm run dev`.
      minify: true,
      chunkSizeWarningLimit: 2000,
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'src/index.html') },
      },
    },
  },
});
