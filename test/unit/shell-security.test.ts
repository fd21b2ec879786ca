import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  contentSecurityPolicy,
  devServerOrigin,
  EXTERNAL_HOSTS,
  isAllowedDownload,
  isAllowedExternal,
  isAllowedNavigation,
  isTrustedSender,
  permissionHandler,
  rendererLocation,
  windowOptions,
  WINDOW_TITLE,
} from '../../src/main/shell/security';

const mainDir = join('/opt', 'scoredesk', 'out', 'main');
const FILE_APP = pathToFileURL(join(mainDir, '..', 'renderer', 'index.html')).href;
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
  it('loads the built index.html next to out/main when not in dev', () => {
    const r = rendererLocation({ isPackaged: false, rendererUrlEnv: undefined, mainDir });
    expect(r).toEqual({ kind: 'file', file: join(mainDir, '..', 'renderer', 'index.html'), url: FILE_APP });
  });

  it("uses electron-vite's dev server URL only unpackaged and only on loopback", () => {
    expect(rendererLocation({ isPackaged: false, rendererUrlEnv: 'http://localhost:5173', mainDir })).toEqual(
      {
        kind: 'dev',
        url: DEV_APP,
      },
    );
    expect(rendererLocation({ isPackaged: true, rendererUrlEnv: DEV_APP, mainDir }).kind).toBe('file');
    expect(
      rendererLocation({ isPackaged: false, rendererUrlEnv: 'https://evil.example/', mainDir }).kind,
    ).toBe('file');
    expect(
      rendererLocation({ isPackaged: false, rendererUrlEnv: 'http://127.0.0.1.evil.com:5173/', mainDir })
        .kind,
    ).toBe('file');
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

describe('isAllowedNavigation', () => {
  it("allows the app's own document, with any hash or query", () => {
    expect(isAllowedNavigation(FILE_APP, FILE_APP)).toBe(true);
    expect(isAllowedNavigation(`${FILE_APP}#/report/2026-05`, FILE_APP)).toBe(true);
    expect(isAllowedNavigation(`${FILE_APP}?x=1`, FILE_APP)).toBe(true);
    expect(isAllowedNavigation('http://localhost:5173/report', DEV_APP)).toBe(true);
  });

  it.each([
    ['another local file', pathToFileURL('/etc/passwd').href],
    ['a sibling file', FILE_APP.replace('index.html', 'other.html')],
    ['a file on another host', FILE_APP.replace('file://', 'file://evil')],
    ['file://evil/', 'file://evil/'],
    ['a web page', 'https://example.com/'],
    ['plain http', 'http://example.com/'],
    ['javascript:', 'javascript:alert(1)'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['about:blank', 'about:blank'],
    ['garbage', 'not a url'],
    ['empty', ''],
  ])('denies %s from the built app', (_name, url) => {
    expect(isAllowedNavigation(url, FILE_APP)).toBe(false);
  });

  it.each([
    ['a look-alike host', 'http://localhost.evil.com:5173/'],
    ['127.0.0.1.evil.com', 'http://127.0.0.1.evil.com/'],
    ['another port', 'http://localhost:5174/'],
    ['https on the same host', 'https://localhost:5173/'],
    ['user-info trick', 'http://localhost:5173@evil.com/'],
    ['credentials on the right host', 'http://user:pw@localhost:5173/'],
    ['the built file', FILE_APP],
    ['javascript:', 'javascript:alert(1)'],
  ])('denies %s from the dev server', (_name, url) => {
    expect(isAllowedNavigation(url, DEV_APP)).toBe(false);
  });
});

describe('isTrustedSender', () => {
  it('trusts the renderer document in production and dev', () => {
    expect(isTrustedSender(FILE_APP, FILE_APP)).toBe(true);
    expect(isTrustedSender(`${FILE_APP}#/import`, FILE_APP)).toBe(true);
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
    ['a remote page', 'https://example.com/'],
    ['127.0.0.1.evil.com', 'http://127.0.0.1.evil.com/'],
    ['the dev server while running the build', DEV_APP],
  ])('rejects %s in production', (_name, url) => {
    expect(isTrustedSender(url, FILE_APP)).toBe(false);
  });

  it('rejects other origins in dev', () => {
    expect(isTrustedSender('http://localhost:5174/', DEV_APP)).toBe(false);
    expect(isTrustedSender('http://127.0.0.1.evil.com:5173/', DEV_APP)).toBe(false);
    expect(isTrustedSender(FILE_APP, DEV_APP)).toBe(false);
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
    expect(isAllowedDownload('blob:file:///4b1c7a5e-1d2f-4c1a-9f7e-2d3b4c5d6e7f', FILE_APP)).toBe(true);
    expect(isAllowedDownload('blob:null/4b1c7a5e-1d2f-4c1a-9f7e-2d3b4c5d6e7f', FILE_APP)).toBe(true);
    expect(isAllowedDownload('blob:http://localhost:5173/4b1c7a5e', DEV_APP)).toBe(true);
    expect(isAllowedDownload('data:application/octet-stream;base64,AAAA', FILE_APP)).toBe(true);
  });

  it('refuses downloads from servers, local files and foreign blobs', () => {
    expect(isAllowedDownload('https://example.com/x.exe', FILE_APP)).toBe(false);
    expect(isAllowedDownload('http://localhost:5173/x.xlsx', DEV_APP)).toBe(false);
    expect(isAllowedDownload('file:///etc/passwd', FILE_APP)).toBe(false);
    expect(isAllowedDownload('blob:https://evil.example/uuid', DEV_APP)).toBe(false);
    expect(isAllowedDownload('blob:http://localhost:5174/uuid', DEV_APP)).toBe(false);
    expect(isAllowedDownload('blob:https://evil.example/uuid', FILE_APP)).toBe(false);
  });
});

describe('permissionHandler', () => {
  it.each([
    'media',
    'geolocation',
    'notifications',
    'clipboard-read',
    'openExternal',
    'fullscreen',
    'unknown',
  ])('denies %s', (permission) => {
    expect(permissionHandler(permission, FILE_APP)).toBe(false);
  });
});

describe('the security module', () => {
  it('does not load electron, so it is testable where the binary is missing', () => {
    const source = readFileSync(join(__dirname, '../../src/main/shell/security.ts'), 'utf8');
    expect(source).not.toMatch(/from ['"]electron['"]|require\(['"]electron['"]\)/);
  });
});
