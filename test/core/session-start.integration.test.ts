/**
 * How a session reports VMs that cannot start or keep dying: clear reasons with the VM's own
 * output, nothing left running. Uses real Mix projects (one valid, some deliberately broken).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionStartError } from '../../src/core/agent-errors';
import { createSession } from '../../src/core/session';
import { processGone, waitForStatus } from '../support/event-recorder';
import { createFixtureProject, type FixtureProject } from '../support/fixture-project';

let fixture: FixtureProject;

beforeAll(() => {
  fixture = createFixtureProject('mixscope-start-');
});

afterAll(() => fixture?.remove());

async function startError(session: ReturnType<typeof createSession>): Promise<SessionStartError> {
  const error = await session.start().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SessionStartError);
  return error as SessionStartError;
}

function writeProject(name: string, files: Record<string, string>): string {
  const root = join(fixture.base, name);
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(join(root, file, '..'), { recursive: true });
    writeFileSync(join(root, file), content);
  }
  return root;
}

describe('session start failures', () => {
  it('refuses a folder without mix.exs before spawning anything', async () => {
    const root = join(fixture.base, 'not-a-project');
    mkdirSync(root);
    const session = createSession({ projectRoot: root });
    const error = await startError(session);
    expect(error.reason).toBe(`${root} is not a Mix project (no mix.exs)`);
    expect(session.status).toMatchObject({ state: 'down', reason: error.reason });
    await session.stop();
  });

  it('says so when the VM command does not exist', async () => {
    const session = createSession({
      projectRoot: fixture.root,
      command: { command: 'mixscope-no-such-mix', args: [] },
    });
    const error = await startError(session);
    expect(error.reason).toContain('command not found');
    await session.stop();
  });

  it('reports a VM that exits before the agent connects, with its output', async () => {
    const root = writeProject('broken-mix-exs', {
      'mix.exs': 'defmodule Broken.MixProject do\n  raise "this mix.exs is broken"\nend\n',
    });
    const session = createSession({ projectRoot: root });
    const error = await startError(session);
    expect(error.reason).toMatch(/^the VM exited with status \d+ before the agent connected$/);
    expect(error.outputTail.join('\n')).toContain('this mix.exs is broken');
    expect(error.message).toContain('this mix.exs is broken');
    expect(session.status).toMatchObject({ state: 'down', reason: error.reason });
    expect(session.status.exitCode).not.toBe(0);
  });

  it('gives up on a VM that never connects and kills it', async () => {
    const session = createSession({
      projectRoot: fixture.root,
      command: { command: 'sleep', args: ['60'] },
      startTimeoutMs: 300,
    });
    const error = await startError(session);
    expect(error.reason).toBe('the agent did not connect within 300 ms');
    await session.stop();
  });

  it('comes up even when the project does not compile, with the diagnostics', async () => {
    const root = writeProject('does-not-compile', {
      'mix.exs':
        'defmodule Bad.MixProject do\n  use Mix.Project\n  def project, do: [app: :bad, version: "0.1.0"]\nend\n',
      'lib/good.ex': 'defmodule Bad.Good do\n  def ok, do: :ok\nend\n',
      'lib/bad.ex': 'defmodule Bad.Broken do\n  def oops, do: missing_fun()\nend\n',
    });
    const session = createSession({ projectRoot: root });
    try {
      await session.start();
      expect(await session.waitForBootCompile()).toBe(true);
      expect(session.status.state).toBe('up');
      const diagnostics = session.status.bootDiagnostics;
      const error = diagnostics.find((d) => d.severity === 'error');
      expect(error, JSON.stringify(diagnostics)).toMatchObject({ file: 'lib/bad.ex', line: 2 });
      const modules = await session.modules();
      expect(Array.isArray(modules)).toBe(true);
    } finally {
      await session.stop();
    }
  });

  it('stops restarting a VM that keeps dying, and says why', async () => {
    const session = createSession({ projectRoot: fixture.root, maxQuickRestarts: 1 });
    try {
      await session.start();
      const first = Number(session.hello?.os_pid);
      process.kill(first, 'SIGKILL');
      await waitForStatus(session, (s) => s.state === 'up' && s.restarts === 1);
      const second = Number(session.hello?.os_pid);
      process.kill(second, 'SIGKILL');
      const final = await waitForStatus(
        session,
        (s) => s.state === 'down' && (s.reason ?? '').includes('gave up'),
      );
      expect(final.reason).toBe(
        'the VM exited with status 137 (killed by SIGKILL); gave up after 1 quick restarts',
      );
      expect(processGone(first) && processGone(second)).toBe(true);
      await expect(session.modules()).rejects.toMatchObject({ code: 'not_connected' });
    } finally {
      await session.stop();
    }
  });

  it('does not leave the VM running when the Node process that started it is killed', async () => {
    const holder = fileURLToPath(new URL('../support/hold-session.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', holder, fixture.root], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const pid = await new Promise<number>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes('\n')) resolve(Number(out.trim()));
        });
        child.on('exit', () => reject(new Error('the holder exited before the VM came up')));
      });
      expect(pid).toBeGreaterThan(0);
      // SIGKILL: no exit handler runs in Node; the agent must notice its socket closing.
      child.kill('SIGKILL');
      const deadline = Date.now() + 20_000;
      while (!processGone(pid) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(processGone(pid)).toBe(true);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('stops cleanly when stopped while starting, and restarts on demand', async () => {
    const session = createSession({ projectRoot: fixture.root });
    const starting = session.start();
    await session.stop();
    await expect(starting).rejects.toBeInstanceOf(SessionStartError);
    expect(session.status.state).toBe('stopped');

    try {
      await session.start();
      const first = Number(session.hello?.os_pid);
      await session.restart();
      const second = Number(session.hello?.os_pid);
      expect(session.status.state).toBe('up');
      expect(second).not.toBe(first);
      expect(processGone(first)).toBe(true);
      expect((await session.request('ping', {})).pong).toBe(true);
    } finally {
      await session.stop();
    }
  });
});
