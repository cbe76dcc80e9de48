/** The last events that touched one module, newest first: did my save land, and when. */
import { useMemo } from 'react';
import { formatDuration, formatTime } from '../../lib/format';
import { useAppStore } from '../../store/app-store';

const SHOWN = 8;

/** Recent activity of `mod`. */
export function ModuleActivity({ mod, source }: { mod: string; source: string | null }) {
  const events = useAppStore((s) => s.events);
  const recent = useMemo(() => {
    const found = [];
    for (let i = events.length - 1; i >= 0 && found.length < SHOWN; i -= 1) {
      const event = events[i];
      if (!event) continue;
      const eventMod = event.payload?.mod ?? event.mod ?? null;
      const touches =
        eventMod === mod ||
        (source !== null &&
          eventMod === null &&
          (event.path?.endsWith(source) === true ||
            (event.kind === 'compile_failed' &&
              event.diagnostics?.some((d) => d.file?.endsWith(source) === true) === true)));
      if (touches) found.push(event);
    }
    return found;
  }, [events, mod, source]);

  if (recent.length === 0) return null;
  return (
    <section className="activity" aria-label="Recent activity">
      <div className="section-head">
        <h2>Recent activity</h2>
      </div>
      <ul>
        {recent.map((event) => (
          <li key={`${event.seq}:${event.at}`}>
            <span className="mono muted">{formatTime(event.at)}</span>
            <span className={`ev-kind ev-${event.kind}`}>{event.kind}</span>
            <span className={`origin-${event.origin}`}>{event.origin}</span>
            <span className="muted">
              {event.kind === 'recompiled'
                ? event.payload?.functions
                  ? 'saved here, details inline'
                  : 'as a dependent'
                : event.diagnostics?.length
                  ? `${event.diagnostics.length} diagnostic(s)`
                  : formatDuration(event.duration_ms)}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
