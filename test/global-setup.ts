/**
 * Once per `npm test`: Chromium must be there (the UI tests never skip), and the app is built when any source is
 * newer than `out/` — once here, so parallel test files never race two builds.
 */
import { existsSync } from 'node:fs';
import { ensureBuilt } from './build';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default function setup(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}. Install it with:\n  sudo apt-get update && sudo apt-get install -y chromium fonts-noto-cjk\n` +
        '(or set CHROMIUM_PATH). 未找到 Chromium，界面测试需要它。',
    );
  }
  ensureBuilt();
}
