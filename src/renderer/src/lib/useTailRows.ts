/** A virtual list that grows at the bottom (event log, console) and follows its last row. */
import { useCallback, useLayoutEffect, useRef, type UIEvent } from 'react';
import { useVirtualRows, type VirtualRows } from './useVirtualRows';

/** The virtual rows, with a scroll handler that tracks following, and a way back to it. */
export interface TailRows extends VirtualRows {
  /** Scrolls to the last row and follows new rows again. */
  follow: () => void;
}

/**
 * Like `useVirtualRows`, and keeps the list scrolled to its last row whenever `changed`
 * changes, until the user scrolls up to read; scrolling back to the bottom follows again.
 */
export function useTailRows(
  count: number,
  rowHeight: number,
  changed: unknown,
  overscan?: number,
): TailRows {
  const rows = useVirtualRows(count, rowHeight, overscan);
  const following = useRef(true);
  const { onScroll: track, atBottom, scrollToBottom } = rows;

  useLayoutEffect(() => {
    if (following.current) scrollToBottom();
  }, [changed, scrollToBottom]);

  const onScroll = useCallback(
    (event: UIEvent<HTMLDivElement>) => {
      track(event);
      following.current = atBottom();
    },
    [track, atBottom],
  );

  const follow = useCallback(() => {
    following.current = true;
    scrollToBottom();
  }, [scrollToBottom]);

  return { ...rows, onScroll, follow };
}
