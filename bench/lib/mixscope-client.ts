/**
 * Mixscope as its UI uses it: a session on the project, saves through `reload`, and an
 * `onEvent` subscriber that stops the clock when the saved module's `recompiled` event arrives.
 */
import { createSession, type Session } from '../../src/core/session';
import type { ModuleEvent } from '../../src/shared/models';

const BOOT_COMPILE_TIMEOUT_MS = 30 * 60_000;

/** One timed save, with where the time went (times relative to the `reload` call). */
export interface SaveTiming {
  /** Call → the saved module's `recompiled` event at the subscriber. */
  ms: number;
  /** Distinct files of the `recompiled` events of this compile. */
  files: number;
  /** Files the compile touched, relative to the project root. */
  paths: string[];
  /** Call → `source_written` (resolve, write, format). */
  written_ms: number;
  /** Call → `compile_started`. */
  started_ms: number;
  /** The agent's own compile duration (`compile_finished.duration_ms`). */
  agent_compile_ms: number;
}

/** A started session with a recording subscriber. */
export class MixscopeClient {
  readonly session: Session;
  private listeners = new Set<(event: ModuleEvent, at: number) => void>();
  /** Messages the session logged (event gaps, dropped frames). */
  readonly logs: string[] = [];

  private constructor(projectRoot: string) {
    this.session = createSession({ projectRoot, watchSources: false, restartOnExit: false });
    this.session.onEvent((event) => {
      const at = performance.now();
      for (const l of this.listeners) l(event, at);
    });
    this.session.onLog((m) => this.logs.push(m));
  }

  /**
   * Starts the VM and waits for its boot compile, which recompiles whatever an earlier run left
   * edited (at 10,000 files, undoing a macro edit recompiles hundreds of files: minutes).
   */
  static async start(projectRoot: string): Promise<MixscopeClient> {
    const client = new MixscopeClient(projectRoot);
    await client.session.start();
    if (!(await client.session.waitForBootCompile(BOOT_COMPILE_TIMEOUT_MS))) {
      await client.stop();
      throw new Error('boot compile timed out');
    }
    return client;
  }

  /** Subscribes to events with their arrival time; returns an unsubscribe function. */
  listen(listener: (event: ModuleEvent, at: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Saves `content` to `path` and times it until `mod`'s `recompiled` event arrives. */
  async save(path: string, content: string, mod: string): Promise<SaveTiming> {
    const paths = new Set<string>();
    let written = NaN;
    let started = NaN;
    let arrived = NaN;
    let agentMs = NaN;
    let finish: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const t0 = performance.now();
    const stop = this.listen((e, at) => {
      if (e.origin !== 'user') return;
      if (e.kind === 'source_written' && e.path === path) written = at - t0;
      else if (e.kind === 'compile_started') started = at - t0;
      else if (e.kind === 'recompiled') {
        if (e.path) paths.add(e.path);
        if (e.mod === mod && Number.isNaN(arrived)) arrived = at - t0;
      } else if (e.kind === 'compile_finished' || e.kind === 'compile_failed') {
        if (e.kind === 'compile_finished') agentMs = e.duration_ms ?? NaN;
        finish();
      }
    });
    try {
      await this.session.reload(path, content);
      await finished;
    } finally {
      stop();
    }
    if (Number.isNaN(arrived)) throw new Error(`no recompiled event for ${mod}`);
    return {
      ms: arrived,
      files: paths.size,
      paths: [...paths].sort(),
      written_ms: written,
      started_ms: started,
      agent_compile_ms: agentMs,
    };
  }

  /** Stops the VM. */
  stop(): Promise<void> {
    return this.session.stop();
  }
}
