/**
 * How the renderer reaches the back end: the Electron preload's `window.scoredesk`, or the browser host's HTTP
 * transport. Pages only ever see `Api`.
 */
import type { Api, AppEvent, JobStarted, Result } from '../../../shared/api';
import type { ImportRunResult } from '../../../shared/imports';
import { createWebApi, type WebApi } from './web-client';
import { reportApiError } from '../app/error-details';

let api: Api | null = null;

export function getApi(): Api {
  api ??= withErrorReports(window.scoredesk ?? createWebApi());
  return api;
}

/** Every failed call is also reported to <ErrorDetails /> (复制错误详情): one place instead of every page. */
function withErrorReports(inner: Api): Api {
  return new Proxy(inner, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof prop !== 'string' || !prop.includes(':') || typeof value !== 'function') return value;
      return async (input: unknown) => {
        const call = value as (i: unknown) => Promise<Result<unknown>>;
        const r = await call.call(target, input);
        if (!r.ok) reportApiError(prop, r.error);
        return r;
      };
    },
  });
}

export type JobProgress = Extract<AppEvent, { type: 'job:progress' }>;

function hasEventsReady(a: Api): a is WebApi {
  return typeof (a as Partial<WebApi>).eventsReady === 'function';
}

/**
 * Runs a long operation: subscribes first, then starts it, and resolves with the job's result when its `job:done`
 * arrives (events that arrive before the jobId is known are buffered, so a fast job is never missed).
 * `start` is a function so the start happens only after the subscription is open.
 */
export function runJob(
  a: Api,
  start: () => Promise<Result<JobStarted>>,
  onProgress?: (p: JobProgress) => void,
  onStarted?: (jobId: string) => void,
): Promise<Result<ImportRunResult>> {
  return new Promise((resolve) => {
    let jobId: string | null = null;
    let finished = false;
    const early: AppEvent[] = [];
    const handle = (e: AppEvent): void => {
      if (e.type === 'job:progress' && e.jobId === jobId) onProgress?.(e);
      else if (e.type === 'job:done' && e.jobId === jobId) finish(e.result);
    };
    const unsubscribe = a.subscribe((e) => {
      if (finished) return;
      if (jobId === null) {
        if (e.type !== 'recalc:done') early.push(e);
      } else handle(e);
    });
    function finish(r: Result<ImportRunResult>): void {
      if (finished) return;
      finished = true;
      unsubscribe();
      resolve(r);
    }
    void (async () => {
      if (hasEventsReady(a)) await a.eventsReady();
      let started: Result<JobStarted>;
      try {
        started = await start();
      } catch (e) {
        started = { ok: false, error: { message: '无法启动任务', detail: String(e) } };
      }
      if (!started.ok) {
        finish(started);
        return;
      }
      jobId = started.data.jobId;
      onStarted?.(jobId);
      for (const e of early.splice(0)) handle(e);
    })();
  });
}
