import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nativeBinding, windowIcon } from '../../src/main/shell/packaged';

const project = join('/home', 'lead', 'scoredesk');
const resources = join('/opt', '客服绩效台 ScoreDesk', 'resources');
const unpackaged = { isPackaged: false, appPath: project, resourcesPath: '/usr/lib/electron/resources' };
const packaged = { isPackaged: true, appPath: join(resources, 'app.asar'), resourcesPath: resources };

describe('nativeBinding', () => {
  it('uses the out-of-tree Electron build from npm run rebuild:electron when unpackaged', () => {
    const b = nativeBinding(unpackaged);
    expect(b.file).toBe(join(project, 'build', 'electron', 'better_sqlite3.node'));
    expect(b.missing.zh).toContain('npm run rebuild:electron');
  });

  it("uses electron-builder's rebuilt module, unpacked beside app.asar, when packaged", () => {
    const b = nativeBinding(packaged);
    expect(b.file).toBe(
      join(
        resources,
        'app.asar.unpacked',
        'node_modules',
        'better-sqlite3',
        'build',
        'Release',
        'better_sqlite3.node',
      ),
    );
    expect(b.file).not.toContain(`app.asar${join('/', 'node_modules')}`);
    // an installed app has no project folder: the hint is to reinstall, not to run npm
    expect(b.missing.zh).toContain('重新安装');
    expect(b.missing.zh).not.toContain('npm');
  });

  it('finds the module in the app folder when a build disables asar', () => {
    const app = join(resources, 'app');
    expect(nativeBinding({ ...packaged, appPath: app }).file).toBe(
      join(app, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'),
    );
  });

  it('names the same file the rebuild script writes (scripts/electron-binary.mjs NATIVE_BINDING)', () => {
    const script = readFileSync(join(__dirname, '../../scripts/electron-binary.mjs'), 'utf8');
    expect(script).toContain("join('build', 'electron', 'better_sqlite3.node')");
  });
});

describe('windowIcon', () => {
  it('uses the .ico on Windows and the PNG on Linux, from resources/ unpackaged', () => {
    expect(windowIcon(unpackaged, 'win32')).toBe(join(project, 'resources', 'icon.ico'));
    expect(windowIcon(unpackaged, 'linux')).toBe(join(project, 'resources', 'icon.png'));
  });

  it('uses the copies electron-builder puts in the resources folder when packaged', () => {
    expect(windowIcon(packaged, 'win32')).toBe(join(resources, 'icon.ico'));
    expect(windowIcon(packaged, 'linux')).toBe(join(resources, 'icon.png'));
  });

  it('sets none on macOS, where the dock shows the bundle icon', () => {
    expect(windowIcon(packaged, 'darwin')).toBeUndefined();
    expect(windowIcon(unpackaged, 'darwin')).toBeUndefined();
  });
});

describe('the packaged module', () => {
  it('does not load electron', () => {
    const source = readFileSync(join(__dirname, '../../src/main/shell/packaged.ts'), 'utf8');
    expect(source).not.toMatch(/from ['"]electron['"]|require\(['"]electron['"]\)/);
  });
});
