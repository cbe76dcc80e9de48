/**
 * Turns whatever a handler threw into the plain `ContractError` that crosses a transport.
 */
import { ZodError } from 'zod';
import type { ContractError } from '../../shared/contract';
import type { Diagnostic } from '../../shared/agent-protocol';

/** A failure a handler raises on purpose, with a machine-readable code. */
export class HostError extends Error {
  override readonly name = 'HostError';

  constructor(
    readonly code: string,
    message: string,
    readonly diagnostics?: Diagnostic[],
  ) {
    super(message);
  }
}

const FILE_ERRORS: Record<string, string> = {
  ENOENT: 'file_not_found',
  EACCES: 'permission_denied',
  EPERM: 'permission_denied',
  EISDIR: 'is_a_directory',
  ENOTDIR: 'file_not_found',
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** The `ContractError` for `error`; never throws, never leaks a stack trace. */
export function toContractError(error: unknown): ContractError {
  if (error instanceof ZodError) {
    const detail = error.issues
      .map((issue) => `${issue.path.join('.') || '(input)'}: ${issue.message}`)
      .join('; ');
    return { code: 'invalid_input', message: `invalid input: ${detail}` };
  }
  if (isRecord(error)) {
    const message = typeof error['message'] === 'string' ? error['message'] : String(error);
    // Node's file errors carry errno codes (ENOENT); name them in words the UI can switch on.
    if (typeof error['syscall'] === 'string' && typeof error['code'] === 'string') {
      return { code: FILE_ERRORS[error['code']] ?? 'io_error', message };
    }
    // AgentRequestError, HostError, PathRefusedError: all carry a string code.
    if (typeof error['code'] === 'string') {
      const diagnostics = error['diagnostics'];
      return Array.isArray(diagnostics)
        ? { code: error['code'], message, diagnostics: diagnostics as Diagnostic[] }
        : { code: error['code'], message };
    }
    return { code: 'internal_error', message };
  }
  return { code: 'internal_error', message: String(error) };
}
