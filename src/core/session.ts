/**
 * A project session: starts the project's VM with the agent, supervises it (restarting it with
 * backoff when it dies), and exposes typed requests and ordered module events.
 */
import { resolve } from 'node:path';
import type {
  AgentMethod,
  AgentMethods,
  DependencyGraph,
  EventOrigin,
  FunctionInfo,
  HelloFrame,
  ModuleInfo,
  ReloadResult,
  TraceEntry,
} from '../shared/agent-protocol';
import type { ConsoleLine, ModuleEvent, VmStatus } from '../shared/models';
import { AgentRequestError, LINK_ERROR_CODES, SessionStartError } from './agent-errors';
import { DEFAULT_REQUEST_TIMEOUT_MS } from './agent-link';
import { EventSequencer } from './event-sequencer';
import { RestartScheduler } from './restart-scheduler';
import { waitFor } from './wait';
import { Emitter, type Disposable } from './lifecycle';
import { agentDir as defaultAgentDir, cacheDir as defaultCacheDir } from './paths';
import type { CreateSessionOptions } from './session-options';
import type { ProjectSession } from './session-types';
import { readVmCommand } from './vm-command';
import {
  awaitHello,
  checkProject,
  spawnIncarnation,
  stopIncarnation,
  type Incarnation,
} from './vm-incarnation';
import type { VmExit } from './vm-process';
import {
  crashedPatch,
  describeStatus,
  failedStartPatch,
  initialStatus,
  launchingPatch,
  upPatch,
} from './vm-status';

export { SessionStartError } from './agent-errors';
export type { CreateSessionOptions } from './session-options';

const DEFAULT_START_TIMEOUT_MS = 120_000;
const DEFAULT_MAX_QUICK_RESTARTS = 5;

/** Creates a session for a Mix project; call `start()` to boot its VM. */
export function createSession(options: CreateSessionOptions): Session {
  return new Session(options);
}

/** The `ProjectSession` implementation. */
export class Session implements ProjectSession {
  readonly projectRoot: string;
  private readonly options: CreateSessionOptions;
  private readonly requestTimeoutMs: number;
  private readonly events = new Emitter<ModuleEvent>();
  private readonly statuses = new Emitter<VmStatus>();
  private readonly output = new Emitter<ConsoleLine>();
  private readonly logs = new Emitter<string>();
  private readonly bootCompiles = new Emitter<void>();
  private readonly sequencer: EventSequencer;
  private current: Incarnation | null = null;
  private currentStatus: VmStatus;
  private readonly restarts: RestartScheduler;
  private stopRequested = false;
  private launching: Promise<void> | null = null;
  /** Bumped whenever the current VM is retired, so a launch in flight knows it was overtaken. */
  private epoch = 0;

  constructor(options: CreateSessionOptions) {
    this.options = options;
    this.projectRoot = resolve(options.projectRoot);
    this.requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    this.restarts = new RestartScheduler(options.maxQuickRestarts ?? DEFAULT_MAX_QUICK_RESTARTS, {
      scheduled: (delayMs) => {
        this.logs.fire(`restarting the VM in ${delayMs} ms`);
        this.setStatus({ state: 'restarting', restarts: this.currentStatus.restarts + 1 });
      },
      gaveUp: (limit) => {
        const why = this.currentStatus.reason ?? 'the VM failed';
        this.setStatus({ state: 'down', reason: `${why}; gave up after ${limit} quick restarts` });
      },
      failed: (error) => this.logs.fire(`restart failed: ${error.message}`),
    });
    this.sequencer = new EventSequencer(
      (event) => this.handleEvent(event),
      (message) => this.logs.fire(`event sequence: ${message}`),
    );
    this.currentStatus = initialStatus(this.projectRoot);
  }

  /** Current VM status (a snapshot). */
  get status(): VmStatus {
    return this.currentStatus;
  }

  /** The hello of the VM that is up, else null (its `os_pid` is the beam's pid). */
  get hello(): HelloFrame | null {
    return this.current?.link.hello ?? null;
  }

  /** Boots the VM; resolves when the agent said hello, rejects with a `SessionStartError`. */
  start(): Promise<void> {
    if (this.launching) return this.launching;
    if (this.current?.upAt) return Promise.resolve();
    this.stopRequested = false;
    this.restarts.reset();
    return this.trackLaunch('starting');
  }

  /** Stops the VM (it halts when its link closes; signalled if it does not) and releases all. */
  async stop(): Promise<void> {
    this.stopRequested = true;
    this.restarts.cancel();
    await this.retireCurrent();
    this.sequencer.reset();
    this.setStatus({ state: 'stopped', reason: null });
  }

  /** Replaces the VM with a fresh one. */
  async restart(): Promise<void> {
    this.restarts.cancel();
    this.stopRequested = false;
    this.restarts.reset();
    await this.retireCurrent();
    await this.trackLaunch('restarting');
  }

  /** Sends one request; waits for a VM that is starting or restarting, within the timeout. */
  async request<M extends AgentMethod>(
    method: M,
    params: AgentMethods[M]['params'],
    timeoutMs: number = this.requestTimeoutMs,
  ): Promise<AgentMethods[M]['result']> {
    const deadline = Date.now() + timeoutMs;
    await this.waitUntilUp(timeoutMs);
    const link = this.current?.link;
    if (!link) {
      throw new AgentRequestError(LINK_ERROR_CODES.notConnected, 'the VM is not up');
    }
    return link.request(method, params, Math.max(1, deadline - Date.now()));
  }

  /** Every module the VM knows of. */
  modules(): Promise<ModuleInfo[]> {
    return this.request('modules', {});
  }

  /** The functions of one module. */
  functions(mod: string): Promise<FunctionInfo[]> {
    return this.request('functions', { mod });
  }

  /** Saves, compiles and loads one source file; compile errors reject with diagnostics. */
  reload(path: string, content: string, origin?: EventOrigin): Promise<ReloadResult> {
    const params = origin ? { path, content, origin } : { path, content };
    return this.request('reload', params, this.longTimeoutMs());
  }

  /** Drops a module from the VM. */
  purge(mod: string): Promise<{ purged: boolean }> {
    return this.request('purge_module', { mod });
  }

  /** The file dependency graph, computed in the warm VM. */
  dependencyGraph(): Promise<DependencyGraph> {
    return this.request('dependency_graph', {}, this.longTimeoutMs());
  }

  /** Every reference `path` makes and why (`mix xref trace` reasons), from the warm VM. */
  traceFile(path: string): Promise<TraceEntry[]> {
    return this.request('trace_file', { path }, this.longTimeoutMs());
  }

  /** Every module event, in sequence order. */
  onEvent(listener: (event: ModuleEvent) => void): Disposable {
    return this.events.on(listener);
  }

  /** Every status change. */
  onStatus(listener: (status: VmStatus) => void): Disposable {
    return this.statuses.on(listener);
  }

  /** Every line the VM prints. */
  onOutput(listener: (line: ConsoleLine) => void): Disposable {
    return this.output.on(listener);
  }

  /** Diagnostic messages of the session itself: dropped frames, event gaps, restarts. */
  onLog(listener: (message: string) => void): Disposable {
    return this.logs.on(listener);
  }

  /**
   * Resolves true once the VM that is up finished the compile the agent runs at boot (its
   * `startup` compile), false if that takes longer than `timeoutMs`.
   *
   * The agent answers requests while it compiles; a one-shot caller (the CLI) waits here so
   * `modules` reflects the compiled project rather than a half-built one.
   */
  waitForBootCompile(timeoutMs: number = this.longTimeoutMs()): Promise<boolean> {
    if (this.current?.bootCompiled) return Promise.resolve(true);
    return waitFor<boolean>(
      [this.bootCompiles, this.statuses] as Emitter<unknown>[],
      (value) => {
        if (value === undefined) return { resolve: true };
        return (value as VmStatus).state === 'stopped' ? { resolve: false } : undefined;
      },
      timeoutMs,
      () => false,
    );
  }

  private handleEvent(event: ModuleEvent): void {
    const inc = this.current;
    if (
      event.origin === 'startup' &&
      event.kind === 'compile_finished' &&
      inc &&
      !inc.bootCompiled
    ) {
      inc.bootCompiled = true;
      // The hello goes out before the boot compile, so its diagnostics arrive with this event.
      this.setStatus({ bootDiagnostics: event.diagnostics ?? [] });
      this.events.fire(event);
      this.bootCompiles.fire();
      return;
    }
    this.events.fire(event);
  }

  private longTimeoutMs(): number {
    // Compiling a path dependency's whole tree or a large xref graph takes far longer than a
    // lookup; a short timeout would report a healthy VM as broken.
    return Math.max(this.requestTimeoutMs * 4, 180_000);
  }

  private trackLaunch(state: 'starting' | 'restarting'): Promise<void> {
    const launch = this.launch(state).finally(() => {
      if (this.launching === launch) this.launching = null;
    });
    this.launching = launch;
    return launch;
  }

  private async launch(state: 'starting' | 'restarting'): Promise<void> {
    if (this.currentStatus.state !== state) {
      this.setStatus(launchingPatch(state, this.currentStatus));
    }
    const problem = checkProject(this.projectRoot);
    if (problem) this.failStart(problem, []);

    const epoch = this.epoch;
    let inc: Incarnation;
    try {
      const agentDir = this.options.agentDir ?? defaultAgentDir();
      inc = await spawnIncarnation({
        projectRoot: this.projectRoot,
        agentDir,
        cacheDir: this.options.cacheDir ?? defaultCacheDir(),
        command: this.options.command ?? readVmCommand(agentDir),
        env: this.options.env ?? {},
        requestTimeoutMs: this.requestTimeoutMs,
      });
    } catch (error) {
      this.failStart(`could not start the VM: ${(error as Error).message}`, []);
    }
    if (epoch !== this.epoch) {
      // stop() or restart() ran while the VM was being spawned: this VM is already unwanted.
      await stopIncarnation(inc);
      throw new SessionStartError('the session was stopped while the VM was starting', []);
    }
    const store = inc.store;
    this.current = inc;
    this.sequencer.reset();
    store.add(inc.link.onEvent.on((frame) => this.sequencer.push(frame)));
    store.add(inc.link.onProtocolError.on((message) => this.logs.fire(`agent link: ${message}`)));
    store.add(inc.vm.onLine.on((line) => this.output.fire(line)));
    store.add(inc.vm.onExit.on((exit) => this.handleExit(inc, exit)));
    store.add(
      inc.link.onClose.on((reason) => {
        // The agent halts its VM when the link closes; if the VM lingers (agent crashed but
        // the project runs on), end it so the session's state matches reality.
        if (!inc.retiring && inc.upAt !== null) {
          this.logs.fire(`agent link closed (${reason}); stopping the VM`);
          void inc.vm.stop();
        }
      }),
    );

    const outcome = await awaitHello(inc, this.options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS);
    if (epoch !== this.epoch || this.current !== inc || inc.retiring) {
      // stop() or restart() overtook this launch (and retired its VM).
      throw new SessionStartError('the session was stopped while the VM was starting', []);
    }
    if (outcome.kind !== 'hello') {
      const tail = inc.vm.tail;
      this.current = null;
      await stopIncarnation(inc);
      this.failStart(outcome.reason, tail, inc.vm.exit);
    }
    inc.upAt = Date.now();
    // The VM may have died between its hello and this line; its exit was ignored as a start-up
    // exit, so report it now rather than claim a dead VM is up.
    if (inc.vm.exit) {
      this.handleExit(inc, inc.vm.exit);
      return;
    }
    const up = upPatch(outcome.hello);
    // A boot compile that fails fast reports in the same packet as the hello, and its event is
    // handled before this continuation runs: the hello's empty list must not replace it.
    if (inc.bootCompiled) up.bootDiagnostics = this.status.bootDiagnostics;
    this.setStatus(up);
  }

  private failStart(reason: string, tail: string[], exit?: VmExit | null): never {
    this.setStatus(failedStartPatch(reason, tail, exit));
    throw new SessionStartError(reason, tail);
  }

  private handleExit(inc: Incarnation, exit: VmExit): void {
    // Exits during start are reported by launch(); deliberate ones are not crashes.
    if (inc.retiring || inc.upAt === null || this.current !== inc) return;
    this.current = null;
    const tail = inc.vm.tail;
    inc.store.dispose();
    this.sequencer.reset();
    this.restarts.recordCrash(Date.now() - inc.upAt);
    const restart = this.options.restartOnExit !== false && !this.stopRequested;
    if (restart) this.restarts.queue();
    this.setStatus(crashedPatch(exit, tail));
    if (restart) this.scheduleRestart();
  }

  private scheduleRestart(): void {
    const epoch = this.epoch;
    this.restarts.schedule({
      launch: () => this.trackLaunch('restarting'),
      superseded: () => this.stopRequested || epoch !== this.epoch,
    });
  }

  private async retireCurrent(): Promise<void> {
    // A launch still spawning sees the epoch change and retires its own VM.
    this.epoch += 1;
    const inc = this.current;
    this.current = null;
    if (!inc) {
      await this.launching?.catch(() => undefined);
      return;
    }
    await stopIncarnation(inc);
  }

  private waitUntilUp(timeoutMs: number): Promise<void> {
    const { state } = this.currentStatus;
    if (state === 'up' && this.current) return Promise.resolve();
    if (state !== 'starting' && state !== 'restarting') {
      const error = new AgentRequestError(
        LINK_ERROR_CODES.notConnected,
        describeStatus(this.currentStatus),
      );
      return Promise.reject(error);
    }
    return waitFor<void>(
      [this.statuses] as Emitter<unknown>[],
      (value) => {
        const status = value as VmStatus;
        if (status.state === 'up') return { resolve: undefined };
        const final =
          status.state === 'stopped' || (status.state === 'down' && !this.restartPending());
        return final
          ? { reject: new AgentRequestError(LINK_ERROR_CODES.vmDown, describeStatus(status)) }
          : undefined;
      },
      timeoutMs,
      () => new AgentRequestError(LINK_ERROR_CODES.timeout, 'the VM did not come up in time'),
    );
  }

  private restartPending(): boolean {
    return this.restarts.pending || this.launching !== null;
  }

  private setStatus(patch: Partial<VmStatus>): void {
    this.currentStatus = { ...this.currentStatus, ...patch };
    this.statuses.fire(this.currentStatus);
  }
}
