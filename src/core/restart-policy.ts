/**
 * When to restart a VM that died: at once-ish after a rare crash, with growing delays when it
 * keeps dying, and not at all after too many quick failures (a crash loop helps nobody).
 */

/** Tunables of the restart policy. */
export interface RestartPolicyOptions {
  /** Quick failures in a row tolerated before giving up. */
  maxQuickFailures: number;
  /** A VM that dies within this long of coming up counts as a quick failure. */
  quickWindowMs?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
}

/** Counts quick failures and answers how long to wait before the next restart. */
export class RestartPolicy {
  private quickFailures = 0;
  private readonly quickWindowMs: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;

  constructor(private readonly options: RestartPolicyOptions) {
    this.quickWindowMs = options.quickWindowMs ?? 30_000;
    this.baseDelayMs = options.baseDelayMs ?? 500;
    this.maxDelayMs = options.maxDelayMs ?? 10_000;
  }

  /** Forgets past failures (a manual start or restart). */
  reset(): void {
    this.quickFailures = 0;
  }

  /** Records the death of a VM that had been up for `livedMs`. */
  recordCrash(livedMs: number): void {
    // A VM that ran a while before dying starts a fresh count: it is not a crash loop.
    this.quickFailures = livedMs < this.quickWindowMs ? this.quickFailures + 1 : 1;
  }

  /** Records a restart attempt whose VM never came up. */
  recordFailedStart(): void {
    this.quickFailures += 1;
  }

  /** Milliseconds to wait before restarting, or null to give up. */
  nextDelayMs(): number | null {
    if (this.quickFailures > this.options.maxQuickFailures) return null;
    const exponent = Math.max(0, this.quickFailures - 1);
    return Math.min(this.baseDelayMs * 2 ** exponent, this.maxDelayMs);
  }

  /** The give-up message's count. */
  get limit(): number {
    return this.options.maxQuickFailures;
  }
}
