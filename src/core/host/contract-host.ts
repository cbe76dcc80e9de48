/**
 * The UI contract implemented over a `ProjectSession`, independent of any transport.
 *
 * The headless server (WebSocket) and Electron main (IPC) both hand every request to
 * `ContractHost.invoke` and forward `onEvent`'s events; this is why the renderer cannot tell
 * them apart. `invoke` validates its input and never throws: every outcome is a `ContractResult`.
 */
import { existsSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import {
  isRequestChannel,
  parseRequestInput,
  type ContractResult,
  type ProjectInfo,
  type RequestChannel,
  type RequestInput,
  type RequestOutput,
} from '../../shared/contract';
import { Emitter } from '../lifecycle';
import type { Disposable, ProjectSession, SessionOptions } from '../session-types';
import { HostError, toContractError } from './contract-errors';
import { openInEditor, type EditorOptions } from './editor';
import {
  DEFAULT_PUMP_OPTIONS,
  EventPump,
  type EventPumpOptions,
  type HostEvent,
} from './event-pump';
import { readText, resolveProjectPath } from './project-files';
import { attachLiveSync } from '../watch/live-sync';

export type { HostEvent } from './event-pump';

/** How a contract host is set up. */
export interface ContractHostOptions {
  /** The project to open first. */
  projectRoot: string;
  /** Creates (without starting) the session of a project; `createSession` in production. */
  createSession: (options: SessionOptions) => ProjectSession;
  /** Extra session options (env, timeouts) applied to every project opened. */
  sessionOptions?: Omit<SessionOptions, 'projectRoot'>;
  /** The bundled demo's root, so `ProjectInfo.isDemo` can be answered. */
  demoRoot?: string;
  /** How `editor:open-file` picks a command. */
  editor?: EditorOptions;
  /** History and batching limits. */
  pump?: Partial<EventPumpOptions>;
}

/** The contract over one session at a time; `project:open` swaps the session. */
export interface ContractHost {
  /** The open project's root. */
  readonly projectRoot: string;
  /** Starts the first project's VM; resolves once it is up or failed (never rejects). */
  start(): Promise<void>;
  /** Answers one request from a transport; never throws. */
  invoke(channel: unknown, input: unknown): Promise<ContractResult<unknown>>;
  /** Every event for the UI, batched where the contract says so. */
  onEvent(listener: (event: HostEvent) => void): Disposable;
  /** Stops the VM and drops every listener. */
  dispose(): Promise<void>;
}

type Handlers = {
  [C in RequestChannel]: (input: RequestInput<C>) => Promise<RequestOutput<C>>;
};

/** Builds a host over `options.projectRoot`; call `start()` to boot its VM. */
export function createContractHost(options: ContractHostOptions): ContractHost {
  const out = new Emitter<HostEvent>();
  const pumpOptions = { ...DEFAULT_PUMP_OPTIONS, ...options.pump };
  let session = options.createSession({
    ...options.sessionOptions,
    projectRoot: resolve(options.projectRoot),
  });
  let pump = new EventPump(session, out, pumpOptions);
  let ready: Promise<void> = Promise.resolve();
  let started = false;
  let disposed = false;
  // Keeps the UI true to disk: edits made in the user's own editor and `mix compile` runs in a
  // terminal reach the VM without a click. One per session; it survives VM restarts itself.
  let liveSync: Disposable | null = null;
  const demoRoot = options.demoRoot ? realpathOr(options.demoRoot) : Promise.resolve(null);

  function boot(target: ProjectSession, targetPump: EventPump): Promise<void> {
    const report = (text: string) =>
      targetPump.addConsoleLine({ stream: 'stderr', text: `mixscope: ${text}`, at: Date.now() });
    liveSync?.dispose();
    liveSync =
      options.sessionOptions?.watchSources === false
        ? null
        : attachLiveSync(target, {
            onError: (error) =>
              report(`live sync: ${error instanceof Error ? error.message : String(error)}`),
            onNotice: (text) => report(`live sync: ${text}`),
          });
    // A VM that cannot start is shown through its status and the console, not as a failed call.
    return target.start().catch((error: unknown) => {
      report(`the VM did not start: ${error instanceof Error ? error.message : String(error)}`);
    });
  }

  async function projectInfo(): Promise<ProjectInfo> {
    const root = session.projectRoot;
    const demo = await demoRoot;
    return {
      root,
      name: session.status.app ?? basename(root),
      status: session.status,
      isDemo: demo !== null && (await realpathOr(root)) === demo,
    };
  }

  /** Module sources the VM reports: path dependencies' files live outside the project root. */
  async function moduleSources(): Promise<string[]> {
    await ready;
    const modules = await session.modules();
    return modules.flatMap((m) => (m.source ? [resolve(session.projectRoot, m.source)] : []));
  }

  async function allowedPath(path: string): Promise<string> {
    return resolveProjectPath(session.projectRoot, path, moduleSources);
  }

  async function openProject(path: string): Promise<ProjectInfo> {
    const root = resolve(path);
    if (!existsSync(join(root, 'mix.exs'))) {
      throw new HostError('not_a_mix_project', `${root} has no mix.exs`);
    }
    const old = session;
    liveSync?.dispose();
    liveSync = null;
    pump.dispose();
    await old
      .stop()
      .catch((error: unknown) => console.error('mixscope: stopping the old VM failed:', error));
    session = options.createSession({ ...options.sessionOptions, projectRoot: root });
    pump = new EventPump(session, out, pumpOptions);
    ready = boot(session, pump);
    const info = await projectInfo();
    out.fire({ channel: 'project:opened', payload: info });
    return info;
  }

  const handlers: Handlers = {
    'project:get-info': () => projectInfo(),
    'project:open': ({ path }) => openProject(path),
    'modules:list': async () => {
      await ready;
      return session.modules();
    },
    'modules:get-functions': async ({ mod }) => {
      await ready;
      return session.functions(mod);
    },
    'modules:reload': async ({ mod }) => {
      await ready;
      const info = (await session.modules()).find((m) => m.mod === mod);
      if (!info) throw new HostError('unknown_module', `the VM holds no module ${mod}`);
      if (!info.source) throw new HostError('no_source', `${mod} has no source file on disk`);
      const path = resolve(session.projectRoot, info.source);
      return session.reload(path, await readText(path), 'user');
    },
    'modules:purge': async ({ mod }) => {
      await ready;
      return session.purge(mod);
    },
    'editor:open-file': async ({ path, line }) =>
      openInEditor(await allowedPath(path), line, options.editor),
    'source:read': async ({ path }) => ({ path, content: await readText(await allowedPath(path)) }),
    'source:save': async ({ path, content }) => {
      const absolute = await allowedPath(path);
      await ready;
      return session.reload(absolute, content, 'user');
    },
    'graph:get': async () => {
      await ready;
      return session.dependencyGraph();
    },
    'graph:trace-file': async ({ path }) => {
      await ready;
      // The agent resolves the path against the project and refuses one outside it.
      return session.request('trace_file', { path });
    },
    'events:get-history': async ({ sinceSeq }) => pump.eventHistory(sinceSeq),
    'console:get-history': async () => pump.consoleHistory(),
    'vm:restart': async () => {
      await ready;
      await session.restart();
      return { restarted: true };
    },
  };

  async function dispatch<C extends RequestChannel>(
    channel: C,
    input: unknown,
  ): Promise<RequestOutput<C>> {
    const parsed = parseRequestInput(channel, input);
    const handler = handlers[channel] as (input: RequestInput<C>) => Promise<RequestOutput<C>>;
    return handler(parsed);
  }

  return {
    get projectRoot() {
      return session.projectRoot;
    },
    start() {
      if (!started) {
        started = true;
        ready = boot(session, pump);
      }
      return ready;
    },
    async invoke(channel, input) {
      if (disposed)
        return { ok: false, error: { code: 'host_closed', message: 'the project was closed' } };
      if (!isRequestChannel(channel)) {
        return {
          ok: false,
          error: { code: 'unknown_channel', message: `no request channel ${String(channel)}` },
        };
      }
      try {
        return { ok: true, value: await dispatch(channel, input) };
      } catch (error) {
        return { ok: false, error: toContractError(error) };
      }
    },
    onEvent(listener) {
      return out.on(listener);
    },
    async dispose() {
      if (disposed) return;
      disposed = true;
      liveSync?.dispose();
      pump.dispose();
      out.dispose();
      await session.stop();
    },
  };
}

async function realpathOr(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    return resolve(path);
  }
}
