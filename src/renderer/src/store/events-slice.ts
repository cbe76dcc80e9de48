/** The module event log, and the one action that applies a batch of events everywhere. */
import type { StateCreator } from 'zustand';
import type { EventKind } from '../../../shared/agent-protocol';
import type { ModuleEvent } from '../../../shared/models';
import { applyEvents, type OpenCompile } from './apply-events';
import type { AppState } from './app-store';
import { errorMessage } from './errors';
import type { StoreDeps } from './store-deps';

/** How many events the log keeps; older ones are dropped (the host keeps full history). */
export const EVENT_LOG_CAP = 10_000;

/** The event log's filter: one kind (or all) and free text over module, path and origin. */
export interface EventFilter {
  kind: EventKind | 'all';
  text: string;
}

/** The events slice's state and actions. */
export interface EventsSlice {
  events: ModuleEvent[];
  lastSeq: number | null;
  /** Events whose sequence numbers were skipped (a visible gap). */
  missedEvents: number;
  /** Events dropped from the front of the log by the cap. */
  droppedEvents: number;
  eventFilter: EventFilter;
  eventsError: string | null;
  /** The compile the events say is running (to clear its file's failures when it succeeds). */
  openCompile: OpenCompile | null;
  /** Applies a batch to modules, failures and the log in a single store update. */
  ingestEvents: (events: readonly ModuleEvent[]) => void;
  loadEventHistory: () => Promise<void>;
  setEventFilter: (filter: Partial<EventFilter>) => void;
  clearEventLog: () => void;
}

/** Identifies an event across history and live batches (and keys its row in the log). */
export const eventKey = (event: ModuleEvent): string => `${event.seq}:${event.at}:${event.kind}`;

/** Applies `fresh` events to the modules and failures of `state`. */
function applyToState(state: AppState, fresh: ModuleEvent[]) {
  return applyEvents(
    {
      modules: state.modules,
      failures: state.failures,
      failedModules: state.failedModules,
      openCompile: state.openCompile,
    },
    fresh,
    { root: state.project?.root ?? null, app: state.vm?.app ?? null },
  );
}

/** Builds the events slice. */
export function createEventsSlice(deps: StoreDeps): StateCreator<AppState, [], [], EventsSlice> {
  // History and live batches can overlap; keys of retained events make ingesting idempotent.
  let seen = new Set<string>();

  return (set, get) => ({
    events: [],
    lastSeq: null,
    missedEvents: 0,
    droppedEvents: 0,
    eventFilter: { kind: 'all', text: '' },
    eventsError: null,
    openCompile: null,

    ingestEvents: (batch) => {
      const fresh = batch.filter((event) => !seen.has(eventKey(event)));
      if (fresh.length === 0) return;
      for (const event of fresh) seen.add(eventKey(event));

      const state = get();
      let { lastSeq, missedEvents } = state;
      for (const event of fresh) {
        // A jump forward is a gap; a jump back is a new VM numbering from the start.
        if (lastSeq !== null && event.seq > lastSeq + 1) missedEvents += event.seq - lastSeq - 1;
        lastSeq = event.seq;
      }
      let events = state.events.concat(fresh);
      let droppedEvents = state.droppedEvents;
      if (events.length > EVENT_LOG_CAP) {
        const excess = events.length - EVENT_LOG_CAP;
        droppedEvents += excess;
        events = events.slice(excess);
        seen = new Set(events.map(eventKey));
      }
      const targets = applyToState(state, fresh);
      set({ ...targets, events, lastSeq, missedEvents, droppedEvents });
    },

    loadEventHistory: async () => {
      try {
        const history = await deps.transport().invoke('events:get-history', {});
        const fresh = history.filter((event) => !seen.has(eventKey(event)));
        for (const event of fresh) seen.add(eventKey(event));
        const state = get();
        // Replaying history restores failures and removed marks from before the page opened;
        // call it after `loadModules` so newer live data is applied on top.
        const targets = applyToState(state, fresh);
        const events = fresh.concat(state.events).sort((a, b) => a.at - b.at || a.seq - b.seq);
        const capped = events.slice(Math.max(0, events.length - EVENT_LOG_CAP));
        const last = capped[capped.length - 1];
        set({ ...targets, events: capped, lastSeq: last?.seq ?? state.lastSeq, eventsError: null });
      } catch (error) {
        set({ eventsError: errorMessage(error) });
      }
    },

    setEventFilter: (filter) => set({ eventFilter: { ...get().eventFilter, ...filter } }),
    clearEventLog: () => {
      seen = new Set();
      set({ events: [], droppedEvents: 0, missedEvents: 0 });
    },
  });
}
