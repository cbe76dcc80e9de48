/**
 * Serves the renderer build (`out/renderer`) over HTTP, with the security headers every
 * response of the headless server carries.
 */
import { createReadStream, existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The Content-Security-Policy of every response.
 *
 * Scripts only from our origin (the Vite build has no inline script); styles may be inline
 * because CodeMirror and Cytoscape inject theirs at run time; sockets only back to us
 * (`'self'` covers same-origin ws: in CSP Level 3); no frames, plugins, forms or base changes.
 */
export function contentSecurityPolicy(host: string | undefined): string {
  const socket = host ? ` ws://${host}` : '';
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src 'self'${socket}`,
    "worker-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

/** Headers every response carries, tokened or not. */
export function securityHeaders(host: string | undefined): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(host),
    'X-Content-Type-Options': 'nosniff',
    // The page URL holds the token: never send it on in a Referer.
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}

/** Throws a clear error when the renderer has not been built. */
export function assertRendererBuilt(dir: string): void {
  if (!existsSync(join(dir, 'index.html'))) {
    throw new Error(
      `the renderer is not built (no ${join(dir, 'index.html')}); run \`npm run build:renderer\` first`,
    );
  }
}

/** Answers a GET for `pathname` from `dir`; 404 for anything not in it. */
export async function serveStatic(
  dir: string,
  pathname: string,
  response: ServerResponse,
): Promise<void> {
  const relativePath =
    pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '');
  const root = resolve(dir);
  const file = resolve(root, normalize(relativePath));
  // A `..` in the URL must not reach outside the build folder.
  if (!file.startsWith(root + sep) || relativePath.includes('\0')) {
    response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
    return;
  }
  let size: number;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new Error('not a file');
    size = info.size;
  } catch {
    response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
    return;
  }
  const type = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
  // Hashed asset names never change content; the page itself must be fetched fresh.
  const cache = file.includes(`${sep}assets${sep}`)
    ? 'private, max-age=31536000, immutable'
    : 'no-store';
  response.writeHead(200, { 'Content-Type': type, 'Content-Length': size, 'Cache-Control': cache });
  createReadStream(file).pipe(response);
}
