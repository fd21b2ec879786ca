/**
 * Once per `npm test` (the app project): a browser must be there (the UI tests never skip; test/browser.ts finds one,
 * unpacking the bundled Chromium on first use), and the app is built when any source is newer than `out/` — once
 * here, so parallel test files never race two builds.
 */
import { findBrowser } from './browser';
import { ensureBuilt } from './build';

export default async function setup(): Promise<void> {
  const browser = await findBrowser();
  process.stderr.write(`UI tests: ${browser.executablePath} (${browser.source})\n`);
  ensureBuilt();
}
