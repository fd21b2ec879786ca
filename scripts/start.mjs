// `npm start`: always runs the app. The desktop window when Electron can start here; otherwise it says why (zh + en)
// and starts the browser host instead, opening the default browser where there is one (printing the address
// otherwise). `npm start -- --web` forces the browser host. Never imports `electron` (its index.js would try to
// download the binary) — see architecture.md, toolchain facts.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  desktopBlocker,
  findElectronBinary,
  nativeBindingStatus,
  openCommand,
  NATIVE_BINDING,
} from './electron-binary.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const forceWeb = argv.includes('--web');
const args = argv.filter((a) => a !== '--web');

/** @param {string[]} lines */
const say = (lines) => console.error(lines.join('\n'));

/**
 * Runs a step to completion; false when it failed (the message is printed).
 * @param {string} what @param {string} command @param {string[]} commandArgs
 */
function step(what, command, commandArgs) {
  const r = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit', env: process.env });
  if (r.status === 0) return true;
  say([`[ScoreDesk] ${what} 失败 / failed (${r.error ? r.error.message : `exit ${r.status ?? r.signal}`})`]);
  return false;
}

/** @param {import('node:child_process').ChildProcess} child */
function relay(child) {
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
    process.on(signal, () => {
      if (child.exitCode === null) child.kill(signal);
    });
  }
  child.on('exit', (code, signal) => {
    // a signal death is a failure, not exit 0
    process.exit(code ?? (signal ? 1 : 0));
  });
}

function build() {
  const electronVite = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  if (!existsSync(electronVite)) {
    say([
      '[ScoreDesk] 未找到 electron-vite，请先运行 npm install / electron-vite is missing: run npm install',
    ]);
    process.exit(1);
  }
  if (!step('构建 / electron-vite build', process.execPath, [electronVite, 'build'])) process.exit(1);
}

/**
 * The browser host: built renderer, then `src/main/web/index.ts` through tsx; its address line is passed through and
 * opened in the default browser when this machine has one.
 * @param {{ zh: string, en: string }} why
 */
function startWeb(why) {
  say([
    `[ScoreDesk] 桌面窗口无法打开：${why.zh}`,
    '  改为启动网页模式（本机浏览器访问，功能相同）。',
    `[ScoreDesk] The desktop window cannot open: ${why.en}`,
    '  Starting the browser host instead (same app, in your browser, this machine only).',
  ]);
  build();
  const tsxCli = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const child = spawn(process.execPath, [tsxCli, join('src', 'main', 'web', 'index.ts'), ...args], {
    cwd: root,
    stdio: ['inherit', 'pipe', 'inherit'],
    env: process.env,
  });
  const opener = openCommand(process.platform, process.env);
  let buffered = '';
  let opened = false;
  child.stdout.setEncoding('utf8').on('data', (/** @type {string} */ chunk) => {
    process.stdout.write(chunk);
    if (opened) return;
    buffered += chunk;
    const url = /ScoreDesk web: (http:\/\/\S+)/.exec(buffered)?.[1];
    if (!url) return;
    opened = true;
    if (!opener) {
      say([
        '[ScoreDesk] 没有可打开的桌面浏览器：请在本机浏览器中打开上面的地址 / open the address above in a browser',
      ]);
      return;
    }
    const o = spawn(opener.command, [...opener.args, url], { stdio: 'ignore', detached: true });
    o.on('error', () =>
      say([
        '[ScoreDesk] 无法自动打开浏览器：请手动打开上面的地址 / could not open a browser: open the address above',
      ]),
    );
    o.unref();
  });
  child.on('error', (e) => {
    say([`[ScoreDesk] 无法启动网页模式 / cannot start the browser host: ${e.message}`]);
    process.exit(1);
  });
  relay(child);
}

const electron = findElectronBinary(root, process.env);
const blocker = desktopBlocker({
  forceWeb,
  electron,
  nodeVersion: process.versions.node,
  platform: process.platform,
  env: process.env,
});
if (blocker || !electron) {
  startWeb(blocker ?? { zh: '未找到 Electron', en: 'Electron is not installed' });
} else {
  const binding = nativeBindingStatus(root);
  let bindingOk = binding.ok;
  if (!binding.ok) {
    console.log(
      binding.reason === 'missing'
        ? `[ScoreDesk] 首次启动：为 Electron 编译数据库组件 / first start: building better-sqlite3 for Electron (${NATIVE_BINDING})`
        : `[ScoreDesk] Electron 或 better-sqlite3 版本已变，重新编译 / versions changed: rebuilding ${NATIVE_BINDING}`,
    );
    bindingOk = step('编译数据库组件 / rebuild:electron', process.execPath, [
      join(root, 'scripts', 'rebuild-electron-sqlite.mjs'),
    ]);
  }
  if (!bindingOk) {
    startWeb({
      zh: '未能为 Electron 编译数据库组件（需要联网下载 Electron 头文件，或设置 SCOREDESK_ELECTRON_HEADERS）',
      en: 'better-sqlite3 could not be built for Electron (Electron headers are downloaded, or set SCOREDESK_ELECTRON_HEADERS)',
    });
  } else {
    build();
    // package.json "main" is out/main/index.js, so Electron is pointed at the project root; --db and the rest follow.
    const env = { ...process.env };
    // set by some shells and tools; it would make the binary behave as plain Node and ignore the app
    delete env.ELECTRON_RUN_AS_NODE;
    const child = spawn(electron, [root, ...args], { cwd: root, stdio: 'inherit', env });
    child.on('error', (e) => {
      say([`[ScoreDesk] 无法启动 Electron / cannot start Electron: ${e.message}`]);
      process.exit(1);
    });
    relay(child);
  }
}
