/**
 * Interleaved edit trials: per trial one fresh edit, made by each contender in turn (the order
 * rotates trial by trial so none always runs right after another's disk or CPU work):
 * Mixscope's save → event, `IEx.Helpers.recompile()` in a warm VM, `mix compile` as a CLI, and
 * the bare compile of the affected files in the warm VM.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EditTarget } from './edits';
import type { IexDriver } from './iex-driver';
import { rewindManifest, timeMix } from './mix-cli';
import type { MixscopeClient, SaveTiming } from './mixscope-client';
import type { Workspace } from './workspace';

/** The contenders of an edit trial. */
export type Contender = 'mixscope' | 'iex' | 'cli' | 'bare';

/** Everything the trials need. */
export interface EditContext {
  ws: Workspace;
  client: MixscopeClient;
  iex: IexDriver;
  log: (line: string) => void;
}

/** Per-contender samples (ms) and files compiled, plus Mixscope's phase timings. */
export interface EditSamples {
  ms: Record<Contender, number[]>;
  files: Record<Exclude<Contender, 'bare'>, number[]>;
  phases: SaveTiming[];
  /** Files the bare compile compiled (Mixscope's files of the warm-up, else Mix's rule). */
  bareFiles: number;
}

const ORDER: Contender[] = ['mixscope', 'iex', 'cli', 'bare'];

/**
 * Runs `trials` timed trials of editing `target`, after one untimed warm-up unless `warmup` is
 * false (a macro edit recompiles many files: a warm-up would double its cost).
 */
export async function runEditTrials(
  ctx: EditContext,
  target: EditTarget,
  trials: number,
  nonce: number,
  warmup = true,
): Promise<EditSamples> {
  const { ws, client, iex } = ctx;
  const original = readFileSync(join(ws.source, target.path), 'utf8');
  const write = (dir: string, content: string): void =>
    writeFileSync(join(dir, target.path), content);
  const out: EditSamples = {
    ms: { mixscope: [], iex: [], cli: [], bare: [] },
    files: { mixscope: [], iex: [], cli: [] },
    phases: [],
    bareFiles: 0,
  };
  // Mix's rule read off the graph, replaced by what Mixscope compiled in the warm-up, if any.
  let affected = [target.path, ...target.compileDependents];

  for (let trial = warmup ? 0 : 1; trial <= trials; trial++) {
    const warm = trial === 0;
    const content = target.edit(original, nonce + trial);
    const order = warm ? ORDER : rotate(ORDER, trial);
    for (const who of order) {
      if (who === 'mixscope') {
        const t = await client.save(target.path, content, target.mod);
        if (warm) affected = t.paths.length > 0 ? t.paths : affected;
        else {
          out.ms.mixscope.push(t.ms);
          out.files.mixscope.push(t.files);
          out.phases.push(t);
        }
      } else if (who === 'iex') {
        write(ws.iex, content);
        rewindManifest(ws.iex, ws.app);
        const a = await iex.recompile();
        if (a.result !== ':ok') ctx.log(`  iex recompile answered ${a.result} (trial ${trial})`);
        if (!warm) {
          out.ms.iex.push(a.result === ':ok' ? a.ms : NaN);
          out.files.iex.push(a.files);
        }
      } else if (who === 'cli') {
        write(ws.cli, content);
        rewindManifest(ws.cli, ws.app);
        const run = await timeMix(['compile'], ws.cli);
        if (run.code !== 0 || run.files === 0) {
          ctx.log(`  mix compile: exit ${run.code}, ${run.files} files (trial ${trial})`);
        }
        if (!warm) {
          out.ms.cli.push(run.code === 0 && run.files > 0 ? run.ms : NaN);
          out.files.cli.push(run.files);
        }
      } else {
        // The warm VM's copy holds this trial's content whether or not its recompile ran yet.
        write(ws.iex, content);
        const a = await iex.bareCompile(affected.map((p) => join(ws.iex, p)));
        if (a.result !== ':ok') ctx.log(`  bare compile answered ${a.result} (trial ${trial})`);
        if (!warm) out.ms.bare.push(a.result === ':ok' ? a.ms : NaN);
        out.bareFiles = affected.length;
      }
    }
  }
  return out;
}

function rotate<T>(xs: readonly T[], by: number): T[] {
  const k = by % xs.length;
  return [...xs.slice(k), ...xs.slice(0, k)];
}
