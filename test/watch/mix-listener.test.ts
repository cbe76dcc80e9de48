/**
 * Elixir 1.18+: compiles by another OS process reach the VM through Mix's listeners, with no
 * ebin watching at all. Skipped, with the reason printed, where the installed Elixir is older.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSession } from '../../src/core/session';
import { attachLiveSync } from '../../src/core/watch/live-sync';
import { createFixtureProject } from '../support/fixture-project';
import { EventLog, runMix, versionedModule } from './support';

const elixir = execFileSync('elixir', ['-e', 'IO.write(System.version())'], {
  encoding: 'utf8',
}).trim();
const [major = 0, minor = 0] = elixir.split('.').map(Number);
const hasListeners = major > 1 || (major === 1 && minor >= 18);

if (!hasListeners) {
  console.log(
    `skipping the Mix listener test: Elixir ${elixir} has no Mix listeners (1.18+); ` +
      'compiles by other OS processes are noticed by watching the ebin folders instead',
  );
}

describe.skipIf(!hasListeners)('Mix listener (Elixir 1.18+)', () => {
  it('reloads what a terminal mix compile built, without watching ebin folders', async () => {
    const fx = createFixtureProject('mixscope-listener-');
    const session = createSession({ projectRoot: fx.root, env: { MIX_ENV: 'dev' } });
    const log = new EventLog(session);
    const sync = attachLiveSync(session, { watchSources: false, watchBeams: false });
    try {
      await session.start();
      await log.waitFor((e) => e.kind === 'compile_finished' && e.origin === 'startup');
      expect(session.hello?.features['listeners']).toBe(true);
      const mark = log.mark();
      writeFileSync(
        join(fx.root, 'lib/fixture/listened.ex'),
        versionedModule('Fixture.Listened', 1),
      );
      const compiled = await runMix(fx.root, ['compile']);
      expect(compiled.code, compiled.output).toBe(0);
      const event = await log.waitFor(
        (e) => e.kind === 'recompiled' && e.mod === 'Fixture.Listened',
        mark,
      );
      expect(event.origin).toBe('external');
      const names = (await session.functions('Fixture.Listened')).map((f) => f.name);
      expect(names).toContain('edit_1');
    } finally {
      sync.dispose();
      await session.stop();
      fx.remove();
    }
  });
});
