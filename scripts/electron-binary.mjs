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
