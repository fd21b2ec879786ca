// `npm run dist [-- <electron-builder flags>]`: builds the app (electron-vite) and the installers (electron-builder,
// config under "build" in package.json) into dist/. Needs internet on first use: electron-builder downloads the
// Electron binary for the target, NSIS/AppImage tools, and better-sqlite3's Electron prebuilt (or Electron's headers to
// compile it). Examples: `npm run dist` (this OS), `npm run dist -- --win` (NSIS; on Linux/macOS needs wine),
// `npm run dist -- --mac` (dmg: macOS only), `npm run dist -- --linux` (AppImage).
//
// electron-builder rebuilds node_modules/better-sqlite3 IN PLACE for Electron's ABI (npmRebuild), which would leave the
// CLI, the browser host and the tests with a module Node cannot load. So the Node build is copied aside first and put
// back afterwards, whatever electron-builder did (architecture.md: the Node build in node_modules is never touched).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Copies `<root>/node_modules/better-sqlite3/build` aside and returns a function that puts exactly that folder back
 * (removing whatever replaced it). Without a build folder there is nothing to keep and the restore is a no-op.
 *
 * @param {string} projectRoot
 * @returns {() => void}
 */
export function keepNodeBuild(projectRoot) {
  const build = join(projectRoot, 'node_modules', 'better-sqlite3', 'build');
  if (!existsSync(build)) return () => undefined;
  const saved = mkdtempSync(join(tmpdir(), 'scoredesk-sqlite-node-'));
  cpSync(build, saved, { recursive: true, verbatimSymlinks: true });
  return () => {
    rmSync(build, { recursive: true, force: true });
    cpSync(saved, build, { recursive: true, verbatimSymlinks: true });
    rmSync(saved, { recursive: true, force: true });
  };
}

/** @param {string[]} args */
function run(args) {
  const r = spawnSync('npx', args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  return r.status ?? 1;
}

function main() {
  const built = run(['electron-vite', 'build']);
  if (built !== 0) process.exit(built);
  const restore = keepNodeBuild(root);
  let status = 1;
  try {
    status = run(['electron-builder', ...process.argv.slice(2)]);
  } finally {
    restore();
    console.log(
      '[ScoreDesk] node_modules/better-sqlite3 恢复为 Node 版 / restored the Node build of better-sqlite3',
    );
  }
  if (status === 0) console.log(`[ScoreDesk] 安装包已生成 / installers written to ${join(root, 'dist')}`);
  process.exit(status);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
