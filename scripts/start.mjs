// `npm start`: opens the desktop window when the Electron binary is installed; otherwise explains (zh + en) that the
// window needs it and that `npm run web` works now, and exits 1. Never imports `electron` (its index.js would try to
// download the binary) — see architecture.md, toolchain facts.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronBinary, nativeBindingStatus, NATIVE_BINDING } from './electron-binary.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

const electron = findElectronBinary(root, process.env);
if (!electron) {
  console.error(
    [
      '[ScoreDesk] 未找到 Electron 程序文件，无法打开桌面窗口。',
      '  桌面窗口需要 Electron 程序文件：在联网的电脑上首次运行时自动下载（或运行 npx install-electron）；',
      '  桌面模式需要 Node ≥ 22.12（当前 ' + process.version + '）。',
      '  现在就可以用网页模式：npm run web',
      '',
      '[ScoreDesk] The Electron binary is not installed, so the desktop window cannot open.',
      '  The desktop window needs the Electron binary: it is downloaded on first run on a machine with internet',
      '  access (or run npx install-electron); desktop mode needs Node >= 22.12 (this is ' +
        process.version +
        ').',
      '  Web mode works now: npm run web',
    ].join('\n'),
  );
  process.exit(1);
}

/** @param {string} what @param {string} command @param {string[]} commandArgs */
function run(what, command, commandArgs) {
  const r = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit', env: process.env });
  if (r.status !== 0) {
    console.error(
      `[ScoreDesk] ${what} 失败 / failed (${r.error ? r.error.message : `exit ${r.status ?? r.signal}`})`,
    );
    process.exit(typeof r.status === 'number' && r.status !== 0 ? r.status : 1);
  }
}

const binding = nativeBindingStatus(root);
if (!binding.ok) {
  console.log(
    binding.reason === 'missing'
      ? `[ScoreDesk] 首次启动：为 Electron 编译数据库组件 / first start: building better-sqlite3 for Electron (${NATIVE_BINDING})`
      : `[ScoreDesk] Electron 或 better-sqlite3 版本已变，重新编译 / versions changed: rebuilding ${NATIVE_BINDING}`,
  );
  run('编译数据库组件 / rebuild:electron', process.execPath, [
    join(root, 'scripts', 'rebuild-electron-sqlite.mjs'),
  ]);
}

const electronVite = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
if (!existsSync(electronVite)) {
  console.error(
    '[ScoreDesk] 未找到 electron-vite，请先运行 npm install / electron-vite is missing: run npm install',
  );
  process.exit(1);
}
run('构建 / electron-vite build', process.execPath, [electronVite, 'build']);

// package.json "main" is out/main/index.js, so Electron is pointed at the project root; --db and the rest follow.
const env = { ...process.env };
// set by some shells and tools; it would make the binary behave as plain Node and ignore the app
delete env.ELECTRON_RUN_AS_NODE;
const child = spawn(electron, [root, ...args], { cwd: root, stdio: 'inherit', env });
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.on(signal, () => {
    if (child.exitCode === null) child.kill(signal);
  });
}
child.on('error', (e) => {
  console.error(`[ScoreDesk] 无法启动 Electron / cannot start Electron: ${e.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => {
  // a signal death is a failure, not exit 0
  process.exit(code ?? (signal ? 1 : 0));
});
