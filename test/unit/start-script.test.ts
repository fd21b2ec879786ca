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
  findElectronBinary,
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

function expectMissingMessage(r: ReturnType<typeof runStart>): void {
  expect(r.status).toBe(1);
  expect(r.stderr).toContain('未找到 Electron');
  expect(r.stderr).toContain('Node ≥ 22.12');
  expect(r.stderr).toContain('The desktop window needs the Electron binary');
  expect(r.stderr).toContain('Node >= 22.12');
  expect(r.stderr.match(/npm run web/g)?.length).toBe(2);
}

describe('npm start without the Electron binary', () => {
  it('exits 1 explaining in Chinese and English that the window needs Electron and npm run web works now', () => {
    const root = fakeProject();
    const r = runStart(root, ['--db', join(root, 'x.db')]);
    expectMissingMessage(r);
    // nothing downloaded, built or started
    expect(existsSync(join(root, 'node_modules', 'electron', 'dist'))).toBe(false);
    expect(existsSync(join(root, 'out'))).toBe(false);
  });

  it('exits 1 when path.txt names a binary that is not in dist/', () => {
    const root = fakeProject();
    write(root, 'node_modules/electron/path.txt', 'electron');
    expectMissingMessage(runStart(root));
  });

  it('exits 1 when ELECTRON_OVERRIDE_DIST_PATH points at a folder without the binary', () => {
    const root = fakeProject();
    const empty = tempRoot();
    expectMissingMessage(runStart(root, [], { ELECTRON_OVERRIDE_DIST_PATH: empty }));
  });

  it('never imports the electron package (its index.js downloads the binary)', () => {
    for (const f of ['start.mjs', 'electron-binary.mjs']) {
      const source = readFileSync(join(repo, 'scripts', f), 'utf8');
      expect(source).not.toMatch(
        /from ['"]electron['"]|require\(['"]electron['"]\)|import\(['"]electron['"]\)/,
      );
    }
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

  it('builds, then runs Electron on the project root with the arguments, exiting with its code', () => {
    const { root, log } = projectWithElectron();
    write(root, NATIVE_BINDING, 'fake');
    write(root, NATIVE_STAMP, JSON.stringify({ electron: '42.11.18', betterSqlite3: '12.11.1' }));
    const r = runStart(root, ['--db', '/data/绩效.db']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(7);
    expect(readFileSync(log, 'utf8').trim().split('\n')).toEqual([
      'electron-vite build',
      `electron ${root} --db /data/绩效.db`,
    ]);
  });

  it('rebuilds the Electron build of better-sqlite3 first when it is missing, and stops if that fails', () => {
    const { root, log } = projectWithElectron();
    write(
      root,
      'scripts/rebuild-electron-sqlite.mjs',
      `import { appendFileSync } from 'node:fs';\nappendFileSync(${JSON.stringify(log)}, 'rebuild\\n');\nprocess.exit(3);\n`,
    );
    const r = runStart(root);
    expect(r.status).toBe(3);
    expect(readFileSync(log, 'utf8').trim().split('\n')).toEqual(['rebuild']);
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
    const r = runStart(root);
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
