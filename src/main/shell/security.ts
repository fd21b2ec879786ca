/**
 * The Electron window's locks as pure functions of plain strings (architecture.md #3). This module must not import
 * electron: the unit tests load it on machines without the Electron binary, and index.ts is the only consumer that
 * talks to Electron.
 */
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';

export const WINDOW_TITLE = 'ScoreDesk 客服绩效台';

/** The subset of Electron's BrowserWindowConstructorOptions we set; index.ts passes it to `new BrowserWindow`. */
export interface ShellWindowOptions {
  title: string;
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
  show: boolean;
  backgroundColor: string;
  autoHideMenuBar: boolean;
  webPreferences: {
    preload: string;
    contextIsolation: boolean;
    sandbox: boolean;
    nodeIntegration: boolean;
    nodeIntegrationInWorker: boolean;
    nodeIntegrationInSubFrames: boolean;
    webSecurity: boolean;
    allowRunningInsecureContent: boolean;
    experimentalFeatures: boolean;
    webviewTag: boolean;
    navigateOnDragDrop: boolean;
    safeDialogs: boolean;
    spellcheck: boolean;
    devTools: boolean;
  };
}

/**
 * BrowserWindow options. Every flag is spelled out even where it equals Electron's default, so a future default change
 * or a careless edit shows up in the unit test.
 */
export function windowOptions(preloadPath: string, options: { dev?: boolean } = {}): ShellWindowOptions {
  return {
    title: WINDOW_TITLE,
    // Wide tables (accounts × metrics) on a 1080p office monitor; 1024 wide still fits antd's layout.
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 640,
    // shown on 'ready-to-show' so the lead never sees a white flash
    show: false,
    backgroundColor: '#f5f5f5',
    autoHideMenuBar: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      // a file dropped outside the drop zone must not replace the app with file://…
      navigateOnDragDrop: false,
      safeDialogs: true,
      // Chinese names and shop codes are not dictionary words; red squiggles everywhere help nobody
      spellcheck: false,
      devTools: options.dev ?? false,
    },
  };
}

/**
 * The Content-Security-Policy sent with every response (and to be repeated in the renderer's index.html `<meta>`,
 * because file:// loads carry no HTTP headers in every Electron version).
 *
 * `style-src 'unsafe-inline'`: antd 5+/6 is CSS-in-JS and injects `<style>` elements at runtime; without it every
 * component renders unstyled. Scripts stay `'self'` only. In dev (electron-vite's dev server) `@vitejs/plugin-react`
 * injects an inline React-Refresh preamble and Vite's HMR client opens a websocket to the dev server, so dev — and only
 * dev — adds `'unsafe-inline'` to script-src and the dev server's ws origin to connect-src.
 */
export function contentSecurityPolicy(options: { devServerUrl?: string } = {}): string {
  const dev = options.devServerUrl ? devServerOrigin(options.devServerUrl) : null;
  const directives: [string, string[]][] = [
    ['default-src', ["'self'"]],
    ['script-src', dev ? ["'self'", "'unsafe-inline'"] : ["'self'"]],
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['img-src', ["'self'", 'data:', 'blob:']],
    ['font-src', ["'self'", 'data:']],
    ['connect-src', dev ? ["'self'", dev.replace(/^http/, 'ws')] : ["'self'"]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
  ];
  return directives.map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ');
}

function parse(url: string | null | undefined): URL | null {
  if (typeof url !== 'string' || url === '') return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** The dev server's origin if `url` is an http(s) loopback URL, else null. */
export function devServerOrigin(url: string | null | undefined): string | null {
  const u = parse(url);
  if (!u || (u.protocol !== 'http:' && u.protocol !== 'https:')) return null;
  if (u.username || u.password) return null;
  if (u.hostname !== 'localhost' && u.hostname !== '127.0.0.1' && u.hostname !== '[::1]') return null;
  return u.origin;
}

/**
 * Where the window loads the renderer: electron-vite's dev server (`ELECTRON_RENDERER_URL`, honoured only when not
 * packaged and only on loopback, so a stray environment variable cannot point the window at the internet), else the
 * built `out/renderer/index.html` next to `out/main`.
 */
export function rendererLocation(input: {
  isPackaged: boolean;
  rendererUrlEnv: string | undefined;
  mainDir: string;
}): { kind: 'dev'; url: string } | { kind: 'file'; file: string; url: string } {
  if (!input.isPackaged && devServerOrigin(input.rendererUrlEnv) && input.rendererUrlEnv) {
    return { kind: 'dev', url: new URL(input.rendererUrlEnv).href };
  }
  const file = join(input.mainDir, '..', 'renderer', 'index.html');
  return { kind: 'file', file, url: pathToFileURL(file).href };
}

/**
 * True when `url` is the app's own renderer document: the same file (any query or hash) for a file:// app, the same
 * origin for the dev server. Look-alikes (`file://evil/…`, `http://127.0.0.1.evil.com`, user-info tricks) parse to a
 * different host and fail.
 */
function isAppDocument(url: string | null | undefined, appUrl: string): boolean {
  const u = parse(url);
  const app = parse(appUrl);
  if (!u || !app) return false;
  if (app.protocol === 'file:') {
    // host is '' for local files (a UNC share keeps its server name), so file://evil/… never matches file:///…
    return u.protocol === 'file:' && u.host === app.host && u.pathname === app.pathname;
  }
  if (app.protocol !== 'http:' && app.protocol !== 'https:') return false;
  if (u.username || u.password) return false;
  return u.protocol === app.protocol && u.origin === app.origin;
}

/** `will-navigate` / `will-redirect`: only the app's own document; everything else is denied. */
export function isAllowedNavigation(url: string, appUrl: string): boolean {
  return isAppDocument(url, appUrl);
}

/**
 * IPC sender check: the frame's URL must be the app's renderer (`file://…/out/renderer/index.html` in production, the
 * dev server in dev). `about:blank`, data:, other files and other origins are rejected; a missing frame (navigated
 * away or destroyed) passes `undefined` and is rejected too.
 */
export function isTrustedSender(url: string | null | undefined, appUrl: string): boolean {
  return isAppDocument(url, appUrl);
}

/**
 * Hosts a help link may open in the user's browser. Empty: ScoreDesk is an offline tool and ships no links. To add
 * one, add the exact hostname (no wildcards) and note in the pull request why the lead needs it.
 */
export const EXTERNAL_HOSTS: readonly string[] = [];

/** Links the renderer may open with `shell.openExternal`: https only, an exact host from the allow-list, no user info. */
export function isAllowedExternal(url: string, hosts: readonly string[] = EXTERNAL_HOSTS): boolean {
  const u = parse(url);
  if (!u || u.protocol !== 'https:') return false;
  if (u.username || u.password) return false;
  if (u.port !== '') return false;
  return hosts.includes(u.hostname);
}

/**
 * Downloads: the renderer saves exported bytes through a blob `<a download>` (Electron then shows its normal save
 * dialog). Allowed: blob: URLs created by the app's own document (`blob:file:///…` — or `blob:null/…` where file://
 * is opaque — for the built app, `blob:<dev origin>/…` in dev) and data: URLs. Anything that would fetch from a
 * server or copy a local file is refused.
 */
export function isAllowedDownload(url: string, appUrl: string): boolean {
  if (url.startsWith('data:')) return true;
  if (!url.startsWith('blob:')) return false;
  const inner = url.slice('blob:'.length);
  const app = parse(appUrl);
  if (!app) return false;
  if (app.protocol === 'file:') return inner.startsWith('file:///') || inner.startsWith('null/');
  const innerUrl = parse(inner);
  return !!innerUrl && !innerUrl.username && !innerUrl.password && innerUrl.origin === app.origin;
}

/**
 * Permission requests and checks (camera, notifications, clipboard-read, geolocation, …): all denied. Copy and paste
 * through the Edit menu and keyboard shortcuts do not go through the permission system and keep working.
 */
export function permissionHandler(_permission: string, _requestingUrl?: string): boolean {
  return false;
}
