/** The event log's filter as a pure predicate, so it is tested without a DOM. */
import type { ModuleEvent } from '../../../../shared/models';
import type { EventFilter } from '../../store/events-slice';

/** Events matching the kind and every whitespace-separated term (module, path, origin, kind). */
export function filterEvents(events: readonly ModuleEvent[], filter: EventFilter): ModuleEvent[] {
  const terms = filter.text.toLowerCase().split(/\s+/).filter(Boolean);
  if (filter.kind === 'all' && terms.length === 0) return events as ModuleEvent[];
  return events.filter((event) => {
    if (filter.kind !== 'all' && event.kind !== filter.kind) return false;
    if (terms.length === 0) return true;
    const haystack = [
      event.mod ?? event.payload?.mod ?? '',
      event.path ?? '',
      event.origin,
      event.kind,
    ]
      .join(' ')
      .toLowerCase();
    return terms.every((term) => haystack.includes(term));
  });
}
