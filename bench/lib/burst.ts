/**
 * The event burst: 10,000 `recompiled` events from the agent to a subscriber, in the situation
 * that produces them in real use: another OS process (a terminal `mix compile` after a branch
 * switch) wrote 10,000 new `.beam` files, and `sync_loaded` loads them and announces each one.
 * The beams are minimal modules built once from Erlang forms (`burst-beams.exs`) and cached.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MixscopeClient } from './mixscope-client';

/** What the subscriber saw. */
export interface BurstResult {
  events: number;
  /** Expected events that never arrived plus gaps in `seq`. */
  lost: number;
  /** Events per second between the first and the last burst event at the subscriber. */
  per_second: number;
  /** `sync_loaded` call → last event (includes loading the beams). */
  total_ms: number;
  /** First → last burst event at the subscriber. */
  delivery_ms: number;
}

const HERE = dirname(fileURLToPath(import.meta.url));
const PREFIX = 'MixscopeBurst.M';

/** The cached folder of `count` burst beams, built on first use. */
export function burstBeams(count: number): string {
  const dir = join(HERE, '..', '.cache', `burst-beams-${count}`);
  if (existsSync(dir) && readdirSync(dir).length === count) return dir;
  rmSync(dir, { recursive: true, force: true });
  execFileSync('elixir', [join(HERE, 'burst-beams.exs'), dir, String(count)], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return dir;
}

/** Copies the beams into the project's ebin, asks the agent to sync, counts what arrives. */
export async function measureBurst(
  client: MixscopeClient,
  ebin: string,
  count: number,
): Promise<BurstResult & { cleanup: () => void }> {
  const source = burstBeams(count);
  const names = readdirSync(source);
  const targets = names.map((n) => join(ebin, n));
  // Copies get a fresh mtime: to the agent they are beams newer than its VM, never loaded.
  names.forEach((n, i) => copyFileSync(join(source, n), targets[i]!));
  const cleanup = (): void => targets.forEach((t) => rmSync(t, { force: true }));

  const seen = new Set<string>();
  const seqs: number[] = [];
  let first = NaN;
  let last = NaN;
  let done: () => void = () => undefined;
  const all = new Promise<void>((resolve) => (done = resolve));
  const stop = client.listen((e, at) => {
    seqs.push(e.seq);
    if (e.kind !== 'recompiled' || !e.mod?.startsWith(PREFIX)) return;
    if (Number.isNaN(first)) first = at;
    last = at;
    seen.add(e.mod);
    if (seen.size === count) done();
  });
  const t0 = performance.now();
  try {
    await client.session.request('sync_loaded', { origin: 'external', beams: targets }, 600_000);
    // Everything was sent before the reply; a short grace covers nothing but a lost frame.
    await Promise.race([all, new Promise((r) => setTimeout(r, 5_000))]);
  } finally {
    stop();
  }
  let gaps = 0;
  for (let i = 1; i < seqs.length; i++) gaps += Math.max(0, seqs[i]! - seqs[i - 1]! - 1);
  const delivery = last - first;
  return {
    events: seen.size,
    lost: count - seen.size + gaps,
    per_second: delivery > 0 ? Math.round((seen.size / delivery) * 1000) : 0,
    total_ms: last - t0,
    delivery_ms: delivery,
    cleanup,
  };
}
