/**
 * Coalesces file changes into compiles: changes are collected until the files have been quiet
 * for a short window, then compiled as one batch; changes arriving while a compile runs wait
 * and go into the next batch. A `git checkout` of 300 files is therefore one compile, and two
 * saves of one file in quick succession are one compile of the newer text.
 */

/** How a batch is compiled; resolves when the compile is over (whatever its outcome). */
export type CompileBatch = (paths: string[]) => Promise<void>;

/** Tuning of the queue. */
export interface CompileQueueOptions {
  /**
   * Quiet time after the last change before a batch starts (default 75 ms); a function when it
   * depends on how changes are seen (a polling watcher reports a burst over a whole interval).
   */
  quietMs?: number | (() => number);
  /** Longest a change waits while changes keep coming (default 1000 ms). */
  maxWaitMs?: number | (() => number);
  /**
   * Called just before a batch is compiled; returns the paths to compile (it may drop some,
   * e.g. saves made through Mixscope), or a promise of them.
   */
  filter?: (paths: string[]) => string[] | Promise<string[]>;
  /** Where failures of `compile` are reported; the queue keeps going. */
  onError?: (error: unknown) => void;
}

/** The queue; `dispose()` drops pending changes and stops scheduling. */
export class CompileQueue {
  private readonly pending = new Set<string>();
  private quietTimer: NodeJS.Timeout | null = null;
  private firstPendingAt: number | null = null;
  private running: Promise<void> | null = null;
  private disposed = false;
  private readonly idleWaiters: (() => void)[] = [];
  private readonly quietMs: () => number;
  private readonly maxWaitMs: () => number;

  constructor(
    private readonly compile: CompileBatch,
    private readonly options: CompileQueueOptions = {},
  ) {
    const { quietMs = 75, maxWaitMs = 1000 } = options;
    this.quietMs = typeof quietMs === 'function' ? quietMs : () => quietMs;
    this.maxWaitMs = typeof maxWaitMs === 'function' ? maxWaitMs : () => maxWaitMs;
  }

  /** True while a batch compiles. */
  get busy(): boolean {
    return this.running !== null;
  }

  /** Records a changed, added or deleted path (absolute). */
  add(path: string): void {
    if (this.disposed) return;
    this.pending.add(path);
    this.firstPendingAt ??= Date.now();
    this.arm();
  }

  /** Resolves once nothing is pending, scheduled or compiling. */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops the queue; a running compile finishes but nothing new starts. */
  dispose(): void {
    this.disposed = true;
    this.pending.clear();
    if (this.quietTimer) clearTimeout(this.quietTimer);
    this.quietTimer = null;
    this.settleIdle();
  }

  private isIdle(): boolean {
    return this.pending.size === 0 && this.quietTimer === null && this.running === null;
  }

  private arm(): void {
    if (this.quietTimer) clearTimeout(this.quietTimer);
    // While a compile runs there is nothing to arm: the batch starts when it ends.
    if (this.running) {
      this.quietTimer = null;
      return;
    }
    const waited = Date.now() - (this.firstPendingAt ?? Date.now());
    const delay = Math.max(0, Math.min(this.quietMs(), this.maxWaitMs() - waited));
    this.quietTimer = setTimeout(() => {
      this.quietTimer = null;
      this.flush();
    }, delay);
  }

  private flush(): void {
    if (this.disposed || this.running || this.pending.size === 0) {
      this.settleIdle();
      return;
    }
    const batch = [...this.pending].sort();
    this.pending.clear();
    this.firstPendingAt = null;
    this.running = this.runBatch(batch).finally(() => {
      this.running = null;
      if (this.pending.size > 0 && !this.disposed) this.arm();
      else this.settleIdle();
    });
  }

  private async runBatch(batch: string[]): Promise<void> {
    try {
      const paths = this.options.filter ? await this.options.filter(batch) : batch;
      if (paths.length > 0 && !this.disposed) await this.compile(paths);
    } catch (error) {
      this.options.onError?.(error);
    }
  }

  private settleIdle(): void {
    if (!this.isIdle() && !this.disposed) return;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}
