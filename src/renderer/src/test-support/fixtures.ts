/** Small builders of contract data for renderer unit tests. */
import type { FunctionInfo, ModuleInfo } from '../../../shared/agent-protocol';
import type { ProjectInfo } from '../../../shared/contract';
import type { ModuleEvent, VmStatus } from '../../../shared/models';

/** The project root the fixtures use. */
export const ROOT = '/home/dev/shop';

/** A VM that is up. */
export function vmUp(overrides: Partial<VmStatus> = {}): VmStatus {
  return {
    state: 'up',
    projectRoot: ROOT,
    reason: null,
    exitCode: null,
    signal: null,
    outputTail: [],
    elixir: '1.14.0',
    otp: '25',
    app: 'shop',
    bootDiagnostics: [],
    restarts: 0,
    ...overrides,
  };
}

/** Project info for the fixture project. */
export function projectInfo(): ProjectInfo {
  return { root: ROOT, name: 'shop', status: vmUp(), isDemo: false };
}

/** A module of the fixture project. */
export function moduleInfo(mod: string, source: string, app = 'shop'): ModuleInfo {
  return { mod, app, source: `${ROOT}/${source}`, source_hash: `hash-${mod}`, loaded: true };
}

/** A public function. */
export function fn(name: string, arity: number, line = 1): FunctionInfo {
  return { name, arity, kind: 'def', line, doc: null, spec: null };
}

let seq = 0;

/** A module event with the next sequence number. */
export function event(fields: Omit<ModuleEvent, 'seq' | 'at'> & { seq?: number }): ModuleEvent {
  seq = fields.seq ?? seq + 1;
  return { at: 1_700_000_000_000 + seq, ...fields, seq };
}
