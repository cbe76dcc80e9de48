/** Turns whatever a failed request threw into words for the UI. */
import type { Diagnostic } from '../../../shared/agent-protocol';

/** The message of an error of any shape. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null && 'message' in error) {
    return String((error as { message: unknown }).message);
  }
  return String(error);
}

/** The compiler diagnostics a failed save/reload carries, when the host attached any. */
export function errorDiagnostics(error: unknown): Diagnostic[] | null {
  if (typeof error === 'object' && error !== null && 'diagnostics' in error) {
    const diagnostics = (error as { diagnostics: unknown }).diagnostics;
    // The host validated these when they crossed from the agent.
    return Array.isArray(diagnostics) ? (diagnostics as Diagnostic[]) : null;
  }
  return null;
}
