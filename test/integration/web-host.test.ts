import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { request } from 'node:http';
import { Backend } from '../../src/main/backend';
import { startWebHost, type WebHost } from '../../src/main/web/server';
import { decodeJson, encodeJson } from '../../src/shared/codec';
import type { AppEvent, Result } from '../../src/shared/api';
import type { ImportRunResult } from '../../src/shared/imports';
import type { MonthReport } from '../../src/shared/report';
import { cli, douyin, NOW_OCT4, tempDb } from './helpers';
import { SCHEMA_VERSION } from '../../src/main/db/migrations';
import { DEFAULT_SCHEME } from '../../src/shared/kpi/scheme';
import type { AppSettings } from '../../src/shared/api';

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

  it('refuses malformed percent-encoding with 400 and a Chinese message, not 500', async () => {
    const h = { Host: `127.0.0.1:${host.port}`, 'X-ScoreDesk-Token': host.token };
    for (const path of ['/%', '/%E0%A4%A', '/a%ZZ']) {
      const r = await raw(path, { headers: h });
      expect([path, r.status, r.body]).toEqual([path, 400, expect.stringContaining('请求地址无效')]);
    }
    const call = await raw('/api/call/%E0%A4%A', { method: 'POST', headers: h, body: '{}' });
    expect(call.status).toBe(400);
    expect(JSON.parse(call.body)).toEqual({
      ok: false,
      error: { message: '请求地址无效', code: 'bad_request' },
    });
  });

  describe('watched folder over HTTP (threat model: only `watch` next to the database)', () => {
    const settings = async (): Promise<AppSettings> => {
      const r = await call<AppSettings>('settings:get', {});
      if (!r.ok) throw new Error(r.error.message);
      return r.data;
    };

    it('refuses any other folder with one message whether it exists or not, and saves nothing', async () => {
      const secret = mkdtempSync(join(tmpdir(), 'sd-secret-'));
      writeFileSync(join(secret, '工资.csv'), '姓名,工资\n张三,9000\n');
      const refusals: string[] = [];
      for (const folder of [
        secret,
        join(secret, 'nope'),
        '/etc',
        'relative/watch',
        join(dirname(dbPath), 'watch', '..'),
      ]) {
        const r = await call<AppSettings>('settings:save', { watch_folder: folder, precedence: 'events' });
        expect(r.ok).toBe(false);
        if (!r.ok) {
          expect(r.error.code).toBe('watch_folder_refused');
          refusals.push(r.error.message);
        }
      }
      // the same words for an existing and a missing folder: existence is not revealed
      expect([...new Set(refusals)]).toHaveLength(1);
      expect(refusals[0]).toBe(
        `浏览器版只能监视数据文件夹下的 watch 文件夹（${join(dirname(dbPath), 'watch')}）或其中的子文件夹；其他文件夹请在桌面窗口中设置`,
      );
      expect(await settings()).toEqual({ precedence: 'summary', message_content: 'all', watch_folder: null });
      const scan = await call<{ files: unknown[] }>('watch:scan', {});
      expect(scan.ok && scan.data.files).toEqual([]);
    });

    it('refuses a symlink inside `watch` that leads out of it', async () => {
      const secret = mkdtempSync(join(tmpdir(), 'sd-secret-'));
      const root = join(dirname(dbPath), 'watch');
      mkdirSync(root);
      symlinkSync(secret, join(root, 'link'));
      const r = await call('settings:save', { watch_folder: join(root, 'link') });
      expect(r.ok ? 'saved' : r.error.code).toBe('watch_folder_refused');
      expect((await settings()).watch_folder).toBeNull();
    });

    it('accepts `watch` next to the database (created on first use) and a folder inside it, and scans it', async () => {
      const root = join(dirname(dbPath), 'watch');
      const r = await call<AppSettings>('settings:save', { watch_folder: root });
      expect(r.ok && r.data.watch_folder).toBe(root);
      mkdirSync(join(root, '抖音'));
      const sub = await call<AppSettings>('settings:save', { watch_folder: join(root, '抖音') });
      expect(sub.ok && sub.data.watch_folder).toBe(join(root, '抖音'));
      const missing = await call('settings:save', { watch_folder: join(root, '没有') });
      expect(missing.ok ? '' : missing.error.message).toBe(`文件夹不存在：${join(root, '没有')}`);
      const cleared = await call<AppSettings>('settings:save', { watch_folder: null });
      expect(cleared.ok && cleared.data.watch_folder).toBeNull();
    });
  });

  it("refuses a KCI value above the item's 满分 or below 0, and keeps the saved one", async () => {
    expect((await call('scheme:save', { scheme: { ...DEFAULT_SCHEME, effective_from: '2026-10' } })).ok).toBe(
      true,
    );
    const agent = await call<{ id: number }>('roster:saveAgent', { name: '阿青' });
    if (!agent.ok) throw new Error(agent.error.message);
    const save = (value: number | null) =>
      call('kci:save', { agent_id: agent.data.id, month: '2026-10', item: '质检', value });
    expect((await save(95)).ok).toBe(true);
    const over = await save(120);
    expect(over.ok ? '' : over.error.message).toBe('KCI“质检”的分数应在 0–100 之间，120 超出满分，未保存');
    const appended = await save(9595);
    expect(appended.ok).toBe(false);
    const negative = await save(-1);
    expect(negative.ok ? '' : negative.error.code).toBe('invalid_input');
    const huge = await save(1e300);
    expect(huge.ok ? '' : huge.error.detail).toContain('KCI 分数不能大于 10000');
    const list = await call<{ item: string; value: number }[]>('kci:list', { month: '2026-10' });
    expect(list.ok && list.data.map((r) => [r.item, r.value])).toEqual([['质检', 95]]);
  });
});
