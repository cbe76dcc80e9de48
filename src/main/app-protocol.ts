/**
 * Serves the renderer build from a private `mixscope://app/` scheme instead of `file://`.
 *
 * A standard, secure scheme gives the page a real origin: CSP `'self'`, module workers (the
 * graph layout runs in one) and `fetch` behave as on the web, and no other file on disk shares
 * the page's origin, which `file://` would allow.
 */
import { net, protocol } from 'electron';
import { resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The scheme of our pages. */
export const APP_SCHEME = 'mixscope';
/** The page our windows load in a built app. */
export const APP_PAGE_URL = `${APP_SCHEME}://app/index.html`;

const RENDERER_DIR = fileURLToPath(new URL('../renderer/', import.meta.url));

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Declares the scheme; must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Answers `mixscope://app/…` from `out/renderer`; call once the app is ready. */
export function handleAppScheme(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = resolve(
      RENDERER_DIR,
      decodeURIComponent(url.pathname).replace(/^\/+/, '') || 'index.html',
    );
    // A `..` in the URL must not reach outside the build folder.
    if (url.host !== 'app' || !file.startsWith(resolve(RENDERER_DIR) + sep)) {
      return new Response('not found', { status: 404 });
    }
    const response = await net.fetch(pathToFileURL(file).href);
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', CSP);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}
