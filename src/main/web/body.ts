/**
 * Request bodies and error values of the browser host, pure so they are tested without a server.
 *
 * A call whose input holds bytes (an upload) travels as raw bytes, not base64 inside JSON: the body is the JSON text
 * followed by each file's bytes, and the header `X-ScoreDesk-Parts: <json length>,<len 1>,<len 2>…` says where each
 * part ends; the JSON names a part as `{"$part": i}`. Decoding is then one slice per file (no per-character work on
 * the main thread: a 240 MB upload as base64 JSON used to block every other call for half a minute).
 * The older `{"$bytes": "<base64>"}` form is still read, with Node's native decoder.
 */
import type { AppError, Result } from '../../shared/api';

export const PARTS_HEADER = 'x-scoredesk-parts';

/** A refusal of the request itself (not of the call's input): answered with an HTTP status and a Chinese message. */
export class BadRequest extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'BadRequest';
  }
}

/** `decodeURIComponent` that refuses malformed escapes (`%`, `%E0%A4%A`) with a 400 instead of throwing a URIError. */
export function decodePathPart(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new BadRequest(400, '请求地址无效', 'bad_request');
  }
}

/** Parses the part lengths header: non-negative integers whose sum is the body's length. */
export function parseParts(header: string | string[] | undefined, bodyLength: number): number[] | null {
  if (header === undefined) return null;
  if (typeof header !== 'string' || !/^\d{1,12}(,\d{1,12}){0,64}$/.test(header))
    throw new BadRequest(400, '请求内容无法解析', 'bad_request');
  const lengths = header.split(',').map(Number);
  if (lengths.reduce((a, b) => a + b, 0) !== bodyLength)
    throw new BadRequest(400, '请求内容不完整', 'bad_request');
  return lengths;
}

/** Decodes a call body (JSON, or JSON plus byte parts) into the call's input. */
export function decodeCallBody(body: Buffer, partsHeader: string | string[] | undefined): unknown {
  const lengths = parseParts(partsHeader, body.length);
  const jsonLength = lengths ? lengths[0]! : body.length;
  const parts: Uint8Array[] = [];
  if (lengths) {
    let at = jsonLength;
    for (const n of lengths.slice(1)) {
      // a view, not a copy: the body buffer is already the bytes
      parts.push(new Uint8Array(body.buffer, body.byteOffset + at, n));
      at += n;
    }
  }
  const text = body.subarray(0, jsonLength).toString('utf8');
  if (!text.trim()) return {};
  try {
    return JSON.parse(text, (_k, v: unknown) => {
      if (v && typeof v === 'object' && !Array.isArray(v)) {
        const o = v as Record<string, unknown>;
        const keys = Object.keys(o);
        if (keys.length === 1 && keys[0] === '$part') {
          const i = o.$part;
          if (typeof i !== 'number' || !Number.isInteger(i) || !parts[i]) throw new Error('bad part');
          return parts[i];
        }
        if (keys.length === 1 && keys[0] === '$bytes' && typeof o.$bytes === 'string') {
          if (!/^[A-Za-z0-9+/]*={0,2}$/.test(o.$bytes)) throw new Error('bad base64');
          const b = Buffer.from(o.$bytes, 'base64');
          return new Uint8Array(b.buffer, b.byteOffset, b.length);
        }
      }
      return v;
    });
  } catch {
    throw new BadRequest(400, '请求内容无法解析', 'bad_request');
  }
}

/** True when a text looks like a JavaScript stack trace (or carries one). */
export function hasStack(text: string | undefined): boolean {
  return !!text && /\n\s+at\s/.test(text);
}

/**
 * The error a page may see: stack traces stay in the host's log (they name files, lines and internals and help no
 * lead, and their first line can name paths); the Chinese message and code go to the page.
 */
export function publicError(error: AppError, log: (text: string) => void): AppError {
  if (!hasStack(error.detail)) return error;
  log(`${error.code ?? 'error'}: ${error.message}\n${error.detail}\n`);
  const { detail: _logged, ...rest } = error;
  return rest;
}

export function publicResult<T>(result: Result<T>, log: (text: string) => void): Result<T> {
  return result.ok ? result : { ok: false, error: publicError(result.error, log) };
}
