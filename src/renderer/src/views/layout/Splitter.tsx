/** A vertical drag handle between the module browser and the main area (also arrow keys). */
import { useCallback, useEffect, useState, type KeyboardEvent, type PointerEvent } from 'react';

const STORAGE_KEY = 'mixscope.browserWidth';
const MIN = 200;
const MAX = 640;

/** The browser pane's width, remembered across sessions. */
export function useBrowserWidth(): [number, (width: number) => void] {
  const [width, setWidth] = useState(() => {
    const saved = Number(globalThis.localStorage?.getItem(STORAGE_KEY));
    return saved >= MIN && saved <= MAX ? saved : 290;
  });
  useEffect(() => {
    globalThis.localStorage?.setItem(STORAGE_KEY, String(width));
  }, [width]);
  const set = useCallback((w: number) => setWidth(Math.round(Math.min(MAX, Math.max(MIN, w)))), []);
  return [width, set];
}

/** The handle; `onResize` receives the new width in px. */
export function Splitter({ width, onResize }: { width: number; onResize: (w: number) => void }) {
  const onPointerDown = (event: PointerEvent<HTMLDivElement>): void => {
    event.preventDefault();
    const startX = event.clientX;
    const startWidth = width;
    const target = event.currentTarget;
    target.setPointerCapture(event.pointerId);
    const move = (e: globalThis.PointerEvent): void => onResize(startWidth + e.clientX - startX);
    const up = (): void => {
      target.removeEventListener('pointermove', move);
      target.removeEventListener('pointerup', up);
    };
    target.addEventListener('pointermove', move);
    target.addEventListener('pointerup', up);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.key === 'ArrowLeft') onResize(width - 20);
    else if (event.key === 'ArrowRight') onResize(width + 20);
  };
  return (
    <div
      className="splitter"
      role="separator"
      aria-orientation="vertical"
      aria-label="Resize module browser"
      aria-valuenow={width}
      aria-valuemin={MIN}
      aria-valuemax={MAX}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
    />
  );
}
