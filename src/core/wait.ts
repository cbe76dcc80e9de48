/**
 * Waiting on an emitter with a timeout, without leaking the subscription or the timer.
 */
import { DisposableStore, toDisposable, type Emitter } from './lifecycle';

/** What a waiter decides about one emitted value: keep waiting, or settle. */
export type WaitDecision<R> = { resolve: R } | { reject: Error } | undefined;

/**
 * Resolves or rejects as soon as `decide` says so for a value of one of `emitters`; on timeout
 * settles with `onTimeout()` (a returned Error rejects).
 */
export function waitFor<R>(
  emitters: Emitter<unknown>[],
  decide: (value: unknown) => WaitDecision<R>,
  timeoutMs: number,
  onTimeout: () => R | Error,
): Promise<R> {
  return new Promise((resolve, reject) => {
    const subs = new DisposableStore();
    const settle = (decision: NonNullable<WaitDecision<R>>): void => {
      subs.dispose();
      if ('reject' in decision) reject(decision.reject);
      else resolve(decision.resolve);
    };
    const timer = setTimeout(() => {
      const outcome = onTimeout();
      settle(outcome instanceof Error ? { reject: outcome } : { resolve: outcome });
    }, timeoutMs);
    subs.add(toDisposable(() => clearTimeout(timer)));
    for (const emitter of emitters) {
      subs.add(
        emitter.on((value) => {
          const decision = decide(value);
          if (decision) settle(decision);
        }),
      );
    }
  });
}
