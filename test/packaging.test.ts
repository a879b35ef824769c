import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BRIDGE_MARKER } from '../electron/preview/bridge';
import { buildPreviewRenderer } from '../electron/preview/build-renderer';

const root = path.resolve(import.meta.dirname, '..');

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(c?js|html)$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

function bundleText(dir: string): string {
  return filesUnder(dir)
    .map((file) => fs.readFileSync(file, 'utf8'))
    .join('\n');
}

/**
 * `npm run build` produces the three bundles without the Electron binary, and none of them
 * contains the preview's WebSocket bridge — which a preview build of the same renderer does
 * contain (so the check can fail).
 */
describe('production bundles', () => {
  let out: string;
  let preview: string;
  beforeAll(async () => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'helssa-build-'));
    const result = spawnSync(
      path.join(root, 'node_modules/.bin/electron-vite'),
      ['build', '--outDir', out],
      { cwd: root, encoding: 'utf8', env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' } },
    );
    if (result.status !== 0) throw new Error(`electron-vite build failed:\n${result.stderr}`);
    preview = fs.mkdtempSync(path.join(os.tmpdir(), 'helssa-preview-build-'));
    await buildPreviewRenderer(preview);
  }, 240_000);
  afterAll(() => {
    fs.rmSync(out, { recursive: true, force: true });
    fs.rmSync(preview, { recursive: true, force: true });
  });

  it('builds main, preload and renderer', () => {
    expect(fs.existsSync(path.join(out, 'main/index.js'))).toBe(true);
    expect(fs.existsSync(path.join(out, 'preload/index.cjs'))).toBe(true);
    expect(fs.existsSync(path.join(out, 'renderer/index.html'))).toBe(true);
    // The migrations travel inside the main bundle.
    expect(fs.readFileSync(path.join(out, 'main/index.js'), 'utf8')).toContain(
      'CREATE TABLE patients',
    );
  });

  it('leaves the preview bridge out of every production bundle', () => {
    for (const part of ['main', 'preload', 'renderer']) {
      const text = bundleText(path.join(out, part));
      expect(text, part).not.toContain(BRIDGE_MARKER);
      expect(text, part).not.toContain('/__preview/');
      expect(text, part).not.toMatch(/new WebSocket\(/);
      expect(text, part).not.toMatch(/from ["']ws["']|require\(["']ws["']\)/);
    }
  });

  it('includes the bridge in the preview build of the same renderer (the check can see it)', () => {
    const text = bundleText(preview);
    expect(text).toContain(BRIDGE_MARKER);
    expect(text).toMatch(/new WebSocket\(/);
  });

  it('keeps the preload small and free of ipcRenderer leaks', () => {
    const preload = fs.readFileSync(path.join(out, 'preload/index.cjs'), 'utf8');
    expect(preload).toContain('exposeInMainWorld');
    expect(preload).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer\s*\)/);
  });
});
