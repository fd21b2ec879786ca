/**
 * Where the desktop app finds the files it ships, unpackaged (`npm start`) and packaged (electron-builder), as pure
 * functions of Electron's paths so they are unit-tested without the binary. Must not import electron.
 */
import { join } from 'node:path';

export interface AppPaths {
  isPackaged: boolean;
  /** app.getAppPath(): the project folder unpackaged, `<resources>/app.asar` packaged. */
  appPath: string;
  /** process.resourcesPath: `<install>/resources` (Windows, Linux), `<App>.app/Contents/Resources` (macOS). */
  resourcesPath: string;
}

export interface NativeBindingChoice {
  file: string;
  /** What to tell the lead (zh) and the log (en) when the file is missing. */
  missing: { zh: string; en: string };
}

/**
 * The better-sqlite3 native module for Electron's ABI.
 *
 * Unpackaged: build/electron/better_sqlite3.node, made by scripts/rebuild-electron-sqlite.mjs outside node_modules so
 * the Node build that the CLI, the browser host and the tests load stays untouched.
 *
 * Packaged: electron-builder rebuilds node_modules/better-sqlite3 for Electron (npmRebuild) and `asarUnpack` puts it
 * beside the archive, in `app.asar.unpacked/…/build/Release/better_sqlite3.node` — a real file, because the OS loader
 * cannot read inside an asar. build/electron is not packed (`files` names only out/** and package.json).
 */
export function nativeBinding(paths: AppPaths): NativeBindingChoice {
  if (!paths.isPackaged) {
    return {
      file: join(paths.appPath, 'build', 'electron', 'better_sqlite3.node'),
      missing: {
        zh: '未找到 Electron 版的数据库组件（better-sqlite3）。请在项目目录运行：npm run rebuild:electron',
        en: 'The Electron build of better-sqlite3 is missing. In the project folder run: npm run rebuild:electron',
      },
    };
  }
  // app.asar → app.asar.unpacked; with asar disabled the app folder holds node_modules itself
  const base = paths.appPath.endsWith('.asar') ? `${paths.appPath}.unpacked` : paths.appPath;
  return {
    file: join(base, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'),
    missing: {
      zh: '安装不完整：缺少数据库组件（better-sqlite3）。请重新安装 客服绩效台 ScoreDesk。',
      en: 'The installation is incomplete: the better-sqlite3 module is missing. Reinstall ScoreDesk.',
    },
  };
}

/**
 * The window icon. Packaged, electron-builder copies it next to the archive (`extraResources` → resources/icon.*);
 * unpackaged it is the committed resources/ file. Windows takes the multi-size .ico (crisp in the taskbar at any
 * scale); Linux the 512 px PNG. macOS ignores window icons (the dock shows the bundle's icon.icns), so none is set.
 */
export function windowIcon(paths: AppPaths, platform: NodeJS.Platform): string | undefined {
  if (platform === 'darwin') return undefined;
  const name = platform === 'win32' ? 'icon.ico' : 'icon.png';
  return paths.isPackaged ? join(paths.resourcesPath, name) : join(paths.appPath, 'resources', name);
}
