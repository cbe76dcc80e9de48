/** A fixed-row-height virtual list: only the rows in view (plus a margin) are rendered. */
import { useCallback, useLayoutEffect, useRef, useState, type UIEvent } from 'react';

/** The window of rows to render and the handles the scroll container needs. */
export interface VirtualRows {
  containerRef: React.RefObject<HTMLDivElement | null>;
  onScroll: (event: UIEvent<HTMLDivElement>) => void;
  start: number;
  end: number;
  totalHeight: number;
  offsetTop: number;
  /** Scrolls the least needed so row `index` is fully visible. */
  scrollIntoView: (index: number) => void;
  /** True when the view is at (or within a row of) the bottom. */
  atBottom: () => boolean;
  scrollToBottom: () => void;
}

/** Computes which of `count` rows of `rowHeight` px are visible in the container. */
export function useVirtualRows(count: number, rowHeight: number, overscan = 12): VirtualRows {
  const containerRef = useRef<HTMLDivElement | null>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(800);

  useLayoutEffect(() => {
    const element = containerRef.current;
    if (!element) return;
    setViewport(element.clientHeight);
    const observer = new ResizeObserver(() => setViewport(element.clientHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const onScroll = useCallback((event: UIEvent<HTMLDivElement>) => {
    setScrollTop(event.currentTarget.scrollTop);
  }, []);

  const scrollIntoView = useCallback(
    (index: number) => {
      const element = containerRef.current;
      if (!element) return;
      const top = index * rowHeight;
      if (top < element.scrollTop) element.scrollTop = top;
      else if (top + rowHeight > element.scrollTop + element.clientHeight) {
        element.scrollTop = top + rowHeight - element.clientHeight;
      }
    },
    [rowHeight],
  );

  const atBottom = useCallback(() => {
    const element = containerRef.current;
    if (!element) return true;
    return element.scrollHeight - element.scrollTop - element.clientHeight <= rowHeight;
  }, [rowHeight]);

  const scrollToBottom = useCallback(() => {
    const element = containerRef.current;
    if (element) element.scrollTop = element.scrollHeight;
  }, []);

  const start = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const end = Math.min(count, Math.ceil((scrollTop + viewport) / rowHeight) + overscan);
  return {
    containerRef,
    onScroll,
    start,
    end,
    totalHeight: count * rowHeight,
    offsetTop: start * rowHeight,
    scrollIntoView,
    atBottom,
    scrollToBottom,
  };
}
