/** The module event log: a virtual list that stays fast with thousands of rows. */
import { useMemo } from 'react';
import { EventKind } from '../../../../shared/agent-protocol';
import type { ModuleEvent } from '../../../../shared/models';
import { formatDuration, formatTime } from '../../lib/format';
import { useTailRows } from '../../lib/useTailRows';
import { VirtualWindow } from '../../lib/VirtualWindow';
import { useAppStore } from '../../store/app-store';
import { eventKey } from '../../store/events-slice';
import { filterEvents } from './event-filter';

const ROW_HEIGHT = 24;

/** Header cells: each class sizes its column in the header and in every row alike. */
const COLUMNS = [
  ['c-seq', 'Seq'],
  ['c-time', 'Time'],
  ['c-kind', 'Kind'],
  ['c-mod', 'Module'],
  ['c-origin', 'Origin'],
  ['c-dur', 'Duration'],
  ['c-detail', 'Detail'],
] as const;

/** The Events tab. */
export function EventLog() {
  const events = useAppStore((s) => s.events);
  const filter = useAppStore((s) => s.eventFilter);
  const missed = useAppStore((s) => s.missedEvents);
  const dropped = useAppStore((s) => s.droppedEvents);
  const setFilter = useAppStore((s) => s.setEventFilter);
  const clear = useAppStore((s) => s.clearEventLog);
  const openModule = useAppStore((s) => s.openModule);

  const shown = useMemo(() => filterEvents(events, filter), [events, filter]);
  const { containerRef, onScroll, start, end, totalHeight, offsetTop } = useTailRows(
    shown.length,
    ROW_HEIGHT,
    shown.length,
  );

  return (
    <section className="event-log" aria-label="Event log">
      <div className="section-head">
        <select
          aria-label="Event kind"
          value={filter.kind}
          onChange={(event) => setFilter({ kind: event.target.value as EventKind | 'all' })}
        >
          <option value="all">All kinds</option>
          {EventKind.options.map((kind) => (
            <option key={kind} value={kind}>
              {kind}
            </option>
          ))}
        </select>
        <input
          type="text"
          className="small-input wide"
          aria-label="Filter events"
          placeholder="Filter by module, path, origin"
          value={filter.text}
          onChange={(event) => setFilter({ text: event.target.value })}
        />
        <span className="muted">
          {shown.length === events.length
            ? `${events.length} events`
            : `${shown.length} of ${events.length}`}
          {missed > 0 ? ` · ${missed} missed` : ''}
          {dropped > 0 ? ` · ${dropped} older dropped` : ''}
        </span>
        <span className="spacer" />
        <button type="button" onClick={clear} disabled={events.length === 0}>
          Clear log
        </button>
      </div>
      <div
        className="log-table"
        role="table"
        aria-label="Module events"
        aria-rowcount={shown.length + 1}
      >
        <div className="log-row log-header" role="row">
          {COLUMNS.map(([className, label]) => (
            <span key={className} role="columnheader" className={className}>
              {label}
            </span>
          ))}
        </div>
        <div className="log-body" ref={containerRef} onScroll={onScroll}>
          <VirtualWindow totalHeight={totalHeight} offsetTop={offsetTop}>
            {shown.slice(start, end).map((event, i) => (
              <EventRow
                key={eventKey(event)}
                event={event}
                index={start + i + 2}
                onOpen={openModule}
              />
            ))}
          </VirtualWindow>
          {events.length === 0 ? (
            <div className="empty">No events yet: save a file to see some.</div>
          ) : null}
        </div>
      </div>
    </section>
  );
}

function EventRow({
  event,
  index,
  onOpen,
}: {
  event: ModuleEvent;
  index: number;
  onOpen: (mod: string) => void;
}) {
  const mod = event.payload?.mod ?? event.mod ?? null;
  return (
    <div className={`log-row kind-row-${event.kind}`} role="row" aria-rowindex={index}>
      <span role="cell" className="c-seq mono">
        {event.seq}
      </span>
      <span role="cell" className="c-time mono">
        {formatTime(event.at)}
      </span>
      <span role="cell" className="c-kind">
        <span className={`ev-kind ev-${event.kind}`}>{event.kind}</span>
      </span>
      <span role="cell" className="c-mod mono">
        {mod ? (
          <button type="button" className="link" onClick={() => onOpen(mod)}>
            {mod}
          </button>
        ) : null}
      </span>
      <span role="cell" className={`c-origin origin-${event.origin}`}>
        {event.origin}
      </span>
      <span role="cell" className="c-dur mono">
        {formatDuration(event.duration_ms)}
      </span>
      <span role="cell" className="c-detail mono" title={detail(event)}>
        {detail(event)}
      </span>
    </div>
  );
}

function detail(event: ModuleEvent): string {
  const parts: string[] = [];
  if (event.path) parts.push(event.path);
  if (event.files !== undefined) parts.push(`${event.files} file${event.files === 1 ? '' : 's'}`);
  if (event.kind === 'recompiled') {
    parts.push(event.payload?.functions ? 'inline' : 'dependent');
  }
  if (event.diagnostics && event.diagnostics.length > 0) {
    const first = event.diagnostics[0];
    parts.push(
      `${event.diagnostics.length} diagnostic${event.diagnostics.length === 1 ? '' : 's'}` +
        (first ? `: ${first.file ?? ''}:${first.line ?? ''} ${first.message.split('\n')[0]}` : ''),
    );
  }
  return parts.join(' · ');
}
