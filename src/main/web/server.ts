import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { decodeJson, encodeJson } from '../../shared/codec';
import type { Backend } from '../backend';
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

/** Request bodies carry whole export files as base64: 300 MB covers the 200 MB file limit. */
const MAX_BODY = 300 * 1024 * 1024;

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

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new Error('body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The browser host: the built renderer and the typed API on 127.0.0.1, for machines where Electron cannot run.
 * No CORS headers are ever sent, so other origins cannot read responses.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const rendererDir = resolve(options.rendererDir);
  const events = new Set<ServerResponse>();
  const unsubscribe = options.backend.subscribe((event) => {
    const line = `data: ${encodeJson(event)}\n\n`;
    for (const res of events) res.write(line);
  });
  const ping = setInterval(() => {
    for (const res of events) res.write(': ping\n\n');
  }, 15_000);
  ping.unref();

  let port = 0;
  const server = createServer((req, res) => {
    void handle(req, res).catch((e: unknown) => {
      options.backend.log.error('web', e, { path: req.url?.split('?')[0] });
      if (!res.headersSent)
        send(res, 500, encodeJson({ ok: false, error: { message: '内部错误', detail: String(e) } }));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isAllowedHost(req.headers.host, port) || !isAllowedOrigin(req.headers.origin, port)) {
      send(res, 403, 'forbidden');
      return;
    }
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
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
      if (url.pathname === '/api/events' && req.method === 'GET') {
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
      if (m && req.method === 'POST') {
        let input: unknown;
        try {
          const body = await readBody(req);
          input = body ? decodeJson(body) : {};
        } catch (e) {
          send(
            res,
            400,
            encodeJson({ ok: false, error: { message: '请求内容无法解析', detail: String(e) } }),
            'application/json',
          );
          return;
        }
        const result = await options.backend.dispatch(decodeURIComponent(m[1]!), input);
        send(res, 200, encodeJson(result), 'application/json');
        return;
      }
      send(res, 404, 'not found');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, 'method not allowed');
      return;
    }
    // static renderer files; anything that escapes the folder is refused
    const rel = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname.slice(1));
    const file = normalize(join(rendererDir, rel));
    if (!file.startsWith(rendererDir + sep)) {
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
