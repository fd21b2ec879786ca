/**
 * The browser the UI tests drive, found in this order (issue: `npm test` must pass after `npm install` alone):
 * 1. `CHROMIUM_PATH`, when set (it must exist: a wrong path is an error, never silently replaced);
 * 2. an installed Chrome / Chromium / Edge at the usual places on Linux, macOS and Windows;
 * 3. the headless Chromium shipped inside the `@sparticuz/chromium` devDependency (MIT; a brotli-packed Linux x64
 *    build that unpacks itself into the temp folder on first use), so a fresh machine needs nothing from apt.
 * The UI tests never skip: when none is found, the error says how to get one.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type * as ChromiumModule from '@sparticuz/chromium';

export interface Browser {
  executablePath: string;
  /** where it came from, printed once by the global setup */
  source: 'CHROMIUM_PATH' | 'installed' | '@sparticuz/chromium';
  /** extra environment for the browser process (the packed build's libraries and the system fonts) */
  env: Record<string, string>;
}

/** The usual install places of Chromium-family browsers, per platform, in order of preference. */
export function installedBrowserCandidates(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): string[] {
  if (platform === 'darwin')
    return [
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    ];
  if (platform === 'win32') {
    const roots = [env.LOCALAPPDATA, env.PROGRAMFILES, env['PROGRAMFILES(X86)']].filter(
      (r): r is string => !!r,
    );
    return roots.flatMap((r) => [
      join(r, 'Chromium', 'Application', 'chrome.exe'),
      join(r, 'Google', 'Chrome', 'Application', 'chrome.exe'),
      join(r, 'Microsoft', 'Edge', 'Application', 'msedge.exe'),
    ]);
  }
  return [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/snap/bin/chromium',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/opt/google/chrome/chrome',
    '/usr/bin/microsoft-edge',
  ];
}

const NOT_FOUND =
  '未找到可用于界面测试的浏览器。No browser for the UI tests was found.\n' +
  '  运行 npm install 会安装内置的 Chromium（@sparticuz/chromium，仅 Linux x64）；其他系统请安装 Chrome / Chromium / Edge，\n' +
  '  或设置 CHROMIUM_PATH。Debian/Ubuntu: sudo apt-get install -y chromium fonts-noto-cjk';

let found: Promise<Browser> | undefined;

/** Finds the browser once per process (unpacking the packed build on first use). */
export function findBrowser(env: NodeJS.ProcessEnv = process.env): Promise<Browser> {
  found ??= locate(env);
  return found;
}

async function locate(env: NodeJS.ProcessEnv): Promise<Browser> {
  if (env.CHROMIUM_PATH) {
    if (!existsSync(env.CHROMIUM_PATH))
      throw new Error(`CHROMIUM_PATH=${env.CHROMIUM_PATH} 不存在 (not found)`);
    return { executablePath: env.CHROMIUM_PATH, source: 'CHROMIUM_PATH', env: {} };
  }
  // SCOREDESK_TEST_BUNDLED_CHROMIUM=1 skips the installed browsers: CI runs the suite once this way to prove the
  // fallback a fresh machine relies on
  if (env.SCOREDESK_TEST_BUNDLED_CHROMIUM !== '1') {
    const installed = installedBrowserCandidates().find((p) => existsSync(p));
    if (installed) return { executablePath: installed, source: 'installed', env: {} };
  }
  if (process.platform !== 'linux' || process.arch !== 'x64') throw new Error(NOT_FOUND);
  let mod: typeof ChromiumModule;
  try {
    mod = await import('@sparticuz/chromium');
  } catch {
    throw new Error(NOT_FOUND);
  }
  const before = { ...process.env };
  const executablePath = await mod.default.executablePath();
  // the packed build sets LD_LIBRARY_PATH and FONTCONFIG_PATH for itself in this process; pass them to the browser
  // only, and point fontconfig at the system's configuration when there is one so installed CJK fonts are used
  const extra: Record<string, string> = {};
  for (const key of ['LD_LIBRARY_PATH', 'FONTCONFIG_PATH', 'HOME']) {
    const v = process.env[key];
    if (v !== undefined && v !== before[key]) extra[key] = v;
    if (before[key] === undefined) delete process.env[key];
    else process.env[key] = before[key];
  }
  if (existsSync('/etc/fonts/fonts.conf')) extra.FONTCONFIG_PATH = '/etc/fonts';
  return { executablePath, source: '@sparticuz/chromium', env: extra };
}
