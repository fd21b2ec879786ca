/**
 * The Electron window's locks as pure functions of plain strings (architecture.md #3). This module must not import
 * electron: the unit tests load it on machines without the Electron binary, and index.ts is the only consumer that
 * talks to Electron.
 */
import { isAbsolute, join, relative } from 'node:path';

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
  /** Absent when the icon file is missing: Electron then falls back to the executable's icon. */
  icon?: string;
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
export function windowOptions(
  preloadPath: string,
  options: { dev?: boolean; icon?: string } = {},
): ShellWindowOptions {
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
    ...(options.icon ? { icon: options.icon } : {}),
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
      // a file dropped outside the drop zone must not replace the app with the dropped file
      navigateOnDragDrop: false,
      safeDialogs: true,
      // Chinese names and shop codes are not dictionary words; red squiggles everywhere help nobody
      spellcheck: false,
      devTools: options.dev ?? false,
    },
  };
}

/**
 * The Content-Security-Policy sent with every response: by the app:// protocol handler, by the session for the dev
 * server, and by the browser host (src/main/web/guard.ts uses this same function). The renderer's index.html repeats a
 * subset in a `<meta>`; a page enforces both, so the header's extra directives (form-action, frame-ancestors, which a
 * `<meta>` cannot carry anyway) still apply.
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
 * The app's own scheme. The built renderer is served from `app://scoredesk/…` by a protocol.handle handler instead of
 * file://: a file:// page may read any local file the user can (fetch, iframes of file:// URLs, with the
 * GrantFileProtocolExtraPrivileges fuse on), has an opaque origin so `'self'` in the CSP means little, and every file on
 * the disk is "the same site". The custom scheme gives the renderer one real origin that maps only to out/renderer.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'scoredesk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_URL = `${APP_ORIGIN}/index.html`;

/**
 * Privileges for protocol.registerSchemesAsPrivileged (before app ready). standard: a real origin, relative URLs and
 * the same-origin policy work as on https; secure: counts as a secure context (crypto.randomUUID, blob downloads) and
 * never as mixed content; supportFetchAPI: Vite's module preload fetches chunks. Everything else stays off: no CSP
 * bypass, no service workers, no streaming, and corsEnabled off so no other origin may read app:// responses
 * (same-origin module scripts still load; Electron 42.x enforces this since electron/electron#51269).
 */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  bypassCSP: false,
  allowServiceWorkers: false,
  corsEnabled: false,
  stream: false,
} as const;

/**
 * Where the window loads the renderer: electron-vite's dev server (`ELECTRON_RENDERER_URL`, honoured only when not
 * packaged and only on loopback, so a stray environment variable cannot point the window at the internet), else the
 * built renderer (`out/renderer` next to `out/main`) through `app://scoredesk/index.html`.
 */
export function rendererLocation(input: {
  isPackaged: boolean;
  rendererUrlEnv: string | undefined;
  mainDir: string;
}): { kind: 'dev'; url: string } | { kind: 'app'; root: string; url: string } {
  if (!input.isPackaged && devServerOrigin(input.rendererUrlEnv) && input.rendererUrlEnv) {
    return { kind: 'dev', url: new URL(input.rendererUrlEnv).href };
  }
  return { kind: 'app', root: join(input.mainDir, '..', 'renderer'), url: APP_URL };
}

const MIME_TYPES: Readonly<Record<string, string>> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json; charset=utf-8',
  map: 'application/json; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  ico: 'image/x-icon',
  woff: 'font/woff',
  woff2: 'font/woff2',
  ttf: 'font/ttf',
  wasm: 'application/wasm',
  txt: 'text/plain; charset=utf-8',
};

export function mimeType(file: string): string {
  const dot = file.lastIndexOf('.');
  const ext = dot < 0 ? '' : file.slice(dot + 1).toLowerCase();
  return MIME_TYPES[ext] ?? 'application/octet-stream';
}

export type AppRequest =
  { ok: true; file: string; mimeType: string } | { ok: false; status: 404 | 405; reason: string };

/**
 * Maps an `app://scoredesk/<path>` request to a file inside `root` (out/renderer), or refuses it. Chromium already
 * canonicalises standard-scheme URLs before the handler sees them; this does not rely on that. It reads the raw string
 * and refuses: another scheme or host (including user-info, ports and case tricks), dot segments plain or
 * percent-encoded, encoded slashes and backslashes, NUL, drive letters and colons, empty segments, dotfiles and
 * undecodable escapes; then checks the joined path is still under root. `/` serves index.html; query and hash are
 * ignored. GET and HEAD only.
 */
export function resolveAppRequest(method: string, url: string, root: string): AppRequest {
  if (method !== 'GET' && method !== 'HEAD') return { ok: false, status: 405, reason: 'method' };
  const m = /^app:\/\/([^/?#\\]*)([^?#]*)/.exec(url);
  if (!m) return { ok: false, status: 404, reason: 'scheme' };
  if (m[1] !== APP_HOST) return { ok: false, status: 404, reason: 'host' };
  const rawPath = m[2] ?? '';
  if (rawPath !== '' && !rawPath.startsWith('/')) return { ok: false, status: 404, reason: 'path' };
  const rest = rawPath.slice(1);
  const raw = rest === '' ? ['index.html'] : rest.split('/');
  const segments: string[] = [];
  for (const part of raw) {
    let seg: string;
    try {
      seg = decodeURIComponent(part);
    } catch {
      return { ok: false, status: 404, reason: 'encoding' };
    }
    // '' is a doubled or trailing slash; a leading dot covers '.', '..' and dotfiles; ':' covers C: and streams
    if (seg === '' || seg.startsWith('.') || /[/\\:\0]/.test(seg)) {
      return { ok: false, status: 404, reason: 'segment' };
    }
    segments.push(seg);
  }
  const file = join(root, ...segments);
  const rel = relative(root, file);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel))
    return { ok: false, status: 404, reason: 'outside' };
  return { ok: true, file, mimeType: mimeType(file) };
}

/**
 * Headers for every app:// response. The handler sets the CSP itself rather than relying on webRequest, which does not
 * see responses of protocol.handle handlers in every Electron version.
 */
export function appResponseHeaders(
  file: string,
  csp: string = contentSecurityPolicy(),
): Record<string, string> {
  return {
    'Content-Type': mimeType(file),
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  };
}

/**
 * True when `url` is the app's own renderer document: for app://, the same host and path (any query or hash); for the
 * dev server, the same origin. Look-alikes (`app://scoredesk@evil/…`, `app://scoredesk:1/…`, `file://…`,
 * `http://127.0.0.1.evil.com`, user-info tricks) parse to something else and fail.
 */
function isAppDocument(url: string | null | undefined, appUrl: string): boolean {
  const u = parse(url);
  const app = parse(appUrl);
  if (!u || !app) return false;
  if (u.username || u.password) return false;
  if (app.protocol === `${APP_SCHEME}:`) {
    return isAppOrigin(u) && u.pathname === app.pathname;
  }
  if (app.protocol !== 'http:' && app.protocol !== 'https:') return false;
  return u.protocol === app.protocol && u.origin === app.origin;
}

/** app://scoredesk exactly (Node gives non-special schemes the origin 'null', so compare the parts). */
function isAppOrigin(u: URL): boolean {
  return (
    u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.port === '' && !u.username && !u.password
  );
}

/** `will-navigate` / `will-redirect`: only the app's own document; everything else is denied. */
export function isAllowedNavigation(url: string, appUrl: string): boolean {
  return isAppDocument(url, appUrl);
}

/**
 * IPC sender check: the frame's URL must be the app's renderer (`app://scoredesk/index.html` for the built app, the
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
 * dialog). Allowed: blob: URLs created by the app's own document (`blob:app://scoredesk/…` for the built app,
 * `blob:<dev origin>/…` in dev) and data: URLs. Anything that would fetch from a server or copy a local file is
 * refused.
 */
export function isAllowedDownload(url: string, appUrl: string): boolean {
  if (url.startsWith('data:')) return true;
  if (!url.startsWith('blob:')) return false;
  const inner = parse(url.slice('blob:'.length));
  const app = parse(appUrl);
  if (!inner || !app) return false;
  if (app.protocol === `${APP_SCHEME}:`) return isAppOrigin(inner);
  return !inner.username && !inner.password && inner.origin === app.origin;
}

/**
 * Permission requests and checks (camera, clipboard-read, geolocation, …): all denied, except desktop notifications
 * for the app's own built document (the bell's alerts, issue 11 item 5; the lead switches them off in 设置 → 提醒).
 * Copy and paste through the Edit menu and keyboard shortcuts do not go through the permission system and keep working.
 */
export function permissionHandler(permission: string, requestingUrl?: string): boolean {
  if (permission !== 'notifications') return false;
  const u = parse(requestingUrl);
  return !!u && isAppOrigin(u);
}
