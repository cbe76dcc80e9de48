/**
 * One life of a project VM: the link it connects back to, the OS process, and the subscriptions
 * hung on them. A session creates a new incarnation per (re)start and disposes the old one whole.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AGENT_ENV, type HelloFrame } from '../shared/agent-protocol';
import { AgentLink } from './agent-link';
import { DisposableStore } from './lifecycle';
import type { VmCommand } from './vm-command';
import { VmProcess } from './vm-process';

/** How long a VM gets to halt by itself once its link is closed before it is signalled. */
export const HALT_GRACE_MS = 3_000;

/** A VM process, its link and everything subscribed to them. */
export interface Incarnation {
  store: DisposableStore;
  link: AgentLink;
  vm: VmProcess;
  /** When the agent said hello; null while starting. */
  upAt: number | null;
  /** Set when the session ends this VM on purpose, so its exit is not a crash. */
  retiring: boolean;
  /** Set once the agent's boot compile finished (its `startup` compile_finished event). */
  bootCompiled: boolean;
}

/** What an incarnation needs to start. */
export interface IncarnationOptions {
  projectRoot: string;
  agentDir: string;
  cacheDir: string;
  command: VmCommand;
  env: Record<string, string>;
  requestTimeoutMs: number;
}

/** Opens a link and spawns the VM pointed at it. */
export async function spawnIncarnation(options: IncarnationOptions): Promise<Incarnation> {
  const store = new DisposableStore();
  try {
    const link = store.add(await AgentLink.listen({ requestTimeoutMs: options.requestTimeoutMs }));
    const vm = store.add(
      new VmProcess({
        command: options.command,
        cwd: options.projectRoot,
        env: {
          ...options.env,
          [AGENT_ENV.port]: String(link.port),
          [AGENT_ENV.token]: link.token,
          [AGENT_ENV.agentDir]: options.agentDir,
          [AGENT_ENV.cacheDir]: options.cacheDir,
        },
      }),
    );
    return { store, link, vm, upAt: null, retiring: false, bootCompiled: false };
  } catch (error) {
    store.dispose();
    throw error;
  }
}

/** The outcome of waiting for the agent's hello. */
export type HelloOutcome =
  { kind: 'hello'; hello: HelloFrame } | { kind: 'failed'; reason: string };

/** Waits for the hello, the VM's exit or the timeout, whichever comes first. */
export async function awaitHello(inc: Incarnation, timeoutMs: number): Promise<HelloOutcome> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<HelloOutcome>((resolve) => {
    timer = setTimeout(
      () =>
        resolve({
          kind: 'failed',
          reason: `the agent did not connect within ${formatDuration(timeoutMs)}`,
        }),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([
      inc.link.waitForHello().then(
        (hello): HelloOutcome => ({ kind: 'hello', hello }),
        (error: Error): HelloOutcome => ({ kind: 'failed', reason: error.message }),
      ),
      inc.vm.exited.then((exit): HelloOutcome => ({
        kind: 'failed',
        reason: exit.spawnError ? exit.reason : `the VM ${exit.reason} before the agent connected`,
      })),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Ends a VM: closing its link makes the agent halt it; signals follow if it lingers. */
export async function stopIncarnation(inc: Incarnation): Promise<void> {
  inc.retiring = true;
  const connected = inc.link.hello !== null;
  inc.link.dispose();
  if (!inc.vm.exit && !connected) {
    // No agent ever connected, so nothing will halt the VM when the link closes.
    await inc.vm.stop(HALT_GRACE_MS);
  } else if (!inc.vm.exit) {
    const halted = await Promise.race([
      inc.vm.exited.then(() => true),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), HALT_GRACE_MS).unref()),
    ]);
    if (!halted) await inc.vm.stop(HALT_GRACE_MS);
  }
  inc.store.dispose();
}

/** Says what is wrong with a project folder before a VM is spawned in it, or null. */
export function checkProject(root: string): string | null {
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    return `project folder ${root} does not exist`;
  }
  if (!existsSync(join(root, 'mix.exs'))) {
    return `${root} is not a Mix project (no mix.exs)`;
  }
  return null;
}

function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}
