/** The VM's stdout/stderr: capped, stderr tinted, following the tail unless scrolled up. */
import { useLayoutEffect, useRef } from 'react';
import { formatTime } from '../../lib/format';
import { useVirtualRows } from '../../lib/useVirtualRows';
import { useAppStore } from '../../store/app-store';

const ROW_HEIGHT = 19;

/** The Console tab. */
export function ConsolePanel() {
  const lines = useAppStore((s) => s.consoleLines);
  const dropped = useAppStore((s) => s.consoleDropped);
  const error = useAppStore((s) => s.consoleError);
  const clear = useAppStore((s) => s.clearConsole);
  const { containerRef, onScroll, start, end, totalHeight, offsetTop, atBottom, scrollToBottom } =
    useVirtualRows(lines.length, ROW_HEIGHT, 30);
  const following = useRef(true);

  useLayoutEffect(() => {
    if (following.current) scrollToBottom();
  }, [lines, scrollToBottom]);

  return (
    <section className="console" aria-label="Console">
      <div className="section-head">
        <span className="muted">
          {lines.length} lines{dropped > 0 ? ` · ${dropped} earlier dropped` : ''}
        </span>
        {error ? <span className="inline-error">{error}</span> : null}
        <span className="spacer" />
        <button
          type="button"
          onClick={() => {
            following.current = true;
            scrollToBottom();
          }}
        >
          Scroll to end
        </button>
        <button type="button" onClick={clear} disabled={lines.length === 0}>
          Clear console
        </button>
      </div>
      <div
        className="console-body mono"
        role="log"
        aria-label="VM output"
        ref={containerRef}
        onScroll={(event) => {
          onScroll(event);
          following.current = atBottom();
        }}
      >
        <div style={{ height: totalHeight, position: 'relative' }}>
          <div style={{ transform: `translateY(${offsetTop}px)` }}>
            {lines.slice(start, end).map((line, i) => (
              <div
                key={start + i}
                className={`console-line ${line.stream}`}
                title={formatTime(line.at)}
              >
                {line.text || '\u00a0'}
              </div>
            ))}
          </div>
        </div>
        {lines.length === 0 ? <div className="empty">The VM has printed nothing yet.</div> : null}
      </div>
    </section>
  );
}
