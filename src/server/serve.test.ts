/**
 * The headless server against a real session on a copy of the demo project: token checks on
 * HTTP and WebSocket, malformed messages, and the contract over the socket.
 */
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { demoProjectRoot } from '../core/paths';
import type { ServerMessage } from '../shared/ws-protocol';
import { startServer, type RunningServer } from './serve';

let dir: string;
let server: RunningServer;
const invoked: string[] = [];

/** Copies the demo and its sibling path dependency, without build output. */
async function copyDemo(target: string): Promise<string> {
  const demo = demoProjectRoot();
  const skip = (src: string): boolean => !['_build', 'deps', '.elixir_ls'].includes(basename(src));
  await cp(demo, join(target, 'demo'), { recursive: true, filter: skip });
  await cp(join(demo, '..', 'demo_helpers'), join(target, 'demo_helpers'), {
    recursive: true,
    filter: skip,
  });
  return join(target, 'demo');
}

function connect(url: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
    socket.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
}

function nextMessage(
  socket: WebSocket,
  match: (m: ServerMessage) => boolean,
): Promise<ServerMessage> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData): void => {
      const message = JSON.parse(data.toString()) as ServerMessage;
      if (match(message)) {
        socket.off('message', onMessage);
        resolve(message);
      }
    };
    socket.on('message', onMessage);
  });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mixscope-serve-'));
  const rendererDir = join(dir, 'renderer');
  await mkdir(join(rendererDir, 'assets'), { recursive: true });
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Mixscope</title>');
  await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log(1);');
  const projectRoot = await copyDemo(dir);
  server = await startServer({
    projectRoot,
    rendererDir,
    sessionOptions: { watchSources: false },
    onInvoke: (channel) => invoked.push(channel),
  });
  await server.ready;
  // The VM says hello before its boot compile ends; wait for the project's own modules.
  for (let attempt = 0; attempt < 240; attempt += 1) {
    const result = await server.host.invoke('modules:list', {});
    if (result.ok && (result.value as { mod: string }[]).some((m) => m.mod === 'Demo')) break;
    await new Promise((r) => setTimeout(r, 250));
  }
});

afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('startServer', () => {
  it('prints a loopback URL carrying the token', () => {
    expect(server.url).toMatch(
      new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/\\?token=[\\w-]{43}$`),
    );
  });

  it('refuses HTTP without the token and serves the page and assets with it', async () => {
    const base = `http://127.0.0.1:${server.port}`;
    expect((await fetch(`${base}/`)).status).toBe(403);
    expect((await fetch(`${base}/assets/app.js`)).status).toBe(403);
    expect((await fetch(`${base}/?token=wrong`)).status).toBe(403);

    const page = await fetch(server.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const cookie = page.headers.get('set-cookie')?.split(';')[0] ?? '';
    expect(cookie).toContain(server.token);

    const asset = await fetch(`${base}/assets/app.js`, { headers: { cookie } });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toContain('javascript');
    expect(
      (await fetch(`${base}/assets/..%2F..%2Fpackage.json`, { headers: { cookie } })).status,
    ).toBe(404);
  });

  it('refuses sockets without the token or from another origin', async () => {
    const ws = `ws://127.0.0.1:${server.port}/ws`;
    await expect(connect(ws)).rejects.toThrow('HTTP 403');
    await expect(
      connect(`${ws}?token=${server.token}`, { origin: 'http://evil.example' }),
    ).rejects.toThrow('HTTP 403');
  });

  it('answers malformed messages with an error and keeps serving', async () => {
    const socket = await connect(`ws://127.0.0.1:${server.port}/ws?token=${server.token}`);
    try {
      const notJson = nextMessage(socket, (m) => m.type === 'error');
      socket.send('{not json');
      expect(await notJson).toMatchObject({ type: 'error', message: 'message is not JSON' });

      const badShape = nextMessage(socket, (m) => m.type === 'error');
      socket.send(JSON.stringify({ type: 'invoke', id: 7 }));
      expect(await badShape).toMatchObject({ type: 'error', id: 7 });

      const badInput = nextMessage(socket, (m) => m.type === 'result' && m.id === 8);
      socket.send(
        JSON.stringify({
          type: 'invoke',
          id: 8,
          channel: 'source:read',
          input: { path: '/etc/passwd' },
        }),
      );
      expect(await badInput).toMatchObject({
        result: { ok: false, error: { code: 'path_outside_project' } },
      });

      const modules = nextMessage(socket, (m) => m.type === 'result' && m.id === 9);
      socket.send(JSON.stringify({ type: 'invoke', id: 9, channel: 'modules:list', input: {} }));
      const reply = await modules;
      expect(reply.type === 'result' && reply.result.ok).toBe(true);
      const list =
        reply.type === 'result' && reply.result.ok ? (reply.result.value as { mod: string }[]) : [];
      expect(list.map((m) => m.mod)).toContain('Demo');
      expect(invoked).toContain('modules:list');
    } finally {
      socket.close();
    }
  });

  it('streams module events to the socket after a save', async () => {
    const socket = await connect(`ws://127.0.0.1:${server.port}/ws?token=${server.token}`);
    try {
      const read = nextMessage(socket, (m) => m.type === 'result' && m.id === 1);
      socket.send(
        JSON.stringify({
          type: 'invoke',
          id: 1,
          channel: 'source:read',
          input: { path: 'lib/demo.ex' },
        }),
      );
      const source = await read;
      const content =
        source.type === 'result' && source.result.ok
          ? (source.result.value as { content: string }).content
          : '';
      expect(content).toContain('defmodule Demo');

      const recompiled = nextMessage(
        socket,
        (m) =>
          m.type === 'event' &&
          m.channel === 'module:events-received' &&
          m.payload.events.some((e) => e.kind === 'recompiled' && e.mod === 'Demo'),
      );
      const edited = content.replace(/\nend\s*$/, '\n  def served_by_test, do: :ok\nend\n');
      socket.send(
        JSON.stringify({
          type: 'invoke',
          id: 2,
          channel: 'source:save',
          input: { path: 'lib/demo.ex', content: edited },
        }),
      );
      const event = await recompiled;
      expect(event.type === 'event' && event.channel === 'module:events-received').toBe(true);
    } finally {
      socket.close();
    }
  });
});
