/**
 * The error a request to the agent rejects with: the agent's own error reply (`compile_failed`,
 * `path_outside_project`, …) or a link failure detected in Node (`timeout`, `vm_down`).
 */
import type { Diagnostic } from '../shared/agent-protocol';

/** Error codes Node itself produces; the agent's codes pass through unchanged. */
export const LINK_ERROR_CODES = {
  /** No reply within the request's timeout. */
  timeout: 'timeout',
  /** The link dropped (VM exited, was killed or is restarting) before the reply came. */
  vmDown: 'vm_down',
  /** The session is not up: never started, stopped, or still starting. */
  notConnected: 'not_connected',
} as const;

/** A failed agent request: machine-readable `code`, human `message`, compiler diagnostics. */
export class AgentRequestError extends Error {
  override readonly name = 'AgentRequestError';
  readonly code: string;
  readonly diagnostics: Diagnostic[] | undefined;

  constructor(code: string, message: string, diagnostics?: Diagnostic[]) {
    super(message);
    this.code = code;
    this.diagnostics = diagnostics;
  }

  /** The plain-data form used in JSON output and across transports. */
  toJSON(): { code: string; message: string; diagnostics?: Diagnostic[] } {
    return this.diagnostics
      ? { code: this.code, message: this.message, diagnostics: this.diagnostics }
      : { code: this.code, message: this.message };
  }
}

/** Why a session could not start: the reason in words and what the VM printed. */
export class SessionStartError extends Error {
  override readonly name = 'SessionStartError';
  constructor(
    readonly reason: string,
    readonly outputTail: string[],
  ) {
    super(
      outputTail.length > 0
        ? `${reason}\n--- last output of the VM ---\n${outputTail.join('\n')}`
        : reason,
    );
  }
}
