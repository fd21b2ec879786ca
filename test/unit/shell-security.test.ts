import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { WEB_CSP } from '../../src/main/web/guard';
import {
  APP_ORIGIN,
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  APP_URL,
  appResponseHeaders,
  contentSecurityPolicy,
  devServerOrigin,
  EXTERNAL_HOSTS,
  isAllowedDownload,
  isAllowedExternal,
  isAllowedNavigation,
  isTrustedSender,
  mimeType,
  permissionHandler,
  rendererLocation,
  resolveAppRequest,
  windowOptions,
  WINDOW_TITLE,
} from '../../src/main/shell/security';

const mainDir = join('/opt', 'scoredesk', 'out', 'main');
const rendererDir = join(mainDir, '..', 'renderer');
/** What the built renderer used to load as; now only ever a URL to refuse. */
const FILE_APP = pathToFileURL(join(rendererDir, 'index.html')).href;
const APP = 'app://scoredesk/index.html';
const DEV_APP = 'http://localhost:5173/';

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((d) => {
      const [name = '', ...sources] = d.trim().split(/\s+/);
      return [name, sources] as const;
    }),
  );
}

describe('windowOptions', () => {
  const o = windowOptions('/app/out/preload/index.js');

  it('isolates and sandboxes the renderer with no Node access', () => {
    expect(o.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    });
  });

  it('sets the window icon only when given one', () => {
    expect(o).not.toHaveProperty('icon');
    expect(windowOptions('/p.js', { icon: '/app/resources/icon.png' }).icon).toBe('/app/resources/icon.png');
  });

  it('keeps developer tools off unless running against the dev server', () => {
    expect(o.webPreferences.devTools).toBe(false);
    expect(windowOptions('/p.js', { dev: true }).webPreferences.devTools).toBe(true);
  });

  it('opens hidden with the product title and a size that fits a back-office table', () => {
    expect(o.title).toBe('ScoreDesk 客服绩效台');
    expect(WINDOW_TITLE).toBe(o.title);
    expect(o.show).toBe(false);
    expect(o.backgroundColor).toMatch(/^#[0-9a-f]{6}$/i);
    expect(o.width).toBeGreaterThanOrEqual(1280);
    expect(o.height).toBeGreaterThanOrEqual(800);
    expect(o.minWidth).toBeGreaterThanOrEqual(960);
    expect(o.minWidth).toBeLessThanOrEqual(o.width);
  });
});

describe('contentSecurityPolicy', () => {
  const d = directives(contentSecurityPolicy());

  it('allows only the app itself for scripts, connections and everything by default', () => {
    expect(d.get('default-src')).toEqual(["'self'"]);
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(d.get('connect-src')).toEqual(["'self'"]);
  });

  it("allows inline styles for antd's CSS-in-JS, and data:/blob: images and data: fonts", () => {
    expect(d.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(d.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(d.get('font-src')).toEqual(["'self'", 'data:']);
  });

  it('forbids plugins, base rewriting, form posts and framing', () => {
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'none'"]);
    expect(d.get('form-action')).toEqual(["'none'"]);
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('is the very policy the browser host sends', () => {
    expect(WEB_CSP).toBe(contentSecurityPolicy());
    expect(directives(WEB_CSP).get('form-action')).toEqual(["'none'"]);
  });

  it('never allows eval, wildcards or remote hosts', () => {
    const csp = contentSecurityPolicy();
    expect(csp).not.toMatch(/unsafe-eval|\*|https?:|ws:/);
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  });

  it('relaxes scripts and websocket only for a loopback dev server (React Refresh preamble, HMR)', () => {
    const dev = directives(contentSecurityPolicy({ devServerUrl: DEV_APP }));
    expect(dev.get('script-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(dev.get('connect-src')).toEqual(["'self'", 'ws://localhost:5173']);
    expect(contentSecurityPolicy({ devServerUrl: 'http://evil.example:5173/' })).toBe(
      contentSecurityPolicy(),
    );
  });
});

describe('rendererLocation', () => {
  it('serves the built out/renderer next to out/main through app://scoredesk when not in dev', () => {
    const r = rendererLocation({ isPackaged: false, rendererUrlEnv: undefined, mainDir });
    expect(r).toEqual({ kind: 'app', root: rendererDir, url: 'app://scoredesk/index.html' });
    expect(rendererLocation({ isPackaged: true, rendererUrlEnv: undefined, mainDir })).toEqual(r);
    expect(APP_URL).toBe(APP);
    expect(APP_ORIGIN).toBe('app://scoredesk');
    expect(APP_SCHEME).toBe('app');
  });

  it("uses electron-vite's dev server URL only unpackaged and only on loopback", () => {
    expect(rendererLocation({ isPackaged: false, rendererUrlEnv: 'http://localhost:5173', mainDir })).toEqual(
      {
        kind: 'dev',
        url: DEV_APP,
      },
    );
    expect(rendererLocation({ isPackaged: true, rendererUrlEnv: DEV_APP, mainDir }).kind).toBe('app');
    expect(
      rendererLocation({ isPackaged: false, rendererUrlEnv: 'https://evil.example/', mainDir }).kind,
    ).toBe('app');
    expect(
      rendererLocation({ isPackaged: false, rendererUrlEnv: 'http://127.0.0.1.evil.com:5173/', mainDir })
        .kind,
    ).toBe('app');
  });

  it('recognises loopback dev servers and nothing else', () => {
    expect(devServerOrigin('http://127.0.0.1:5173/')).toBe('http://127.0.0.1:5173');
    expect(devServerOrigin('http://[::1]:5173/')).toBe('http://[::1]:5173');
    expect(devServerOrigin('http://localhost.evil.com/')).toBeNull();
    expect(devServerOrigin('http://user@localhost:5173/')).toBeNull();
    expect(devServerOrigin('file:///index.html')).toBeNull();
    expect(devServerOrigin('not a url')).toBeNull();
    expect(devServerOrigin(undefined)).toBeNull();
  });
});

describe('the app:// scheme', () => {
  it('is registered standard and secure, with fetch for module preloads and nothing more', () => {
    expect(APP_SCHEME_PRIVILEGES).toEqual({
      standard: true,
      secure: true,
      supportFetchAPI: true,
      bypassCSP: false,
      allowServiceWorkers: false,
      corsEnabled: false,
      stream: false,
    });
  });
});

describe('resolveAppRequest', () => {
  const ok = (url: string, method = 'GET') => resolveAppRequest(method, url, rendererDir);

  it('maps app://scoredesk paths to files inside out/renderer', () => {
    expect(ok(APP)).toEqual({
      ok: true,
      file: join(rendererDir, 'index.html'),
      mimeType: 'text/html; charset=utf-8',
    });
    expect(ok('app://scoredesk/assets/index-B4x9.js')).toEqual({
      ok: true,
      file: join(rendererDir, 'assets', 'index-B4x9.js'),
      mimeType: 'text/javascript; charset=utf-8',
    });
    expect(ok('app://scoredesk/assets/index.css?v=1#x')).toMatchObject({
      file: join(rendererDir, 'assets', 'index.css'),
      mimeType: 'text/css; charset=utf-8',
    });
    expect(ok('app://scoredesk/assets/NotoSans%20SC.woff2')).toMatchObject({
      file: join(rendererDir, 'assets', 'NotoSans SC.woff2'),
      mimeType: 'font/woff2',
    });
    expect(ok('app://scoredesk/assets/%E5%9B%BE.png')).toMatchObject({
      file: join(rendererDir, 'assets', '图.png'),
    });
  });

  it('serves index.html for the bare origin, and HEAD like GET', () => {
    expect(ok('app://scoredesk')).toMatchObject({ ok: true, file: join(rendererDir, 'index.html') });
    expect(ok('app://scoredesk/')).toMatchObject({ ok: true, file: join(rendererDir, 'index.html') });
    expect(ok(APP, 'HEAD')).toMatchObject({ ok: true });
  });

  it.each(['POST', 'PUT', 'DELETE', 'OPTIONS', 'get'])('refuses %s with 405', (method) => {
    expect(ok(APP, method)).toEqual({ ok: false, status: 405, reason: 'method' });
  });

  it.each([
    ['parent segments', 'app://scoredesk/../../etc/passwd', 'segment'],
    ['a parent segment mid-path', 'app://scoredesk/assets/../../main/index.js', 'segment'],
    ['a dot segment', 'app://scoredesk/./index.html', 'segment'],
    ['encoded dots', 'app://scoredesk/%2e%2e/%2e%2e/etc/passwd', 'segment'],
    ['upper-case encoded dots', 'app://scoredesk/%2E%2E/main/index.js', 'segment'],
    ['half-encoded dots', 'app://scoredesk/.%2e/main/index.js', 'segment'],
    ['an encoded slash', 'app://scoredesk/assets%2f..%2f..%2fmain%2findex.js', 'segment'],
    ['an encoded backslash', 'app://scoredesk/..%5c..%5cmain%5cindex.js', 'segment'],
    ['a raw backslash', 'app://scoredesk/assets\\..\\..\\main\\index.js', 'segment'],
    ['an absolute path after a doubled slash', 'app://scoredesk//etc/passwd', 'segment'],
    ['an encoded absolute path', 'app://scoredesk/%2fetc%2fpasswd', 'segment'],
    ['a Windows drive', 'app://scoredesk/C:/Windows/win.ini', 'segment'],
    ['an encoded drive', 'app://scoredesk/C%3A%5CWindows%5Cwin.ini', 'segment'],
    ['a NUL byte', 'app://scoredesk/index.html%00.png', 'segment'],
    ['a dotfile', 'app://scoredesk/.env', 'segment'],
    ['a trailing slash (directory)', 'app://scoredesk/assets/', 'segment'],
    ['a broken escape', 'app://scoredesk/%E5%9B', 'encoding'],
    ['a lone percent', 'app://scoredesk/100%.js', 'encoding'],
    ['another host', 'app://evil/index.html', 'host'],
    ['an upper-case host', 'app://SCOREDESK/index.html', 'host'],
    ['a look-alike host', 'app://scoredesk.evil/index.html', 'host'],
    ['user info', 'app://x@scoredesk/index.html', 'host'],
    ['a port', 'app://scoredesk:80/index.html', 'host'],
    ['an empty host', 'app:///index.html', 'host'],
    ['a backslash right after the host', 'app://scoredesk\\..\\index.html', 'path'],
    ['file://', FILE_APP, 'scheme'],
    ['https', 'https://scoredesk/index.html', 'scheme'],
    ['an opaque app: URL', 'app:index.html', 'scheme'],
    ['an empty string', '', 'scheme'],
  ])('refuses %s with 404', (_name, url, reason) => {
    expect(ok(url)).toEqual({ ok: false, status: 404, reason });
  });
});

describe('app:// responses', () => {
  it('carry the CSP, a content type and nosniff, and are never cached', () => {
    expect(appResponseHeaders('/x/index.html')).toEqual({
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': contentSecurityPolicy(),
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    });
    expect(appResponseHeaders('/x/a.js', 'default-src none')['Content-Security-Policy']).toBe(
      'default-src none',
    );
  });

  it.each([
    ['a.js', 'text/javascript; charset=utf-8'],
    ['A.SVG', 'image/svg+xml'],
    ['font.woff2', 'font/woff2'],
    ['data.json', 'application/json; charset=utf-8'],
    ['x.wasm', 'application/wasm'],
    ['no-extension', 'application/octet-stream'],
    ['evil.exe', 'application/octet-stream'],
  ])('types %s as %s', (file, type) => {
    expect(mimeType(file)).toBe(type);
  });
});

describe('isAllowedNavigation', () => {
  it("allows the app's own document, with any hash or query", () => {
    expect(isAllowedNavigation(APP, APP)).toBe(true);
    expect(isAllowedNavigation(`${APP}#/report/2026-05`, APP)).toBe(true);
    expect(isAllowedNavigation(`${APP}?x=1`, APP)).toBe(true);
    expect(isAllowedNavigation('http://localhost:5173/report', DEV_APP)).toBe(true);
  });

  it.each([
    ['the old file:// document', FILE_APP],
    ['another local file', pathToFileURL('/etc/passwd').href],
    ['a sibling page', 'app://scoredesk/other.html'],
    ['the bare origin', 'app://scoredesk/'],
    ['another app host', 'app://evil/index.html'],
    ['a user-info trick', 'app://scoredesk@evil/index.html'],
    ['credentials on the right host', 'app://user:pw@scoredesk/index.html'],
    ['a port', 'app://scoredesk:8080/index.html'],
    ['a look-alike host', 'app://scoredesk.evil/index.html'],
    ['another scheme, same host', 'https://scoredesk/index.html'],
    ['file://evil/', 'file://evil/'],
    ['a web page', 'https://example.com/'],
    ['plain http', 'http://example.com/'],
    ['javascript:', 'javascript:alert(1)'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['about:blank', 'about:blank'],
    ['garbage', 'not a url'],
    ['empty', ''],
  ])('denies %s from the built app', (_name, url) => {
    expect(isAllowedNavigation(url, APP)).toBe(false);
  });

  it.each([
    ['a look-alike host', 'http://localhost.evil.com:5173/'],
    ['127.0.0.1.evil.com', 'http://127.0.0.1.evil.com/'],
    ['another port', 'http://localhost:5174/'],
    ['https on the same host', 'https://localhost:5173/'],
    ['user-info trick', 'http://localhost:5173@evil.com/'],
    ['credentials on the right host', 'http://user:pw@localhost:5173/'],
    ['the built app', APP],
    ['javascript:', 'javascript:alert(1)'],
  ])('denies %s from the dev server', (_name, url) => {
    expect(isAllowedNavigation(url, DEV_APP)).toBe(false);
  });
});

describe('isTrustedSender', () => {
  it('trusts the renderer document in production and dev', () => {
    expect(isTrustedSender(APP, APP)).toBe(true);
    expect(isTrustedSender(`${APP}#/import`, APP)).toBe(true);
    expect(isTrustedSender('http://localhost:5173/', DEV_APP)).toBe(true);
    expect(isTrustedSender('http://127.0.0.1:5173/', 'http://127.0.0.1:5173/')).toBe(true);
  });

  it.each([
    ['no frame', undefined],
    ['null frame', null],
    ['empty url', ''],
    ['about:blank', 'about:blank'],
    ['about:srcdoc', 'about:srcdoc'],
    ['data:', 'data:text/html,hi'],
    ['file://evil/', 'file://evil/'],
    ['another file', pathToFileURL('/tmp/evil.html').href],
    ['the old file:// document', FILE_APP],
    ['another page of the app origin', 'app://scoredesk/evil.html'],
    ['another app host', 'app://evil/index.html'],
    ['a user-info trick', 'app://scoredesk@evil/index.html'],
    ['a remote page', 'https://example.com/'],
    ['127.0.0.1.evil.com', 'http://127.0.0.1.evil.com/'],
    ['the dev server while running the build', DEV_APP],
  ])('rejects %s in production', (_name, url) => {
    expect(isTrustedSender(url, APP)).toBe(false);
  });

  it('rejects other origins in dev', () => {
    expect(isTrustedSender('http://localhost:5174/', DEV_APP)).toBe(false);
    expect(isTrustedSender('http://127.0.0.1.evil.com:5173/', DEV_APP)).toBe(false);
    expect(isTrustedSender(APP, DEV_APP)).toBe(false);
  });

  it('fails closed when the app URL itself is unusable', () => {
    expect(isTrustedSender('about:blank', 'about:blank')).toBe(false);
    expect(isTrustedSender('x', 'not a url')).toBe(false);
  });
});

describe('isAllowedExternal', () => {
  const hosts = ['help.example.com'];

  it('ships with an empty allow-list: an offline app opens no links', () => {
    expect(EXTERNAL_HOSTS).toEqual([]);
    expect(isAllowedExternal('https://www.baidu.com/')).toBe(false);
  });

  it('opens https links to an exact listed host', () => {
    expect(isAllowedExternal('https://help.example.com/guide#import', hosts)).toBe(true);
  });

  it.each([
    ['http', 'http://help.example.com/'],
    ['a subdomain', 'https://evil.help.example.com/'],
    ['a suffix look-alike', 'https://help.example.com.evil.com/'],
    ['user-info trick', 'https://help.example.com@evil.com/'],
    ['credentials', 'https://user:pw@help.example.com/'],
    ['another port', 'https://help.example.com:8443/'],
    ['javascript:', 'javascript:alert(1)'],
    ['file:', 'file:///etc/passwd'],
    ['data:', 'data:text/html,hi'],
    ['a custom scheme', 'ms-msdt:/id'],
    ['garbage', 'help.example.com'],
  ])('refuses %s', (_name, url) => {
    expect(isAllowedExternal(url, hosts)).toBe(false);
  });
});

describe('isAllowedDownload', () => {
  it('lets the renderer save its own blob: exports', () => {
    expect(isAllowedDownload('blob:app://scoredesk/4b1c7a5e-1d2f-4c1a-9f7e-2d3b4c5d6e7f', APP)).toBe(true);
    expect(isAllowedDownload('blob:http://localhost:5173/4b1c7a5e', DEV_APP)).toBe(true);
    expect(isAllowedDownload('data:application/octet-stream;base64,AAAA', APP)).toBe(true);
  });

  it('refuses downloads from servers, local files and foreign blobs', () => {
    expect(isAllowedDownload('https://example.com/x.exe', APP)).toBe(false);
    expect(isAllowedDownload('app://scoredesk/index.html', APP)).toBe(false);
    expect(isAllowedDownload('blob:file:///4b1c7a5e', APP)).toBe(false);
    expect(isAllowedDownload('blob:null/4b1c7a5e', APP)).toBe(false);
    expect(isAllowedDownload('blob:app://evil/4b1c7a5e', APP)).toBe(false);
    expect(isAllowedDownload('blob:app://scoredesk@evil/4b1c7a5e', APP)).toBe(false);
    expect(isAllowedDownload('blob:app://scoredesk:1/4b1c7a5e', APP)).toBe(false);
    expect(isAllowedDownload('blob:app://scoredesk/4b1c7a5e', DEV_APP)).toBe(false);
    expect(isAllowedDownload('http://localhost:5173/x.xlsx', DEV_APP)).toBe(false);
    expect(isAllowedDownload('file:///etc/passwd', APP)).toBe(false);
    expect(isAllowedDownload('blob:https://evil.example/uuid', DEV_APP)).toBe(false);
    expect(isAllowedDownload('blob:http://localhost:5174/uuid', DEV_APP)).toBe(false);
    expect(isAllowedDownload('blob:https://evil.example/uuid', APP)).toBe(false);
  });
});

describe('permissionHandler', () => {
  it.each(['media', 'geolocation', 'clipboard-read', 'openExternal', 'fullscreen', 'unknown'])(
    'denies %s',
    (permission) => {
      expect(permissionHandler(permission, APP)).toBe(false);
    },
  );
  it('allows desktop notifications for the app itself only (the alerts bell)', () => {
    expect(permissionHandler('notifications', APP)).toBe(true);
    expect(permissionHandler('notifications', 'app://scoredesk')).toBe(true);
    expect(permissionHandler('notifications', DEV_APP)).toBe(false);
    expect(permissionHandler('notifications', 'https://evil.example/')).toBe(false);
    expect(permissionHandler('notifications', 'app://scoredesk.evil/')).toBe(false);
    expect(permissionHandler('notifications', 'app://user:pw@scoredesk/')).toBe(false);
    expect(permissionHandler('notifications', undefined)).toBe(false);
  });
});

describe('the security module', () => {
  it('does not load electron, so it is testable where the binary is missing', () => {
    const source = readFileSync(join(__dirname, '../../src/main/shell/security.ts'), 'utf8');
    expect(source).not.toMatch(/from ['"]electron['"]|require\(['"]electron['"]\)/);
  });
});
