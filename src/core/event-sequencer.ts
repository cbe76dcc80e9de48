/**
 * Puts agent events back in sequence order and notices gaps.
 *
 * The agent numbers events from one counter, so over one TCP connection they normally arrive in
 * order; a short hold-back window still reorders the rare pair sent from two processes.
 */
import type { EventFrame } from '../shared/agent-protocol';
import type { ModuleEvent } from '../shared/models';

/** How long an early event waits for the ones before it before the gap is accepted. */
export const REORDER_WINDOW_MS = 200;

/** Receives frames, emits `ModuleEvent`s in `seq` order; reports gaps through `onGap`. */
export class EventSequencer {
  private expected: number | null = null;
  private readonly held = new Map<number, ModuleEvent>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly emit: (event: ModuleEvent) => void,
    private readonly onGap: (message: string) => void,
    private readonly windowMs: number = REORDER_WINDOW_MS,
  ) {}

  /** Accepts one validated event frame. */
  push(frame: EventFrame): void {
    // The frame's `type` is framing, not part of the event subscribers see.
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    const { type, ...event } = frame;
    if (this.expected === null) this.expected = event.seq;
    if (event.seq < this.expected) {
      // Late (or duplicated) after its gap was given up on: deliver rather than lose it.
      this.onGap(`event ${event.seq} arrived after later events`);
      this.emit(event);
      return;
    }
    this.held.set(event.seq, event);
    this.drain();
    if (this.held.size > 0 && this.timer === null) {
      this.timer = setTimeout(() => this.giveUp(), this.windowMs);
    }
  }

  /** Forgets all state; the next event starts a new sequence (a new VM numbers from scratch). */
  reset(): void {
    this.flushHeld();
    this.expected = null;
  }

  /** Delivers anything held back and stops the timer. */
  dispose(): void {
    this.flushHeld();
  }

  private drain(): void {
    for (;;) {
      const next = this.expected === null ? undefined : this.held.get(this.expected);
      if (!next) break;
      this.held.delete(next.seq);
      this.expected = next.seq + 1;
      this.emit(next);
    }
    if (this.held.size === 0 && this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
  }

  private giveUp(): void {
    this.timer = null;
    if (this.held.size === 0 || this.expected === null) return;
    const lowest = Math.min(...this.held.keys());
    const missing = lowest - this.expected;
    this.onGap(
      missing === 1
        ? `event ${this.expected} never arrived`
        : `events ${this.expected}..${lowest - 1} never arrived`,
    );
    this.expected = lowest;
    this.drain();
    if (this.held.size > 0) this.timer = setTimeout(() => this.giveUp(), this.windowMs);
  }

  private flushHeld(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const seqs = [...this.held.keys()].sort((a, b) => a - b);
    for (const seq of seqs) {
      const event = this.held.get(seq);
      if (event) this.emit(event);
    }
    this.held.clear();
  }
}
