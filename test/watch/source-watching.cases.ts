/**
 * Source watching against a real VM and a real generated project: plain writes from outside,
 * deletions, a 300-file burst, and saves made through Mixscope itself. Defined once, run by
 * `watch-sources.test.ts` on native file events and by `watch-sources-polling.test.ts` with
 * the polling fallback.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../src/core/session';
import type { LiveSync } from '../../src/core/watch/live-sync';
import type { FixtureProject } from '../support/fixture-project';
import {
  type EventLog,
  functionNames as namesIn,
  settle as settleSync,
  startLiveProject,
  stopLiveProject,
  versionedModule,
} from './support';

/** Registers the source-watching tests; `polling` when the watcher polls (slower to see). */
export function defineSourceWatchingTests(mode: 'native' | 'polling'): void {
  let fx: FixtureProject;
  let session: Session;
  let sync: LiveSync;
  let log: EventLog;

  beforeAll(async () => {
    ({ fx, session, sync, log } = await startLiveProject('mixscope-watch-', {
      watchSources: true,
      watchBeams: true,
      // Native mode leaves it unset: a machine out of native events still falls back.
      polling: mode === 'polling' ? true : undefined,
    }));
  });

  afterAll(() => stopLiveProject({ fx, session, sync, log }));

  // Long enough for a change to be seen, compiled and announced had one been missed.
  const settle = (): Promise<void> => settleSync(sync, mode === 'polling' ? 1500 : 400);
  const functionNames = (mod: string): Promise<string[]> => namesIn(session, mod);

  describe(`source watching (${mode} file events)`, () => {
    it('compiles a file written from outside and reports it with origin watcher', async () => {
      const mark = log.mark();
      writeFileSync(join(fx.root, 'lib/fixture/outside.ex'), versionedModule('Fixture.Outside', 1));
      const event = await log.waitFor(
        (e) => e.kind === 'recompiled' && e.mod === 'Fixture.Outside',
        mark,
      );
      expect(event.origin).toBe('watcher');
      // The new file's node reaches the graph as part of the same watcher compile.
      await log.waitFor(
        (e) =>
          e.kind === 'graph_changed' &&
          e.origin === 'watcher' &&
          (e.nodes_changed ?? []).some((n) => n.id === 'lib/fixture/outside.ex'),
        mark,
        10_000,
      );
      await settle();
      expect(await functionNames('Fixture.Outside')).toContain('edit_1');
      // The beams this compile wrote are seen by the ebin watcher, and found already loaded.
      expect(log.since(mark).filter((e) => e.origin === 'external')).toEqual([]);

      const edit = log.mark();
      writeFileSync(join(fx.root, 'lib/fixture/outside.ex'), versionedModule('Fixture.Outside', 2));
      await log.waitFor((e) => e.kind === 'recompiled' && e.mod === 'Fixture.Outside', edit);
      await settle();
      const names = await functionNames('Fixture.Outside');
      expect(names).toContain('edit_2');
      expect(names).not.toContain('edit_1');
    });

    it('compiles a path dependency file edited from outside, and its dependents follow', async () => {
      const mark = log.mark();
      const path = join(fx.depRoot, 'lib/fixture_helpers/text.ex');
      writeFileSync(path, readFileSync(path, 'utf8').replace('"v1"', '"v2"'));
      const event = await log.waitFor(
        (e) => e.kind === 'recompiled' && e.mod === 'FixtureHelpers.Text',
        mark,
      );
      expect(event.origin).toBe('watcher');
      // UsesHelper expands the dependency's macro at compile time: it must follow.
      await log.waitFor((e) => e.kind === 'recompiled' && e.mod === 'Fixture.UsesHelper', mark);
      await settle();
      expect(log.since(mark).filter((e) => e.kind === 'compile_started')).toHaveLength(1);
    });

    it('purges the modules of a deleted file and reports source_removed', async () => {
      const mark = log.mark();
      rmSync(join(fx.root, 'lib/fixture/outside.ex'));
      const event = await log.waitFor(
        (e) => e.kind === 'source_removed' && e.mod === 'Fixture.Outside',
        mark,
      );
      expect(event.origin).toBe('watcher');
      expect(event.path).toBe('lib/fixture/outside.ex');
      await settle();
      const info = (await session.modules()).find((m) => m.mod === 'Fixture.Outside');
      expect(info?.loaded ?? false).toBe(false);
    });

    it('compiles 300 files written at once in one compile, all loaded with their new code', async () => {
      const count = 300;
      const dir = join(fx.root, 'lib/fixture/burst');
      const name = (i: number): string => `Fixture.Burst.M${i}`;
      mkdirSync(dir, { recursive: true });
      const first = log.mark();
      for (let i = 0; i < count; i++)
        writeFileSync(join(dir, `m${i}.ex`), versionedModule(name(i), 1));
      await log.waitFor((e) => e.kind === 'compile_finished' && e.origin === 'watcher', first);
      await settle();
      const started = log.since(first).filter((e) => e.kind === 'compile_started');
      expect(started).toHaveLength(1);

      // The same files again, edited at once: one more compile, every module at its new version.
      const second = log.mark();
      for (let i = 0; i < count; i++)
        writeFileSync(join(dir, `m${i}.ex`), versionedModule(name(i), 2));
      await log.waitFor((e) => e.kind === 'compile_finished' && e.origin === 'watcher', second);
      await settle();
      const events = log.since(second);
      expect(events.filter((e) => e.kind === 'compile_started')).toHaveLength(1);
      const recompiled = new Set(events.filter((e) => e.kind === 'recompiled').map((e) => e.mod));
      for (let i = 0; i < count; i++) expect(recompiled.has(name(i))).toBe(true);

      const modules = new Map((await session.modules()).map((m) => [m.mod, m]));
      for (let i = 0; i < count; i++) {
        expect(modules.get(name(i))?.loaded).toBe(true);
        expect(await functionNames(name(i))).toContain('edit_2');
      }
    });

    it('does not compile a save made through Mixscope a second time', async () => {
      const mark = log.mark();
      await session.reload('lib/fixture/saved.ex', versionedModule('Fixture.Saved', 1));
      await settle();
      const events = log.since(mark);
      expect(events.filter((e) => e.kind === 'compile_started')).toHaveLength(1);
      expect(events.some((e) => e.origin === 'watcher')).toBe(false);
      expect(await functionNames('Fixture.Saved')).toContain('edit_1');

      // An edit from outside afterwards still compiles.
      const outside = log.mark();
      writeFileSync(join(fx.root, 'lib/fixture/saved.ex'), versionedModule('Fixture.Saved', 2));
      await log.waitFor((e) => e.kind === 'recompiled' && e.origin === 'watcher', outside);
      await settle();
      expect(await functionNames('Fixture.Saved')).toContain('edit_2');
    });

    it('keeps watching across a VM restart', async () => {
      const restarted = log.mark();
      await session.restart();
      await log.waitFor((e) => e.kind === 'compile_finished' && e.origin === 'startup', restarted);
      // The watchers re-read their folders when the VM comes back up.
      await settle();
      const mark = log.mark();
      writeFileSync(join(fx.root, 'lib/fixture/after.ex'), versionedModule('Fixture.After', 1));
      const event = await log.waitFor(
        (e) => e.kind === 'recompiled' && e.mod === 'Fixture.After',
        mark,
      );
      expect(event.origin).toBe('watcher');
    });

    it('ignores editor scratch files and build output', async () => {
      const mark = log.mark();
      writeFileSync(join(fx.root, 'lib/fixture/.#leaf.ex'), 'lock');
      writeFileSync(join(fx.root, 'lib/fixture/leaf.ex~'), 'backup');
      writeFileSync(join(fx.root, 'lib/fixture/.leaf.ex.swp'), 'swap');
      writeFileSync(join(fx.root, 'lib/fixture/4913'), '');
      await settle();
      expect(log.since(mark).filter((e) => e.kind === 'compile_started')).toHaveLength(0);
    });
  });
}
