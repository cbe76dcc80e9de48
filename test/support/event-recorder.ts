/**
 * Records a session's module events so a test can wait for one and look at what came before.
 */
import { readFileSync } from 'node:fs';
import type { ModuleEvent, VmStatus } from '../../src/shared/models';
import type { ProjectSession } from '../../src/core/session-types';

/** Collected events with ways to wait on them. */
export interface EventRecorder {
  readonly events: ModuleEvent[];
  /** An index to pass to `until`/`since`: only events after this point count. */
  mark(): number;
  /** Events recorded since `mark`. */
  since(mark: number): ModuleEvent[];
  /** Resolves with the events since `mark` up to and including the first matching one. */
  until(
    mark: number,
    match: (event: ModuleEvent) => boolean,
    timeoutMs?: number,
  ): Promise<ModuleEvent[]>;
  dispose(): void;
}

/** Starts recording `session`'s events. */
export function recordEvents(session: ProjectSession): EventRecorder {
  const events: ModuleEvent[] = [];
  const waiters = new Set<() => void>();
  const subscription = session.onEvent((event) => {
    events.push(event);
    waiters.forEach((w) => w());
  });
  return {
    events,
    mark: () => events.length,
    since: (mark) => events.slice(mark),
    until(mark, match, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const check = (): boolean => {
          const index = events.findIndex((e, i) => i >= mark && match(e));
          if (index === -1) return false;
          waiters.delete(waiter);
          clearTimeout(timer);
          resolve(events.slice(mark, index + 1));
          return true;
        };
        const waiter = (): void => void check();
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          const kinds = events.slice(mark).map((e) => `${e.seq}:${e.kind}`);
          reject(new Error(`no matching event within ${timeoutMs} ms; saw ${kinds.join(', ')}`));
        }, timeoutMs);
        waiters.add(waiter);
        check();
      });
    },
    dispose: () => subscription.dispose(),
  };
}

/** Resolves with the first status matching `match` (the current one included). */
export function waitForStatus(
  session: ProjectSession,
  match: (status: VmStatus) => boolean,
  timeoutMs = 60_000,
): Promise<VmStatus> {
  if (match(session.status)) return Promise.resolve(session.status);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`status never matched; last: ${JSON.stringify(session.status)}`));
    }, timeoutMs);
    const subscription = session.onStatus((status) => {
      if (!match(status)) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(status);
    });
  });
}

/** True when no process with this pid runs any more (a zombie awaiting its reaper counts as gone). */
export function processGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  try {
    // /proc/PID/stat: "pid (comm) STATE ..."; comm may hold spaces, so read after the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return true;
  }
}
