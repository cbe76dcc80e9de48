/**
 * The project VM as an OS process: spawned in its own process group, its output split into
 * lines with a bounded tail kept for error reports, its exit described in words.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { constants as osConstants } from 'node:os';
import type { ConsoleLine } from '../shared/models';
import { Emitter, toDisposable, DisposableStore, type Disposable } from './lifecycle';
import { LineSplitter } from './line-splitter';
import type { VmCommand } from './vm-command';

/** How many output lines a VM keeps for error reports. */
export const OUTPUT_TAIL_LINES = 50;

/** How a VM process ended. */
export interface VmExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the process could not be started at all (command missing, bad cwd). */
  spawnError: Error | null;
  /** The exit in words: "exited with status 137 (killed by SIGKILL)". */
  reason: string;
}

/** What to spawn and where. */
export interface VmProcessOptions {
  command: VmCommand;
  cwd: string;
  env: Record<string, string>;
  tailLines?: number;
}

/** Process groups still alive, killed synchronously if Node exits without stopping them. */
const liveGroups = new Set<number>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // 'exit' handlers may only do synchronous work; kill(2) is synchronous. A Node killed with
  // SIGKILL runs no handler: then the agent notices its socket closing and halts the VM.
  process.on('exit', () => {
    for (const pgid of liveGroups) killGroup(pgid, 'SIGKILL');
  });
}

function killGroup(pgid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false; // ESRCH: the group is already gone.
  }
}

/** Describes an exit the way a shell would: status 128+N for a signal N. */
export function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  if (signal) {
    const number = (osConstants.signals as Record<string, number | undefined>)[signal];
    return number === undefined
      ? `killed by ${signal}`
      : `exited with status ${128 + number} (killed by ${signal})`;
  }
  if (code !== null && code > 128) {
    // A wrapper shell reports its child's death by signal N as status 128+N.
    const name = Object.entries(osConstants.signals).find(([, n]) => n === code - 128)?.[0];
    if (name) return `exited with status ${code} (killed by ${name})`;
  }
  return `exited with status ${code ?? 'unknown'}`;
}

/** A running (or finished) VM process. */
export class VmProcess implements Disposable {
  /** Every line printed on stdout or stderr. */
  readonly onLine = new Emitter<ConsoleLine>();
  /** Fires once when the process is gone and its output drained. */
  readonly onExit = new Emitter<VmExit>();
  /** Resolves with the exit, whenever it happens. */
  readonly exited: Promise<VmExit>;

  private readonly child: ChildProcess;
  private readonly tailLimit: number;
  private readonly tailLines: string[] = [];
  private readonly store = new DisposableStore();
  private exitInfo: VmExit | null = null;
  private resolveExited!: (exit: VmExit) => void;

  constructor(options: VmProcessOptions) {
    this.tailLimit = options.tailLines ?? OUTPUT_TAIL_LINES;
    this.exited = new Promise((resolve) => (this.resolveExited = resolve));
    installExitHook();
    // detached: a process group of its own, so stop() reaches beam.smp and anything it started
    // (port programs), not only the `mix` wrapper. stdin is /dev/null: the VM reads no input.
    this.child = spawn(options.command.command, options.command.args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const pid = this.child.pid;
    if (pid !== undefined) liveGroups.add(pid);
    this.pipe('stdout');
    this.pipe('stderr');

    let exitTimer: NodeJS.Timeout | null = null;
    this.child.on('error', (error) => {
      // Without a pid the spawn itself failed and no 'exit' will come.
      if (this.child.pid === undefined) this.finish(null, null, error);
    });
    this.child.on('exit', (code, signal) => {
      // Output may still be buffered; 'close' comes after it drains. A grandchild holding the
      // pipes open would delay 'close' forever, hence the cap.
      exitTimer = setTimeout(() => this.finish(code, signal, null), 1000);
    });
    this.child.on('close', (code, signal) => {
      if (exitTimer) clearTimeout(exitTimer);
      this.finish(code, signal, null);
    });
  }

  /** The OS pid of the spawned command (and id of its process group). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** The last lines printed, oldest first. */
  get tail(): string[] {
    return [...this.tailLines];
  }

  /** The exit, once it happened. */
  get exit(): VmExit | null {
    return this.exitInfo;
  }

  /** Sends `signal` to the whole process group. */
  signal(signal: NodeJS.Signals): void {
    const pid = this.child.pid;
    if (pid !== undefined && !this.exitInfo) killGroup(pid, signal);
  }

  /**
   * Stops the process group: SIGTERM, then SIGKILL after `graceMs`. Resolves with the exit.
   */
  async stop(graceMs = 3000): Promise<VmExit> {
    if (this.exitInfo) return this.exitInfo;
    this.signal('SIGTERM');
    const timer = setTimeout(() => this.signal('SIGKILL'), graceMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Kills the group without waiting and drops listeners. */
  dispose(): void {
    this.signal('SIGKILL');
    this.store.dispose();
    this.onLine.dispose();
    this.onExit.dispose();
  }

  private pipe(stream: 'stdout' | 'stderr'): void {
    const source = this.child[stream];
    if (!source) return;
    const splitter = new LineSplitter();
    const emit = (texts: string[]): void => {
      for (const text of texts) {
        this.tailLines.push(text);
        if (this.tailLines.length > this.tailLimit) this.tailLines.shift();
        this.onLine.fire({ stream, text, at: Date.now() });
      }
    };
    source.on('data', (chunk: Buffer) => emit(splitter.push(chunk)));
    source.on('end', () => emit(splitter.flush()));
    this.store.add(toDisposable(() => source.removeAllListeners('data')));
  }

  private finish(code: number | null, signal: NodeJS.Signals | null, error: Error | null): void {
    if (this.exitInfo) return;
    const pid = this.child.pid;
    if (pid !== undefined) {
      liveGroups.delete(pid);
      // Sweep what the VM may have left in its group (port programs, a shell of the user's).
      killGroup(pid, 'SIGKILL');
    }
    const reason = error ? describeSpawnError(error) : describeExit(code, signal);
    this.exitInfo = { code, signal, spawnError: error, reason };
    this.resolveExited(this.exitInfo);
    this.onExit.fire(this.exitInfo);
  }
}

function describeSpawnError(error: Error): string {
  const code = (error as NodeJS.ErrnoException).code;
  const path = (error as NodeJS.ErrnoException & { path?: string }).path;
  if (code === 'ENOENT') {
    return `could not start ${path ?? 'the VM'}: command not found (is Elixir installed and on PATH?)`;
  }
  if (code === 'EACCES') {
    // execvp says EACCES both for a file that is not executable and for a command it could not
    // find because some folder on PATH is unreadable; either way the user must fix PATH.
    return `could not start ${path ?? 'the VM'}: command not found or not executable (EACCES: the file or a folder on PATH is not accessible)`;
  }
  return `could not start the VM: ${error.message}`;
}
