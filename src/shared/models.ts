/**
 * Plain data models shared by the core, the transports and the renderer.
 */
import type { Diagnostic, EventFrame } from './agent-protocol';

/** A module event as subscribers see it: the agent's event frame without its framing. */
export type ModuleEvent = Omit<EventFrame, 'type'>;

/** Where the project's VM is in its life. */
export type VmState = 'starting' | 'up' | 'restarting' | 'down' | 'stopped';

/** The VM's state with the facts a status bar shows. */
export interface VmStatus {
  state: VmState;
  projectRoot: string;
  /** Why the VM is not up: exit status and signal in words, or a start failure. */
  reason: string | null;
  exitCode: number | null;
  signal: string | null;
  /** The last lines the VM printed before it went down. */
  outputTail: string[];
  elixir: string | null;
  otp: string | null;
  app: string | null;
  /** Diagnostics of the compile the agent ran when the VM came up. */
  bootDiagnostics: Diagnostic[];
  /** How many times the VM was restarted after dying. */
  restarts: number;
}

/** One line the VM wrote to stdout or stderr. */
export interface ConsoleLine {
  stream: 'stdout' | 'stderr';
  text: string;
  /** Milliseconds since the Unix epoch, from Node's clock. */
  at: number;
}

/** Compile progress: files done out of total while a compile runs. */
export interface CompileProgress {
  active: boolean;
  done: number;
  total: number;
}
