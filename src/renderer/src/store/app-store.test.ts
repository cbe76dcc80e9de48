import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setGraphTransport } from '../graph/graph-slice';
import { event, fn, moduleInfo, projectInfo, ROOT, vmUp } from '../test-support/fixtures';
import { RecordingTransport } from '../test-support/recording-transport';
import { createAppStore } from './compose-store';
import { loadAll, wireEvents } from './event-wiring';
import { isStale } from './module-entry';

/** A store over a recording transport, loaded with three modules in two files. */
async function loadedStore() {
  const transport = new RecordingTransport()
    .respond('project:get-info', () => projectInfo())
    .respond('modules:list', () => [
      moduleInfo('Shop.Cart', 'lib/shop/cart.ex'),
      moduleInfo('Shop.Checkout', 'lib/shop/checkout.ex'),
      moduleInfo('Shop.Checkout.Receipt', 'lib/shop/checkout.ex'),
    ])
    .respond('events:get-history', () => [])
    .respond('console:get-history', () => [])
    .respond('modules:get-functions', ({ mod }) => [fn(`fetched_${mod.length}`, 0)]);
  setGraphTransport(() => transport);
  const store = createAppStore({ transport: () => transport });
  await loadAll(store);
  transport.calls.length = 0;
  return { transport, store };
}

afterEach(() => setGraphTransport(null));

describe('applying module event batches', () => {
  it('re-renders the saved module from an inline recompiled payload without any request', async () => {
    const { transport, store } = await loadedStore();
    const functions = [fn('total', 1, 4), fn('add', 2, 9)];
    store.getState().ingestEvents([
      event({ kind: 'source_written', origin: 'user', path: 'lib/shop/cart.ex' }),
      event({
        kind: 'recompiled',
        origin: 'user',
        mod: 'Shop.Cart',
        path: 'lib/shop/cart.ex',
        payload: { mod: 'Shop.Cart', source_hash: 'new-hash', functions },
      }),
    ]);
    const cart = store.getState().modules['Shop.Cart'];
    expect(cart?.functions).toEqual(functions);
    expect(cart?.sourceHash).toBe('new-hash');
    expect(cart && isStale(cart)).toBe(false);
    // Showing the page asks for functions only when they are missing or stale: not here.
    await store.getState().ensureFunctions('Shop.Cart');
    expect(transport.calls).toEqual([]);
  });

  it('flags bare dependents stale and fetches them only when shown', async () => {
    const { transport, store } = await loadedStore();
    await store.getState().ensureFunctions('Shop.Checkout');
    transport.calls.length = 0;
    store.getState().ingestEvents([
      event({
        kind: 'recompiled',
        origin: 'user',
        mod: 'Shop.Cart',
        payload: { mod: 'Shop.Cart', source_hash: 'h2', functions: [fn('total', 1)] },
      }),
      event({
        kind: 'recompiled',
        origin: 'user',
        mod: 'Shop.Checkout',
        payload: { mod: 'Shop.Checkout', source_hash: null, functions: null },
      }),
      event({
        kind: 'recompiled',
        origin: 'user',
        mod: 'Shop.Checkout.Receipt',
        payload: { mod: 'Shop.Checkout.Receipt', source_hash: null, functions: null },
      }),
    ]);
    const checkout = store.getState().modules['Shop.Checkout'];
    expect(checkout?.needsRefetch).toBe(true);
    expect(checkout && isStale(checkout)).toBe(true);
    // A dependent never shown has nothing stale to flag; it is fetched when first shown.
    expect(store.getState().modules['Shop.Checkout.Receipt']?.needsRefetch).toBe(false);
    expect(transport.calls).toEqual([]);

    await store.getState().ensureFunctions('Shop.Checkout');
    expect(transport.callsTo('modules:get-functions')).toEqual([
      { channel: 'modules:get-functions', input: { mod: 'Shop.Checkout' } },
    ]);
    expect(store.getState().modules['Shop.Checkout']?.needsRefetch).toBe(false);
  });

  it('applies a burst of thousands of events as one store update', async () => {
    const { store } = await loadedStore();
    const burst = Array.from({ length: 5000 }, (_, i) =>
      event({
        kind: 'recompiled',
        origin: 'external',
        mod: `Shop.Gen${i}`,
        payload: { mod: `Shop.Gen${i}`, source_hash: null, functions: null },
      }),
    );
    const listener = vi.fn();
    const unsubscribe = store.subscribe(listener);
    store.getState().ingestEvents(burst);
    unsubscribe();
    expect(listener).toHaveBeenCalledTimes(1);
    expect(store.getState().events).toHaveLength(5000);
    expect(Object.keys(store.getState().modules)).toHaveLength(5003);
  });

  it('ignores events it has already seen (history overlapping live batches)', async () => {
    const { store } = await loadedStore();
    const e = event({ kind: 'compile_started', origin: 'watcher', files: 2 });
    store.getState().ingestEvents([e]);
    store.getState().ingestEvents([e]);
    expect(store.getState().events).toHaveLength(1);
  });

  it('counts a gap in sequence numbers as missed events', async () => {
    const { store } = await loadedStore();
    store.getState().ingestEvents([event({ kind: 'compile_started', origin: 'user', seq: 10 })]);
    store.getState().ingestEvents([event({ kind: 'compile_finished', origin: 'user', seq: 14 })]);
    expect(store.getState().missedEvents).toBe(3);
  });
});

describe('failures', () => {
  it('records compile_failed diagnostics by file, marks modules failed, clears on recompile', async () => {
    const { store } = await loadedStore();
    store.getState().ingestEvents([
      event({
        kind: 'compile_failed',
        origin: 'user',
        mod: null,
        diagnostics: [
          {
            file: `${ROOT}/lib/shop/checkout.ex`,
            line: 12,
            column: 5,
            severity: 'error',
            message: 'undefined function totl/1',
          },
          {
            file: 'lib/shop/cart.ex',
            line: 3,
            column: null,
            severity: 'warning',
            message: 'unused',
          },
        ],
      }),
    ]);
    const failures = store.getState().failures;
    // Absolute and relative spellings both land under the project-relative key.
    expect(Object.keys(failures).sort()).toEqual(['lib/shop/cart.ex', 'lib/shop/checkout.ex']);
    expect(failures['lib/shop/checkout.ex']?.[0]?.line).toBe(12);

    store.getState().ingestEvents([
      event({
        kind: 'recompiled',
        origin: 'user',
        mod: 'Shop.Checkout',
        path: 'lib/shop/checkout.ex',
        payload: { mod: 'Shop.Checkout', source_hash: 'fixed', functions: [fn('run', 1)] },
      }),
    ]);
    expect(Object.keys(store.getState().failures)).toEqual(['lib/shop/cart.ex']);
  });

  it('clears a file whose compile succeeds even when no module was recompiled', async () => {
    const { store } = await loadedStore();
    const error = {
      file: 'lib/shop/cart.ex',
      line: 2,
      column: null,
      severity: 'error' as const,
      message: 'missing terminator',
    };
    store
      .getState()
      .ingestEvents([
        event({ kind: 'compile_started', origin: 'user', path: 'lib/shop/cart.ex', files: 1 }),
        event({ kind: 'compile_failed', origin: 'user', diagnostics: [error] }),
        event({ kind: 'compile_finished', origin: 'user', diagnostics: [error], duration_ms: 9 }),
      ]);
    expect(Object.keys(store.getState().failures)).toEqual(['lib/shop/cart.ex']);
    store
      .getState()
      .ingestEvents([
        event({ kind: 'compile_started', origin: 'user', path: `${ROOT}/lib/shop/cart.ex` }),
      ]);
    store.getState().ingestEvents([event({ kind: 'compile_finished', origin: 'user' })]);
    expect(store.getState().failures).toEqual({});
  });

  it('takes a restarted VM boot diagnostics as the whole truth', async () => {
    const { transport, store } = await loadedStore();
    const stop = wireEvents(transport, store);
    store
      .getState()
      .addFailures([
        { file: 'lib/old.ex', line: 1, column: null, severity: 'error', message: 'old' },
      ]);
    transport.emit('vm:status-changed', vmUp({ state: 'down', reason: 'killed' }));
    transport.emit(
      'vm:status-changed',
      vmUp({
        restarts: 1,
        bootDiagnostics: [
          { file: 'lib/new.ex', line: 2, column: null, severity: 'error', message: 'new' },
        ],
      }),
    );
    stop();
    expect(Object.keys(store.getState().failures)).toEqual(['lib/new.ex']);
    expect(transport.callsTo('modules:list')).toHaveLength(1);
  });
});

describe('removal', () => {
  it('marks a module removed on source_removed, by name or by file', async () => {
    const { store } = await loadedStore();
    store
      .getState()
      .ingestEvents([
        event({ kind: 'source_removed', origin: 'user', mod: 'Shop.Cart' }),
        event({ kind: 'source_removed', origin: 'watcher', path: `${ROOT}/lib/shop/checkout.ex` }),
      ]);
    const modules = store.getState().modules;
    expect(modules['Shop.Cart']?.removed).toBe(true);
    expect(modules['Shop.Checkout']?.removed).toBe(true);
    expect(modules['Shop.Checkout.Receipt']?.removed).toBe(true);
  });

  it('keeps removed modules listed after the module list is reloaded', async () => {
    const { transport, store } = await loadedStore();
    store.getState().ingestEvents([event({ kind: 'source_removed', origin: 'user', mod: 'Gone' })]);
    transport.respond('modules:list', () => [moduleInfo('Shop.Cart', 'lib/shop/cart.ex')]);
    await store.getState().loadModules();
    expect(store.getState().modules['Gone']?.removed).toBe(true);
  });
});

describe('event wiring', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('coalesces batches arriving within a frame and issues no request for inline payloads', async () => {
    vi.useRealTimers();
    const { transport, store } = await loadedStore();
    vi.useFakeTimers();
    const stop = wireEvents(transport, store);
    const listener = vi.fn();
    const unsubscribe = store.subscribe(listener);
    transport.emit('module:events-received', {
      events: [
        event({
          kind: 'recompiled',
          origin: 'user',
          mod: 'Shop.Cart',
          payload: { mod: 'Shop.Cart', source_hash: 'h', functions: [fn('total', 1)] },
        }),
      ],
    });
    transport.emit('module:events-received', {
      events: [event({ kind: 'compile_finished', origin: 'user', duration_ms: 20 })],
    });
    transport.emit('console:output-received', {
      lines: [{ stream: 'stderr', text: 'warning: x', at: 1 }],
    });
    expect(listener).not.toHaveBeenCalled();
    vi.advanceTimersByTime(50);
    unsubscribe();
    stop();
    expect(store.getState().events).toHaveLength(2);
    expect(store.getState().consoleLines).toHaveLength(1);
    expect(store.getState().modules['Shop.Cart']?.functions?.[0]?.name).toBe('total');
    expect(transport.callsTo('modules:get-functions')).toEqual([]);
  });
});

describe('opening another project', () => {
  it('forgets the previous project and loads the new one', async () => {
    const { transport, store } = await loadedStore();
    store.getState().ingestEvents([event({ kind: 'source_removed', origin: 'user', mod: 'Gone' })]);
    const other = { ...projectInfo(), root: '/home/dev/other', name: 'other' };
    transport
      .respond('project:get-info', () => other)
      .respond('modules:list', () => [
        { mod: 'Other', app: 'other', source: null, source_hash: null, loaded: true },
      ]);
    const stop = wireEvents(transport, store);
    transport.emit('project:opened', other);
    await vi.waitFor(() => expect(Object.keys(store.getState().modules)).toEqual(['Other']));
    stop();
    expect(store.getState().events).toEqual([]);
    expect(store.getState().project?.name).toBe('other');
  });
});

describe('boot compile', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('lists the modules again once a restarted VM finished its boot compile', async () => {
    vi.useRealTimers();
    const { transport, store } = await loadedStore();
    vi.useFakeTimers();
    const stop = wireEvents(transport, store);
    transport.emit('module:events-received', {
      events: [event({ kind: 'compile_finished', origin: 'startup', duration_ms: 900 })],
    });
    vi.advanceTimersByTime(50);
    stop();
    expect(transport.callsTo('modules:list')).toHaveLength(1);
  });
});

describe('saving', () => {
  it('saves through source:save and applies the reply inline, fetching nothing', async () => {
    const { transport, store } = await loadedStore();
    // The pipeline formats what it saves; the editor shows the formatted file afterwards.
    let disk = 'old';
    transport
      .respond('source:read', () => ({ path: `${ROOT}/lib/shop/cart.ex`, content: disk }))
      .respond('source:save', ({ content }) => {
        disk = `${content.trim()}\n`;
        return {
          recompiled: [
            { mod: 'Shop.Cart', source_hash: 'saved', functions: [fn('checkout', 0)] },
            { mod: 'Shop.Checkout', source_hash: null, functions: null },
          ],
        };
      });
    await store.getState().openSource('lib/shop/cart.ex');
    store.getState().setDraft('new');
    await store.getState().saveSource();

    expect(transport.callsTo('source:save')).toEqual([
      { channel: 'source:save', input: { path: `${ROOT}/lib/shop/cart.ex`, content: 'new' } },
    ]);
    const state = store.getState();
    expect(state.openFile?.content).toBe('new\n');
    expect(state.openFile?.draft).toBe('new\n');
    expect(state.modules['Shop.Cart']?.functions?.[0]?.name).toBe('checkout');
    // Checkout's details were never fetched, so there is nothing to refetch until it is shown.
    expect(state.modules['Shop.Checkout']?.functions).toBeNull();
    expect(transport.callsTo('modules:get-functions')).toEqual([]);
  });

  it('keeps the draft and records diagnostics when the saved file does not compile', async () => {
    const { transport, store } = await loadedStore();
    const diagnostic = {
      file: 'lib/shop/cart.ex',
      line: 2,
      column: 1,
      severity: 'error' as const,
      message: 'syntax error',
    };
    transport
      .respond('source:read', () => ({ path: 'lib/shop/cart.ex', content: 'old' }))
      .respond('source:save', () => {
        throw Object.assign(new Error('compile failed'), { diagnostics: [diagnostic] });
      });
    await store.getState().openSource('lib/shop/cart.ex');
    store.getState().setDraft('def (');
    await store.getState().saveSource();
    const state = store.getState();
    expect(state.openFile?.draft).toBe('def (');
    expect(state.openFile?.saveError).toMatch(/does not compile/);
    expect(state.failures['lib/shop/cart.ex']).toEqual([diagnostic]);
  });
});
