/**
 * Carries one session's events to the UI: keeps the histories a newly opened page asks for,
 * batches module events and console lines, and derives compile progress.
 */
import type { EventChannel, EventPayloads } from '../../shared/contract';
import type { CompileProgress, ConsoleLine, ModuleEvent, VmStatus } from '../../shared/models';
import { Emitter } from '../lifecycle';
import type { Disposable, ProjectSession } from '../session-types';
import { Batcher } from './batcher';
import { IDLE_PROGRESS, nextProgress } from './compile-progress';
import { RingBuffer } from './ring-buffer';

/** One event as a transport sends it. */
export type HostEvent = {
  [E in EventChannel]: { channel: E; payload: EventPayloads[E] };
}[EventChannel];

/** Limits of the histories and batches. */
export interface EventPumpOptions {
  eventHistory: number;
  consoleHistory: number;
  batchIntervalMs: number;
  batchMaxItems: number;
}

/** Default limits: a page opened late still sees the last 5,000 events and console lines. */
export const DEFAULT_PUMP_OPTIONS: EventPumpOptions = {
  eventHistory: 5_000,
  consoleHistory: 5_000,
  batchIntervalMs: 30,
  batchMaxItems: 500,
};

/** Subscribes to a session and re-emits its events as contract events. */
export class EventPump implements Disposable {
  private readonly events: RingBuffer<ModuleEvent>;
  private readonly lines: RingBuffer<ConsoleLine>;
  private readonly moduleBatch: Batcher<ModuleEvent>;
  private readonly consoleBatch: Batcher<ConsoleLine>;
  private readonly subscriptions: Disposable[] = [];
  private progress: CompileProgress = IDLE_PROGRESS;
  private sentProgress: CompileProgress = IDLE_PROGRESS;

  constructor(
    session: ProjectSession,
    private readonly out: Emitter<HostEvent>,
    options: EventPumpOptions = DEFAULT_PUMP_OPTIONS,
  ) {
    this.events = new RingBuffer(options.eventHistory);
    this.lines = new RingBuffer(options.consoleHistory);
    const batching = { intervalMs: options.batchIntervalMs, maxItems: options.batchMaxItems };
    this.moduleBatch = new Batcher(batching, (events) => {
      this.out.fire({ channel: 'module:events-received', payload: { events } });
      // Progress goes out once per batch, after the events that moved it, never per event.
      if (this.progress !== this.sentProgress) {
        this.sentProgress = this.progress;
        this.out.fire({ channel: 'compile:progress-changed', payload: this.progress });
      }
    });
    this.consoleBatch = new Batcher(batching, (lines) =>
      this.out.fire({ channel: 'console:output-received', payload: { lines } }),
    );
    this.subscriptions.push(
      session.onEvent((event) => this.onModuleEvent(event)),
      session.onOutput((line) => this.addConsoleLine(line)),
      session.onStatus((status) => this.onStatus(status)),
    );
  }

  /** Records a console line that did not come from the VM (a start failure, say). */
  addConsoleLine(line: ConsoleLine): void {
    this.lines.push(line);
    this.consoleBatch.add(line);
  }

  /**
   * The module events held, oldest first; with `sinceSeq`, only those after it.
   *
   * Sequence numbers restart with each VM, so "after" means after the newest event carrying
   * `sinceSeq` when there is one, else every event with a larger number.
   */
  eventHistory(sinceSeq?: number): ModuleEvent[] {
    const all = this.events.toArray();
    if (sinceSeq === undefined) return all;
    for (let i = all.length - 1; i >= 0; i -= 1) {
      if (all[i]?.seq === sinceSeq) return all.slice(i + 1);
    }
    return all.filter((event) => event.seq > sinceSeq);
  }

  /** The console lines held, oldest first. */
  consoleHistory(): ConsoleLine[] {
    return this.lines.toArray();
  }

  /** The compile progress as of the last event. */
  get compileProgress(): CompileProgress {
    return this.progress;
  }

  /** Delivers pending batches now. */
  flush(): void {
    this.moduleBatch.flush();
    this.consoleBatch.flush();
  }

  /** Unsubscribes from the session and delivers what is pending. */
  dispose(): void {
    for (const subscription of this.subscriptions.splice(0)) subscription.dispose();
    this.moduleBatch.dispose();
    this.consoleBatch.dispose();
  }

  private onModuleEvent(event: ModuleEvent): void {
    this.events.push(event);
    this.progress = nextProgress(this.progress, event);
    this.moduleBatch.add(event);
  }

  private onStatus(status: VmStatus): void {
    // Deliver what the VM said before it changed state, so the log reads in order.
    this.flush();
    if (status.state !== 'up' && this.progress.active) {
      // A compile cut short by a dying VM will never send compile_finished.
      this.progress = { ...this.progress, active: false };
      this.sentProgress = this.progress;
      this.out.fire({ channel: 'compile:progress-changed', payload: this.progress });
    }
    this.out.fire({ channel: 'vm:status-changed', payload: status });
  }
}
