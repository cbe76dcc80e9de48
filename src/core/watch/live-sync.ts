/**
 * Live sync for a session: source watching (origin `watcher`) and noticing compiles made by
 * other OS processes (origin `external`), attached once and kept across VM restarts.
 */
import { DisposableStore, type Disposable } from '../lifecycle';
import type { LiveSyncSession } from './live-sync-session';
import { watchBeams, type BeamWatcher } from './watch-beams';
import { watchSources, type SourceWatcher } from './watch-sources';

/** Which halves of live sync to run. */
export interface LiveSyncOptions {
  /** Compile source files changed on disk (default true; `--no-watch-sources` turns it off). */
  watchSources?: boolean;
  /**
   * Load what other OS processes compile into `_build` by watching the ebin folders (default:
   * yes, unless the VM's Elixir has Mix listeners, 1.18+, through which the agent hears of
   * those compiles itself). `true` forces ebin watching, `false` turns it off.
   */
  watchBeams?: boolean;
  /** Quiet time before a burst of source changes is compiled (default 75 ms). */
  quietMs?: number;
  /** Where failures go (compile requests that failed, watcher errors); default ignored. */
  onError?: (error: unknown) => void;
  /** What the user should know (watching fell back to polling); default ignored. */
  onNotice?: (text: string) => void;
  /** Poll instead of using native file events (default: when `MIXSCOPE_WATCH=poll`). */
  polling?: boolean;
}

/** Live sync attached to a session; `dispose()` stops every watcher. */
export interface LiveSync extends Disposable {
  /** Resolves once the watchers that were asked for are watching. */
  readonly ready: Promise<void>;
  /** Resolves once no change is pending, compiling or syncing. */
  idle(): Promise<void>;
  /** See `SourceWatcher.markSaved`; a no-op when sources are not watched. */
  markSaved(path: string, hash: string): void;
}

/**
 * Attaches live sync to `session` (call after `start()`, or before: it waits for the VM).
 *
 * When the VM restarts, the source folders are re-read and the ebin watcher is rebuilt (the
 * Mix environment or apps may differ); changes made while the VM was down are compiled by its
 * boot compile.
 */
export function attachLiveSync(session: LiveSyncSession, options: LiveSyncOptions = {}): LiveSync {
  const store = new DisposableStore();
  const { onError, onNotice, polling } = options;
  const sources: SourceWatcher | null =
    options.watchSources === false
      ? null
      : store.add(watchSources(session, { quietMs: options.quietMs, onError, onNotice, polling }));

  let beams: BeamWatcher | null = null;
  const startBeams = (): Promise<void> => {
    if (options.watchBeams === false || store.isDisposed) return Promise.resolve();
    const listens = session.hello?.features['listeners'] === true;
    if (options.watchBeams === undefined && listens) return Promise.resolve();
    if (beams) store.delete(beams);
    beams = store.add(watchBeams(session, { onError, onNotice, polling }));
    return beams.ready;
  };

  let wasUp = session.status.state === 'up';
  store.add(
    session.onStatus((status) => {
      const up = status.state === 'up';
      if (up && !wasUp) {
        void sources?.refreshRoots();
        void startBeams();
      }
      wasUp = up;
    }),
  );

  const ready = Promise.all([sources?.ready, startBeams()]).then(() => undefined);

  return {
    ready,
    async idle() {
      await Promise.all([sources?.idle(), beams?.idle()]);
    },
    markSaved: (path, hash) => sources?.markSaved(path, hash),
    dispose: () => store.dispose(),
  };
}
