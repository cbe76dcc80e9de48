/**
 * The link's protocol handling (authentication, validation, correlation, timeouts), exercised
 * over a real loopback socket by a minimal client that speaks the framing. The Elixir agent's
 * behaviour is covered by the integration tests against a real VM.
 */
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AgentLink } from '../../src/core/agent-link';
import { AgentRequestError } from '../../src/core/agent-errors';
import { FrameDecoder, encodeFrame } from '../../src/core/frame-codec';

const links: AgentLink[] = [];
const sockets: Socket[] = [];

afterEach(() => {
  links.splice(0).forEach((l) => l.dispose());
  sockets.splice(0).forEach((s) => s.destroy());
});

async function listen(requestTimeoutMs = 5_000): Promise<AgentLink> {
  const link = await AgentLink.listen({ requestTimeoutMs });
  links.push(link);
  return link;
}

function hello(token: string): object {
  return {
    type: 'hello',
    token,
    elixir: '1.14.0',
    otp: '25',
    os_pid: '4242',
    project_root: '/tmp/project',
    app: 'demo',
    mix_env: 'dev',
    features: { listeners: false },
    boot_diagnostics: [],
  };
}

interface Client {
  socket: Socket;
  send(frame: unknown): void;
  sendRaw(body: string): void;
  next(): Promise<Record<string, unknown>>;
  closed: Promise<void>;
}

async function client(port: number): Promise<Client> {
  const socket = connect(port, '127.0.0.1');
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const decoder = new FrameDecoder();
  const inbox: Record<string, unknown>[] = [];
  const waiters: ((f: Record<string, unknown>) => void)[] = [];
  socket.on('data', (chunk) => {
    for (const body of decoder.push(chunk)) {
      const frame = JSON.parse(body.toString()) as Record<string, unknown>;
      const waiter = waiters.shift();
      if (waiter) waiter(frame);
      else inbox.push(frame);
    }
  });
  socket.on('error', () => undefined);
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  return {
    socket,
    closed,
    send: (frame) => socket.write(encodeFrame(JSON.stringify(frame))),
    sendRaw: (body) => socket.write(encodeFrame(body)),
    next: () => {
      const frame = inbox.shift();
      return frame ? Promise.resolve(frame) : new Promise((r) => waiters.push(r));
    },
  };
}

async function connected(): Promise<{ link: AgentLink; agent: Client; errors: string[] }> {
  const link = await listen();
  const errors: string[] = [];
  link.onProtocolError.on((m) => errors.push(m));
  const agent = await client(link.port);
  agent.send(hello(link.token));
  await link.waitForHello();
  return { link, agent, errors };
}

describe('AgentLink', () => {
  it('listens on loopback with a long random token', async () => {
    const [a, b] = await Promise.all([listen(), listen()]);
    expect(a.token).toMatch(/^[0-9a-f]{64}$/);
    expect(a.token).not.toBe(b?.token);
    expect(a.port).toBeGreaterThan(0);
  });

  it('accepts the agent whose first frame is a hello with the token', async () => {
    const { link } = await connected();
    expect(link.connected).toBe(true);
    expect(link.hello?.os_pid).toBe('4242');
  });

  it('closes a connection with a wrong token and keeps waiting for the right one', async () => {
    const link = await listen();
    const errors: string[] = [];
    link.onProtocolError.on((m) => errors.push(m));
    const intruder = await client(link.port);
    intruder.send(hello('0'.repeat(64)));
    await intruder.closed;
    expect(errors.join('\n')).toContain('wrong token');
    expect(link.connected).toBe(false);

    const agent = await client(link.port);
    agent.send(hello(link.token));
    await expect(link.waitForHello()).resolves.toMatchObject({ app: 'demo' });
  });

  it('closes a connection whose first frame is not a hello', async () => {
    const link = await listen();
    const other = await client(link.port);
    other.send({ type: 'event', seq: 1, at: 0, kind: 'recompiled', origin: 'user' });
    await other.closed;
    expect(link.connected).toBe(false);
  });

  it('refuses a second connection once the agent is in', async () => {
    const { link } = await connected();
    // The server stops listening after the hello: a late connection is refused outright.
    const late = connect(link.port, '127.0.0.1');
    sockets.push(late);
    const outcome = await new Promise<string>((resolve) => {
      late.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
      late.once('close', () => resolve('closed'));
    });
    expect(['ECONNREFUSED', 'closed']).toContain(outcome);
    expect(link.connected).toBe(true);
  });

  it('correlates replies with requests by id, in any order', async () => {
    const { link, agent } = await connected();
    const modules = link.request('modules', {});
    const functions = link.request('functions', { mod: 'Demo' });
    const first = await agent.next();
    const second = await agent.next();
    expect(first).toMatchObject({ type: 'request', method: 'modules', params: {} });
    expect(second).toMatchObject({ type: 'request', method: 'functions', params: { mod: 'Demo' } });
    agent.send({ type: 'reply', id: second['id'], ok: true, result: [] });
    agent.send({
      type: 'reply',
      id: first['id'],
      ok: true,
      result: [
        { mod: 'Demo', app: 'demo', source: 'lib/demo.ex', source_hash: null, loaded: true },
      ],
    });
    await expect(functions).resolves.toEqual([]);
    await expect(modules).resolves.toEqual([
      { mod: 'Demo', app: 'demo', source: 'lib/demo.ex', source_hash: null, loaded: true },
    ]);
  });

  it('turns an error reply into an AgentRequestError with code and diagnostics', async () => {
    const { link, agent } = await connected();
    const reload = link.request('reload', { path: 'lib/a.ex', content: 'defmodule' });
    const { id } = await agent.next();
    const diagnostic = {
      file: 'lib/a.ex',
      line: 1,
      column: null,
      severity: 'error',
      message: 'syntax error',
    };
    agent.send({
      type: 'reply',
      id,
      ok: false,
      error: { code: 'compile_failed', message: 'boom', diagnostics: [diagnostic] },
    });
    const error = await reload.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AgentRequestError);
    expect(error).toMatchObject({ code: 'compile_failed', diagnostics: [diagnostic] });
  });

  it('drops malformed frames without crashing and keeps serving', async () => {
    const { link, agent, errors } = await connected();
    const events: unknown[] = [];
    link.onEvent.on((e) => events.push(e));
    agent.sendRaw('{not json');
    agent.send({ type: 'event', seq: 'one' });
    agent.send({ type: 'mystery' });
    const ping = link.request('ping', {});
    const { id } = await agent.next();
    agent.send({ type: 'event', seq: 1, at: 1, kind: 'compile_started', origin: 'user', files: 2 });
    agent.send({ type: 'reply', id, ok: true, result: { pong: true } });
    await expect(ping).resolves.toEqual({ pong: true });
    expect(events).toHaveLength(1);
    expect(errors).toHaveLength(3);
    expect(errors[0]).toContain('not JSON');
    expect(errors[1]).toContain('invalid event');
  });

  it('rejects a reply whose result does not match the method, at once', async () => {
    const { link, agent } = await connected();
    const modules = link.request('modules', {});
    const { id } = await agent.next();
    agent.send({ type: 'reply', id, ok: true, result: { nope: 1 } });
    await expect(modules).rejects.toMatchObject({ code: 'bad_reply' });
  });

  it('times out a request without a reply', async () => {
    const link = await listen(100);
    const agent = await client(link.port);
    agent.send(hello(link.token));
    await link.waitForHello();
    await expect(link.request('ping', {})).rejects.toMatchObject({ code: 'timeout' });
    await expect(link.request('ping', {}, 50)).rejects.toMatchObject({ code: 'timeout' });
  });

  it('rejects every pending request with vm_down when the connection drops', async () => {
    const { link, agent } = await connected();
    const closes: string[] = [];
    link.onClose.on((r) => closes.push(r));
    const a = link.request('modules', {});
    const b = link.request('dependency_graph', {});
    await agent.next();
    await agent.next();
    agent.socket.destroy();
    await expect(a).rejects.toMatchObject({ code: 'vm_down' });
    await expect(b).rejects.toMatchObject({ code: 'vm_down' });
    expect(closes).toHaveLength(1);
    await expect(link.request('ping', {})).rejects.toMatchObject({ code: 'not_connected' });
  });

  it('drops the connection on an oversized frame', async () => {
    const link = await AgentLink.listen({ maxFrameBytes: 1024 });
    links.push(link);
    const agent = await client(link.port);
    agent.send(hello(link.token));
    await link.waitForHello();
    const pending = link.request('ping', {});
    agent.sendRaw('x'.repeat(2048));
    await expect(pending).rejects.toMatchObject({ code: 'vm_down' });
    await agent.closed;
  });
});
