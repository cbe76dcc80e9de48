/**
 * Ownership of resources, after VS Code's `lifecycle.ts`: whatever opens a socket, spawns a
 * child or adds a listener registers its undo here, and the owner disposes everything at once.
 */
import type { Disposable } from './session-types';

export type { Disposable } from './session-types';

/** Wraps a cleanup function as a disposable that runs it at most once. */
export function toDisposable(fn: () => void): Disposable {
  let done = false;
  return {
    dispose() {
      if (done) return;
      done = true;
      fn();
    },
  };
}

/** A set of disposables released together; adding to a disposed store disposes at once. */
export class DisposableStore implements Disposable {
  private readonly items = new Set<Disposable>();
  private disposed = false;

  /** True once `dispose()` ran. */
  get isDisposed(): boolean {
    return this.disposed;
  }

  /** Takes ownership of `item` and returns it. */
  add<T extends Disposable>(item: T): T {
    if (this.disposed) {
      // Late registrations (a timer armed while stopping) must not leak.
      item.dispose();
    } else {
      this.items.add(item);
    }
    return item;
  }

  /** Disposes `item` now and forgets it. */
  delete(item: Disposable): void {
    this.items.delete(item);
    item.dispose();
  }

  /** Disposes every item; one failing cleanup does not stop the others. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    const errors: unknown[] = [];
    for (const item of [...this.items].reverse()) {
      try {
        item.dispose();
      } catch (error) {
        errors.push(error);
      }
    }
    this.items.clear();
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new AggregateError(errors, 'several disposables failed');
  }
}

/** A typed event emitter whose subscriptions are disposables. */
export class Emitter<T> implements Disposable {
  private readonly listeners = new Set<(value: T) => void>();

  /** Subscribes; dispose the result to unsubscribe. */
  on(listener: (value: T) => void): Disposable {
    // Wrap so the same function subscribed twice gets two independent subscriptions.
    const entry = (value: T): void => listener(value);
    this.listeners.add(entry);
    return toDisposable(() => this.listeners.delete(entry));
  }

  /** Calls every listener; a throwing listener is reported and does not starve the rest. */
  fire(value: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch (error) {
        console.error('mixscope: event listener failed:', error);
      }
    }
  }

  /** Drops every listener. */
  dispose(): void {
    this.listeners.clear();
  }
}
