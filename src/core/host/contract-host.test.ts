/**
 * The host's own logic (validation, batching, histories, path confinement) over an in-memory
 * stand-in for a session; the real session is exercised by the server and e2e tests.
 */
import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConsoleLine, ModuleEvent, VmStatus } from '../../shared/models';
import { Emitter } from '../lifecycle';
import type { ProjectSession, SessionOptions } from '../session-types';
import { initialStatus } from '../vm-status';
import { createContractHost, type ContractHost, type HostEvent } from './contract-host';
import { editorCommand, openInEditor } from './editor';

class FakeSession {
  readonly events = new Emitter<ModuleEvent>();
  readonly statuses = new Emitter<VmStatus>();
  readonly output = new Emitter<ConsoleLine>();
  readonly reloads: { path: string; content: string }[] = [];
  stopped = false;
  status: VmStatus;

  constructor(readonly projectRoot: string) {
    this.status = {
      ...initialStatus(projectRoot),
      state: 'up',
      elixir: '1.14.0',
      otp: '25',
      app: 'demo',
    };
  }
  async start(): Promise<void> {}
  async stop(): Promise<void> {
    this.stopped = true;
  }
  async restart(): Promise<void> {}
  async request(): Promise<never> {
    throw new Error('not used');
  }
  async modules() {
    return [{ mod: 'Demo', app: 'demo', source: 'lib/demo.ex', source_hash: 'x', loaded: true }];
  }
  async functions() {
    return [];
  }
  async reload(path: string, content: string) {
    this.reloads.push({ path, content });
    return { recompiled: [] };
  }
  async purge() {
    return { purged: true };
  }
  async dependencyGraph() {
    return { nodes: [], edges: [] };
  }
  onEvent(listener: (event: ModuleEvent) => void) {
    return this.events.on(listener);
  }
  onStatus(listener: (status: VmStatus) => void) {
    return this.statuses.on(listener);
  }
  onOutput(listener: (line: ConsoleLine) => void) {
    return this.output.on(listener);
  }
}

function event(
  seq: number,
  kind: ModuleEvent['kind'],
  extra: Partial<ModuleEvent> = {},
): ModuleEvent {
  return { seq, at: 0, kind, origin: 'user', ...extra };
}

describe('createContractHost', () => {
  let root: string;
  let sessions: FakeSession[];
  let host: ContractHost;
  let received: HostEvent[];

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'mixscope-host-'));
    await mkdir(join(root, 'lib'));
    await writeFile(join(root, 'mix.exs'), 'defmodule Demo.MixProject do\nend\n');
    await writeFile(join(root, 'lib', 'demo.ex'), 'defmodule Demo do\nend\n');
    sessions = [];
    host = createContractHost({
      projectRoot: root,
      createSession: (options: SessionOptions) => {
        const session = new FakeSession(options.projectRoot);
        sessions.push(session);
        return session as unknown as ProjectSession;
      },
      pump: { batchIntervalMs: 5, batchMaxItems: 500 },
      editor: { env: {}, allowOsOpener: false },
    });
    received = [];
    host.onEvent((e) => received.push(e));
    await host.start();
  });

  afterEach(async () => {
    await host.dispose();
    await rm(root, { recursive: true, force: true });
  });

  it('refuses unknown channels and invalid input without throwing', async () => {
    expect(await host.invoke('nope:never', {})).toMatchObject({
      ok: false,
      error: { code: 'unknown_channel' },
    });
    expect(await host.invoke('modules:get-functions', { mod: 42 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await host.invoke('source:read', null)).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });

  it('reads files inside the project and refuses paths outside it', async () => {
    const inside = await host.invoke('source:read', { path: 'lib/demo.ex' });
    expect(inside).toEqual({
      ok: true,
      value: { path: 'lib/demo.ex', content: 'defmodule Demo do\nend\n' },
    });
    expect(await host.invoke('source:read', { path: '../../etc/passwd' })).toMatchObject({
      ok: false,
      error: { code: 'path_outside_project' },
    });
    expect(await host.invoke('source:save', { path: '/etc/passwd', content: '' })).toMatchObject({
      ok: false,
      error: { code: 'path_outside_project' },
    });
    await symlink('/etc', join(root, 'lib', 'escape'));
    expect(await host.invoke('source:read', { path: 'lib/escape/hostname' })).toMatchObject({
      ok: false,
      error: { code: 'path_outside_project' },
    });
    expect(sessions[0]?.reloads).toEqual([]);
  });

  it('reloads a module from its file on disk', async () => {
    const result = await host.invoke('modules:reload', { mod: 'Demo' });
    expect(result.ok).toBe(true);
    expect(sessions[0]?.reloads).toEqual([
      { path: join(root, 'lib', 'demo.ex'), content: 'defmodule Demo do\nend\n' },
    ]);
    expect(await host.invoke('modules:reload', { mod: 'Missing' })).toMatchObject({
      ok: false,
      error: { code: 'unknown_module' },
    });
  });

  it('batches a burst of module events and derives compile progress', async () => {
    const session = sessions[0]!;
    session.events.fire(event(1, 'compile_started', { files: 600 }));
    for (let seq = 2; seq <= 601; seq += 1)
      session.events.fire(event(seq, 'recompiled', { mod: `M${seq}` }));
    session.events.fire(event(602, 'compile_finished', { duration_ms: 12 }));
    await new Promise((r) => setTimeout(r, 30));
    const batches = received.filter((e) => e.channel === 'module:events-received');
    expect(
      batches.map((b) => (b.channel === 'module:events-received' ? b.payload.events.length : 0)),
    ).toEqual([500, 102]);
    const progress = received
      .filter((e) => e.channel === 'compile:progress-changed')
      .map((e) => e.payload);
    expect(progress.at(-1)).toEqual({ active: false, done: 600, total: 600 });
    expect(progress[0]).toMatchObject({ active: true, total: 600 });

    const history = await host.invoke('events:get-history', { sinceSeq: 600 });
    expect(history.ok && (history.value as ModuleEvent[]).map((e) => e.seq)).toEqual([601, 602]);
  });

  it('keeps console history and forwards status changes', async () => {
    const session = sessions[0]!;
    session.output.fire({ stream: 'stdout', text: 'hello', at: 1 });
    session.statuses.fire({ ...session.status, state: 'down', reason: 'killed' });
    expect(received.map((e) => e.channel)).toEqual([
      'console:output-received',
      'vm:status-changed',
    ]);
    const lines = await host.invoke('console:get-history', {});
    expect(lines).toEqual({ ok: true, value: [{ stream: 'stdout', text: 'hello', at: 1 }] });
  });

  it('swaps sessions on project:open and refuses folders without mix.exs', async () => {
    expect(await host.invoke('project:open', { path: join(root, 'lib') })).toMatchObject({
      ok: false,
      error: { code: 'not_a_mix_project' },
    });
    const opened = await host.invoke('project:open', { path: root });
    expect(opened).toMatchObject({ ok: true, value: { root, name: 'demo', isDemo: false } });
    expect(sessions).toHaveLength(2);
    expect(sessions[0]?.stopped).toBe(true);
    expect(received.some((e) => e.channel === 'project:opened')).toBe(true);
  });

  it('does not open an editor when none is configured and the OS opener is off', async () => {
    expect(await host.invoke('editor:open-file', { path: 'lib/demo.ex', line: 2 })).toEqual({
      ok: true,
      value: { opened: false, command: null },
    });
  });
});

describe('editor commands', () => {
  it('uses +line for terminal editors and -g for VS Code', () => {
    expect(editorCommand('vim', '/p/a.ex', 3)).toEqual(['vim', '+3', '/p/a.ex']);
    expect(editorCommand('code -w', '/p/a.ex', 3)).toEqual(['code', '-w', '-g', '/p/a.ex:3']);
  });

  it('runs $VISUAL before $EDITOR', () => {
    const runs: string[][] = [];
    const result = openInEditor('/p/a.ex', 7, {
      env: { VISUAL: 'emacs', EDITOR: 'vi' },
      launch: (command, args) => runs.push([command, ...args]),
    });
    expect(result).toEqual({ opened: true, command: 'emacs +7 /p/a.ex' });
    expect(runs).toEqual([['emacs', '+7', '/p/a.ex']]);
  });
});
