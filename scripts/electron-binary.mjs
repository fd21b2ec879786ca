// Finds the Electron binary and the Electron build of better-sqlite3 WITHOUT loading the `electron` package:
// since Electron 42, loading the electron package downloads the binary when it is missing (and that downloader needs
// Node >= 22.12), which is exactly what `npm start` must not do on an offline machine (architecture.md).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where better-sqlite3's Electron build lives; the Node build in node_modules is never touched. */
export const NATIVE_BINDING = join('build', 'electron', 'better_sqlite3.node');
/** Which Electron and better-sqlite3 versions the binding above was built for (written by the rebuild script). */
export const NATIVE_STAMP = join('build', 'electron', 'better_sqlite3.json');

/**
 * The Electron executable's absolute path, or null when it is not installed. Mirrors node_modules/electron/index.js
 * (getElectronPath) minus its download: read `path.txt` (written after a successful download), honour
 * ELECTRON_OVERRIDE_DIST_PATH, else `node_modules/electron/dist/<path.txt>`; unlike index.js, the file must exist.
 *
 * @param {string} root project root (the folder holding node_modules)
 * @param {Record<string, string | undefined>} [env]
 * @returns {string | null}
 */
export function findElectronBinary(root, env = process.env) {
  const electronDir = join(root, 'node_modules', 'electron');
  const pathFile = join(electronDir, 'path.txt');
  let executablePath;
  try {
    executablePath = readFileSync(pathFile, 'utf8').trim();
  } catch {
    executablePath = undefined;
  }
  let candidate;
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    candidate = join(env.ELECTRON_OVERRIDE_DIST_PATH, executablePath || 'electron');
  } else if (executablePath) {
    candidate = join(electronDir, 'dist', executablePath);
  } else {
    return null;
  }
  return existsSync(candidate) ? candidate : null;
}

/**
 * @param {string} root
 * @param {string} name package name
 * @returns {string | null} the installed version, read from its package.json (never by loading the package)
 */
export function installedVersion(root, name) {
  try {
    const pkg = JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8'));
    return typeof pkg.version === 'string' ? pkg.version : null;
  } catch {
    return null;
  }
}

/**
 * Whether build/electron/better_sqlite3.node exists and was built for the installed Electron and better-sqlite3
 * (an Electron upgrade changes the ABI; loading a stale build crashes at startup).
 *
 * @param {string} root
 * @returns {{ ok: true } | { ok: false, reason: 'missing' | 'stale' }}
 */
export function nativeBindingStatus(root) {
  if (!existsSync(join(root, NATIVE_BINDING))) return { ok: false, reason: 'missing' };
  try {
    const stamp = JSON.parse(readFileSync(join(root, NATIVE_STAMP), 'utf8'));
    const fresh =
      stamp.electron === installedVersion(root, 'electron') &&
      stamp.betterSqlite3 === installedVersion(root, 'better-sqlite3');
    return fresh ? { ok: true } : { ok: false, reason: 'stale' };
  } catch {
    return { ok: false, reason: 'stale' };
  }
}

/** Electron's own downloader (and so a first desktop start on a new machine) needs this Node. */
export const DESKTOP_NODE = '22.12.0';

/** @param {string} a @param {string} b dotted versions @returns {boolean} a < b */
function older(a, b) {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) < (pb[i] ?? 0);
  return false;
}

/**
 * Why the desktop window cannot open here, in Chinese and English, or null when it can. Pure, for the tests.
 *
 * @param {{ forceWeb: boolean, electron: string | null, nodeVersion: string, platform: string,
 *   env: Record<string, string | undefined> }} o
 * @returns {{ zh: string, en: string } | null}
 */
export function desktopBlocker(o) {
  if (o.forceWeb) return { zh: '已指定 --web（网页模式）', en: '--web was given (browser host)' };
  if (!o.electron) {
    const node = older(o.nodeVersion, DESKTOP_NODE)
      ? {
          zh: `；下载它需要 Node ≥ 22.12（当前 ${o.nodeVersion}）`,
          en: `; downloading it needs Node >= 22.12 (this is ${o.nodeVersion})`,
        }
      : { zh: '', en: '' };
    return {
      zh: `未找到 Electron 程序文件（在联网的电脑上运行 npx install-electron 下载${node.zh}）`,
      en: `the Electron binary is not installed (download it with npx install-electron on a machine with internet access${node.en})`,
    };
  }
  if (o.platform === 'linux' && !o.env.DISPLAY && !o.env.WAYLAND_DISPLAY)
    return {
      zh: '没有图形显示（未设置 DISPLAY / WAYLAND_DISPLAY）',
      en: 'there is no display (DISPLAY / WAYLAND_DISPLAY unset)',
    };
  return null;
}

/**
 * The command that opens a URL in the default browser, or null where there is none (no desktop, or switched off with
 * SCOREDESK_NO_OPEN=1).
 *
 * @param {string} platform @param {Record<string, string | undefined>} env
 * @returns {{ command: string, args: string[] } | null}
 */
export function openCommand(platform, env) {
  if (env.SCOREDESK_NO_OPEN === '1') return null;
  if (platform === 'darwin') return { command: 'open', args: [] };
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""'] };
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY) return null;
  const found = (env.PATH ?? '').split(':').some((dir) => dir && existsSync(join(dir, 'xdg-open')));
  return found ? { command: 'xdg-open', args: [] } : null;
}
