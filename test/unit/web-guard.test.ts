import { describe, expect, it } from 'vitest';
import { isAllowedHost, isAllowedOrigin, isValidToken } from '../../src/main/web/guard';
import { BadRequest, decodeCallBody, decodePathPart, publicError } from '../../src/main/web/body';
import { encodeCallBody } from '../../src/renderer/src/api/call-body';
import { toAppError } from '../../src/main/errors';

describe('browser host request checks', () => {
  it('accepts only its own loopback Host', () => {
    expect(isAllowedHost('127.0.0.1:5123', 5123)).toBe(true);
    expect(isAllowedHost('localhost:5123', 5123)).toBe(true);
    expect(isAllowedHost('127.0.0.1:5124', 5123)).toBe(false);
    expect(isAllowedHost('evil.example:5123', 5123)).toBe(false);
    expect(isAllowedHost('127.0.0.1.evil.example:5123', 5123)).toBe(false);
    expect(isAllowedHost(undefined, 5123)).toBe(false);
  });

  it('refuses a foreign Origin and allows none', () => {
    expect(isAllowedOrigin(undefined, 5123)).toBe(true);
    expect(isAllowedOrigin('http://127.0.0.1:5123', 5123)).toBe(true);
    expect(isAllowedOrigin('http://evil.example', 5123)).toBe(false);
    expect(isAllowedOrigin('null', 5123)).toBe(false);
    expect(isAllowedOrigin('https://127.0.0.1:5123', 5123)).toBe(false);
  });

  it('checks the token exactly', () => {
    expect(isValidToken('abc', 'abc')).toBe(true);
    expect(isValidToken('abd', 'abc')).toBe(false);
    expect(isValidToken('ab', 'abc')).toBe(false);
    expect(isValidToken(undefined, 'abc')).toBe(false);
    expect(isValidToken(['abc'], 'abc')).toBe(false);
  });

  it('refuses malformed percent-encoding as a 400, not a URIError', () => {
    expect(decodePathPart('import%3Astart')).toBe('import:start');
    for (const t of ['%', '%E0%A4%A', '%ZZ', '%C0%AF']) {
      let caught: unknown;
      try {
        decodePathPart(t);
      } catch (e) {
        caught = e;
      }
      expect(caught instanceof BadRequest && [caught.status, caught.message]).toEqual([400, '请求地址无效']);
    }
  });

  it('carries uploads as raw byte parts and decodes them without copying', async () => {
    const a = new Uint8Array([0, 1, 2, 255]);
    const b = new TextEncoder().encode('姓名,分数\n');
    const enc = encodeCallBody({
      files: [
        { name: 'a.xlsx', bytes: a },
        { name: 'b.csv', bytes: b },
      ],
    });
    expect(enc.headers['X-ScoreDesk-Parts']).toMatch(/^\d+,4,14$/);
    const body = Buffer.from(await (enc.body as Blob).arrayBuffer());
    const input = decodeCallBody(body, enc.headers['X-ScoreDesk-Parts']) as {
      files: { name: string; bytes: Uint8Array }[];
    };
    expect(input.files.map((f) => [f.name, [...f.bytes]])).toEqual([
      ['a.xlsx', [0, 1, 2, 255]],
      ['b.csv', [...b]],
    ]);
    expect(input.files[0]!.bytes.buffer).toBe(body.buffer);
    // plain JSON stays JSON; the older base64 form still reads
    expect(encodeCallBody({ month: '2026-10' })).toEqual({
      body: '{"month":"2026-10"}',
      headers: { 'Content-Type': 'application/json' },
    });
    expect([
      ...(decodeCallBody(Buffer.from('{"x":{"$bytes":"AAH/"}}'), undefined) as { x: Uint8Array }).x,
    ]).toEqual([0, 1, 255]);
    expect(decodeCallBody(Buffer.from(''), undefined)).toEqual({});
  });

  it('refuses bad bodies: lengths that do not add up, unknown parts, bad JSON and bad base64', () => {
    const bad = (body: string, parts?: string): string => {
      try {
        decodeCallBody(Buffer.from(body), parts);
        return 'accepted';
      } catch (e) {
        return e instanceof BadRequest ? `${e.status} ${e.message}` : String(e);
      }
    };
    expect(bad('{"a":1}xy', '7,3')).toBe('400 请求内容不完整');
    expect(bad('{"a":1}xy', '7,-2')).toBe('400 请求内容无法解析');
    expect(bad('{"a":{"$part":1}}xy', '17,2')).toBe('400 请求内容无法解析');
    expect(bad('{"a":{"$part":0.5}}xy', '19,2')).toBe('400 请求内容无法解析');
    expect(bad('{"a":')).toBe('400 请求内容无法解析');
    expect(bad('{"a":{"$bytes":"***"}}')).toBe('400 请求内容无法解析');
  });

  it('keeps stack traces out of the page and in the log', () => {
    const logged: string[] = [];
    const internal = toAppError(new TypeError('Cannot read properties of undefined'));
    expect(internal.detail).toContain('\n    at ');
    expect(publicError(internal, (t) => logged.push(t))).toEqual({
      message: '内部错误，请查看日志',
      code: 'internal',
    });
    expect(logged.join('')).toContain('TypeError: Cannot read properties of undefined\n    at ');
    // a user error's detail (row reasons, zod paths) is for the lead and passes unchanged
    const user = { message: '请求参数无效', detail: '✖ Invalid input\n  → at month', code: 'invalid_input' };
    expect(publicError(user, (t) => logged.push(t))).toBe(user);
  });
});
