// `npm run rebuild:electron`: compiles better-sqlite3 against Electron's headers into build/electron/better_sqlite3.node
// for the desktop window (`new Database(file, { nativeBinding })`). node_modules/better-sqlite3/build — the Node build
// the CLI, the browser host and the tests load — is never touched: the package source is copied to a temp dir and
// built there (architecture.md, toolchain facts).
//
// Known-good pair: Electron 42.11 ↔ better-sqlite3 12.11.1 (12.11.1 added Electron 42 support; 13.x needs Node >= 22).
// Upgrading either one: bump both together and rebuild; start.mjs rebuilds by itself when the stamp no longer matches.
//
// Needs internet (or a headers folder, below) for Electron's headers, downloaded once by node-gyp from
// https://electronjs.org/headers and cached in ~/.electron-gyp. Offline, point SCOREDESK_ELECTRON_HEADERS at an
// unpacked electron-v<version>-headers.tar.gz and it is used as node-gyp's --nodedir instead.
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { installedVersion, NATIVE_BINDING, NATIVE_STAMP } from './electron-binary.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** @param {string[]} lines */
function die(lines) {
  console.error(lines.join('\n'));
  process.exit(1);
}

const electronVersion = installedVersion(root, 'electron');
const sqliteVersion = installedVersion(root, 'better-sqlite3');
if (!electronVersion || !sqliteVersion) {
  die([
    '[ScoreDesk] 未安装 electron 或 better-sqlite3，请先运行 npm install / electron or better-sqlite3 is not installed: run npm install',
  ]);
}

/** node-gyp: the one npm runs scripts with, a local install, or the copy bundled with npm next to node. */
function findNodeGyp() {
  const execDir = dirname(process.execPath);
  const candidates = [
    process.env.npm_config_node_gyp,
    join(root, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
    join(execDir, '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
    join(execDir, 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
  ];
  const npmPrefix = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['prefix', '-g'], {
    encoding: 'utf8',
    shell: process.platform === 'win32',
  });
  if (npmPrefix.status === 0 && npmPrefix.stdout.trim()) {
    const prefix = npmPrefix.stdout.trim();
    candidates.push(
      join(prefix, 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
    );
    candidates.push(join(prefix, 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  }
  return candidates.find((c) => c && existsSync(c)) ?? null;
}

const nodeGyp = findNodeGyp();
if (!nodeGyp) {
  die([
    '[ScoreDesk] 未找到 node-gyp（通常随 npm 一起安装）。/ node-gyp not found (it normally ships with npm).',
    '  npm install -g node-gyp  然后重试 / then retry: npm run rebuild:electron',
  ]);
}

const work = mkdtempSync(join(tmpdir(), 'scoredesk-sqlite-electron-'));
const src = join(root, 'node_modules', 'better-sqlite3');
let failed = false;
console.log(
  `[ScoreDesk] better-sqlite3 ${sqliteVersion} → Electron ${electronVersion} (${process.platform}-${process.arch})`,
);
try {
  // binding.gyp, src/ and deps/ (the SQLite amalgamation) are all node-gyp needs; the Node build/ stays behind
  cpSync(src, work, {
    recursive: true,
    filter: (p) => p !== join(src, 'build') && p !== join(src, 'node_modules'),
  });

  // npm exports its config as npm_config_*, and node-gyp reads those: a user-level `nodedir` (Node's headers) or
  // `target` would silently override the Electron flags below, producing a module Electron refuses to load.
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^npm_config_(nodedir|target|runtime|disturl|dist_url|arch|target_arch|devdir)$/i.test(key))
      delete env[key];
  }
  const headers = process.env.SCOREDESK_ELECTRON_HEADERS;
  const gypArgs = [
    nodeGyp,
    'rebuild',
    '--release',
    '--runtime=electron',
    `--target=${electronVersion}`,
    `--arch=${process.arch}`,
    '--dist-url=https://electronjs.org/headers',
    // not node-gyp's default cache: a Node and an Electron version can share a number, and their headers differ
    `--devdir=${join(homedir(), '.electron-gyp')}`,
    ...(headers ? [`--nodedir=${headers}`] : []),
  ];
  const r = spawnSync(process.execPath, gypArgs, { cwd: work, stdio: 'inherit', env });
  const built = join(work, 'build', 'Release', 'better_sqlite3.node');
  if (r.status !== 0 || !existsSync(built)) {
    failed = true;
    console.error(
      [
        '',
        '[ScoreDesk] 为 Electron 编译 better-sqlite3 失败。',
        `  最常见的原因：无法下载 Electron ${electronVersion} 的头文件（需要访问 https://electronjs.org/headers）。`,
        '  请在联网的电脑上运行 npm run rebuild:electron，或把解压后的头文件目录设为 SCOREDESK_ELECTRON_HEADERS 再试；',
        '  另需 C++ 编译工具（Linux: build-essential python3；Windows: Visual Studio 生成工具；macOS: Xcode 命令行工具）。',
        '  网页模式不需要这一步：npm run web',
        '[ScoreDesk] Building better-sqlite3 for Electron failed.',
        `  Most likely Electron ${electronVersion}'s headers could not be downloaded (https://electronjs.org/headers needs`,
        '  internet). Run npm run rebuild:electron on a connected machine, or set SCOREDESK_ELECTRON_HEADERS to an',
        '  unpacked headers folder; a C++ toolchain is also required. Web mode does not need this step: npm run web',
      ].join('\n'),
    );
  } else {
    const target = join(root, NATIVE_BINDING);
    mkdirSync(dirname(target), { recursive: true });
    // copy then rename, so a half-written file is never taken for a good build
    copyFileSync(built, `${target}.tmp`);
    renameSync(`${target}.tmp`, target);
    const stamp = {
      electron: electronVersion,
      betterSqlite3: sqliteVersion,
      platform: process.platform,
      arch: process.arch,
    };
    writeFileSync(join(root, NATIVE_STAMP), `${JSON.stringify(stamp, null, 2)}\n`);
    console.log(`[ScoreDesk] 完成 / done: ${NATIVE_BINDING}`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
if (failed) process.exit(1);
