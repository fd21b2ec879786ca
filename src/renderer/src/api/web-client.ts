/**
 * The browser host's transport: the typed API over HTTP on 127.0.0.1 (src/main/web/). Every call is
 * `POST /api/call/<method>` with the per-run token in a header; events arrive on one streamed `GET /api/events`.
 */
import type { Api, AppEvent, Input, MethodName, Output, Result } from '../../../shared/api';
import { decodeJson } from '../../../shared/codec';
import { SseParser } from './sse';
import { encodeCallBody } from './call-body';

const TOKEN_KEY = 'scoredesk.token';
const TOKEN_HEADER = 'X-ScoreDesk-Token';
const OFFLINE = '无法连接后台服务，请确认 ScoreDesk 仍在运行后刷新页面';

/** The web transport also tells when its event stream is open, so a job is never started before its events can arrive. */
export interface WebApi extends Api {
  eventsReady(timeoutMs?: number): Promise<void>;
}

function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

/**
 * Takes the per-run token from `#token=…` (first load), keeps it in sessionStorage for reloads, and strips it from the
 * address bar so it does not linger in history or screenshots.
 */
export function takeToken(): string {
  const m = /(?:^#|[&?])token=([^&]+)/.exec(window.location.hash);
  if (m?.[1]) {
    const token = decodeURIComponent(m[1]);
    storage()?.setItem(TOKEN_KEY, token);
    window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}#/`);
    return token;
  }
  return storage()?.getItem(TOKEN_KEY) ?? '';
}

function isResult(v: unknown): v is Result<unknown> {
  if (!v || typeof v !== 'object') return false;
  const o = v as { ok?: unknown; data?: unknown; error?: unknown };
  if (o.ok === true) return 'data' in o;
  return (
    o.ok === false &&
    !!o.error &&
    typeof o.error === 'object' &&
    typeof (o.error as { message?: unknown }).message === 'string'
  );
}

function offline(
  detail: string,
  code = 'offline',
): { ok: false; error: { message: string; detail: string; code: string } } {
  return { ok: false, error: { message: OFFLINE, detail, code } };
}

const sleep = (ms: number): Promise<void> => new Promise((ok) => setTimeout(ok, ms));

/** One shared event stream for all listeners: opened with the first, closed with the last, reopened after a drop. */
class EventStream {
  private readonly listeners = new Set<(e: AppEvent) => void>();
  private controller: AbortController | null = null;
  private connected = false;
  private waiters: (() => void)[] = [];

  constructor(private readonly token: () => string) {}

  add(listener: (e: AppEvent) => void): () => void {
    this.listeners.add(listener);
    if (!this.controller) this.open();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.close();
    };
  }

  ready(timeoutMs: number): Promise<void> {
    if (this.connected || !this.controller) return Promise.resolve();
    return new Promise((ok) => {
      const done = (): void => {
        clearTimeout(timer);
        ok();
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== done);
        ok();
      }, timeoutMs);
      this.waiters.push(done);
    });
  }

  private setConnected(value: boolean): void {
    this.connected = value;
    if (value) for (const w of this.waiters.splice(0)) w();
  }

  private close(): void {
    this.controller?.abort();
    this.controller = null;
    this.setConnected(false);
    for (const w of this.waiters.splice(0)) w();
  }

  private open(): void {
    const controller = new AbortController();
    this.controller = controller;
    void this.loop(controller.signal);
  }

  private dispatch(data: string): void {
    let event: AppEvent;
    try {
      event = decodeJson(data) as AppEvent;
    } catch {
      return;
    }
    if (!event || typeof event !== 'object' || typeof (event as { type?: unknown }).type !== 'string') return;
    for (const l of [...this.listeners]) {
      try {
        l(event);
      } catch (e) {
        console.error('event listener failed', e);
      }
    }
  }

  private async loop(signal: AbortSignal): Promise<void> {
    let backoff = 500;
    while (!signal.aborted) {
      try {
        const res = await fetch('/api/events', {
          headers: { [TOKEN_HEADER]: this.token(), Accept: 'text/event-stream' },
          cache: 'no-store',
          signal,
        });
        if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
        this.setConnected(true);
        backoff = 500;
        const parser = new SseParser((d) => this.dispatch(d));
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          parser.push(value);
        }
      } catch {
        // dropped or refused: retry below unless we were closed on purpose
      }
      this.setConnected(false);
      if (signal.aborted) return;
      await sleep(backoff);
      backoff = Math.min(backoff * 2, 15_000);
    }
  }
}

export function createWebApi(): WebApi {
  let token = takeToken();
  const currentToken = (): string => token || (token = storage()?.getItem(TOKEN_KEY) ?? '');
  const events = new EventStream(currentToken);

  async function call<M extends MethodName>(method: M, input: Input<M>): Promise<Result<Output<M>>> {
    let res: Response;
    try {
      const { body, headers } = encodeCallBody(input);
      res = await fetch(`/api/call/${encodeURIComponent(method)}`, {
        method: 'POST',
        headers: { ...headers, [TOKEN_HEADER]: currentToken() },
        body,
        cache: 'no-store',
      });
    } catch (e) {
      return offline(`${method}: ${String(e)}`);
    }
    let body: unknown = undefined;
    try {
      const text = await res.text();
      body = text ? decodeJson(text) : undefined;
    } catch (e) {
      if (res.ok) return offline(`${method}: bad response: ${String(e)}`, 'bad_response');
    }
    // the server answers refusals (bad token, bad input) with a Result whose message is meant for the lead
    if (isResult(body)) return body as Result<Output<M>>;
    return offline(`${method}: HTTP ${res.status}`, res.ok ? 'bad_response' : `http_${res.status}`);
  }

  return {
    'app:info': (i) => call('app:info', i),
    'import:start': (i) => call('import:start', i),
    'import:history': (i) => call('import:history', i),
    'import:undo': (i) => call('import:undo', i),
    'job:cancel': (i) => call('job:cancel', i),
    'job:list': (i) => call('job:list', i),
    'report:months': (i) => call('report:months', i),
    'report:month': (i) => call('report:month', i),
    'report:drill': (i) => call('report:drill', i),
    'report:overview': (i) => call('report:overview', i),
    'report:agents': (i) => call('report:agents', i),
    'report:scopes': (i) => call('report:scopes', i),
    'report:scope': (i) => call('report:scope', i),
    'roster:list': (i) => call('roster:list', i),
    'roster:saveAgent': (i) => call('roster:saveAgent', i),
    'roster:deleteAgent': (i) => call('roster:deleteAgent', i),
    'roster:assign': (i) => call('roster:assign', i),
    'roster:unassign': (i) => call('roster:unassign', i),
    'rules:list': (i) => call('rules:list', i),
    'rules:save': (i) => call('rules:save', i),
    'rules:delete': (i) => call('rules:delete', i),
    'mapping:targets': (i) => call('mapping:targets', i),
    'mapping:list': (i) => call('mapping:list', i),
    'mapping:save': (i) => call('mapping:save', i),
    'mapping:delete': (i) => call('mapping:delete', i),
    'scheme:list': (i) => call('scheme:list', i),
    'scheme:get': (i) => call('scheme:get', i),
    'scheme:save': (i) => call('scheme:save', i),
    'scheme:delete': (i) => call('scheme:delete', i),
    'scheme:whatif': (i) => call('scheme:whatif', i),
    'kpi:month': (i) => call('kpi:month', i),
    'kci:list': (i) => call('kci:list', i),
    'kci:save': (i) => call('kci:save', i),
    'month:info': (i) => call('month:info', i),
    'month:lock': (i) => call('month:lock', i),
    'month:unlock': (i) => call('month:unlock', i),
    'schedule:info': (i) => call('schedule:info', i),
    'schedule:save': (i) => call('schedule:save', i),
    'schedule:runNow': (i) => call('schedule:runNow', i),
    'ratings:month': (i) => call('ratings:month', i),
    'ratings:appeal': (i) => call('ratings:appeal', i),
    'exams:list': (i) => call('exams:list', i),
    'exams:add': (i) => call('exams:add', i),
    'exams:attempt': (i) => call('exams:attempt', i),
    'report:evidence': (i) => call('report:evidence', i),
    'report:reconcile': (i) => call('report:reconcile', i),
    'settings:get': (i) => call('settings:get', i),
    'settings:save': (i) => call('settings:save', i),
    'import:template': (i) => call('import:template', i),
    'sheet:preview': (i) => call('sheet:preview', i),
    'sheet:export': (i) => call('sheet:export', i),
    'watch:scan': (i) => call('watch:scan', i),
    'demo:load': (i) => call('demo:load', i),
    'kci:import': (i) => call('kci:import', i),
    'db:backup': (i) => call('db:backup', i),
    'db:restore': (i) => call('db:restore', i),
    'backup:list': (i) => call('backup:list', i),
    'backup:restore': (i) => call('backup:restore', i),
    'backup:settings': (i) => call('backup:settings', i),
    'app:openFolder': (i) => call('app:openFolder', i),
    'agent:page': (i) => call('agent:page', i),
    'alerts:list': (i) => call('alerts:list', i),
    'alerts:settings': (i) => call('alerts:settings', i),
    'alerts:notified': (i) => call('alerts:notified', i),
    'clients:list': (i) => call('clients:list', i),
    'clients:save': (i) => call('clients:save', i),
    'clients:delete': (i) => call('clients:delete', i),
    'shops:list': (i) => call('shops:list', i),
    'shops:assignClient': (i) => call('shops:assignClient', i),
    'shops:rename': (i) => call('shops:rename', i),
    'shops:mergePreview': (i) => call('shops:mergePreview', i),
    'shops:merge': (i) => call('shops:merge', i),
    subscribe: (listener) => events.add(listener),
    eventsReady: (timeoutMs = 5000) => events.ready(timeoutMs),
  } satisfies WebApi;
}
