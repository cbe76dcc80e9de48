/**
 * Compiles made by another OS process (`mix compile` in a terminal) with source watching off:
 * the VM picks up changed modules with origin `external` and purges modules compiled away; and
 * two compiles of one `_build` at once (the VM's and a terminal's) leave it usable.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../src/core/session';
import type { LiveSync } from '../../src/core/watch/live-sync';
import type { FixtureProject } from '../support/fixture-project';
import {
  type EventLog,
  functionNames as namesIn,
  runMix,
  settle as settleSync,
  startLiveProject,
  stopLiveProject,
  versionedModule,
} from './support';

let fx: FixtureProject;
let session: Session;
let sync: LiveSync;
let log: EventLog;

beforeAll(async () => {
  ({ fx, session, sync, log } = await startLiveProject(
    'mixscope-external-',
    { watchSources: false, watchBeams: true },
    async (project) => {
      // Dependencies compiled once up front, as a developer's terminal would have them.
      writeFileSync(
        join(project.root, 'lib/fixture/terminal.ex'),
        versionedModule('Fixture.Terminal', 1),
      );
      const first = await runMix(project.root, ['compile']);
      expect(first.code, first.output).toBe(0);
    },
  ));
});

afterAll(() => stopLiveProject({ fx, session, sync, log }));

const settle = (): Promise<void> => settleSync(sync, 500);
const functionNames = (mod: string): Promise<string[]> => namesIn(session, mod);

describe('compiles by another OS process', () => {
  it('reloads a module compiled by a terminal mix compile, with origin external', async () => {
    // Loaded first, so the VM holds version 1 when the terminal compiles version 2.
    expect(await functionNames('Fixture.Terminal')).toContain('edit_1');
    const mark = log.mark();
    // A different size: Mix 1.14 misses a same-size edit made within the second of its last
    // compile (it compares whole-second mtimes), and then there would be nothing to load.
    writeFileSync(
      join(fx.root, 'lib/fixture/terminal.ex'),
      versionedModule('Fixture.Terminal', 10),
    );
    await settle();
    // Source watching is off: nothing happens until the terminal compiles.
    expect(log.since(mark)).toHaveLength(0);

    const compiled = await runMix(fx.root, ['compile']);
    expect(compiled.code, compiled.output).toBe(0);
    const event = await log.waitFor(
      (e) => e.kind === 'recompiled' && e.mod === 'Fixture.Terminal',
      mark,
    );
    expect(event.origin).toBe('external');
    await settle();
    const names = await functionNames('Fixture.Terminal');
    expect(names).toContain('edit_10');
    expect(names).not.toContain('edit_1');
  });

  it('purges a module whose source was deleted and compiled away', async () => {
    const mark = log.mark();
    rmSync(join(fx.root, 'lib/fixture/terminal.ex'));
    const compiled = await runMix(fx.root, ['compile']);
    expect(compiled.code, compiled.output).toBe(0);
    const event = await log.waitFor(
      (e) => e.kind === 'source_removed' && e.mod === 'Fixture.Terminal',
      mark,
    );
    expect(event.origin).toBe('external');
    await settle();
    const info = (await session.modules()).find((m) => m.mod === 'Fixture.Terminal');
    expect(info?.loaded ?? false).toBe(false);
  });

  it('survives the VM and a terminal compiling the same _build at once', async () => {
    const files = Array.from({ length: 40 }, (_, i) => `lib/fixture/race/r${i}.ex`);
    const write = (n: number): void =>
      files.forEach((file, i) => {
        const path = join(fx.root, file);
        writeFileSync(path, versionedModule(`Fixture.Race.R${i}`, n));
      });
    mkdirSync(join(fx.root, 'lib/fixture/race'), { recursive: true });
    write(1);
    const [ours, theirs] = await Promise.all([
      session.request('compile_paths', { paths: files, origin: 'watcher' }, 300_000),
      runMix(fx.root, ['compile']),
    ]);
    // Either side may lose the race for a beam; neither may leave _build broken.
    expect(ours.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(theirs.code, theirs.output).toBe(0);

    const after = await runMix(fx.root, ['compile']);
    expect(after.code, after.output).toBe(0);
    const check = await runMix(fx.root, [
      'run',
      '--no-start',
      '-e',
      'IO.puts(Enum.sum(for i <- 0..39, do: Module.concat(Fixture.Race, "R#{i}").version()))',
    ]);
    expect(check.code, check.output).toBe(0);
    expect(check.output.trim().split('\n').at(-1)).toBe('40');

    // And the VM, after syncing with the disk, runs the same code.
    await session.request('sync_loaded', { origin: 'external' });
    for (let i = 0; i < files.length; i++) {
      expect(await functionNames(`Fixture.Race.R${i}`)).toContain('edit_1');
    }
  });
});
