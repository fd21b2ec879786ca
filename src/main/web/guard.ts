/**
 * Request checks of the browser host, pure so they are tested without a server: the host binds 127.0.0.1 only,
 * every API call carries the per-run token, and a foreign Host or Origin is refused (DNS rebinding, other sites).
 */
import { timingSafeEqual } from 'node:crypto';
import { contentSecurityPolicy } from '../shell/security';

export const TOKEN_HEADER = 'x-scoredesk-token';

/** Host header must name this loopback server: `127.0.0.1:<port>` or `localhost:<port>`. */
export function isAllowedHost(host: string | undefined, port: number): boolean {
  if (!host) return false;
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

/** Origin, when a browser sends one, must be this server's own origin. Absent Origin (same-origin GET) is fine. */
export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}

export function isValidToken(given: string | string[] | undefined, token: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The Electron window's CSP, from the one function, so the two hosts cannot drift apart. */
export const WEB_CSP = contentSecurityPolicy();
