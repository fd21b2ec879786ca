/**
 * UI test harness: the real browser host (`src/main/web/index.ts`) on a fresh temporary database and a random port,
 * driven by Debian's Chromium through playwright-core. Teardown stops both and removes the temp files.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { AppEvent, Result } from '../../src/shared/api';
import { decodeJson, encodeJson } from '../../src/shared/codec';
import type { ImportRunResult } from '../../src/shared/imports';
import { SseParser } from '../../src/renderer/src/api/sse';
import { findBrowser } from '../browser';

export const REPO_ROOT = resolve(__dirname, '..', '..');

/**
 * The China wall-clock time every UI test's host starts at (SCOREDESK_NOW): no UI test depends on today's date. The
 * demo month is the one before it (2026-10, 31 days: 132 files); the month in progress is 2026-11, day 20.
 */
export const E2E_NOW = '2026-11-20 10:00:00';
export const E2E_TODAY = E2E_NOW.slice(0, 10);

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface WebHostProcess {
  /** The printed URL, `http://127.0.0.1:PORT/#token=…`. */
  url: string;
  origin: string;
  token: string;
  dbPath: string;
  /** The end of the host's log file and of its stderr, for a failing test's report. */
  logTail(lines?: number): string;
  stop(): Promise<void>;
}

function tail(text: string, lines: number): string {
  return text.split('\n').filter(Boolean).slice(-lines).join('\n');
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((ok) => {
    const timer = setTimeout(() => ok(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      ok(true);
    });
  });
}

/** Starts the browser host on a new database in a temp folder and resolves with the URL it prints. */
export async function startWebHost(options: { timeoutMs?: number } = {}): Promise<WebHostProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'scoredesk-e2e-'));
  const dbPath = join(dir, 'scoredesk.db');
  // node --import tsx: one process (no npx/shell wrapper), so stopping it stops the server
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join('src', 'main', 'web', 'index.ts'), '--db', dbPath, '--port', '0'],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, SCOREDESK_DB: dbPath, SCOREDESK_NOW: E2E_NOW },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));

  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(
      () =>
        fail(
          new Error(
            `web host printed no URL within ${options.timeoutMs ?? 60_000} ms\nstdout: ${stdout}\nstderr: ${stderr}`,
          ),
        ),
      options.timeoutMs ?? 60_000,
    );
    child.stdout?.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      const m = /ScoreDesk web: (http:\/\/\S+)/.exec(stdout);
      if (m?.[1]) {
        clearTimeout(timer);
        ok(m[1]);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      fail(
        new Error(
          `web host exited (${code ?? signal}) before printing its URL\nstdout: ${stdout}\nstderr: ${stderr}`,
        ),
      );
    });
    child.once('error', (e) => {
      clearTimeout(timer);
      fail(e);
    });
  }).catch((e: unknown) => {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw e;
  });

  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: /token=([^&]+)/.exec(parsed.hash)?.[1] ?? '',
    dbPath,
    logTail(lines = 30) {
      let log = '';
      try {
        log = readFileSync(join(dir, 'logs', 'scoredesk.log'), 'utf8');
      } catch {
        log = '(no log file)';
      }
      return `host log:\n${tail(log, lines)}\nhost stderr:\n${tail(stderr, lines) || '(empty)'}`;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        if (!(await waitForExit(child, 5000))) {
          child.kill('SIGKILL');
          await waitForExit(child, 5000);
        }
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  /** Console errors and page errors seen so far, for assertions and for failure messages. */
  errors: string[];
  /** The page's last API calls, each with when it was sent and how long it took or that it is still waiting. */
  apiTrace(): string;
  close(): Promise<void>;
}

interface TracedCall {
  method: string;
  sent: number;
  ended: number | null;
  failed: string | null;
}

/** Launches Chromium headless with a fresh profile in a temp folder, 1440×900, zh-CN. */
export async function launchBrowser(): Promise<BrowserSession> {
  const profile = mkdtempSync(join(tmpdir(), 'scoredesk-chromium-'));
  const browser = await findBrowser();
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: browser.executablePath,
    env: { ...process.env, ...browser.env },
    headless: true,
    args: CHROMIUM_ARGS.filter((a) => a !== '--headless'),
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    acceptDownloads: true,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  const calls: TracedCall[] = [];
  const open = new Map<object, TracedCall>();
  page.on('request', (r) => {
    const m = /\/api\/call\/([^/?#]+)/.exec(r.url());
    if (!m?.[1]) return;
    const call: TracedCall = {
      method: decodeURIComponent(m[1]),
      sent: Date.now(),
      ended: null,
      failed: null,
    };
    open.set(r, call);
    calls.push(call);
    if (calls.length > 40) calls.shift();
  });
  const end = (failed: string | null) => (r: object) => {
    const call = open.get(r);
    if (!call) return;
    call.ended = Date.now();
    call.failed = failed;
    open.delete(r);
  };
  page.on('requestfinished', end(null));
  page.on('requestfailed', end('failed'));
  return {
    context,
    page,
    errors,
    apiTrace() {
      const now = Date.now();
      const s = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
      const lines = calls.map(
        (c) =>
          `${c.method}: sent ${s(now - c.sent)} ago, ` +
          (c.ended === null ? 'still waiting' : `${c.failed ?? 'answered'} after ${s(c.ended - c.sent)}`),
      );
      return `the page's last API calls:\n${lines.join('\n') || '(none)'}`;
    },
    async close() {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Clicks a left-menu entry and waits for the hash route to change. */
export async function goTo(page: Page, route: string): Promise<void> {
  await page.click(`[data-testid="nav-${route}"]`);
  await page.waitForFunction(`location.hash.startsWith(${JSON.stringify(`#/${route}`)})`);
}

export const SCREENSHOT_DIR = join(REPO_ROOT, 'test-results');

/** Calls the browser host's API the way the renderer does (`POST /api/call/<method>` with the token header). */
export async function apiCall<T = unknown>(
  host: WebHostProcess,
  method: string,
  input: unknown = {},
): Promise<T> {
  const res = await fetch(`${host.origin}/api/call/${encodeURIComponent(method)}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-ScoreDesk-Token': host.token },
    body: encodeJson(input ?? {}),
  });
  const body = decodeJson(await res.text()) as Result<T>;
  if (!body.ok) throw new Error(`${method}: ${body.error.message}`);
  return body.data;
}

/**
 * Loads the demo month through the API and waits until it is all in and computed: its 132 files imported, no job
 * running and the month's results no longer updating (the KCI and the recalculation come after the imports).
 */
export async function loadDemo(host: WebHostProcess): Promise<void> {
  await apiCall(host, 'demo:load');
  for (let i = 0; i < 240; i++) {
    const batches = await apiCall<unknown[]>(host, 'import:history');
    const jobs = await apiCall<unknown[]>(host, 'job:list');
    if (batches.length >= 132 && jobs.length === 0) {
      const month = await apiCall<{ updating?: boolean }>(host, 'report:month', { month: '2026-10' });
      if (!month.updating) return;
    }
    await new Promise((ok) => setTimeout(ok, 500));
  }
  throw new Error('the demo did not finish loading');
}

/**
 * Imports files through the API and resolves with the job's result: the event stream is opened first, then the job
 * started, then its `job:done` awaited (imports are jobs).
 */
export async function importFiles(
  host: WebHostProcess,
  files: { path: string; name?: string; bytes?: Uint8Array }[],
  options: Record<string, unknown> = {},
): Promise<ImportRunResult> {
  const controller = new AbortController();
  const res = await fetch(`${host.origin}/api/events`, {
    headers: { 'X-ScoreDesk-Token': host.token, Accept: 'text/event-stream' },
    signal: controller.signal,
  });
  if (!res.ok || !res.body) throw new Error(`events: HTTP ${res.status}`);
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let jobId: string | null = null;
  const seen: AppEvent[] = [];
  let resolveDone: (r: ImportRunResult) => void = () => undefined;
  let rejectDone: (e: Error) => void = () => undefined;
  const done = new Promise<ImportRunResult>((ok, no) => {
    resolveDone = ok;
    rejectDone = no;
  });
  const check = (e: AppEvent): void => {
    if (e.type !== 'job:done' || e.jobId !== jobId) return;
    if (e.result.ok) resolveDone(e.result.data);
    else rejectDone(new Error(e.result.error.message));
  };
  const parser = new SseParser((d) => {
    const e = decodeJson(d) as AppEvent;
    if (jobId === null) seen.push(e);
    else check(e);
  });
  const pump = (async () => {
    for (;;) {
      const { value, done: end } = await reader.read();
      if (end) return;
      parser.push(value);
    }
  })().catch(() => undefined);
  try {
    const started = await apiCall<{ jobId: string }>(host, 'import:start', {
      files: files.map((f) => ({
        name: f.name ?? basename(f.path),
        bytes: f.bytes ?? new Uint8Array(readFileSync(f.path)),
      })),
      options,
    });
    jobId = started.jobId;
    for (const e of seen.splice(0)) check(e);
    const timer = setTimeout(() => rejectDone(new Error('import job did not finish within 60 s')), 60_000);
    try {
      return await done;
    } finally {
      clearTimeout(timer);
    }
  } finally {
    controller.abort();
    await pump;
  }
}

export const FIXTURES = join(REPO_ROOT, 'test', 'fixtures');
export const fixture = (...parts: string[]): string => join(FIXTURES, ...parts);

/** Opens the app at its printed URL and waits for the shell (the header shows the database). */
export async function openApp(page: Page, host: WebHostProcess): Promise<void> {
  await page.goto(host.url);
  await page.waitForSelector('[data-testid="header-db"] .sd-path', { timeout: 20_000 });
}
