/**
 * Compiles made by another OS process (a terminal `mix compile`, a language server sharing
 * `_build`): where Mix has no listeners (Elixir < 1.18), the ebin folders of the project's apps
 * are watched, and changed or deleted `.beam` files are handed to the agent's `sync_loaded`,
 * which loads what differs from the loaded code and purges what disappeared (origin
 * `external`).
 *
 * Compiles made by the VM itself write beams too. They need no special case: `sync_loaded`
 * compares MD5s, finds the loaded code already equal to those beams and does nothing.
 */
import { basename, dirname, join, resolve } from 'node:path';
import { DisposableStore, type Disposable } from '../lifecycle';
import { CompileQueue } from './compile-queue';
import { isBeamFile } from './ignore';
import { SYNC_REQUEST_TIMEOUT_MS, type LiveSyncSession } from './live-sync-session';
import { queueWindows, watchTree, type TreeWatcher } from './tree-watcher';

/** Options of `watchBeams`. */
export interface WatchBeamsOptions {
  /** The project root; defaults to the session's. */
  projectRoot?: string;
  /** The Mix environment whose `_build` to watch; defaults to the VM's (`hello.mix_env`). */
  mixEnv?: string;
  /** Quiet time after the last beam change before syncing (default 150 ms). */
  quietMs?: number;
  /** Failures (a sync request that failed, a watcher error). Default: ignored. */
  onError?: (error: unknown) => void;
  /** What the user should know (watching fell back to polling). Default: ignored. */
  onNotice?: (text: string) => void;
  /** Poll instead of using native file events (default: when `MIXSCOPE_WATCH=poll`). */
  polling?: boolean;
}

/** A running ebin watcher. */
export interface BeamWatcher extends Disposable {
  /** Resolves once the ebin folders are watched. */
  readonly ready: Promise<void>;
  /** Resolves once no sync is pending or running. */
  idle(): Promise<void>;
  /** The folders currently watched. */
  readonly dirs: readonly string[];
}

/**
 * The ebin folders of the project's apps (those the VM lists modules of) in `buildDir`. When
 * the VM cannot list them, the main app's folder is still watched and the failure reported.
 */
async function ebinDirs(
  session: LiveSyncSession,
  buildDir: string,
  onError: (error: unknown) => void,
): Promise<string[]> {
  const apps = new Set<string>();
  if (session.hello?.app) apps.add(session.hello.app);
  try {
    for (const info of await session.modules()) if (info.app) apps.add(info.app);
  } catch (error) {
    onError(error);
  }
  return [...apps].sort().map((app) => join(buildDir, 'lib', app, 'ebin'));
}

/** Starts watching the project's ebin folders; see the module comment. */
export function watchBeams(session: LiveSyncSession, options: WatchBeamsOptions = {}): BeamWatcher {
  const projectRoot = resolve(options.projectRoot ?? session.projectRoot);
  const onError = options.onError ?? (() => undefined);
  const mixEnv = options.mixEnv ?? session.hello?.mix_env ?? process.env['MIX_ENV'] ?? 'dev';
  const buildDir = join(projectRoot, '_build', mixEnv);
  const store = new DisposableStore();
  let dirs: string[] = [];
  let watcher: TreeWatcher | null = null;

  const queue = store.add(
    new CompileQueue(
      async (beams) => {
        await session.request(
          'sync_loaded',
          { origin: 'external', beams },
          SYNC_REQUEST_TIMEOUT_MS,
        );
      },
      // Mix writes a compile's beams over a few hundred milliseconds; wait for the burst.
      {
        ...queueWindows(() => watcher, options.quietMs ?? 150, 2000),
        onError,
      },
    ),
  );

  const start = async (): Promise<void> => {
    dirs = await ebinDirs(session, buildDir, onError);
    if (store.isDisposed) return;
    // Each app's build folder is watched (ebin one level down) so an ebin folder created later
    // (a first compile, `mix clean` then `mix compile`) is picked up too.
    const onBeam = (path: string): void => {
      if (isBeamFile(path) && dirs.includes(dirname(resolve(path)))) queue.add(resolve(path));
    };
    watcher = watchTree(
      dirs.map((dir) => dirname(dir)),
      {
        add: onBeam,
        change: onBeam,
        unlink: onBeam,
        error: onError,
        notice: options.onNotice ?? (() => undefined),
      },
      {
        depth: 1,
        polling: options.polling,
        ignored: (path: string) => {
          const name = basename(path);
          return name.startsWith('.') && name !== '.';
        },
      },
    );
    store.add(watcher);
    await watcher.ready;
  };

  const ready = start().catch((error: unknown) => onError(error));

  return {
    ready,
    idle: () => queue.idle(),
    get dirs() {
      return dirs;
    },
    dispose: () => store.dispose(),
  };
}
