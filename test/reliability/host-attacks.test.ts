/**
 * Attacks on the browser host, in-process (a Backend and startWebHost): token, Host and Origin, traversal and
 * malformed encodings, oversized bodies, wrong methods, bad JSON, leaked stack traces. Every answer is a refusal with
 * the right status, and the host keeps serving.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { Backend } from '../../src/main/backend';
import { startWebHost, type WebHost } from '../../src/main/web/server';
import { toAppError } from '../../src/main/errors';
import { NOW_OCT4, tempDb } from '../integration/helpers';

let host: WebHost;
let backend: Backend;
const logged: string[] = [];

beforeAll(async () => {
  const renderer = mkdtempSync(join(tmpdir(), 'sd-renderer-'));
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>ScoreDesk</title>');
  backend = new Backend({ dbPath: tempDb(), host: 'web', now: () => NOW_OCT4 });
  host = await startWebHost({
    backend,
    rendererDir: renderer,
    maxBody: 1024 * 1024,
    log: (t) => logged.push(t),
  });
});

afterAll(async () => {
  await host.close();
  backend.close();
});

function raw(
  path: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<{ status: number; body: string }> {
  return new Promise((ok, fail) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: host.port,
        path,
        method: opts.method ?? 'GET',
        headers: { Host: `127.0.0.1:${host.port}`, 'X-ScoreDesk-Token': host.token, ...opts.headers },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => ok({ status: res.statusCode ?? 0, body }));
      },
    );
    // a refused upload may be cut off mid-body: the status already arrived
    req.on('error', (e: NodeJS.ErrnoException) =>
      e.code === 'ECONNRESET' || e.code === 'EPIPE' ? undefined : fail(e),
    );
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

const post = (method: string, body: string | Buffer, headers: Record<string, string> = {}) =>
  raw(`/api/call/${method}`, { method: 'POST', body, headers });

const errorOf = (body: string): { message: string; code?: string } =>
  (JSON.parse(body) as { error: { message: string; code?: string } }).error;

async function alive(): Promise<void> {
  const r = await post('app:info', '{}');
  expect(r.status).toBe(200);
  expect(JSON.parse(r.body)).toMatchObject({ ok: true });
}

describe('browser host under attack', () => {
  it('refuses wrong, missing, repeated and near-miss tokens', async () => {
    for (const token of ['', 'x', host.token.slice(0, -1), host.token + 'x', host.token.toUpperCase()]) {
      const r = await post('app:info', '{}', { 'X-ScoreDesk-Token': token });
      expect([token, r.status]).toEqual([token, 401]);
    }
    const events = await raw('/api/events', { headers: { 'X-ScoreDesk-Token': 'nope' } });
    expect(events.status).toBe(401);
    await alive();
  });

  it('refuses foreign Host and Origin headers (DNS rebinding, other sites)', async () => {
    for (const h of [
      `evil.example:${host.port}`,
      `127.0.0.1:${host.port + 1}`,
      '127.0.0.1',
      `[::1]:${host.port}`,
    ]) {
      expect([h, (await post('app:info', '{}', { Host: h })).status]).toEqual([h, 403]);
    }
    for (const o of [
      'http://evil.example',
      'null',
      `https://127.0.0.1:${host.port}`,
      `http://127.0.0.1:${host.port}.evil`,
    ]) {
      expect([o, (await post('app:info', '{}', { Origin: o })).status]).toEqual([o, 403]);
    }
  });

  it('refuses traversal and malformed encodings with 400/403/404, never 500, never a file outside', async () => {
    const cases: [string, number][] = [
      ['/%', 400],
      ['/%E0%A4%A', 400],
      ['/%ZZ', 400],
      ['/api/call/%E0%A4%A', 405],
      ['/..%2f..%2f..%2fetc%2fpasswd', 403],
      ['/%2e%2e/%2e%2e/etc/passwd', 404],
      ['/index.html%00.png', 403],
      ['//etc/passwd', 400],
    ];
    for (const [path, status] of cases) {
      const r = await raw(path);
      expect([path, r.status]).toEqual([path, status]);
      expect(r.body).not.toContain('root:');
    }
    const bad = await post('%E0%A4%A', '{}');
    expect([bad.status, JSON.parse(bad.body)]).toEqual([
      400,
      { ok: false, error: { message: '请求地址无效', code: 'bad_request' } },
    ]);
    await alive();
  });

  it('cuts off oversized bodies with 413, by declared length and by streamed length', async () => {
    const big = Buffer.alloc(1024 * 1024 + 1, 0x20);
    const declared = await post('app:info', big);
    expect(declared.status).toBe(413);
    expect(errorOf(declared.body).message).toBe('上传内容太大（上限 300 MB）');
    const chunked = await post('app:info', big, { 'Transfer-Encoding': 'chunked' });
    expect(chunked.status).toBe(413);
    await alive();
  });

  it('answers wrong methods with 405 and unknown paths with 404', async () => {
    expect((await raw('/api/call/app:info')).status).toBe(405);
    expect((await raw('/api/call/app:info', { method: 'PUT', body: '{}' })).status).toBe(405);
    expect((await raw('/api/events', { method: 'POST', body: '' })).status).toBe(405);
    expect((await raw('/', { method: 'DELETE' })).status).toBe(405);
    expect((await raw('/api/nope', { method: 'POST', body: '{}' })).status).toBe(404);
    const unknown = await post('nope:nope', '{}');
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
  });

  it('refuses bad JSON, bad parts and bad base64 with 400 and a Chinese message', async () => {
    const cases: [string, Record<string, string>][] = [
      ['{', {}],
      ['{"month":', {}],
      ['\u0000\u0001', {}],
      ['{"a":{"$bytes":"%%%"}}', {}],
      ['{}xx', { 'X-ScoreDesk-Parts': '2,5' }],
      ['{}xx', { 'X-ScoreDesk-Parts': 'a,b' }],
    ];
    for (const [body, headers] of cases) {
      const r = await post('report:month', body, headers);
      expect([body, r.status, errorOf(r.body).message]).toEqual([
        body,
        400,
        expect.stringMatching(/^请求内容/),
      ]);
    }
    const proto = await post('report:month', '{"__proto__":{"month":"2026-10"}}');
    expect(JSON.parse(proto.body)).toMatchObject({ ok: false, error: { message: '请求参数无效' } });
    await alive();
  });

  it('logs a stack trace and sends only the Chinese message', async () => {
    const spy = vi
      .spyOn(backend, 'dispatch')
      .mockResolvedValueOnce({ ok: false, error: toAppError(new TypeError('secret /home/lead/path')) });
    const r = await post('app:info', '{}');
    spy.mockRestore();
    expect(JSON.parse(r.body)).toEqual({
      ok: false,
      error: { message: '内部错误，请查看日志', code: 'internal' },
    });
    expect(r.body).not.toContain('secret');
    expect(logged.join('')).toContain('TypeError: secret /home/lead/path\n    at ');
  });

  it('never reads a path: import, KCI import and restore refuse file paths', async () => {
    for (const method of ['kci:import', 'db:restore']) {
      const r = await post(method, JSON.stringify({ file: { name: 'passwd', path: '/etc/passwd' } }));
      expect([method, errorOf(r.body).message]).toEqual([method, '文件“passwd”需要以内容上传']);
    }
  });
});
