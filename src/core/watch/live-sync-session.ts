/**
 * What live sync needs of a session: the `ProjectSession` surface plus, when the core offers
 * it, the agent's hello (for the Mix environment and the VM's features).
 */
import type { HelloFrame } from '../../shared/agent-protocol';
import type { ProjectSession } from '../session-types';

/** A session live sync can attach to (`createSession()` gives one). */
export type LiveSyncSession = Pick<
  ProjectSession,
  'projectRoot' | 'status' | 'request' | 'modules' | 'onEvent' | 'onStatus'
> & { readonly hello?: HelloFrame | null };

/** Compiles can take long on big trees; a watcher request must not time out on a healthy VM. */
export const SYNC_REQUEST_TIMEOUT_MS = 600_000;
