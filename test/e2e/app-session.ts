/**
 * The set-up the UI test files share, on top of helpers.ts. Kept apart from it because it registers vitest hooks and
 * asserts: helpers.ts is also loaded by the screenshot script (plain tsx), where importing vitest throws.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { ImportRunResult } from '../../src/shared/imports';
import {
  importFiles,
  launchBrowser,
  startWebHost,
  type BrowserSession,
  type WebHostProcess,
} from './helpers';

/** What `useAppSession` started; the getters throw until its beforeAll has run. */
export interface AppSession {
  readonly host: WebHostProcess;
  readonly browser: BrowserSession;
  readonly page: Page;
  /** console errors and page errors seen so far */
  readonly errors: string[];
}

/**
 * For the describe block it is called in: beforeAll starts the browser host on a fresh database and Chromium, then runs
 * `setup` (imports, API calls) against the host; afterAll closes Chromium and stops the host.
 */
export function useAppSession(setup?: (host: WebHostProcess) => Promise<void>): AppSession {
  let host: WebHostProcess | undefined;
  let browser: BrowserSession | undefined;

  beforeAll(async () => {
    // settled, not Promise.all: when one fails to start, the other is still there for afterAll to stop
    const [h, b] = await Promise.allSettled([startWebHost(), launchBrowser()]);
    if (h.status === 'fulfilled') host = h.value;
    if (b.status === 'fulfilled') browser = b.value;
    if (h.status === 'rejected') throw h.reason;
    if (b.status === 'rejected') throw b.reason;
    await setup?.(h.value);
  }, 120_000);

  // a failing test says what the page and the host were doing: the calls still waiting, the host's slow calls, its
  // errors (CI keeps nothing else once the temp folder is gone)
  afterEach((ctx) => {
    const result = ctx.task.result;
    if (result?.state !== 'fail') return;
    const report = [
      browser?.apiTrace(),
      host?.logTail(),
      browser?.errors.length ? browser.errors.join('\n') : '',
    ]
      .filter(Boolean)
      .join('\n');
    console.error(`${ctx.task.name}\n${report}`);
    for (const e of result.errors ?? []) e.message = `${e.message}\n\n${report}`;
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not started yet: read it inside a test or a hook`);
    return value;
  };
  return {
    get host() {
      return started(host, 'the web host');
    },
    get browser() {
      return started(browser, 'Chromium');
    },
    get page() {
      return started(browser, 'Chromium').page;
    },
    get errors() {
      return started(browser, 'Chromium').errors;
    },
  };
}

/** Imports files through the API, waits for the job, and checks that every one of them was imported. */
export async function importAll(host: WebHostProcess, ...paths: string[]): Promise<ImportRunResult> {
  const r = await importFiles(
    host,
    paths.map((path) => ({ path })),
  );
  expect(r.files.map((f) => f.status)).toEqual(paths.map(() => 'imported'));
  return r;
}
