import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { Backend } from '../../src/main/backend';
import { startWebHost, type WebHost } from '../../src/main/web/server';
import { decodeJson, encodeJson } from '../../src/shared/codec';
import type { AppEvent, Result } from '../../src/shared/api';
import type { ImportRunResult } from '../../src/shared/imports';
import type { MonthReport } from '../../src/shared/report';
import { cli, douyin, NOW_OCT4, tempDb } from './helpers';
import { SCHEMA_VERSION } from '../../src/main/db/migrations';

let host: WebHost;
let backend: Backend;
let dbPath: string;

beforeEach(async () => {
  const renderer = mkdtempSync(join(tmpdir(), 'sd-renderer-'));
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>ScoreDesk</title>');
  dbPath = tempDb();
  backend = new Backend({ dbPath, host: 'web', now: () => NOW_OCT4 });
  host = await startWebHost({ backend, rendererDir: renderer });
});

afterEach(async () => {
  await host.close();
  backend.close();
});

function raw(
  path: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((ok, fail) => {
    const req = request(
      { host: '127.0.0.1', port: host.port, path, method: opts.method ?? 'GET', headers: opts.headers },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => ok({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on('error', fail);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

async function call<T>(method: string, input: unknown): Promise<Result<T>> {
  const r = await fetch(`http://127.0.0.1:${host.port}/api/call/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-ScoreDesk-Token': host.token },
    body: encodeJson(input),
  });
  expect(r.status).toBe(200);
  return decodeJson(await r.text()) as Result<T>;
}

describe('browser host', () => {
  it('binds 127.0.0.1 on a random port and prints a URL with the token in the fragment', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]{20,}$/);
    expect(host.port).toBeGreaterThan(0);
  });

  it('serves the renderer with the CSP and no CORS headers', async () => {
    const r = await raw('/', { headers: { Host: `127.0.0.1:${host.port}` } });
    expect(r.status).toBe(200);
    expect(String(r.headers['content-security-policy'])).toContain("script-src 'self'");
    expect(r.headers['access-control-allow-origin']).toBeUndefined();
    expect((await raw('/../../etc/passwd', { headers: { Host: `127.0.0.1:${host.port}` } })).status).not.toBe(
      200,
    );
  });

  it('refuses calls without the token, from a foreign Host or a foreign Origin', async () => {
    const body = encodeJson({});
    const noToken = await raw('/api/call/app:info', {
      method: 'POST',
      headers: { Host: `127.0.0.1:${host.port}` },
      body,
    });
    expect(noToken.status).toBe(401);
    expect(noToken.body).toContain('访问令牌无效');
    const foreignHost = await raw('/api/call/app:info', {
      method: 'POST',
      headers: { Host: `evil.example:${host.port}`, 'X-ScoreDesk-Token': host.token },
      body,
    });
    expect(foreignHost.status).toBe(403);
    const foreignOrigin = await raw('/api/call/app:info', {
      method: 'POST',
      headers: {
        Host: `127.0.0.1:${host.port}`,
        Origin: 'http://evil.example',
        'X-ScoreDesk-Token': host.token,
      },
      body,
    });
    expect(foreignOrigin.status).toBe(403);
  });

  it('never reads a file by path over HTTP: only uploaded bytes', async () => {
    const done = new Promise<Result<ImportRunResult>>((ok) => {
      const off = backend.subscribe((e) => {
        if (e.type === 'job:done') {
          off();
          ok(e.result);
        }
      });
    });
    const r = await call('import:start', { files: [{ name: 'passwd', path: '/etc/passwd' }] });
    // the job starts; its result refuses the path
    expect(r.ok).toBe(true);
    const result = await done;
    expect(result.ok ? '' : result.error.message).toContain('需要以内容上传');
    const restore = await call('db:restore', { file: { name: 'x.db', path: dbPath } });
    expect(restore.ok ? '' : restore.error.message).toContain('需要以内容上传');
  });

  it('validates input with the contract and returns errors as values', async () => {
    const r = await call('report:month', { month: '2026-13' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toBe('请求参数无效');
    const unknown = await call('nope:nope', {});
    expect(unknown.ok).toBe(false);
  });

  it('imports through the API with progress over SSE, and reports the same numbers as the CLI', async () => {
    const events: AppEvent[] = [];
    const controller = new AbortController();
    const stream = await fetch(`http://127.0.0.1:${host.port}/api/events`, {
      headers: { 'X-ScoreDesk-Token': host.token },
      signal: controller.signal,
    });
    const reader = (stream.body as ReadableStream<Uint8Array>).getReader();
    const done = (async () => {
      let buf = '';
      for (;;) {
        const { value, done: end } = await reader.read();
        if (end) return;
        buf += new TextDecoder().decode(value);
        let i: number;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const chunk = buf.slice(0, i);
          buf = buf.slice(i + 2);
          if (chunk.startsWith('data: ')) {
            const e = decodeJson(chunk.slice(6)) as AppEvent;
            events.push(e);
            if (e.type === 'job:done') return e;
          }
        }
      }
    })();
    const file = douyin('飞鸽客服数据_2026-10-03.xlsx');
    const started = await call<{ jobId: string }>('import:start', {
      files: [{ name: '飞鸽客服数据_2026-10-03.xlsx', bytes: new Uint8Array(readFileSync(file)) }],
    });
    expect(started.ok).toBe(true);
    const end = await done;
    controller.abort();
    expect(end).toBeDefined();
    if (!end || end.type !== 'job:done' || !started.ok) throw new Error('no job:done');
    expect(end.jobId).toBe(started.data.jobId);
    expect(events.some((e) => e.type === 'job:progress')).toBe(true);
    const result: Result<ImportRunResult> = end.result;
    expect(result.ok && result.data.files[0]!.rows).toMatchObject({ accepted: 2, rejected: 1 });

    const viaApi = await call<MonthReport>('report:month', { month: '2026-10' });
    const viaCli = (
      await cli(['report', '--month', '2026-10', '--db', dbPath, '--json'])
    ).json<MonthReport>();
    expect(viaApi.ok && viaApi.data).toEqual(viaCli);

    const history = await call<{ id: number }[]>('import:history', {});
    expect(history.ok && history.data).toHaveLength(1);
    const months = await call<string[]>('report:months', {});
    expect(months.ok && months.data).toEqual(['2026-10']);
    const drill = await call<{ days: unknown[]; rows: { row: number; values: Record<string, string> }[] }>(
      'report:drill',
      {
        month: '2026-10',
        platform: 'douyin',
        shop: '星河旗舰店',
        account: '星河旗舰店:阿青',
        metric: 'reply_3min_rate',
      },
    );
    expect(drill.ok && drill.data.days).toEqual([
      { day: '2026-10-03', value: 0.85, numerator: 34, denominator: 40 },
    ]);
    expect(drill.ok && drill.data.rows[0]).toMatchObject({
      row: 5,
      values: { '3分钟人工回复率 (会话)': '85.00%' },
    });
  });

  it('backs up to bytes and restores them', async () => {
    const b = await call<{ name: string; bytes: Uint8Array }>('db:backup', {});
    expect(b.ok).toBe(true);
    if (!b.ok) return;
    expect(b.data.name).toMatch(/^ScoreDesk-备份-\d{8}-\d{6}\.db$/);
    expect(new TextDecoder().decode(b.data.bytes.subarray(0, 15))).toBe('SQLite format 3');
    const r = await call<{ schemaVersion: number }>('db:restore', {
      file: { name: b.data.name, bytes: b.data.bytes },
    });
    expect(r.ok && r.data.schemaVersion).toBe(SCHEMA_VERSION);
    const bad = await call('db:restore', {
      file: { name: 'x.db', bytes: new TextEncoder().encode('not a database') },
    });
    expect(bad.ok).toBe(false);
  });
});
