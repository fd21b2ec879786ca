/**
 * The electron-builder config ("build" in package.json) and the files it names. No build and no Electron binary
 * needed: the out/ entry points are checked in test/integration/build-output.test.ts after the app project's build.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join, relative, resolve } from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { PRODUCT_NAME, userDataDir } from '../../src/main/db/paths';
import { nativeBinding, windowIcon } from '../../src/main/shell/packaged';
import { keepNodeBuild } from '../../scripts/dist.mjs';
import { draw, ICNS_TYPES, ICO_SIZES, PNG_SIZES } from '../../scripts/make-icons.mjs';

const root = resolve(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  name: string;
  productName: string;
  main: string;
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  build: BuildConfig;
};

interface Target {
  target: string;
  arch?: string[];
}
interface BuildConfig {
  appId: string;
  productName: string;
  extraMetadata?: Record<string, unknown>;
  directories: { buildResources: string; output: string };
  files: string[];
  asar: boolean;
  asarUnpack: string[];
  npmRebuild: boolean;
  extraResources: { from: string; to: string }[];
  electronFuses: Record<string, boolean>;
  win: { target: Target[]; icon: string; executableName: string };
  nsis: Record<string, unknown>;
  mac: { target: Target[]; icon: string };
  linux: { target: Target[]; icon: string };
}
const build = pkg.build;

// electron-builder's own schema check and glob matcher, resolved the way electron-builder resolves them
const builderRequire = createRequire(require.resolve('app-builder-lib/package.json'));
const { validateConfiguration } = builderRequire('./out/util/config/config') as {
  validateConfiguration: (config: unknown, logger: unknown) => Promise<void>;
};
const { DebugLogger } = builderRequire('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
type Minimatch = (path: string, pattern: string, options?: object) => boolean;
const mm = builderRequire('minimatch') as Minimatch | { minimatch: Minimatch };
const minimatch: Minimatch = typeof mm === 'function' ? mm : mm.minimatch;
const matchesAny = (file: string, patterns: string[]) =>
  patterns.some((p) => minimatch(file, p, { dot: true }));

describe('the electron-builder config', () => {
  it("passes electron-builder's schema validation, and a misspelt key would not", async () => {
    await expect(
      validateConfiguration(structuredClone(build), new DebugLogger(false)),
    ).resolves.toBeUndefined();
    const typo = { ...build, nsis: { ...build.nsis, perMachin: false } };
    await expect(validateConfiguration(typo, new DebugLogger(false))).rejects.toThrow(/nsis/);
  });

  it('names the installer 客服绩效台 ScoreDesk but leaves the app, and so its data folder, named ScoreDesk', () => {
    expect(build.appId).toBe('com.scoredesk.app');
    expect(build.productName).toBe('客服绩效台 ScoreDesk');
    // Electron's app name (and userData) comes from the packed package.json, which electron-builder copies with its
    // top-level productName unless extraMetadata overrides it
    expect(pkg.productName).toBe(PRODUCT_NAME);
    expect(build.extraMetadata?.productName).toBeUndefined();
    expect(build.extraMetadata?.name).toBeUndefined();
    expect(userDataDir('win32', { APPDATA: 'C:\\Users\\lead\\AppData\\Roaming' }, 'C:\\Users\\lead')).toBe(
      join('C:\\Users\\lead\\AppData\\Roaming', 'ScoreDesk'),
    );
    expect(userDataDir('linux', {}, '/home/lead')).toBe('/home/lead/.config/ScoreDesk');
    // ASCII executables: no spaces or CJK in the path scripts and shortcuts launch
    expect(build.win.executableName).toBe('ScoreDesk');
  });

  it('packs the build output and package.json only, with resources/ as the build resources', () => {
    expect(build.files).toEqual(['out/**', 'package.json']);
    for (const f of [pkg.main, 'out/preload/index.js', 'out/renderer/index.html', 'out/main/job-worker.js'])
      expect(matchesAny(f, build.files)).toBe(true);
    for (const f of ['src/main/shell/index.ts', 'build/electron/better_sqlite3.node', 'test/fixtures/x.xlsx'])
      expect(matchesAny(f, build.files)).toBe(false);
    // the default "build" would collide with build/electron, the npm start binding
    expect(build.directories).toEqual({ buildResources: 'resources', output: 'dist' });
    expect(build.asar).toBe(true);
  });

  it('rebuilds better-sqlite3 for Electron and unpacks it where the packaged shell loads it', () => {
    expect(build.npmRebuild).toBe(true);
    // a devDependency would not be packed at all
    expect(pkg.dependencies['better-sqlite3']).toBeDefined();
    const resources = join('/opt', 'ScoreDesk', 'resources');
    const chosen = nativeBinding({
      isPackaged: true,
      appPath: join(resources, 'app.asar'),
      resourcesPath: resources,
    }).file;
    const inApp = relative(join(resources, 'app.asar.unpacked'), chosen).split('\\').join('/');
    expect(inApp).toBe('node_modules/better-sqlite3/build/Release/better_sqlite3.node');
    expect(matchesAny(inApp, build.asarUnpack)).toBe(true);
    expect(matchesAny('out/main/index.js', build.asarUnpack)).toBe(false);
  });

  it('flips the Electron fuses: no run-as-node, NODE_OPTIONS or --inspect; encrypted cookies; only a verified asar', () => {
    expect(build.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
      loadBrowserProcessSpecificV8Snapshot: false,
    });
  });

  it('needs no ELECTRON_RUN_AS_NODE child: the main process forks nothing (imports run in worker threads)', () => {
    const sources = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
      );
    const offenders = sources(join(root, 'src', 'main')).filter((f) =>
      /\bfork\(|ELECTRON_RUN_AS_NODE|utilityProcess/.test(readFileSync(f, 'utf8')),
    );
    expect(offenders).toEqual([]);
  });

  it('installs per user on Windows with a Chinese NSIS installer, desktop and start-menu shortcuts, data kept', () => {
    expect(build.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(build.nsis).toMatchObject({
      oneClick: true,
      perMachine: false,
      installerLanguages: ['zh_CN'],
      language: '2052',
      createDesktopShortcut: true,
      createStartMenuShortcut: true,
      shortcutName: '客服绩效台 ScoreDesk',
      deleteAppDataOnUninstall: false,
    });
  });

  it('makes a dmg for macOS and an AppImage for Linux', () => {
    expect(build.mac.target.map((t) => t.target)).toEqual(['dmg']);
    expect(build.linux.target.map((t) => t.target)).toEqual(['AppImage']);
  });

  it('points every icon setting at a committed file', () => {
    for (const f of [build.win.icon, build.mac.icon, build.nsis.installerIcon, build.nsis.uninstallerIcon])
      expect(existsSync(join(root, String(f)))).toBe(true);
    expect(build.linux.icon).toBe('resources/icons');
    expect(readdirSync(join(root, build.linux.icon)).sort()).toEqual(
      PNG_SIZES.map((s) => `${s}x${s}.png`).sort(),
    );
  });

  it('copies the window icons where the packaged shell looks for them', () => {
    for (const r of build.extraResources) expect(existsSync(join(root, r.from))).toBe(true);
    const paths = { isPackaged: true, appPath: '/r/app.asar', resourcesPath: '/r' };
    const wanted = ['win32', 'linux'].map((p) => basename(windowIcon(paths, p as NodeJS.Platform) ?? ''));
    expect(build.extraResources.map((r) => r.to).sort()).toEqual(wanted.sort());
  });

  it('has npm run dist and npm run icons', () => {
    expect(pkg.scripts.dist).toBe('node scripts/dist.mjs');
    expect(pkg.scripts.icons).toBe('node scripts/make-icons.mjs');
    expect(pkg.devDependencies['electron-builder']).toBeDefined();
  });
});

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8)).toEqual(PNG_SIGNATURE);
  expect(bytes.toString('ascii', 12, 16)).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** RGBA pixels of a PNG written by make-icons (8-bit RGBA, filter 0 on every row). */
function pngPixels(bytes: Buffer): Buffer {
  const { width, height } = pngSize(bytes);
  const idat: Buffer[] = [];
  for (let o = 8; o < bytes.length;) {
    const len = bytes.readUInt32BE(o);
    if (bytes.toString('ascii', o + 4, o + 8) === 'IDAT') idat.push(bytes.subarray(o + 8, o + 8 + len));
    o += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const out = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    expect(raw[y * (width * 4 + 1)]).toBe(0);
    raw.copy(out, y * width * 4, y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1));
  }
  return out;
}

describe('the icon files', () => {
  const res = (f: string) => readFileSync(join(root, 'resources', f));

  it.each(PNG_SIZES)(
    'the %i px PNG is that size and matches the drawing in scripts/make-icons.mjs',
    (size) => {
      const bytes = res(`icons/${size}x${size}.png`);
      expect(pngSize(bytes)).toEqual({ width: size, height: size });
      expect(pngPixels(bytes).equals(draw(size))).toBe(true);
    },
  );

  it('covers 16 to 1024 px, and icon.png is the 512 px image', () => {
    expect(PNG_SIZES).toEqual(expect.arrayContaining([16, 32, 48, 64, 128, 256, 512, 1024]));
    expect(res('icon.png').equals(res('icons/512x512.png'))).toBe(true);
  });

  it('icon.ico holds 16–256 px images whose directory matches their data', () => {
    const ico = res('icon.ico');
    expect(ico.readUInt16LE(0)).toBe(0);
    expect(ico.readUInt16LE(2)).toBe(1);
    const count = ico.readUInt16LE(4);
    const sizes: number[] = [];
    for (let i = 0; i < count; i++) {
      const e = 6 + 16 * i;
      const size = ico[e] === 0 ? 256 : (ico[e] ?? -1);
      expect(ico[e + 1]).toBe(ico[e]);
      expect(ico.readUInt16LE(e + 6)).toBe(32);
      const length = ico.readUInt32LE(e + 8);
      const offset = ico.readUInt32LE(e + 12);
      expect(offset + length).toBeLessThanOrEqual(ico.length);
      const data = ico.subarray(offset, offset + length);
      if (data.subarray(0, 8).equals(PNG_SIGNATURE)) {
        expect(pngSize(data)).toEqual({ width: size, height: size });
      } else {
        // BITMAPINFOHEADER: 40 bytes, height doubled for the AND mask, 32 bits per pixel
        expect(data.readUInt32LE(0)).toBe(40);
        expect(data.readInt32LE(4)).toBe(size);
        expect(data.readInt32LE(8)).toBe(size * 2);
        expect(data.readUInt16LE(14)).toBe(32);
        expect(length).toBe(40 + size * size * 4 + Math.ceil(size / 32) * 4 * size);
      }
      sizes.push(size);
    }
    expect(sizes).toEqual(ICO_SIZES);
    // electron-builder refuses a Windows icon without a 256 px image
    expect(sizes).toContain(256);
  });

  it('icon.icns holds PNG entries from 32 to 1024 px with consistent lengths', () => {
    const icns = res('icon.icns');
    expect(icns.toString('ascii', 0, 4)).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const entries: [string, number][] = [];
    for (let o = 8; o < icns.length;) {
      const type = icns.toString('ascii', o, o + 4);
      const length = icns.readUInt32BE(o + 4);
      expect(length).toBeGreaterThan(8);
      const { width, height } = pngSize(icns.subarray(o + 8, o + length));
      expect(height).toBe(width);
      entries.push([type, width]);
      o += length;
    }
    expect(entries).toEqual(ICNS_TYPES);
    expect(entries.map(([, s]) => s)).toContain(1024);
  });
});

describe('npm run dist keeps the Node build of better-sqlite3', () => {
  let dir = '';
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('puts back exactly the build electron-builder rebuilt in place', () => {
    dir = mkdtempSync(join(tmpdir(), 'scoredesk-dist-'));
    const release = join(dir, 'node_modules', 'better-sqlite3', 'build', 'Release');
    mkdirSync(release, { recursive: true });
    writeFileSync(join(release, 'better_sqlite3.node'), 'node ABI 115');
    const restore = keepNodeBuild(dir);
    // what @electron/rebuild does: a new build folder with other files
    rmSync(join(dir, 'node_modules', 'better-sqlite3', 'build'), { recursive: true });
    mkdirSync(release, { recursive: true });
    writeFileSync(join(release, 'better_sqlite3.node'), 'electron ABI 140');
    writeFileSync(join(release, 'extra.node'), 'x');
    restore();
    expect(readFileSync(join(release, 'better_sqlite3.node'), 'utf8')).toBe('node ABI 115');
    expect(readdirSync(release)).toEqual(['better_sqlite3.node']);
  });

  it('does nothing when there is no build to keep', () => {
    dir = mkdtempSync(join(tmpdir(), 'scoredesk-dist-'));
    const restore = keepNodeBuild(dir);
    restore();
    expect(readdirSync(dir)).toEqual([]);
  });
});
