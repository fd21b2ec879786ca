import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  desktopBlocker,
  findElectronBinary,
  openCommand,
  nativeBindingStatus,
  NATIVE_BINDING,
  NATIVE_STAMP,
} from '../../scripts/electron-binary.mjs';

const repo = join(__dirname, '..', '..');
const temps: string[] = [];

afterEach(() => {
  for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true });
});

function tempRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'scoredesk-start-'));
  temps.push(root);
  return root;
}

function write(root: string, rel: string, content: string, mode?: number): string {
  const file = join(root, rel);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, content);
  if (mode !== undefined) chmodSync(file, mode);
  return file;
}

/** A fake project: the real start scripts under <root>/scripts, so start.mjs takes <root> as the project root. */
function fakeProject(): string {
  const root = tempRoot();
  mkdirSync(join(root, 'scripts'));
  for (const f of ['start.mjs', 'electron-binary.mjs'])
    copyFileSync(join(repo, 'scripts', f), join(root, 'scripts', f));
  write(root, 'node_modules/electron/package.json', JSON.stringify({ version: '42.11.18' }));
  write(root, 'node_modules/better-sqlite3/package.json', JSON.stringify({ version: '12.11.1' }));
  return root;
}

/** A clean environment: no override, no proxy to a real downloader, no npm config leaking in. */
function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, ...extra };
  // if anything tried the network it would hit a closed port and fail, not download
  e.HTTPS_PROXY = e.HTTP_PROXY = 'http://127.0.0.1:9';
  return e;
}

function runStart(root: string, args: string[] = [], extraEnv: Record<string, string> = {}) {
  return spawnSync(process.execPath, [join(root, 'scripts', 'start.mjs'), ...args], {
    cwd: root,
    env: env(extraEnv),
    encoding: 'utf8',
    timeout: 20_000,
  });
}

/**
 * Fakes of the build and of the browser host in a fake project: electron-vite and tsx's CLI record their arguments;
 * the "host" prints its address line the way src/main/web/index.ts does and exits 0.
 */
function fakeWebTools(root: string): string {
  const log = join(root, 'calls.log');
  write(
    root,
    'node_modules/electron-vite/bin/electron-vite.js',
    `require('fs').appendFileSync(${JSON.stringify(log)}, 'electron-vite ' + process.argv.slice(2).join(' ') + '\\n');`,
  );
  write(
    root,
    'node_modules/tsx/dist/cli.mjs',
    `import { appendFileSync } from 'node:fs';\nappendFileSync(${JSON.stringify(log)}, 'web ' + process.argv.slice(2).join(' ') + '\\n');\nconsole.log('ScoreDesk web: http://127.0.0.1:4321/#token=abc');\n`,
  );
  return log;
}

function expectWebFallback(r: ReturnType<typeof runStart>, log: string, zh: string, en: string): void {
  expect(r.status).toBe(0);
  expect(r.stderr).toContain(`桌面窗口无法打开：${zh}`);
  expect(r.stderr).toContain(`The desktop window cannot open: ${en}`);
  expect(r.stderr).toContain('改为启动网页模式');
  expect(r.stdout).toContain('ScoreDesk web: http://127.0.0.1:4321/#token=abc');
  expect(readFileSync(log, 'utf8').trim().split('\n')[0]).toBe('electron-vite build');
}

describe('npm start where the desktop window cannot open', () => {
  it('without the Electron binary: says why in Chinese and English and starts the browser host with the arguments', () => {
    const root = fakeProject();
    const log = fakeWebTools(root);
    const r = runStart(root, ['--db', join(root, 'x.db')]);
    expectWebFallback(r, log, '未找到 Electron 程序文件', 'the Electron binary is not installed');
    expect(readFileSync(log, 'utf8').trim().split('\n')).toEqual([
      'electron-vite build',
      `web ${join('src', 'main', 'web', 'index.ts')} --db ${join(root, 'x.db')}`,
    ]);
    // no desktop here (no DISPLAY): the address is printed, nothing is opened
    expect(r.stderr).toContain('请在本机浏览器中打开上面的地址');
    // nothing downloaded
    expect(existsSync(join(root, 'node_modules', 'electron', 'dist'))).toBe(false);
  });

  it('when path.txt names a binary that is not in dist/', () => {
    const root = fakeProject();
    const log = fakeWebTools(root);
    write(root, 'node_modules/electron/path.txt', 'electron');
    expectWebFallback(
      runStart(root),
      log,
      '未找到 Electron 程序文件',
      'the Electron binary is not installed',
    );
  });

  it('when ELECTRON_OVERRIDE_DIST_PATH points at a folder without the binary', () => {
    const root = fakeProject();
    const log = fakeWebTools(root);
    const r = runStart(root, [], { ELECTRON_OVERRIDE_DIST_PATH: tempRoot() });
    expectWebFallback(r, log, '未找到 Electron 程序文件', 'the Electron binary is not installed');
  });

  it('--web forces the browser host and is not passed on', () => {
    const root = fakeProject();
    const log = fakeWebTools(root);
    const r = runStart(root, ['--web', '--port', '8123']);
    expectWebFallback(r, log, '已指定 --web', '--web was given');
    expect(readFileSync(log, 'utf8')).toContain(
      `web ${join('src', 'main', 'web', 'index.ts')} --port 8123\n`,
    );
  });

  it.skipIf(process.platform !== 'linux')(
    'opens the address in the default browser where there is a desktop',
    () => {
      const root = fakeProject();
      const log = fakeWebTools(root);
      const bin = tempRoot();
      write(bin, 'xdg-open', `#!/bin/sh\necho "open $*" >> "${log}"\n`, 0o755);
      const r = runStart(root, ['--web'], { DISPLAY: ':0', PATH: `${bin}:${process.env.PATH ?? ''}` });
      expect(r.status).toBe(0);
      // the opener is detached: give it a moment to write
      const until = Date.now() + 5000;
      while (!readFileSync(log, 'utf8').includes('open ') && Date.now() < until) spawnSync('sleep', ['0.1']);
      expect(readFileSync(log, 'utf8')).toContain('open http://127.0.0.1:4321/#token=abc');
    },
  );

  it('never imports the electron package (its index.js downloads the binary)', () => {
    for (const f of ['start.mjs', 'electron-binary.mjs']) {
      const source = readFileSync(join(repo, 'scripts', f), 'utf8');
      expect(source).not.toMatch(
        /from ['"]electron['"]|require\(['"]electron['"]\)|import\(['"]electron['"]\)/,
      );
    }
  });
});

describe('desktopBlocker and openCommand', () => {
  const base = {
    forceWeb: false,
    electron: '/x/electron',
    nodeVersion: '22.12.0',
    platform: 'linux',
    env: { DISPLAY: ':0' },
  };
  it('lets the window open with a binary and a display', () => {
    expect(desktopBlocker(base)).toBeNull();
    expect(desktopBlocker({ ...base, platform: 'win32', env: {} })).toBeNull();
  });
  it('names the reason: forced, no binary (with the Node the download needs), no display', () => {
    expect(desktopBlocker({ ...base, forceWeb: true })?.en).toBe('--web was given (browser host)');
    const old = desktopBlocker({ ...base, electron: null, nodeVersion: '20.20.2' });
    expect(old?.zh).toContain('下载它需要 Node ≥ 22.12（当前 20.20.2）');
    expect(old?.en).toContain('downloading it needs Node >= 22.12 (this is 20.20.2)');
    expect(desktopBlocker({ ...base, electron: null, nodeVersion: '22.12.0' })?.zh).not.toContain('Node');
    expect(desktopBlocker({ ...base, env: {} })?.zh).toBe('没有图形显示（未设置 DISPLAY / WAYLAND_DISPLAY）');
    expect(desktopBlocker({ ...base, env: { WAYLAND_DISPLAY: 'wayland-0' } })).toBeNull();
  });
  it('opens with open / start / xdg-open, never without a desktop or when switched off', () => {
    expect(openCommand('darwin', {})).toEqual({ command: 'open', args: [] });
    expect(openCommand('win32', {})).toEqual({ command: 'cmd', args: ['/c', 'start', '""'] });
    expect(openCommand('linux', { PATH: '/nonexistent' })).toBeNull();
    expect(openCommand('darwin', { SCOREDESK_NO_OPEN: '1' })).toBeNull();
  });
});

describe.skipIf(process.platform === 'win32')('npm start with the Electron binary', () => {
  /** A project whose "Electron" is a shell script recording its arguments and exiting 7. */
  function projectWithElectron(): { root: string; log: string } {
    const root = fakeProject();
    const log = join(root, 'calls.log');
    write(root, 'node_modules/electron/path.txt', 'electron');
    write(
      root,
      'node_modules/electron/dist/electron',
      `#!/bin/sh\necho "electron $*" >> "${log}"\nexit 7\n`,
      0o755,
    );
    write(
      root,
      'node_modules/electron-vite/bin/electron-vite.js',
      `require('fs').appendFileSync(${JSON.stringify(log)}, 'electron-vite ' + process.argv.slice(2).join(' ') + '\\n');`,
    );
    return { root, log };
  }

  it('starts the browser host instead when there is no display', () => {
    const { root, log } = projectWithElectron();
    fakeWebTools(root);
    write(root, NATIVE_BINDING, 'fake');
    write(root, NATIVE_STAMP, JSON.stringify({ electron: '42.11.18', betterSqlite3: '12.11.1' }));
    const r = runStart(root);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('没有图形显示');
    expect(readFileSync(log, 'utf8')).not.toContain('electron /');
  });

  it('builds, then runs Electron on the project root with the arguments, exiting with its code', () => {
    const { root, log } = projectWithElectron();
    write(root, NATIVE_BINDING, 'fake');
    write(root, NATIVE_STAMP, JSON.stringify({ electron: '42.11.18', betterSqlite3: '12.11.1' }));
    const r = runStart(root, ['--db', '/data/绩效.db'], { DISPLAY: ':0' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(7);
    expect(readFileSync(log, 'utf8').trim().split('\n')).toEqual([
      'electron-vite build',
      `electron ${root} --db /data/绩效.db`,
    ]);
  });

  it('rebuilds the Electron build of better-sqlite3 first when it is missing, and starts the browser host if that fails', () => {
    const { root, log } = projectWithElectron();
    fakeWebTools(root);
    write(
      root,
      'scripts/rebuild-electron-sqlite.mjs',
      `import { appendFileSync } from 'node:fs';\nappendFileSync(${JSON.stringify(log)}, 'rebuild\\n');\nprocess.exit(3);\n`,
    );
    const r = runStart(root, [], { DISPLAY: ':0' });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('未能为 Electron 编译数据库组件');
    expect(readFileSync(log, 'utf8').trim().split('\n')).toEqual([
      'rebuild',
      'electron-vite build',
      `web ${join('src', 'main', 'web', 'index.ts')}`,
    ]);
  });

  it('rebuilds when the binding was made for another Electron version', () => {
    const { root, log } = projectWithElectron();
    write(root, NATIVE_BINDING, 'fake');
    write(root, NATIVE_STAMP, JSON.stringify({ electron: '41.0.0', betterSqlite3: '12.11.1' }));
    write(
      root,
      'scripts/rebuild-electron-sqlite.mjs',
      `import { appendFileSync } from 'node:fs';\nappendFileSync(${JSON.stringify(log)}, 'rebuild\\n');\n`,
    );
    const r = runStart(root, [], { DISPLAY: ':0' });
    expect(r.status).toBe(7);
    expect(readFileSync(log, 'utf8').trim().split('\n')).toEqual([
      'rebuild',
      'electron-vite build',
      `electron ${root}`,
    ]);
  });
});

describe('findElectronBinary', () => {
  it('finds dist/<path.txt> the way node_modules/electron/index.js does', () => {
    const root = tempRoot();
    write(root, 'node_modules/electron/path.txt', 'electron');
    const bin = write(root, 'node_modules/electron/dist/electron', 'fake');
    expect(findElectronBinary(root, {})).toBe(bin);
  });

  it('follows path.txt to nested binaries such as the macOS bundle', () => {
    const root = tempRoot();
    write(root, 'node_modules/electron/path.txt', 'Electron.app/Contents/MacOS/Electron');
    const bin = write(root, 'node_modules/electron/dist/Electron.app/Contents/MacOS/Electron', 'fake');
    expect(findElectronBinary(root, {})).toBe(bin);
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH, defaulting the name to electron', () => {
    const root = tempRoot();
    const dist = tempRoot();
    const bin = write(dist, 'electron', 'fake');
    expect(findElectronBinary(root, { ELECTRON_OVERRIDE_DIST_PATH: dist })).toBe(bin);
    write(root, 'node_modules/electron/path.txt', 'electron.exe');
    expect(findElectronBinary(root, { ELECTRON_OVERRIDE_DIST_PATH: dist })).toBeNull();
  });

  it('is null without path.txt (where index.js would start a download) or without the file', () => {
    const root = tempRoot();
    write(root, 'node_modules/electron/dist/electron', 'fake');
    expect(findElectronBinary(root, {})).toBeNull();
    write(root, 'node_modules/electron/path.txt', 'electron-missing');
    expect(findElectronBinary(root, {})).toBeNull();
  });
});

describe('nativeBindingStatus', () => {
  it('is missing, stale or ok against the installed electron and better-sqlite3 versions', () => {
    const root = fakeProject();
    expect(nativeBindingStatus(root)).toEqual({ ok: false, reason: 'missing' });
    write(root, NATIVE_BINDING, 'fake');
    expect(nativeBindingStatus(root)).toEqual({ ok: false, reason: 'stale' });
    write(root, NATIVE_STAMP, JSON.stringify({ electron: '42.11.18', betterSqlite3: '12.10.0' }));
    expect(nativeBindingStatus(root)).toEqual({ ok: false, reason: 'stale' });
    write(root, NATIVE_STAMP, JSON.stringify({ electron: '42.11.18', betterSqlite3: '12.11.1' }));
    expect(nativeBindingStatus(root)).toEqual({ ok: true });
  });
});
