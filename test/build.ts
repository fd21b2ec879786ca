/**
 * Builds the app (electron-vite: main, preload, renderer) when any source is newer than the build. Called once from
 * the global setup; the UI tests and the build-output test read `out/`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

export function ensureBuilt(): void {
  const outputs = ['out/renderer/index.html', 'out/main/index.js', 'out/preload/index.js'];
  const built = outputs.every((f) => existsSync(f))
    ? Math.min(...outputs.map((f) => statSync(f).mtimeMs))
    : 0;
  const sources = Math.max(newest('src'), statSync('electron.vite.config.ts').mtimeMs);
  if (built < sources) execFileSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' });
}
