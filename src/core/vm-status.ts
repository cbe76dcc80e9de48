/**
 * The `VmStatus` values a session announces, built in one place so every state says the same
 * things about the last exit, the output tail and the VM's versions.
 */
import type { HelloFrame } from '../shared/agent-protocol';
import type { VmStatus } from '../shared/models';
import type { VmExit } from './vm-process';

/** The status of a session that has not started. */
export function initialStatus(projectRoot: string): VmStatus {
  return {
    state: 'stopped',
    projectRoot,
    reason: null,
    exitCode: null,
    signal: null,
    outputTail: [],
    elixir: null,
    otp: null,
    app: null,
    bootDiagnostics: [],
    restarts: 0,
  };
}

/**
 * The change announcing a launch: a fresh start clears the last exit; a restart keeps it on
 * show, so the user still sees why the VM went down while the new one boots.
 */
export function launchingPatch(
  state: 'starting' | 'restarting',
  current: VmStatus,
): Partial<VmStatus> {
  const fresh = state === 'starting';
  return {
    state,
    exitCode: fresh ? null : current.exitCode,
    signal: fresh ? null : current.signal,
    reason: fresh ? null : current.reason,
  };
}

/** The change announcing a VM that said hello. */
export function upPatch(hello: HelloFrame): Partial<VmStatus> {
  return {
    state: 'up',
    reason: null,
    exitCode: null,
    signal: null,
    outputTail: [],
    elixir: hello.elixir,
    otp: hello.otp,
    app: hello.app,
    bootDiagnostics: hello.boot_diagnostics,
  };
}

/** The change announcing a VM that did not come up. */
export function failedStartPatch(
  reason: string,
  tail: string[],
  exit?: VmExit | null,
): Partial<VmStatus> {
  return {
    state: 'down',
    reason,
    outputTail: tail,
    exitCode: exit?.code ?? null,
    signal: exit?.signal ?? null,
  };
}

/** The change announcing a VM that died after it was up. */
export function crashedPatch(exit: VmExit, tail: string[]): Partial<VmStatus> {
  return {
    state: 'down',
    reason: `the VM ${exit.reason}`,
    exitCode: exit.code,
    signal: exit.signal,
    outputTail: tail,
  };
}

/** The state and reason of `status`, as request errors word them. */
export function describeStatus(status: VmStatus): string {
  return `the VM is ${status.state}${status.reason ? `: ${status.reason}` : ''}`;
}
