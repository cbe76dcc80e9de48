/**
 * Helpers of the live-sync integration tests: a real session on a generated project, an event
 * recorder, and waiting for events without timing assertions.
 */
import { spawn } from 'node:child_process';
import { createSession, type Session } from '../../src/core/session';
import {
  attachLiveSync,
  type LiveSync,
  type LiveSyncOptions,
} from '../../src/core/watch/live-sync';
import type { LiveSyncSession } from '../../src/core/watch/live-sync-session';
import type { ModuleEvent } from '../../src/shared/models';
import { createFixtureProject, type FixtureProject } from '../support/fixture-project';

/** Records every event of a session from now on. */
export class EventLog {
  readonly events: ModuleEvent[] = [];
  /** What live sync reported besides events (errors, notices): shown when a wait fails. */
  readonly notes: string[] = [];
  private waiters: { test: (e: ModuleEvent) => boolean; resolve: (e: ModuleEvent) => void }[] = [];

  constructor(session: Pick<LiveSyncSession, 'onEvent'>) {
    session.onEvent((event) => {
      this.events.push(event);
      this.waiters = this.waiters.filter((w) => {
        if (!w.test(event)) return true;
        w.resolve(event);
        return false;
      });
    });
  }

  /** Events recorded since `mark` (an index from `mark()`). */
  since(mark: number): ModuleEvent[] {
    return this.events.slice(mark);
  }

  /** The index the next event will have. */
  mark(): number {
    return this.events.length;
  }

  /**
   * Resolves with the first event from `mark` on that passes `test` (already seen or next).
   * Gives up inside the test's own timeout, so the failure says what was seen instead.
   */
  waitFor(test: (e: ModuleEvent) => boolean, mark = 0, timeoutMs = 45_000): Promise<ModuleEvent> {
    const seen = this.events.slice(mark).find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const kinds = this.since(mark).map((e) => `${e.kind}(${e.origin})`);
        const notes = this.notes.length > 0 ? `; live sync said: ${this.notes.join(' | ')}` : '';
        reject(
          new Error(
            `no matching event within ${timeoutMs} ms; saw ${kinds.join(', ') || 'nothing'}${notes}`,
          ),
        );
      }, timeoutMs);
      this.waiters.push({
        test,
        resolve: (e) => {
          clearTimeout(timer);
          resolve(e);
        },
      });
    });
  }
}

/** Runs `mix <args>` in `cwd` as a separate OS process; resolves with its exit code and output. */
export function runMix(
  cwd: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('mix', args, {
      cwd,
      env: { ...process.env, MIX_ENV: 'dev', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

/** Source of a module `name` whose `version/0` answers `n`, with a function named after `n`. */
export function versionedModule(name: string, n: number): string {
  return `defmodule ${name} do
  @moduledoc false
  def version, do: ${n}
  def edit_${n}, do: ${n}
end
`;
}

/** A session on a generated project, with live sync attached and every event recorded. */
export interface LiveProject {
  fx: FixtureProject;
  session: Session;
  sync: LiveSync;
  log: EventLog;
}

/**
 * Generates a project, runs `prepare` on it, starts its session, then attaches live sync.
 *
 * Live sync is attached only after the startup compile: files written before that compile
 * finishes would be compiled by it (origin startup) rather than by the watcher.
 */
export async function startLiveProject(
  prefix: string,
  options: LiveSyncOptions,
  prepare: (fx: FixtureProject) => Promise<void> = async () => {},
): Promise<LiveProject> {
  const fx = createFixtureProject(prefix);
  const live: Partial<LiveProject> = { fx };
  try {
    await prepare(fx);
    const session = (live.session = createSession({
      projectRoot: fx.root,
      env: { MIX_ENV: 'dev' },
    }));
    const log = (live.log = new EventLog(session));
    await session.start();
    await log.waitFor((e) => e.kind === 'compile_finished' && e.origin === 'startup');
    const sync = (live.sync = attachLiveSync(session, {
      onError: (error) => log.notes.push(error instanceof Error ? error.message : String(error)),
      onNotice: (text) => log.notes.push(text),
      ...options,
    }));
    await sync.ready;
    return { fx, session, sync, log };
  } catch (error) {
    await stopLiveProject(live);
    throw error;
  }
}

/** Stops whatever part of a live project was started. */
export async function stopLiveProject(live: Partial<LiveProject>): Promise<void> {
  live.sync?.dispose();
  await live.session?.stop();
  live.fx?.remove();
}

/**
 * Waits until live sync has nothing pending, including events still on their way: watcher
 * events lag the write by a few milliseconds, so give them `lagMs` to arrive first.
 */
export async function settle(sync: LiveSync, lagMs: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, lagMs));
  await sync.idle();
}

/** Names of the functions `mod` exports in the session's VM. */
export async function functionNames(session: Session, mod: string): Promise<string[]> {
  return (await session.functions(mod)).map((f) => f.name);
}
