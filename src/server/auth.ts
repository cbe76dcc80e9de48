/**
 * Token checks for the headless server.
 *
 * Like a notebook server, anyone who can reach the port could drive the project's VM (which
 * runs the project's code), so every HTTP request and every socket must present the random
 * token: in the `token` query parameter, an `X-Mixscope-Token` header, or the cookie set on the
 * first tokened page load (so the page's own assets load without the token in their URLs).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { TOKEN_PARAM } from '../shared/ws-protocol';

/** The header a script may use instead of the query parameter. */
export const TOKEN_HEADER = 'x-mixscope-token';

/** A fresh URL-safe token with 256 bits of entropy. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * The cookie's name, specific to the port.
 *
 * Cookies are not port-scoped: two servers on 127.0.0.1 would otherwise overwrite each other's.
 */
export function cookieName(port: number): string {
  return `mixscope_token_${port}`;
}

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function cookieValue(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name)
      return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}

/** How a request authenticated, or null when it did not. */
export type TokenSource = 'query' | 'header' | 'cookie';

/** Checks the request's token; returns where the valid token came from, or null. */
export function checkToken(
  request: IncomingMessage,
  url: URL,
  token: string,
  port: number,
): TokenSource | null {
  const fromQuery = url.searchParams.get(TOKEN_PARAM);
  if (fromQuery !== null && sameToken(fromQuery, token)) return 'query';
  const fromHeader = request.headers[TOKEN_HEADER];
  if (typeof fromHeader === 'string' && sameToken(fromHeader, token)) return 'header';
  const fromCookie = cookieValue(request.headers.cookie, cookieName(port));
  if (fromCookie !== null && sameToken(fromCookie, token)) return 'cookie';
  return null;
}

/**
 * True when a WebSocket handshake comes from our own page.
 *
 * Browsers send cookies with cross-site WebSocket handshakes, so a cookie alone would let any
 * site the user visits drive the VM; the Origin must name the host the page was served from.
 * (Comparing with the Host header rather than a fixed address keeps SSH tunnels working.)
 */
export function sameOrigin(request: IncomingMessage): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true; // not a browser: the token is the whole check
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}
