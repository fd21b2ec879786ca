/**
 * What electron-vite emits for the desktop window (architecture.md: main and preload are CommonJS because a sandboxed
 * preload cannot be ESM; the window's preload path must exist after a build).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_URL, resolveAppRequest } from '../../src/main/shell/security';

const root = resolve(__dirname, '..', '..');
const mainDir = join(root, 'out', 'main');
const mainJs = join(mainDir, 'index.js');
const preloadJs = join(root, 'out', 'preload', 'index.js');
const rendererDir = join(root, 'out', 'renderer');
const indexHtml = join(rendererDir, 'index.html');

/** Top-level ESM syntax: an `import … from`, a bare `import '…'`, or an `export` at the start of a line. */
const ESM_STATEMENT = /^\s*(import\s*(?:[\w*{$][^;]*?\sfrom\s*)?['"]|export\s)/m;

function requires(source: string): string[] {
  return [...source.matchAll(/\brequire\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? '');
}

// test/global-setup.ts builds once per run when any source is newer than out/ (test/build.ts)
describe('the Electron build output', () => {
  it('puts the main process where package.json "main" points', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      main?: string;
      type?: string;
    };
    expect(pkg.main).toBe('out/main/index.js');
    expect(pkg.type).not.toBe('module');
    expect(existsSync(mainJs)).toBe(true);
  });

  it('emits the preload at the path the window uses: join(out/main, "../preload/index.js")', () => {
    expect(join(mainDir, '../preload/index.js')).toBe(preloadJs);
    expect(existsSync(preloadJs)).toBe(true);
    expect(readFileSync(mainJs, 'utf8')).toContain('../preload/index.js');
  });

  it('emits a CommonJS preload that requires nothing but electron (a sandboxed preload has no Node modules)', () => {
    const source = readFileSync(preloadJs, 'utf8');
    expect(source).not.toMatch(ESM_STATEMENT);
    expect(source).not.toMatch(/\bimport\.meta\b/);
    expect(requires(source)).toContain('electron');
    expect(new Set(requires(source))).toEqual(new Set(['electron']));
    expect(source).toContain('exposeInMainWorld');
    expect(source).toContain('scoredesk:event');
  });

  it('emits a CommonJS main process that requires electron at run time rather than bundling it', () => {
    const source = readFileSync(mainJs, 'utf8');
    expect(source).not.toMatch(ESM_STATEMENT);
    expect(requires(source)).toContain('electron');
    expect(requires(source)).toContain('better-sqlite3');
  });
});

describe('the job worker in the build', () => {
  it('is emitted beside the main process as CommonJS, where the back end looks for it', () => {
    const worker = join(mainDir, 'job-worker.js');
    expect(existsSync(worker)).toBe(true);
    const src = readFileSync(worker, 'utf8');
    expect(ESM_STATEMENT.test(src)).toBe(false);
    expect(src).toMatch(/worker_threads/);
  });
});

describe('the entry points electron-builder packs ("files": out/** and package.json)', () => {
  it('exist after a build', () => {
    for (const f of [mainJs, preloadJs, indexHtml]) expect(existsSync(f)).toBe(true);
  });

  it('serve the renderer through app://scoredesk: every script and stylesheet index.html names resolves to a file', () => {
    const html = readFileSync(indexHtml, 'utf8');
    const refs = [...html.matchAll(/\b(?:src|href)="([^"]+)"/g)]
      .map((m) => m[1] ?? '')
      .filter((r) => !r.startsWith('data:'));
    expect(refs.some((r) => r.endsWith('.js'))).toBe(true);
    for (const ref of refs) {
      const url = new URL(ref, APP_URL).href;
      expect(url.startsWith('app://scoredesk/')).toBe(true);
      const r = resolveAppRequest('GET', url, rendererDir);
      expect(r.ok, `${ref} → ${url}`).toBe(true);
      if (r.ok) expect(existsSync(r.file), r.file).toBe(true);
    }
    expect(resolveAppRequest('GET', APP_URL, rendererDir)).toMatchObject({ ok: true, file: indexHtml });
  });
});
