/** The scrolled part of a virtual list: a spacer as tall as every row, the rendered rows inside. */
import type { ReactNode } from 'react';

/** Places `children` (the rendered rows) at `offsetTop` inside a spacer `totalHeight` px tall. */
export function VirtualWindow({
  totalHeight,
  offsetTop,
  children,
}: {
  totalHeight: number;
  offsetTop: number;
  children: ReactNode;
}) {
  return (
    <div style={{ height: totalHeight, position: 'relative' }}>
      <div style={{ transform: `translateY(${offsetTop}px)` }}>{children}</div>
    </div>
  );
}
