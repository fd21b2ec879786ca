/**
 * Once per `npm test`: Chromium must be there (the UI tests never skip), and the renderer is built when its sources
 * are newer than the build.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

export default function setup(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}. Install it with:\n  sudo apt-get update && sudo apt-get install -y chromium fonts-noto-cjk\n` +
        '(or set CHROMIUM_PATH). 未找到 Chromium，界面测试需要它。',
    );
  }
  const index = join('out', 'renderer', 'index.html');
  const sources = Math.max(newest(join('src', 'renderer')), newest(join('src', 'shared')));
  if (!existsSync(index) || statSync(index).mtimeMs < sources) {
    execFileSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' });
  }
}
