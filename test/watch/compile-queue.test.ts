/** The coalescing queue between file events and compiles (no VM involved). */
import { describe, expect, it } from 'vitest';
import { CompileQueue } from '../../src/core/watch/compile-queue';

/** A compile function that records batches and finishes when told to. */
function recorder() {
  const batches: string[][] = [];
  const finishers: (() => void)[] = [];
  const compile = (paths: string[]): Promise<void> => {
    batches.push(paths);
    return new Promise<void>((resolve) => finishers.push(resolve));
  };
  const started = async (n: number): Promise<void> => {
    while (batches.length < n) await new Promise((r) => setTimeout(r, 5));
  };
  return { batches, finishers, compile, started };
}

describe('CompileQueue', () => {
  it('turns a burst of changes into one batch, duplicates merged', async () => {
    const r = recorder();
    const queue = new CompileQueue(r.compile, { quietMs: 20 });
    for (let i = 0; i < 300; i++) queue.add(`/p/lib/m${i % 150}.ex`);
    await r.started(1);
    r.finishers[0]?.();
    await queue.idle();
    expect(r.batches).toHaveLength(1);
    expect(r.batches[0]).toHaveLength(150);
  });

  it('queues changes made while a compile runs and compiles them after it', async () => {
    const r = recorder();
    const queue = new CompileQueue(r.compile, { quietMs: 10 });
    queue.add('/p/lib/a.ex');
    await r.started(1);
    queue.add('/p/lib/b.ex');
    queue.add('/p/lib/a.ex');
    await new Promise((resolve) => setTimeout(resolve, 50));
    // Still one compile in flight: nothing runs concurrently.
    expect(r.batches).toHaveLength(1);
    r.finishers[0]?.();
    await r.started(2);
    expect(r.batches[1]).toEqual(['/p/lib/a.ex', '/p/lib/b.ex']);
    r.finishers[1]?.();
    await queue.idle();
    expect(r.batches).toHaveLength(2);
  });

  it('lets the filter drop paths and skips empty batches', async () => {
    const r = recorder();
    const queue = new CompileQueue(r.compile, {
      quietMs: 5,
      filter: (paths) => paths.filter((p) => !p.includes('saved')),
    });
    queue.add('/p/lib/saved.ex');
    await queue.idle();
    expect(r.batches).toHaveLength(0);
  });

  it('keeps going after a failed compile and reports the failure', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const queue = new CompileQueue(
      async () => {
        calls++;
        if (calls === 1) throw new Error('VM down');
      },
      { quietMs: 5, onError: (e) => errors.push(e) },
    );
    queue.add('/p/lib/a.ex');
    await queue.idle();
    queue.add('/p/lib/a.ex');
    await queue.idle();
    expect(calls).toBe(2);
    expect(errors).toHaveLength(1);
  });

  it('drops pending changes when disposed', async () => {
    const r = recorder();
    const queue = new CompileQueue(r.compile, { quietMs: 50 });
    queue.add('/p/lib/a.ex');
    queue.dispose();
    await queue.idle();
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(r.batches).toHaveLength(0);
  });
});
