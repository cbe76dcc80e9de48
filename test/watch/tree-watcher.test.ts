/**
 * The folder watcher under live sync, on real folders: native events, forced polling, and the
 * switch to polling when the OS refuses native events.
 */
import { watch, type ChokidarOptions } from 'chokidar';
import {
  mkdtempSync,
  rmSync,
  statSync,
  utimesSync,
  watch as fsWatch,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  nativeEventsUnavailable,
  pollingRequested,
  watchTree,
  type TreeWatcher,
} from '../../src/core/watch/tree-watcher';

/** Whether this process gets native file events at all (a machine may have run out of them). */
function nativeEventsWork(): boolean {
  try {
    fsWatch(tmpdir()).close();
    return true;
  } catch {
    return false;
  }
}

const dirs: string[] = [];
const watchers: TreeWatcher[] = [];

afterEach(() => {
  for (const w of watchers.splice(0)) w.dispose();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A watched temporary folder whose reports are collected. */
function watched(options: Parameters<typeof watchTree>[2] = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'mixscope-tree-'));
  dirs.push(dir);
  const seen: string[] = [];
  const notices: string[] = [];
  const errors: unknown[] = [];
  const record = (path: string) => seen.push(path);
  const watcher = watchTree(
    [dir],
    {
      add: record,
      change: record,
      unlink: record,
      error: (e) => errors.push(e),
      notice: (t) => notices.push(t),
    },
    options,
  );
  watchers.push(watcher);
  const until = async (path: string): Promise<void> => {
    for (let i = 0; i < 200 && !seen.includes(path); i++)
      await new Promise((r) => setTimeout(r, 25));
    expect(seen).toContain(path);
  };
  return { dir, seen, notices, errors, watcher, until };
}

/** An errno-style error as Node raises it. */
function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: refused`), { code });
}

describe('watchTree', () => {
  it('reports a file written into a watched folder', async () => {
    const t = watched({ polling: false });
    await t.watcher.ready;
    writeFileSync(join(t.dir, 'a.ex'), 'defmodule A, do: nil\n');
    await t.until(join(t.dir, 'a.ex'));
    // Where the OS refuses native events, the fallback is what is under test here.
    expect(t.watcher.polling).toBe(!nativeEventsWork());
  });

  it('polls when asked to, and still reports changes', async () => {
    const t = watched({ polling: true });
    await t.watcher.ready;
    writeFileSync(join(t.dir, 'b.ex'), 'defmodule B, do: nil\n');
    await t.until(join(t.dir, 'b.ex'));
    expect(t.watcher.polling).toBe(true);
  });

  it('when polling, reports a rewrite that keeps the size and sets the mtime back, as Mix does', async () => {
    const t = watched({ polling: true });
    const beam = join(t.dir, 'Elixir.A.beam');
    writeFileSync(beam, 'version-1');
    const stamped = new Date(Math.floor(Date.now() / 1000) * 1000);
    utimesSync(beam, stamped, stamped);
    await t.watcher.ready;
    t.seen.length = 0;
    // Same size, same whole-second mtime: only the inode's ctime moves.
    writeFileSync(beam, 'version-2');
    utimesSync(beam, stamped, stamped);
    expect(statSync(beam).mtimeMs).toBe(stamped.getTime());
    await t.until(beam);
  });

  it('switches to polling once, and says why, when the OS has no native events left', async () => {
    const calls: ChokidarOptions[] = [];
    // Real chokidar on a real folder; only the kernel's refusal (EMFILE from inotify) is staged.
    const createWatcher = ((paths: string[], opts: ChokidarOptions) => {
      calls.push(opts);
      const w = watch(paths, opts);
      if (!opts.usePolling) {
        // As inotify_init fails: before the first scan is over.
        process.nextTick(() => {
          w.emit('error', errno('EMFILE'));
          w.emit('error', errno('EMFILE'));
        });
      }
      return w;
    }) as typeof watch;
    const t = watched({ polling: false, createWatcher });
    await t.watcher.ready;
    expect(t.watcher.polling).toBe(true);
    expect(calls.map((c) => c.usePolling)).toEqual([false, true]);
    expect(t.notices).toHaveLength(1);
    expect(t.notices[0]).toContain('fell back to polling');
    expect(t.notices[0]).toContain('EMFILE');
    expect(t.errors).toEqual([]);
    writeFileSync(join(t.dir, 'c.ex'), 'defmodule C, do: nil\n');
    await t.until(join(t.dir, 'c.ex'));
  });

  it('passes on errors that polling would not fix', async () => {
    let staged = false;
    const createWatcher = ((paths: string[], opts: ChokidarOptions) => {
      const w = watch(paths, opts);
      if (!staged) process.nextTick(() => w.emit('error', errno('EIO')));
      staged = true;
      return w;
    }) as typeof watch;
    const t = watched({ polling: true, createWatcher });
    await t.watcher.ready;
    for (let i = 0; i < 40 && t.errors.length === 0; i++)
      await new Promise((r) => setTimeout(r, 25));
    expect(t.errors.map((e) => (e as NodeJS.ErrnoException).code)).toEqual(['EIO']);
    expect(t.notices).toEqual([]);
  });
});

describe('nativeEventsUnavailable / pollingRequested', () => {
  it('names the inotify limits, and nothing else', () => {
    expect(nativeEventsUnavailable(errno('ENOSPC'))).toContain('max_user_watches');
    expect(nativeEventsUnavailable(errno('EMFILE'))).toContain('max_user_instances');
    expect(nativeEventsUnavailable(errno('ENOENT'))).toBeNull();
    expect(nativeEventsUnavailable(null)).toBeNull();
  });

  it('reads MIXSCOPE_WATCH=poll', () => {
    expect(pollingRequested({ MIXSCOPE_WATCH: 'poll' })).toBe(true);
    expect(pollingRequested({ MIXSCOPE_WATCH: ' POLL ' })).toBe(true);
    expect(pollingRequested({})).toBe(false);
  });
});
