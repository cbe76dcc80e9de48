/** The VM's stdout/stderr: capped, stderr tinted, following the tail unless scrolled up. */
import { formatTime } from '../../lib/format';
import { useTailRows } from '../../lib/useTailRows';
import { VirtualWindow } from '../../lib/VirtualWindow';
import { useAppStore } from '../../store/app-store';

const ROW_HEIGHT = 19;

/** The Console tab. */
export function ConsolePanel() {
  const lines = useAppStore((s) => s.consoleLines);
  const dropped = useAppStore((s) => s.consoleDropped);
  const error = useAppStore((s) => s.consoleError);
  const clear = useAppStore((s) => s.clearConsole);
  const { containerRef, onScroll, start, end, totalHeight, offsetTop, follow } = useTailRows(
    lines.length,
    ROW_HEIGHT,
    lines,
    30,
  );

  return (
    <section className="console" aria-label="Console">
      <div className="section-head">
        <span className="muted">
          {lines.length} lines{dropped > 0 ? ` · ${dropped} earlier dropped` : ''}
        </span>
        {error ? <span className="inline-error">{error}</span> : null}
        <span className="spacer" />
        <button type="button" onClick={follow}>
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
        onScroll={onScroll}
      >
        <VirtualWindow totalHeight={totalHeight} offsetTop={offsetTop}>
          {lines.slice(start, end).map((line, i) => (
            <div
              key={start + i}
              className={`console-line ${line.stream}`}
              title={formatTime(line.at)}
            >
              {line.text || '\u00a0'}
            </div>
          ))}
        </VirtualWindow>
        {lines.length === 0 ? <div className="empty">The VM has printed nothing yet.</div> : null}
      </div>
    </section>
  );
}
