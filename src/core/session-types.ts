/**
 * The shape of a project session as its users (CLI, headless server, Electron main) see it.
 * `session.ts` implements it; everything above the core programs against this.
 */
import type {
  AgentMethod,
  AgentMethods,
  DependencyGraph,
  EventOrigin,
  FunctionInfo,
  ModuleInfo,
  ReloadResult,
} from '../shared/agent-protocol';
import type { ConsoleLine, ModuleEvent, VmStatus } from '../shared/models';

/** Something that holds a resource and releases it once. */
export interface Disposable {
  dispose(): void;
}

/** How a session is started. */
export interface SessionOptions {
  /** The Mix project folder (holding `mix.exs`). */
  projectRoot: string;
  /** Per-request timeout; reloads of large trees get longer ones. */
  requestTimeoutMs?: number;
  /** Restart the VM when it dies (default true). */
  restartOnExit?: boolean;
  /** Watch source files and reload them (the live-sync issue); default true. */
  watchSources?: boolean;
  /** Extra environment for the VM (MIX_ENV, …). */
  env?: Record<string, string>;
}

/** One running project: its VM, the agent link, and the events it produces. */
export interface ProjectSession {
  readonly projectRoot: string;
  /** Current VM status. */
  readonly status: VmStatus;
  /** Starts the VM and resolves once the agent said hello (or rejects with why it could not). */
  start(): Promise<void>;
  /** Stops the VM and releases every watcher, socket and child process. */
  stop(): Promise<void>;
  /** Kills and restarts the VM. */
  restart(): Promise<void>;
  /** Sends one request to the agent; rejects with an `AgentRequestError` on an error reply. */
  request<M extends AgentMethod>(
    method: M,
    params: AgentMethods[M]['params'],
    timeoutMs?: number,
  ): Promise<AgentMethods[M]['result']>;
  modules(): Promise<ModuleInfo[]>;
  functions(mod: string): Promise<FunctionInfo[]>;
  reload(path: string, content: string, origin?: EventOrigin): Promise<ReloadResult>;
  purge(mod: string): Promise<{ purged: boolean }>;
  dependencyGraph(): Promise<DependencyGraph>;
  /** Every module event, in sequence order. */
  onEvent(listener: (event: ModuleEvent) => void): Disposable;
  /** Every VM status change (starting, up, down with reason, restarting). */
  onStatus(listener: (status: VmStatus) => void): Disposable;
  /** Every line the VM prints. */
  onOutput(listener: (line: ConsoleLine) => void): Disposable;
}
