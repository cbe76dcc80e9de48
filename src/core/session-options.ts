/**
 * Options of `createSession` beyond the shared `SessionOptions`.
 */
import type { SessionOptions } from './session-types';
import type { VmCommand } from './vm-command';

/** Options beyond the shared `SessionOptions`, mostly for tests and embedding. */
export interface CreateSessionOptions extends SessionOptions {
  /** How long the agent may take to say hello (it may compile itself first). */
  startTimeoutMs?: number;
  /** Restarts allowed in quick succession before the session gives up. */
  maxQuickRestarts?: number;
  /** The agent sources; defaults to the repository's `agent/`. */
  agentDir?: string;
  /** Where the agent caches its compiled beams; defaults to `cacheDir()`. */
  cacheDir?: string;
  /** The VM command; defaults to what `agent/vm-command.json` says. */
  command?: VmCommand;
}
