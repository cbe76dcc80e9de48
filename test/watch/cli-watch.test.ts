/**
 * `mixscope watch` streams live-sync events: a file written from outside comes out as a
 * `recompiled` line with origin `watcher`; with `--no-watch-sources` only a terminal compile
 * brings it in, with origin `external`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixtureProject, type FixtureProject } from '../support/fixture-project';
import { runMix, versionedModule } from './support';

const cli = resolve(__dirname, '../../bin/mixscope.mjs');

/** A running `mixscope watch` with its output parsed line by line. */
function startWatch(root: string, flags: string[], env: NodeJS.ProcessEnv = {}) {
  const child: ChildProcess = spawn(process.execPath, [cli, '--project', root, 'watch', ...flags], {
    env: { ...process.env, MIX_ENV: 'dev', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const events: Record<string, unknown>[] = [];
  let stderr = '';
  let pending = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) events.push(JSON.parse(line));
  });
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.on('close', (code) => done(code)));
  // Gives up well inside the test's own timeout, so a failure shows what the CLI said.
  const until = async (test: () => boolean, what: string): Promise<void> => {
    for (let i = 0; i < 800 && !test(); i++) await new Promise((r) => setTimeout(r, 50));
    if (!test()) throw new Error(`timed out waiting for ${what}; stderr:\n${stderr}`);
  };
  return {
    events,
    ready: () => until(() => stderr.includes('watching; press Ctrl-C'), 'the watch to start'),
    event: (test: (e: Record<string, unknown>) => boolean, what: string) =>
      until(() => events.some(test), what).then(() => events.find(test)),
    stderr: () => stderr,
    stop: async (): Promise<number | null> => {
      child.kill('SIGINT');
      return exited;
    },
  };
}

let fx: FixtureProject;

beforeAll(async () => {
  fx = createFixtureProject('mixscope-cli-watch-');
  const compiled = await runMix(fx.root, ['compile']);
  expect(compiled.code, compiled.output).toBe(0);
});

afterAll(() => fx?.remove());

describe('mixscope watch', () => {
  it('prints watcher compiles of files written from outside', async () => {
    const watch = startWatch(fx.root, []);
    try {
      // Printed once the boot compile is over and the watchers are up.
      await watch.ready();
      writeFileSync(join(fx.root, 'lib/fixture/cli_a.ex'), versionedModule('Fixture.CliA', 1));
      const event = await watch.event(
        (e) => e['kind'] === 'recompiled' && e['mod'] === 'Fixture.CliA',
        'the recompiled line',
      );
      expect(event?.['origin']).toBe('watcher');
    } finally {
      expect(await watch.stop()).toBe(0);
    }
  });

  it('with --no-watch-sources, prints only what a terminal compile brought in', async () => {
    const watch = startWatch(fx.root, ['--no-watch-sources']);
    try {
      // Printed once the boot compile is over and the watchers are up.
      await watch.ready();
      const before = watch.events.length;
      writeFileSync(join(fx.root, 'lib/fixture/cli_b.ex'), versionedModule('Fixture.CliB', 1));
      const compiled = await runMix(fx.root, ['compile']);
      expect(compiled.code, compiled.output).toBe(0);
      const event = await watch.event(
        (e) => e['kind'] === 'recompiled' && e['mod'] === 'Fixture.CliB',
        'the external recompiled line',
      );
      expect(event?.['origin']).toBe('external');
      expect(watch.events.slice(before).some((e) => e['origin'] === 'watcher')).toBe(false);
    } finally {
      expect(await watch.stop()).toBe(0);
    }
  });

  it('with MIXSCOPE_WATCH=poll, polls and still prints watcher compiles', async () => {
    const watch = startWatch(fx.root, [], { MIXSCOPE_WATCH: 'poll' });
    try {
      await watch.ready();
      writeFileSync(join(fx.root, 'lib/fixture/cli_c.ex'), versionedModule('Fixture.CliC', 1));
      const event = await watch.event(
        (e) => e['kind'] === 'recompiled' && e['mod'] === 'Fixture.CliC',
        'the recompiled line',
      );
      expect(event?.['origin']).toBe('watcher');
      expect(watch.stderr()).toContain('file watching polls every');
    } finally {
      expect(await watch.stop()).toBe(0);
    }
  });
});
