/** The renderer's record of one module and the pure updates module events make to it. */
import type { FunctionInfo, ModuleInfo, ModulePayload } from '../../../shared/agent-protocol';
import { projectRelative } from '../lib/paths';

/** Whether the module's function list is being fetched. */
export type FetchState = 'idle' | 'loading' | 'error';

/** One module as the browser and the module page show it. */
export interface ModuleEntry {
  mod: string;
  app: string | null;
  /** Source file relative to the project root (as diagnostics name it), null when unknown. */
  source: string | null;
  sourceHash: string | null;
  loaded: boolean;
  /** The loaded code differs from disk (skew detection in the agent). */
  diskStale: boolean;
  /** Null until fetched or delivered inline by a `recompiled` event. */
  functions: FunctionInfo[] | null;
  fetch: FetchState;
  fetchError: string | null;
  /** Recompiled as a dependent (bare payload): the shown details are out of date. */
  needsRefetch: boolean;
  /** Purged, or its source file was deleted. */
  removed: boolean;
  /** Sequence number of the last event that touched it, to highlight recent changes. */
  changedSeq: number | null;
}

/** Builds a fresh entry from `modules:list`, keeping what an older entry already knew. */
export function entryFromInfo(
  info: ModuleInfo,
  root: string | null,
  previous: ModuleEntry | undefined,
): ModuleEntry {
  const source = info.source === null ? null : projectRelative(root, info.source);
  const sameCode = previous !== undefined && previous.sourceHash === info.source_hash;
  return {
    mod: info.mod,
    app: info.app,
    source,
    sourceHash: info.source_hash,
    loaded: info.loaded,
    diskStale: info.stale === true,
    functions: sameCode ? previous.functions : null,
    fetch: 'idle',
    fetchError: null,
    needsRefetch: sameCode ? previous.needsRefetch : false,
    removed: false,
    changedSeq: previous?.changedSeq ?? null,
  };
}

/** An entry for a module first heard of through an event. */
export function blankEntry(mod: string, app: string | null, source: string | null): ModuleEntry {
  return {
    mod,
    app,
    source,
    sourceHash: null,
    loaded: true,
    diskStale: false,
    functions: null,
    fetch: 'idle',
    fetchError: null,
    needsRefetch: false,
    removed: false,
    changedSeq: null,
  };
}

/**
 * Applies one recompiled payload: inline data replaces the entry's details (no request needed);
 * a bare payload only flags the entry so its details are refetched when shown.
 */
export function applyPayload(
  entry: ModuleEntry,
  payload: ModulePayload | null,
  seq: number | null,
  source: string | null,
): ModuleEntry {
  const inline = payload !== null && payload.functions !== null;
  return {
    ...entry,
    source: source ?? entry.source,
    sourceHash: inline ? payload.source_hash : entry.sourceHash,
    functions: inline ? payload.functions : entry.functions,
    fetch: inline ? 'idle' : entry.fetch,
    fetchError: inline ? null : entry.fetchError,
    // Only details already shown can go stale; unfetched ones are fetched when first shown.
    needsRefetch: !inline && (entry.functions !== null || entry.needsRefetch),
    loaded: true,
    removed: false,
    changedSeq: seq ?? entry.changedSeq,
  };
}

/** True when the module has something the user should notice as out of date. */
export function isStale(entry: ModuleEntry): boolean {
  return entry.diskStale || entry.needsRefetch;
}
