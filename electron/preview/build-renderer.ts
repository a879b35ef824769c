import path from 'node:path';
import react from '@vitejs/plugin-react';
import { build } from 'vite';

export const projectRoot = path.resolve(import.meta.dirname, '../..');

/**
 * Builds the renderer in 'preview' mode: the same code as the app's renderer, plus the WebSocket
 * bridge transport that only this mode includes (see src/api/transport.ts).
 */
export async function buildPreviewRenderer(outDir: string): Promise<void> {
  await build({
    root: path.join(projectRoot, 'src'),
    base: './',
    mode: 'preview',
    logLevel: 'warn',
    configFile: false,
    plugins: [react()],
    build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  });
}
