/**
 * Connects host events to store actions, outside React (zustand's "no store actions in
 * components" pattern): components only read state and call actions.
 */
import type { StoreApi } from 'zustand';
import type { Transport } from '../../../shared/contract';
import type { ConsoleLine, ModuleEvent, VmStatus } from '../../../shared/models';
import type { AppState } from './app-store';

/** How long incoming batches are gathered before one store update (one frame). */
const FLUSH_MS = 16;

/** Subscribes the store to every event channel; returns a function that unsubscribes all. */
export function wireEvents(transport: Transport, store: StoreApi<AppState>): () => void {
  // Batches arriving within one frame become one store update and one render.
  let pendingEvents: ModuleEvent[] = [];
  let pendingLines: ConsoleLine[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = (): void => {
    timer = null;
    const events = pendingEvents;
    const lines = pendingLines;
    pendingEvents = [];
    pendingLines = [];
    const state = store.getState();
    if (events.length > 0) {
      state.ingestEvents(events);
      state.applyModuleEvents(events);
      // The boot compile can still be writing beams when the VM reports up: list again once
      // it finished so a restarted VM's modules are all there.
      if (events.some((e) => e.kind === 'compile_finished' && e.origin === 'startup')) {
        void state.loadModules();
      }
    }
    if (lines.length > 0) state.appendConsole(lines);
  };
  const schedule = (): void => {
    timer ??= setTimeout(flush, FLUSH_MS);
  };

  const unsubscribers = [
    transport.on('module:events-received', ({ events }) => {
      pendingEvents = pendingEvents.concat(events);
      schedule();
    }),
    transport.on('console:output-received', ({ lines }) => {
      pendingLines = pendingLines.concat(lines);
      schedule();
    }),
    transport.on('vm:status-changed', (status) => onVmStatus(store, status)),
    transport.on('compile:progress-changed', (progress) => {
      store.getState().setCompileProgress(progress);
    }),
    transport.on('project:opened', (info) => {
      const state = store.getState();
      if (state.project?.root !== info.root) {
        state.resetForProject(info);
        if (state.graph.status !== 'idle') void store.getState().loadGraph();
      } else {
        state.setProject(info);
      }
      void loadAll(store);
    }),
  ];
  if (transport.onConnection) {
    let dropped = false;
    unsubscribers.push(
      transport.onConnection((connected) => {
        store.getState().setHostConnected(connected);
        if (!connected) dropped = true;
        // Events sent while the link was down are gone, and the server may be a new one
        // (restarted on the same port): everything is read again.
        else if (dropped) void loadAll(store);
      }),
    );
  }
  return () => {
    if (timer !== null) clearTimeout(timer);
    flush();
    for (const unsubscribe of unsubscribers) unsubscribe();
  };
}

/** A VM that came (back) up compiled the whole project: its boot diagnostics are the truth. */
function onVmStatus(store: StoreApi<AppState>, status: VmStatus): void {
  const previous = store.getState().vm;
  store.getState().setVmStatus(status);
  const cameUp = status.state === 'up' && previous?.state !== 'up';
  if (cameUp) {
    store.getState().resetFailures(status.bootDiagnostics);
    void store.getState().loadModules();
  }
}

/** Loads project, modules, then history (history replays on top of the module list). */
export async function loadAll(store: StoreApi<AppState>): Promise<void> {
  const state = store.getState();
  await state.loadProject();
  const vm = store.getState().vm;
  if (vm) store.getState().resetFailures(vm.bootDiagnostics);
  await store.getState().loadModules();
  await Promise.all([store.getState().loadEventHistory(), store.getState().loadConsoleHistory()]);
}

/** Wires events, then loads the initial data; returns the unsubscribe function. */
export function startApp(transport: Transport, store: StoreApi<AppState>): () => void {
  const stop = wireEvents(transport, store);
  void loadAll(store);
  return stop;
}
