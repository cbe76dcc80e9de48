/**
 * Collects items and hands them over in batches: after `intervalMs` or once `maxItems` pile up.
 *
 * A compile of a large project emits thousands of events within milliseconds; one message per
 * event would make the renderer re-render thousands of times. Batching bounds both the message
 * rate (one per interval) and the message size.
 */
import type { Disposable } from '../session-types';

/** How a batcher is tuned. */
export interface BatcherOptions {
  intervalMs: number;
  maxItems: number;
}

/** Buffers items and flushes them to `deliver` in batches. */
export class Batcher<T> implements Disposable {
  private pending: T[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private disposed = false;

  constructor(
    private readonly options: BatcherOptions,
    private readonly deliver: (items: T[]) => void,
  ) {}

  /** Queues one item; flushes at once when the batch is full. */
  add(item: T): void {
    if (this.disposed) return;
    this.pending.push(item);
    if (this.pending.length >= this.options.maxItems) {
      this.flush();
    } else if (this.timer === null) {
      this.timer = setTimeout(() => this.flush(), this.options.intervalMs);
    }
  }

  /** Delivers whatever is pending now. */
  flush(): void {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.deliver(batch);
  }

  /** Delivers what is pending and stops accepting items. */
  dispose(): void {
    if (this.disposed) return;
    this.flush();
    this.disposed = true;
  }
}
