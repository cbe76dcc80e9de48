/**
 * A folder watcher that keeps working when the OS runs out of native file events.
 *
 * On Linux every watched folder costs an inotify watch and every watching process an inotify
 * instance; both are capped per user (`fs.inotify.max_user_watches`, `max_user_instances`), and
 * editors, language servers and other tools share those caps. When a cap is hit, chokidar
 * reports an error and watches nothing more, which would leave live sync silently deaf. Here the
 * watcher is started again by polling, and the caller is told why, once.
 */
import { watch, type ChokidarOptions, type FSWatcher } from 'chokidar';
import type { Stats } from 'node:fs';
import { toDisposable, type Disposable } from '../lifecycle';

/** How often a polling watcher looks at each file. */
const POLL_INTERVAL_MS = 500;

/**
 * The shortest quiet window before compiling what a polling watcher saw: one burst of writes
 * (a `git checkout`) is reported over up to one poll interval, and should still be one compile.
 */
const POLL_QUIET_MS = POLL_INTERVAL_MS + 100;

/** Longest a change waits while a polling watcher keeps reporting a burst. */
const POLL_MAX_WAIT_MS = 3 * POLL_INTERVAL_MS;

/**
 * A compile queue's windows for changes seen by `watcher()`: `quietMs` / `maxWaitMs` while it
 * uses native events, stretched to cover a poll interval once it polls.
 */
export function queueWindows(
  watcher: () => TreeWatcher | null,
  quietMs: number,
  maxWaitMs: number,
): { quietMs: () => number; maxWaitMs: () => number } {
  const polling = (): boolean => watcher()?.polling === true;
  return {
    quietMs: () => (polling() ? Math.max(quietMs, POLL_QUIET_MS) : quietMs),
    maxWaitMs: () => (polling() ? Math.max(maxWaitMs, POLL_MAX_WAIT_MS) : maxWaitMs),
  };
}

/** The environment setting that makes every watcher poll from the start (network shares, VMs). */
const POLL_ENV = 'MIXSCOPE_WATCH';

/** What a tree watcher reports. */
export interface TreeWatchHandlers {
  add(path: string): void;
  change(path: string): void;
  unlink(path: string): void;
  unlinkDir?(path: string): void;
  /** A watcher failure other than running out of native events. */
  error(error: unknown): void;
  /** Something the user should know (the switch to polling). */
  notice(text: string): void;
}

/** Options of `watchTree`: chokidar's filters, plus forced polling. */
export interface TreeWatchOptions {
  ignored?: ChokidarOptions['ignored'];
  depth?: number;
  /** Poll from the start; default: when `MIXSCOPE_WATCH=poll` is set. */
  polling?: boolean;
  /** Creates the underlying watcher; chokidar's `watch` unless a test stands in for the OS. */
  createWatcher?: typeof watch;
}

/** A running tree watcher. */
export interface TreeWatcher extends Disposable {
  /** Resolves once the folders are scanned and changes are reported. */
  readonly ready: Promise<void>;
  /** True once the watcher polls instead of using native events. */
  readonly polling: boolean;
  add(paths: string[]): void;
  unwatch(paths: string[]): void;
}

/**
 * Why native file events cannot be used, read from a watcher error; null when the error is
 * something else (a folder that vanished, a permission problem) that polling would not fix.
 */
export function nativeEventsUnavailable(error: unknown): string | null {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'EMFILE':
      return 'EMFILE: no inotify instance or file descriptor left (fs.inotify.max_user_instances, ulimit -n)';
    case 'ENOSPC':
      return 'ENOSPC: the inotify watch limit is reached (fs.inotify.max_user_watches)';
    case 'ENOSYS':
      return 'ENOSYS: this system does not report file changes';
    default:
      return null;
  }
}

// Once native events failed in this process, later watchers (a VM restart rebuilds them) poll
// from the start instead of failing and saying so again.
let nativeFailed = false;
// The environment's request to poll is confirmed once per process, not once per watcher.
let toldRequested = false;

/**
 * Whether a polled file was rewritten in a way chokidar's polling does not report: it compares
 * only size and a later mtime, but Mix stamps the beams it writes with the second its compile
 * started, so a rewrite can keep the size and leave the mtime equal or earlier. The inode's
 * change time (ctime), which nothing can set back, still moves.
 */
function rewrittenInPlace(details: unknown): boolean {
  const { curr, prev } = (details ?? {}) as { curr?: Stats; prev?: Stats };
  if (!curr || !prev || curr.mtimeMs === 0 || prev.mtimeMs === 0 || !curr.isFile()) return false;
  const chokidarSaw = curr.size !== prev.size || curr.mtimeMs > prev.mtimeMs;
  return !chokidarSaw && curr.ctimeMs !== prev.ctimeMs;
}

/** Whether the environment asks for polling. */
export function pollingRequested(env: NodeJS.ProcessEnv = process.env): boolean {
  return env[POLL_ENV]?.trim().toLowerCase() === 'poll';
}

/** Watches `paths`; see the module comment. */
export function watchTree(
  paths: string[],
  handlers: TreeWatchHandlers,
  options: TreeWatchOptions = {},
): TreeWatcher {
  let current: FSWatcher | null = null;
  let polling = options.polling ?? (pollingRequested() || nativeFailed);
  let disposed = false;
  const watched = new Set(paths);
  let resolveReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (resolveReady = resolve));

  const start = (): void => {
    const w = (options.createWatcher ?? watch)([...watched], {
      ignoreInitial: true,
      ignored: options.ignored,
      depth: options.depth,
      usePolling: polling,
      interval: POLL_INTERVAL_MS,
      binaryInterval: POLL_INTERVAL_MS,
    });
    current = w;
    w.on('add', (path: string) => handlers.add(path));
    w.on('change', (path: string) => handlers.change(path));
    w.on('unlink', (path: string) => handlers.unlink(path));
    w.on('unlinkDir', (path: string) => handlers.unlinkDir?.(path));
    w.on('raw', (event: string, path: string, details: unknown) => {
      if (polling && event === 'change' && rewrittenInPlace(details)) handlers.change(path);
    });
    w.on('error', (error: unknown) => {
      const why = polling ? null : nativeEventsUnavailable(error);
      if (why === null) {
        handlers.error(error);
        return;
      }
      // Several folders fail at once; the first error switches, the rest are the same story.
      if (w !== current || disposed) return;
      polling = true;
      nativeFailed = true;
      void w.close();
      // close() drops every listener; a late error from the old watcher must not go unhandled.
      w.on('error', () => undefined);
      handlers.notice(`file watching fell back to polling every ${POLL_INTERVAL_MS} ms (${why})`);
      start();
    });
    w.once('ready', () => {
      if (w !== current) return;
      // A polled file's baseline stat is taken just after chokidar's `ready`; a change made
      // before it would become the baseline and never be reported.
      if (polling) setTimeout(resolveReady, POLL_INTERVAL_MS);
      else resolveReady();
    });
  };
  if (polling && options.polling === undefined && !nativeFailed && !toldRequested) {
    toldRequested = true;
    handlers.notice(`file watching polls every ${POLL_INTERVAL_MS} ms (${POLL_ENV}=poll)`);
  }
  start();

  return {
    ready,
    get polling() {
      return polling;
    },
    add(more) {
      for (const path of more) watched.add(path);
      current?.add(more);
    },
    unwatch(less) {
      for (const path of less) watched.delete(path);
      current?.unwatch(less);
    },
    dispose: toDisposable(() => {
      disposed = true;
      void current?.close();
      resolveReady();
    }).dispose,
  };
}
