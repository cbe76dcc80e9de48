/**
 * What every CLI command gets to work with, and the shape each command file exports.
 */
import type { Session } from '../core/session';

/** Exit statuses, documented in `--help`. */
export const EXIT = {
  ok: 0,
  /** The operation failed: compile error, unknown module, refused path. */
  failed: 1,
  /** The command line was wrong. */
  usage: 2,
  /** The VM could not start or went away. */
  vm: 3,
  /** Interrupted (SIGINT) before the command finished. */
  interrupted: 130,
} as const;

/** Hooks into a command's session. */
export interface SessionHooks {
  /** Called before the VM starts, so subscribers also see the boot compile's events. */
  beforeStart?(session: Session): void;
  /** The command runs until `signal` aborts and ends cleanly then (not as interrupted). */
  untilSignal?: boolean;
}

/** The environment a command runs in. */
export interface CommandContext {
  /** Absolute project folder. */
  projectRoot: string;
  verbose: boolean;
  /** Agent request timeout from `--timeout`, if given. */
  timeoutMs: number | null;
  /** Machine output: stdout only. */
  out(text: string): void;
  /** Human messages: stderr. */
  err(text: string): void;
  /** Starts a session, runs `fn`, stops the session whatever happens. */
  withSession<T>(fn: (session: Session) => Promise<T>, options?: SessionHooks): Promise<T>;
  /** Aborted on SIGINT/SIGTERM: long-running commands finish when it fires. */
  signal: AbortSignal;
}

/** One `mixscope` command. */
export interface CliCommand {
  name: string;
  /** The argument synopsis after the command name. */
  synopsis: string;
  /** One line for the command list. */
  summary: string;
  /** Extra lines for `mixscope COMMAND --help`. */
  details?: string[];
  /** Runs the command; resolves with the exit status. */
  run(ctx: CommandContext, args: string[]): Promise<number>;
}

/** Prints `value` as pretty JSON followed by a newline. */
export function printJson(ctx: CommandContext, value: unknown): void {
  ctx.out(`${JSON.stringify(value, null, 2)}\n`);
}

/** Resolves once `signal` aborts. */
export function untilAborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) =>
    signal.addEventListener('abort', () => resolve(), { once: true }),
  );
}
