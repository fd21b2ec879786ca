/**
 * The Electron main process (built by electron-vite as out/main/index.js, CommonJS). With the preload, the only code
 * that imports electron; every security decision is a pure function in ./security so it is tested without the binary.
 */
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  protocol,
  session,
  shell,
  type WebContents,
} from 'electron';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { METHOD_NAMES, type AppEvent, type Result } from '../../shared/api';
import { Backend } from '../backend';
import { UserError } from '../errors';
import { resolveDbPath, userDataDir } from '../db/paths';
import { hostClock } from '../clock';
import { dbArg } from './args';
import { menuTemplate } from './menu';
import { nativeBinding, windowIcon, type AppPaths } from './packaged';
import {
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  appResponseHeaders,
  contentSecurityPolicy,
  isAllowedDownload,
  isAllowedExternal,
  isAllowedNavigation,
  isTrustedSender,
  permissionHandler,
  rendererLocation,
  resolveAppRequest,
  WINDOW_TITLE,
  windowOptions,
} from './security';

/** The one channel main → renderer; the preload's `subscribe` listens on it. */
const EVENT_CHANNEL = 'scoredesk:event';

const renderer = rendererLocation({
  isPackaged: app.isPackaged,
  rendererUrlEnv: process.env.ELECTRON_RENDERER_URL,
  mainDir: __dirname,
});
const dev = renderer.kind === 'dev';
const appUrl = renderer.url;
const csp = contentSecurityPolicy(dev ? { devServerUrl: appUrl } : {});

let backend: Backend | null = null;
let unsubscribe: (() => void) | null = null;
let stopScheduler: (() => void) | null = null;
let mainWindow: BrowserWindow | null = null;

function fail(title: string, zh: string, en: string, detail?: string): void {
  dialog.showErrorBox(`ScoreDesk：${title}`, `${zh}\n\n${en}${detail ? `\n\n${detail}` : ''}`);
  app.exit(1);
}

/** Locks applied to every web contents the app ever creates (the window, devtools, anything a bug might open). */
function lockWebContents(contents: WebContents): void {
  contents.setWindowOpenHandler(({ url }) => {
    openExternalIfAllowed(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    if (isAllowedNavigation(event.url, appUrl)) return;
    event.preventDefault();
    openExternalIfAllowed(event.url);
  });
  contents.on('will-redirect', (event) => {
    if (!isAllowedNavigation(event.url, appUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

function openExternalIfAllowed(url: string): void {
  if (!isAllowedExternal(url)) return;
  shell.openExternal(url).catch((e: unknown) => console.error('openExternal failed', url, e));
}

/** Serves out/renderer as app://scoredesk/…; every refusal is a bare 404/405 (the path logic is in security.ts). */
function serveRenderer(root: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const r = resolveAppRequest(request.method, request.url, root);
    if (!r.ok) return new Response(null, { status: r.status });
    try {
      const body = request.method === 'HEAD' ? null : await readFile(r.file);
      return new Response(body, { status: 200, headers: appResponseHeaders(r.file, csp) });
    } catch {
      return new Response(null, { status: 404 });
    }
  });
}

function lockSession(): void {
  const ses = session.defaultSession;
  ses.webRequest.onHeadersReceived((details, callback) => {
    const headers = { ...details.responseHeaders };
    // drop any policy the dev server sends so ours is the one in force, whatever its header case
    for (const key of Object.keys(headers))
      if (key.toLowerCase() === 'content-security-policy') delete headers[key];
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [csp] } });
  });
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(permissionHandler(permission, details.requestingUrl));
  });
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    permissionHandler(permission, requestingOrigin),
  );
  ses.setDevicePermissionHandler(() => false);
  // Exports are saved from a blob <a download>: leaving the save path unset makes Electron show its save dialog.
  ses.on('will-download', (event, item) => {
    if (!isAllowedDownload(item.getURL(), appUrl)) event.preventDefault();
  });
}

function registerIpc(): void {
  for (const method of METHOD_NAMES) {
    ipcMain.handle(method, async (event, input: unknown): Promise<Result<unknown>> => {
      const senderUrl = event.senderFrame?.url;
      if (!isTrustedSender(senderUrl, appUrl)) {
        return {
          ok: false,
          error: {
            message: '已拒绝来自非本应用页面的请求',
            detail: `sender ${senderUrl ?? '(no frame)'}`,
            code: 'untrusted_sender',
          },
        };
      }
      if (!backend) return { ok: false, error: { message: '程序正在退出', code: 'closing' } };
      return backend.dispatch(method, input);
    });
  }
}

function sendEvent(event: AppEvent): void {
  if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(EVENT_CHANNEL, event);
}

function showAbout(): void {
  const info = `版本 ${app.getVersion()}\n数据库：${backend?.options.dbPath ?? '—'}\nElectron ${process.versions.electron}`;
  const options = {
    type: 'info' as const,
    title: '关于 ScoreDesk',
    message: WINDOW_TITLE,
    detail: info,
    buttons: ['确定'],
  };
  const shown = mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options);
  shown.catch(() => undefined);
}

function appPaths(): AppPaths {
  return { isPackaged: app.isPackaged, appPath: app.getAppPath(), resourcesPath: process.resourcesPath };
}

function createWindow(): void {
  const iconFile = windowIcon(appPaths(), process.platform);
  const icon = iconFile && existsSync(iconFile) ? iconFile : undefined;
  // electron-vite emits the preload next to main: out/main/index.js → out/preload/index.js (CommonJS, sandbox-safe)
  const win = new BrowserWindow(windowOptions(join(__dirname, '../preload/index.js'), { dev, icon }));
  mainWindow = win;
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  win.loadURL(appUrl).catch((e: unknown) => {
    fail(
      '界面加载失败',
      dev
        ? `无法连接开发服务器 ${appUrl}。`
        : '界面文件缺失或损坏，请在项目目录运行 npm run build（npm start 会自动构建）。',
      dev
        ? `Cannot reach the dev server at ${appUrl}.`
        : 'The built renderer is missing or broken: run npm run build (npm start builds it).',
      String(e),
    );
  });
}

function start(): void {
  // The Node build in node_modules/better-sqlite3 has the wrong ABI for Electron (architecture.md, toolchain facts):
  // unpackaged, scripts/rebuild-electron-sqlite.mjs makes a separate file; packaged, electron-builder's rebuild.
  const binding = nativeBinding(appPaths());
  if (!existsSync(binding.file)) {
    fail('缺少数据库组件', binding.missing.zh, binding.missing.en, binding.file);
    return;
  }
  const dbPath = resolveDbPath(dbArg(process.argv));
  try {
    backend = new Backend({
      dbPath,
      host: 'electron',
      nativeBinding: binding.file,
      worker: true,
      now: hostClock(),
      // 打开所在文件夹: the back end picks the folder (data, logs, backups); the shell only shows it
      openFolder: async (path) => {
        const failed = await shell.openPath(path);
        if (failed) throw new UserError(`无法打开文件夹：${path}`, failed);
      },
    });
  } catch (e) {
    const extra = e instanceof Error && 'detail' in e && typeof e.detail === 'string' ? `\n${e.detail}` : '';
    const detail = e instanceof Error ? `${e.message}${extra}` : String(e);
    fail('无法打开数据库', `无法打开数据库 ${dbPath}。`, `Cannot open the database ${dbPath}.`, detail);
    return;
  }
  unsubscribe = backend.subscribe(sendEvent);
  stopScheduler = backend.startScheduler();
  if (renderer.kind === 'app') serveRenderer(renderer.root);
  lockSession();
  registerIpc();
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(menuTemplate({ dev, platform: process.platform, onAbout: showAbout })),
  );
  createWindow();
}

// Before ready: every renderer sandboxed, whatever a window's own options say.
app.enableSandbox();
// Before ready: app:// gets a real, secure origin (security.ts says why not file://).
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } }]);
// Chromium's own profile goes where the database lives (src/main/db/paths.ts), whatever name the installer shows:
// the packaged package.json keeps productName "ScoreDesk", and this pins it even if that ever changes.
app.setPath('userData', userDataDir());

if (!app.requestSingleInstanceLock()) {
  // a second launch only focuses the first window (one process owns the database writes)
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => lockWebContents(contents));
  app.on('window-all-closed', () => app.quit());
  app.on('activate', () => {
    if (backend && BrowserWindow.getAllWindows().length === 0) createWindow();
  });
  app.on('will-quit', () => {
    stopScheduler?.();
    unsubscribe?.();
    unsubscribe = null;
    try {
      backend?.close();
    } catch (e) {
      console.error('closing the database failed', e);
    }
    backend = null;
  });
  app
    .whenReady()
    .then(start)
    .catch((e: unknown) => fail('启动失败', '程序启动失败。', 'ScoreDesk failed to start.', String(e)));
}
