/**
 * Restarts a crashed VM after the delay its `RestartPolicy` says, retrying starts that fail,
 * until the policy gives up.
 */
import { RestartPolicy } from './restart-policy';

/** What the scheduler tells its session. */
export interface RestartHooks {
  /** A restart was scheduled `delayMs` from now. */
  scheduled(delayMs: number): void;
  /** Too many quick failures: no restart follows. */
  gaveUp(limit: number): void;
  /** A scheduled restart failed to start its VM (another attempt may follow). */
  failed(error: Error): void;
}

/** One restart to attempt: its launch, and whether a stop or manual restart took over. */
export interface RestartAttempt {
  launch: () => Promise<void>;
  /** True when stop() or a manual restart() took over: their VM is not this loop's business. */
  superseded: () => boolean;
}

/** Owns the restart timer and the crash count of one session. */
export class RestartScheduler {
  private readonly policy: RestartPolicy;
  private timer: NodeJS.Timeout | null = null;
  private queued = false;

  constructor(
    maxQuickFailures: number,
    private readonly hooks: RestartHooks,
  ) {
    this.policy = new RestartPolicy({ maxQuickFailures });
  }

  /** Forgets past crashes (a manual start or restart). */
  reset(): void {
    this.policy.reset();
  }

  /** Records the death of a VM that had been up for `livedMs`. */
  recordCrash(livedMs: number): void {
    this.policy.recordCrash(livedMs);
  }

  /**
   * Marks a restart as coming before it is scheduled: set before 'down' is announced, so
   * requests waiting on that status know a restart follows.
   */
  queue(): void {
    this.queued = true;
  }

  /** True while a restart is queued or waiting on its timer. */
  get pending(): boolean {
    return this.queued || this.timer !== null;
  }

  /** Schedules `attempt` after the policy's delay, and again after each failed start. */
  schedule(attempt: RestartAttempt): void {
    this.queued = false;
    const delay = this.policy.nextDelayMs();
    if (delay === null) {
      this.hooks.gaveUp(this.policy.limit);
      return;
    }
    this.hooks.scheduled(delay);
    this.timer = setTimeout(() => {
      this.timer = null;
      attempt.launch().catch((error: unknown) => {
        if (attempt.superseded()) return;
        this.hooks.failed(error as Error);
        this.policy.recordFailedStart();
        this.schedule(attempt);
      });
    }, delay);
  }

  /** Cancels a scheduled restart. */
  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
