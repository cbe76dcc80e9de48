import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EventFrame } from '../../src/shared/agent-protocol';
import type { ModuleEvent } from '../../src/shared/models';
import { EventSequencer } from '../../src/core/event-sequencer';

const frame = (seq: number): EventFrame => ({
  type: 'event',
  seq,
  at: 1_700_000_000_000 + seq,
  kind: 'recompiled',
  origin: 'user',
  mod: `M${seq}`,
});

function setup(windowMs = 50) {
  const seen: ModuleEvent[] = [];
  const gaps: string[] = [];
  const sequencer = new EventSequencer(
    (e) => seen.push(e),
    (g) => gaps.push(g),
    windowMs,
  );
  return { sequencer, seqs: () => seen.map((e) => e.seq), seen, gaps };
}

afterEach(() => vi.useRealTimers());

describe('EventSequencer', () => {
  it('passes in-order events through at once, without the frame type', () => {
    const { sequencer, seqs, seen, gaps } = setup();
    [5, 6, 7].forEach((s) => sequencer.push(frame(s)));
    expect(seqs()).toEqual([5, 6, 7]);
    expect(seen[0]).not.toHaveProperty('type');
    expect(seen[0]?.mod).toBe('M5');
    expect(gaps).toEqual([]);
  });

  it('reorders an early event when the missing one arrives within the window', () => {
    const { sequencer, seqs, gaps } = setup();
    sequencer.push(frame(1));
    sequencer.push(frame(3));
    expect(seqs()).toEqual([1]);
    sequencer.push(frame(2));
    expect(seqs()).toEqual([1, 2, 3]);
    expect(gaps).toEqual([]);
  });

  it('reports a gap and moves on when the missing events never come', () => {
    vi.useFakeTimers();
    const { sequencer, seqs, gaps } = setup(50);
    sequencer.push(frame(1));
    sequencer.push(frame(4));
    sequencer.push(frame(5));
    expect(seqs()).toEqual([1]);
    vi.advanceTimersByTime(60);
    expect(seqs()).toEqual([1, 4, 5]);
    expect(gaps).toEqual(['events 2..3 never arrived']);
  });

  it('starts a fresh sequence after reset (a new VM counts from scratch)', () => {
    const { sequencer, seqs, gaps } = setup();
    sequencer.push(frame(10));
    sequencer.reset();
    sequencer.push(frame(0));
    sequencer.push(frame(1));
    expect(seqs()).toEqual([10, 0, 1]);
    expect(gaps).toEqual([]);
  });
});
