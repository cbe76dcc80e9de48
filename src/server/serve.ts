/**
 * The headless mode: the renderer and the UI contract over HTTP + WebSocket on 127.0.0.1.
 *
 * It is how the UI runs where Electron cannot (CI, the e2e suite) and how a project on a remote
 * box is inspected through an SSH tunnel. Every request and socket must carry the random token
 * printed in the URL; see `auth.ts`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { join, resolve } from 'node:path';
import { WebSocketServer } from 'ws';
import { createContractHost, type ContractHost } from '../core/host/contract-host';
import { demoProjectRoot, mixscopeHome } from '../core/paths';
import { createSession } from '../core/session';
import type { ProjectSession, SessionOptions } from '../core/session-types';
import { TOKEN_PARAM, WS_PATH } from '../shared/ws-protocol';
import { checkToken, cookieName, newToken, sameOrigin } from './auth';
import { attachSocket, type InvokeObserver } from './socket-channel';
import { assertRendererBuilt, securityHeaders, serveStatic } from './static-files';

/** How the headless server is started. */
export interface ServerOptions {
  /** The Mix project to open. */
  projectRoot: string;
  /** TCP port; 0 or absent picks a free one. */
  port?: number;
  /** Interface to bind; loopback unless told otherwise. */
  host?: string;
  /** The renderer build to serve (default `out/renderer` in the Mixscope root). */
  rendererDir?: string;
  /** Use this token instead of a random one (tests, scripted tunnels). */
  token?: string;
  /** Session factory; the real `createSession` unless a test swaps it. */
  createSession?: (options: SessionOptions) => ProjectSession;
  /** Extra session options (env, timeouts). */
  sessionOptions?: Omit<SessionOptions, 'projectRoot'>;
  /** Sees every well-formed invoke (tests count requests with it). */
  onInvoke?: InvokeObserver;
}

/** A running server. */
export interface RunningServer {
  /** The page URL, token included: what the user opens. */
  url: string;
  token: string;
  port: number;
  /** The contract host, for tests and the CLI. */
  host: ContractHost;
  /** Settles once the VM is up or failed to start. */
  ready: Promise<void>;
  /** Closes every socket, stops the VM and the HTTP server. */
  close(): Promise<void>;
}

// 16 MiB of source plus JSON escaping: `source:save` inputs are capped at 16 MiB by the contract.
const MAX_MESSAGE_BYTES = 40 * 1024 * 1024;

function refuse(
  response: ServerResponse,
  status: number,
  text: string,
  host: string | undefined,
): void {
  response
    .writeHead(status, { ...securityHeaders(host), 'Content-Type': 'text/plain; charset=utf-8' })
    .end(text);
}

function refuseUpgrade(socket: Duplex, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/** Starts the server on `options.projectRoot` and boots its VM in the background. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const rendererDir = resolve(options.rendererDir ?? join(mixscopeHome(), 'out', 'renderer'));
  assertRendererBuilt(rendererDir);
  const token = options.token ?? newToken();
  const bindHost = options.host ?? '127.0.0.1';
  const host = createContractHost({
    projectRoot: resolve(options.projectRoot),
    createSession: options.createSession ?? createSession,
    ...(options.sessionOptions ? { sessionOptions: options.sessionOptions } : {}),
    demoRoot: demoProjectRoot(),
    editor: { allowOsOpener: !process.env['CI'] },
  });
  let port = 0;

  const http = createServer((request: IncomingMessage, response: ServerResponse) => {
    const hostHeader = request.headers.host;
    const url = new URL(request.url ?? '/', 'http://localhost');
    const source = checkToken(request, url, token, port);
    if (source === null) {
      refuse(
        response,
        403,
        'forbidden: open the URL Mixscope printed (it carries the token)',
        hostHeader,
      );
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      refuse(response, 405, 'method not allowed', hostHeader);
      return;
    }
    for (const [name, value] of Object.entries(securityHeaders(hostHeader)))
      response.setHeader(name, value);
    if (source === 'query') {
      // Let the page's scripts and styles (loaded without the query) authenticate.
      response.setHeader(
        'Set-Cookie',
        `${cookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`,
      );
    }
    serveStatic(rendererDir, url.pathname, response).catch((error: unknown) => {
      console.error('mixscope: serving a file failed:', error);
      if (!response.headersSent) refuse(response, 500, 'internal error', hostHeader);
      else response.destroy();
    });
  });

  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  http.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname !== WS_PATH) return refuseUpgrade(socket, '404 Not Found');
    if (checkToken(request, url, token, port) === null || !sameOrigin(request)) {
      return refuseUpgrade(socket, '403 Forbidden');
    }
    sockets.handleUpgrade(request, socket, head, (ws) => attachSocket(ws, host, options.onInvoke));
  });

  await new Promise<void>((resolveListen, rejectListen) => {
    http.once('error', rejectListen);
    http.listen(options.port ?? 0, bindHost, () => {
      http.off('error', rejectListen);
      resolveListen();
    });
  });
  port = (http.address() as AddressInfo).port;
  const ready = host.start();
  const shownHost = bindHost.includes(':') ? `[${bindHost}]` : bindHost;

  let closing: Promise<void> | null = null;
  return {
    url: `http://${shownHost}:${port}/?${TOKEN_PARAM}=${token}`,
    token,
    port,
    host,
    ready,
    close() {
      closing ??= (async () => {
        for (const client of sockets.clients) client.terminate();
        await new Promise<void>((done) => sockets.close(() => done()));
        http.closeAllConnections();
        await new Promise<void>((done) => http.close(() => done()));
        await host.dispose();
      })();
      return closing;
    },
  };
}
