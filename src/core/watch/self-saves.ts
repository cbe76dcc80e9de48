/**
 * Saves made through Mixscope itself: the reload pipeline writes the file and compiles it, and
 * the source watcher then sees the write. Compiling it again would be a second compile of the
 * same text, so the watcher skips a changed file whose bytes are exactly what Mixscope saved.
 *
 * What was saved is learnt from the session's events: a `source_written` (origin other than
 * `watcher`) names the file; once that reload's compile has finished the file holds the saved
 * (formatted) text, and its hash is recorded. A watcher batch waits for such pending saves
 * before deciding. Callers that save by other means can record a save with `markSaved`.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import type { ModuleEvent } from '../../shared/models';

/** Lowercase hex MD5 of `bytes`, the same hash the agent reports as `source_hash`. */
export function contentHash(bytes: string | Uint8Array): string {
  return createHash('md5').update(bytes).digest('hex');
}

async function fileHash(path: string): Promise<string | null> {
  try {
    return contentHash(await readFile(path));
  } catch {
    return null;
  }
}

/** Forgets a pending save that never saw its compile finish (a VM that died meanwhile). */
const PENDING_LIMIT_MS = 30_000;

/** Tracks Mixscope's own saves; see the module comment. */
export class SelfSaves {
  private readonly saved = new Map<string, string | null>();
  private readonly pending = new Map<string, number>();
  private waiters: (() => void)[] = [];

  constructor(private readonly projectRoot: string) {}

  /** Records that Mixscope wrote `contentHash` (lowercase hex MD5) to `path`. */
  markSaved(path: string, hash: string): void {
    this.saved.set(this.absolute(path), hash);
  }

  /** Feeds a session event; call for every event. */
  observe(event: ModuleEvent): void {
    if (event.origin === 'watcher' || event.origin === 'external') return;
    if (event.kind === 'source_written' && event.path) {
      this.pending.set(this.absolute(event.path), Date.now());
    } else if (
      (event.kind === 'compile_finished' || event.kind === 'compile_failed') &&
      this.pending.size > 0
    ) {
      // Pending until the hash is recorded, so a batch waiting on it cannot slip through.
      const marks = [...this.pending];
      void Promise.all(
        marks.map(async ([path, at]) => {
          const hash = await fileHash(path);
          this.saved.set(path, hash);
          if (this.pending.get(path) === at) this.pending.delete(path);
        }),
      ).finally(() => this.wake());
    }
  }

  /** Forgets pending saves (the VM went away, their compile will never finish). */
  reset(): void {
    this.pending.clear();
    this.wake();
  }

  /** Of `paths` (absolute), those that are not exactly a Mixscope save; waits for pending ones. */
  async filter(paths: string[]): Promise<string[]> {
    await this.settled(paths);
    const kept: string[] = [];
    for (const path of paths) {
      const saved = this.saved.get(path);
      // The VM already runs exactly this text: compiling it again would change nothing. The
      // record stays (a save can reach the watcher as several events) until the file differs.
      if (saved !== undefined && saved !== null && (await fileHash(path)) === saved) continue;
      this.saved.delete(path);
      kept.push(path);
    }
    return kept;
  }

  private async settled(paths: string[]): Promise<void> {
    for (;;) {
      const now = Date.now();
      for (const [path, at] of this.pending) {
        if (now - at > PENDING_LIMIT_MS) this.pending.delete(path);
      }
      if (!paths.some((path) => this.pending.has(path))) return;
      await new Promise<void>((resolveWait) => this.waiters.push(resolveWait));
    }
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  private absolute(path: string): string {
    return isAbsolute(path) ? path : resolve(this.projectRoot, path);
  }
}
