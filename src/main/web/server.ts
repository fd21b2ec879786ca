import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { encodeJson } from '../../shared/codec';
import type { AppEvent } from '../../shared/api';
import type { Backend } from '../backend';
import { BadRequest, decodeCallBody, decodePathPart, PARTS_HEADER, publicResult } from './body';
import { isAllowedHost, isAllowedOrigin, isValidToken, TOKEN_HEADER, WEB_CSP } from './guard';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.csv': 'text/csv; charset=utf-8',
};

/** Request bodies carry whole export files as bytes: 300 MB covers the 200 MB file limit and a few files more. */
export const MAX_BODY = 300 * 1024 * 1024;

export interface WebHost {
  url: string;
  port: number;
  token: string;
  server: Server;
  close(): Promise<void>;
}

export interface WebHostOptions {
  backend: Backend;
  rendererDir: string;
  /** 0 = a random free port. */
  port?: number;
  token?: string;
  /** Where stack traces of failed calls go (never to the page); stderr by default. */
  log?: (text: string) => void;
  /** Largest request body in bytes (tests lower it). */
  maxBody?: number;
}

function send(res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Security-Policy': WEB_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

const TOO_LARGE = '上传内容太大（上限 300 MB）';

async function readBody(req: IncomingMessage, max: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > max) throw new BadRequest(413, TOO_LARGE, 'too_large');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > max) throw new BadRequest(413, TOO_LARGE, 'too_large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function sendError(res: ServerResponse, status: number, message: string, code: string): void {
  send(res, status, encodeJson({ ok: false, error: { message, code } }), 'application/json');
}

/**
 * The browser host: the built renderer and the typed API on 127.0.0.1, for machines where Electron cannot run.
 * No CORS headers are ever sent, so other origins cannot read responses.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const rendererDir = resolve(options.rendererDir);
  const log = options.log ?? ((t: string) => void process.stderr.write(t));
  const maxBody = options.maxBody ?? MAX_BODY;
  const events = new Set<ServerResponse>();
  const unsubscribe = options.backend.subscribe((event) => {
    // a job's failure travels as an event too: its stack stays in the log like a call's
    const safe: AppEvent =
      event.type === 'job:done' ? { ...event, result: publicResult(event.result, log) } : event;
    const line = `data: ${encodeJson(safe)}\n\n`;
    for (const res of events) res.write(line);
  });
  const ping = setInterval(() => {
    for (const res of events) res.write(': ping\n\n');
  }, 15_000);
  ping.unref();

  let port = 0;
  const server = createServer((req, res) => {
    void handle(req, res).catch((e: unknown) => {
      if (e instanceof BadRequest) {
        if (!res.headersSent) sendError(res, e.status, e.message, e.code);
        // an oversized upload is cut off rather than read to its end
        if (e.status === 413) req.destroy();
        return;
      }
      options.backend.log.error('web', e, { path: req.url?.split('?')[0] });
      log(`web host: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      if (!res.headersSent) sendError(res, 500, '内部错误，请查看日志', 'internal');
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isAllowedHost(req.headers.host, port) || !isAllowedOrigin(req.headers.origin, port)) {
      send(res, 403, 'forbidden');
      return;
    }
    let url: URL;
    try {
      // only an origin-form target (`/path`) is served: an absolute or `//host` form names another place
      if (!(req.url ?? '/').startsWith('/') || (req.url ?? '').startsWith('//')) throw new Error('target');
      url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    } catch {
      throw new BadRequest(400, '请求地址无效', 'bad_request');
    }
    if (url.pathname.startsWith('/api/')) {
      if (!isValidToken(req.headers[TOKEN_HEADER], token)) {
        send(
          res,
          401,
          encodeJson({
            ok: false,
            error: { message: '访问令牌无效，请使用启动时打印的地址打开', code: 'unauthorized' },
          }),
          'application/json',
        );
        return;
      }
      if (url.pathname === '/api/events') {
        if (req.method !== 'GET') {
          sendError(res, 405, '请求方法不允许', 'method_not_allowed');
          return;
        }
        res.writeHead(200, {
          'Content-Type': 'text/event-stream; charset=utf-8',
          'Cache-Control': 'no-store',
          Connection: 'keep-alive',
        });
        res.write(': connected\n\n');
        events.add(res);
        req.on('close', () => events.delete(res));
        return;
      }
      const m = /^\/api\/call\/(.+)$/.exec(url.pathname);
      if (m) {
        if (req.method !== 'POST') {
          sendError(res, 405, '请求方法不允许', 'method_not_allowed');
          return;
        }
        const method = decodePathPart(m[1]!);
        const input = decodeCallBody(await readBody(req, maxBody), req.headers[PARTS_HEADER]);
        const result = publicResult(await options.backend.dispatch(method, input), log);
        send(res, 200, encodeJson(result), 'application/json');
        return;
      }
      sendError(res, 404, '没有这个接口', 'not_found');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, 'method not allowed');
      return;
    }
    // static renderer files; anything that escapes the folder is refused
    const rel = url.pathname === '/' ? 'index.html' : decodePathPart(url.pathname.slice(1));
    const file = normalize(join(rendererDir, rel));
    if (rel.includes('\0') || !file.startsWith(rendererDir + sep)) {
      send(res, 403, 'forbidden');
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, {
        'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
        'Content-Security-Policy': WEB_CSP,
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
      });
      res.end(body);
    } catch {
      send(res, 404, 'not found');
    }
  }

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => ok());
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/#token=${token}`;
  return {
    url,
    port,
    token,
    server,
    close: () =>
      new Promise<void>((ok) => {
        clearInterval(ping);
        unsubscribe();
        for (const res of events) res.end();
        events.clear();
        server.close(() => ok());
        server.closeAllConnections();
      }),
  };
}
